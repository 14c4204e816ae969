package fgemu

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/fnasync/fnasync/provider/emukit"
)

// The SDK-HMAC-SHA256 scheme of the Huawei Cloud SDKs and API Gateway.
const (
	sdkAlgorithm  = "SDK-HMAC-SHA256"
	sdkDateLayout = "20060102T150405Z"
)

// authenticate verifies r's SDK-HMAC-SHA256 signature over body against
// the emulator's key pair and clock:
//
//	CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQuery \n
//	                   CanonicalHeaders \n SignedHeaders \n hex(sha256(body))
//	StringToSign     = "SDK-HMAC-SHA256" \n X-Sdk-Date \n hex(sha256(CanonicalRequest))
//	Signature        = hex(HMAC-SHA256(SecretKey, StringToSign))
//
// The canonical URI is the decoded path with every segment escaped and a
// trailing "/"; the canonical query has keys and values sorted and
// escaped; the signed headers are those the Authorization header names,
// which must include x-sdk-date. X-Sdk-Date must be within 15 minutes of
// the clock. Messages never contain the secret.
func (s *Server) authenticate(r *http.Request, body []byte) *apiError {
	auth := r.Header.Get("Authorization")
	if auth == "" {
		return errAuth("the Authorization header is missing")
	}
	alg, params, _ := strings.Cut(auth, " ")
	if alg != sdkAlgorithm {
		return errAuth("unsupported signing algorithm %q, want %s", clip(alg), sdkAlgorithm)
	}
	access, signed, sig := "", "", ""
	for _, kv := range strings.Split(params, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(kv), "=")
		switch k {
		case "Access":
			access = v
		case "SignedHeaders":
			signed = v
		case "Signature":
			sig = v
		}
	}
	if access == "" || signed == "" || sig == "" {
		return errAuth("the Authorization header needs Access, SignedHeaders and Signature")
	}
	if !hmac.Equal([]byte(access), []byte(s.opts.AccessKey)) {
		return errAuth("access key %s does not exist", clip(access))
	}
	headers := strings.Split(signed, ";")
	if !slices.Contains(headers, "x-sdk-date") {
		return errAuth("x-sdk-date must be a signed header")
	}
	date := r.Header.Get("X-Sdk-Date")
	t, err := time.Parse(sdkDateLayout, date)
	if err != nil {
		return errAuth("X-Sdk-Date %q is not in the form %s", clip(date), sdkDateLayout)
	}
	if !emukit.SkewOK(t, s.now()) {
		return errStale("the request time %s is more than 15 minutes from the server time %s", date, s.now().Format(sdkDateLayout))
	}
	payload := r.Header.Get("X-Sdk-Content-Sha256")
	if payload == "" {
		sum := sha256.Sum256(body)
		payload = hex.EncodeToString(sum[:])
	}
	canonical := strings.Join([]string{r.Method, canonicalURI(r.URL.Path), canonicalQuery(r),
		canonicalHeaders(r, headers), signed, payload}, "\n")
	sum := sha256.Sum256([]byte(canonical))
	toSign := sdkAlgorithm + "\n" + date + "\n" + hex.EncodeToString(sum[:])
	mac := hmac.New(sha256.New, []byte(s.opts.SecretKey))
	mac.Write([]byte(toSign))
	want := hex.EncodeToString(mac.Sum(nil))
	if !hmac.Equal([]byte(want), []byte(strings.ToLower(sig))) {
		return errAuth("verify aksk signature fail")
	}
	return nil
}

// canonicalURI escapes every segment of the decoded path and ends it with
// "/".
func canonicalURI(path string) string {
	segs := strings.Split(path, "/")
	for i, p := range segs {
		segs[i] = escape(p)
	}
	out := strings.Join(segs, "/")
	if !strings.HasSuffix(out, "/") {
		out += "/"
	}
	return out
}

// canonicalQuery sorts the query's keys, and each key's values, and
// escapes both.
func canonicalQuery(r *http.Request) string {
	q := r.URL.Query()
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var parts []string
	for _, k := range keys {
		vals := slices.Clone(q[k])
		slices.Sort(vals)
		for _, v := range vals {
			parts = append(parts, escape(k)+"="+escape(v))
		}
	}
	return strings.Join(parts, "&")
}

// canonicalHeaders renders "name:value\n" for each signed header (each
// value of a repeated one, sorted); "host" is the request's Host.
func canonicalHeaders(r *http.Request, names []string) string {
	var b strings.Builder
	for _, name := range names {
		vals := slices.Clone(r.Header.Values(name))
		if name == "host" {
			vals = []string{r.Host}
		}
		slices.Sort(vals)
		for _, v := range vals {
			b.WriteString(name + ":" + strings.TrimSpace(v) + "\n")
		}
	}
	return b.String()
}

// escape keeps A-Z a-z 0-9 _ ~ . - and percent-encodes every other byte
// with upper-case hex.
func escape(s string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_' || c == '-' || c == '~' || c == '.' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
	}
	return b.String()
}

// Verify checks r's signature over body against the emulator's
// credentials and clock, as every API request is checked. The inspection
// endpoints (emukit.Inspect) use it, so that a signature of this cloud
// opens them where the emulator is reachable from the network.
func (s *Server) Verify(r *http.Request, body []byte) error {
	if e := s.authenticate(r, body); e != nil {
		return e
	}
	return nil
}
