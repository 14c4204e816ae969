package proof

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// The clouds' request signatures, written from their published schemes so
// that the emulators' refusals can be tested with raw requests: sign
// sets the headers of r for the given access key pair and signing time.

// signHuawei signs r with SDK-HMAC-SHA256 (Huawei Cloud API Gateway).
func signHuawei(r *http.Request, ak, sk string, at time.Time, body []byte) {
	date := at.UTC().Format("20060102T150405Z")
	r.Header.Set("X-Sdk-Date", date)
	segs := strings.Split(r.URL.Path, "/")
	for i, s := range segs {
		segs[i] = hwEscape(s)
	}
	uri := strings.Join(segs, "/")
	if !strings.HasSuffix(uri, "/") {
		uri += "/"
	}
	var query []string
	for k, vs := range r.URL.Query() {
		for _, v := range vs {
			query = append(query, hwEscape(k)+"="+hwEscape(v))
		}
	}
	sort.Strings(query)
	canonical := strings.Join([]string{r.Method, uri, strings.Join(query, "&"),
		"host:" + r.URL.Host + "\nx-sdk-date:" + date + "\n", "host;x-sdk-date", sha256Hex(body)}, "\n")
	toSign := "SDK-HMAC-SHA256\n" + date + "\n" + sha256Hex([]byte(canonical))
	r.Header.Set("Authorization", "SDK-HMAC-SHA256 Access="+ak+", SignedHeaders=host;x-sdk-date, Signature="+hmacSHA256Hex(sk, toSign))
}

// hwEscape keeps A-Z a-z 0-9 - _ . ~ and percent-encodes the rest.
func hwEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || strings.IndexByte("-_.~", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// signACS signs r with the ROA "acs" HMAC-SHA1 scheme of the Alibaba
// Cloud SDK (FC 2.0).
func signACS(r *http.Request, ak, sk string, at time.Time, _ []byte) {
	r.Header.Set("Date", at.UTC().Format(http.TimeFormat))
	r.Header.Set("Accept", "application/json")
	var b strings.Builder
	b.WriteString(r.Method + "\n" + r.Header.Get("Accept") + "\n" + r.Header.Get("Content-MD5") + "\n" +
		r.Header.Get("Content-Type") + "\n" + r.Header.Get("Date") + "\n")
	var acs []string
	for k := range r.Header {
		if lk := strings.ToLower(k); strings.HasPrefix(lk, "x-acs-") {
			acs = append(acs, lk+":"+r.Header.Get(k))
		}
	}
	sort.Strings(acs)
	for _, h := range acs {
		b.WriteString(h + "\n")
	}
	b.WriteString(r.URL.Path)
	q := r.URL.Query()
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for i, k := range keys {
		sep := "&"
		if i == 0 {
			sep = "?"
		}
		b.WriteString(sep + k + "=" + q.Get(k))
	}
	mac := hmac.New(sha1.New, []byte(sk))
	mac.Write([]byte(b.String()))
	r.Header.Set("Authorization", "acs "+ak+":"+base64.StdEncoding.EncodeToString(mac.Sum(nil)))
}

// signACS3 signs r with ACS3-HMAC-SHA256 (the current Alibaba Cloud SDKs,
// FC 3.0).
func signACS3(r *http.Request, ak, sk string, at time.Time, body []byte) {
	r.Header.Set("x-acs-date", at.UTC().Format("2006-01-02T15:04:05Z"))
	r.Header.Set("x-acs-content-sha256", sha256Hex(body))
	var query []string
	for k, vs := range r.URL.Query() {
		query = append(query, k+"="+strings.NewReplacer("+", "%20", "*", "%2A", "%7E", "~").Replace(url.QueryEscape(vs[0])))
	}
	sort.Strings(query)
	signed := "host;x-acs-content-sha256;x-acs-date"
	canonical := r.Method + "\n" + r.URL.EscapedPath() + "\n" + strings.Join(query, "&") + "\n" +
		"host:" + r.URL.Host + "\nx-acs-content-sha256:" + sha256Hex(body) + "\nx-acs-date:" + r.Header.Get("x-acs-date") + "\n" +
		"\n" + signed + "\n" + sha256Hex(body)
	sig := hmacSHA256Hex(sk, "ACS3-HMAC-SHA256\n"+sha256Hex([]byte(canonical)))
	r.Header.Set("Authorization", "ACS3-HMAC-SHA256 Credential="+ak+",SignedHeaders="+signed+",Signature="+sig)
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func hmacSHA256Hex(key, msg string) string {
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write([]byte(msg))
	return hex.EncodeToString(mac.Sum(nil))
}

// signSigV4 signs r with AWS Signature Version 4 for Lambda in us-east-1:
// the canonical request (the path's segments URI-encoded twice, the query
// sorted and encoded, host and x-amz-date signed, the body's SHA-256),
// the string to sign over the credential scope, and the key derived
// from "AWS4"+sk through the date, region, service and "aws4_request".
func signSigV4(r *http.Request, ak, sk string, at time.Time, body []byte) {
	const region, svc = "us-east-1", "lambda"
	stamp := at.UTC().Format("20060102T150405Z")
	day := stamp[:8]
	r.Header.Set("X-Amz-Date", stamp)
	enc := func(s string) string {
		return strings.NewReplacer("+", "%20", "*", "%2A", "%7E", "~").Replace(url.QueryEscape(s))
	}
	segs := strings.Split(r.URL.EscapedPath(), "/")
	for i, s := range segs {
		segs[i] = enc(s)
	}
	var query []string
	for k, vs := range r.URL.Query() {
		for _, v := range vs {
			query = append(query, enc(k)+"="+enc(v))
		}
	}
	sort.Strings(query)
	canonical := strings.Join([]string{r.Method, strings.Join(segs, "/"), strings.Join(query, "&"),
		"host:" + r.URL.Host + "\nx-amz-date:" + stamp + "\n", "host;x-amz-date", sha256Hex(body)}, "\n")
	scope := day + "/" + region + "/" + svc + "/aws4_request"
	toSign := "AWS4-HMAC-SHA256\n" + stamp + "\n" + scope + "\n" + sha256Hex([]byte(canonical))
	key := []byte("AWS4" + sk)
	for _, part := range []string{day, region, svc, "aws4_request"} {
		m := hmac.New(sha256.New, key)
		m.Write([]byte(part))
		key = m.Sum(nil)
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte(toSign))
	r.Header.Set("Authorization", fmt.Sprintf("AWS4-HMAC-SHA256 Credential=%s/%s, SignedHeaders=host;x-amz-date, Signature=%s",
		ak, scope, hex.EncodeToString(m.Sum(nil))))
}
