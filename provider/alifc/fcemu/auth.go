package fcemu

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/fnasync/fnasync/provider/emukit"
)

// authenticate verifies the request's signature: the ROA "acs" HMAC-SHA1
// scheme of the Alibaba Cloud SDKs, or ACS3-HMAC-SHA256 of the current Tea
// SDKs, and the 15-minute window of the signed date. Messages never
// contain the secret or the expected signature.
func (s *Server) authenticate(r *http.Request, body []byte) *apiError {
	auth := r.Header.Get("Authorization")
	switch {
	case auth == "":
		return errf(http.StatusForbidden, "MissingRequiredHeader", "the request has no Authorization header: sign it with your access key")
	case strings.HasPrefix(auth, "acs "):
		return s.verifyACS(r, body, strings.TrimPrefix(auth, "acs "))
	case strings.HasPrefix(auth, "ACS3-HMAC-SHA256 "):
		return s.verifyACS3(r, body, strings.TrimPrefix(auth, "ACS3-HMAC-SHA256 "))
	}
	return errSignature("unsupported signature scheme: the emulator accepts \"acs\" (HMAC-SHA1) and ACS3-HMAC-SHA256")
}

func (s *Server) checkKeyAndDate(ak string, date time.Time) *apiError {
	if ak != s.opts.AccessKey {
		return errf(http.StatusForbidden, "InvalidAccessKeyID", "the access key ID %q does not exist", clip(ak))
	}
	if now := s.now(); !emukit.SkewOK(date, now) {
		return errf(http.StatusForbidden, "RequestTimeTooSkewed",
			"the request was signed at %s, more than 15 minutes from the server time %s", fmtTime(date), fmtTime(now))
	}
	return nil
}

// verifyACS checks "acs AK:base64(HMAC-SHA1(secret, stringToSign))" with
// stringToSign = METHOD, Accept, Content-MD5, Content-Type and Date lines,
// the sorted x-acs-* headers, then path?sorted-raw-query.
func (s *Server) verifyACS(r *http.Request, body []byte, cred string) *apiError {
	ak, sig, found := strings.Cut(cred, ":")
	if !found || ak == "" || sig == "" {
		return errSignature("malformed Authorization header: want \"acs ACCESS_KEY_ID:SIGNATURE\"")
	}
	dateStr := r.Header.Get("Date")
	date, err := http.ParseTime(dateStr)
	if err != nil {
		return errf(http.StatusForbidden, "MissingRequiredHeader", "the Date header is missing or not an HTTP date: %q", clip(dateStr))
	}
	if e := s.checkKeyAndDate(ak, date); e != nil {
		return e
	}
	if md := r.Header.Get("Content-MD5"); md != "" {
		sum := md5.Sum(body)
		if md != base64.StdEncoding.EncodeToString(sum[:]) {
			return errSignature("the Content-MD5 header does not match the request body")
		}
	}
	var head strings.Builder
	head.WriteString(r.Method + "\n")
	for _, h := range []string{"Accept", "Content-MD5", "Content-Type", "Date"} {
		head.WriteString(r.Header.Get(h) + "\n")
	}
	for _, k := range sortedKeys(r.Header, "x-acs-") {
		head.WriteString(k + ":" + r.Header.Get(k) + "\n")
	}
	query := rawQuery(r.URL.Query())
	for _, p := range []string{r.URL.EscapedPath(), r.URL.Path} {
		mac := hmac.New(sha1.New, []byte(s.opts.SecretKey))
		mac.Write([]byte(head.String() + p + query))
		want := base64.StdEncoding.EncodeToString(mac.Sum(nil))
		if hmac.Equal([]byte(want), []byte(sig)) {
			return nil
		}
	}
	return errSignature(signatureMismatch)
}

// rawQuery renders "?k=v&k2" with sorted keys and decoded values, the way
// the acs scheme signs the query; "" without a query.
func rawQuery(q url.Values) string {
	if len(q) == 0 {
		return ""
	}
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		if v := q.Get(k); v != "" {
			parts = append(parts, k+"="+v)
		} else {
			parts = append(parts, k)
		}
	}
	return "?" + strings.Join(parts, "&")
}

// sortedKeys returns the lowercase names of the headers starting with
// prefix, sorted.
func sortedKeys(h http.Header, prefix string) []string {
	var out []string
	for k := range h {
		if lk := strings.ToLower(k); strings.HasPrefix(lk, prefix) {
			out = append(out, lk)
		}
	}
	slices.Sort(out)
	return out
}

// verifyACS3 checks "ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=a;b,
// Signature=hex" over the canonical request (method, escaped path,
// canonical query, the signed headers, the signed header list and
// x-acs-content-sha256).
func (s *Server) verifyACS3(r *http.Request, body []byte, params string) *apiError {
	var ak, signed, sig string
	for _, kv := range strings.Split(params, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(kv), "=")
		switch k {
		case "Credential":
			ak = v
		case "SignedHeaders":
			signed = v
		case "Signature":
			sig = v
		}
	}
	if ak == "" || signed == "" || sig == "" {
		return errSignature("malformed Authorization header: want \"ACS3-HMAC-SHA256 Credential=...,SignedHeaders=...,Signature=...\"")
	}
	headers := strings.Split(signed, ";")
	if !slices.Contains(headers, "x-acs-date") {
		return errSignature("x-acs-date must be among the signed headers")
	}
	dateStr := r.Header.Get("x-acs-date")
	date, err := time.Parse("2006-01-02T15:04:05Z", dateStr)
	if err != nil {
		return errf(http.StatusForbidden, "MissingRequiredHeader", "the x-acs-date header is missing or not 2006-01-02T15:04:05Z: %q", clip(dateStr))
	}
	if e := s.checkKeyAndDate(ak, date); e != nil {
		return e
	}
	sum := sha256.Sum256(body)
	bodyHash := hex.EncodeToString(sum[:])
	if h := r.Header.Get("x-acs-content-sha256"); h != "" && h != bodyHash {
		return errSignature("the x-acs-content-sha256 header does not match the request body")
	}
	var canon strings.Builder
	uri := r.URL.EscapedPath()
	if uri == "" {
		uri = "/"
	}
	canon.WriteString(r.Method + "\n" + uri + "\n" + canonicalQuery(r.URL.Query()) + "\n")
	for _, h := range headers {
		v := r.Header.Get(h)
		if h == "host" {
			v = r.Host
		}
		canon.WriteString(h + ":" + strings.TrimSpace(v) + "\n")
	}
	canon.WriteString("\n" + signed + "\n" + bodyHash)
	digest := sha256.Sum256([]byte(canon.String()))
	mac := hmac.New(sha256.New, []byte(s.opts.SecretKey))
	mac.Write([]byte("ACS3-HMAC-SHA256\n" + hex.EncodeToString(digest[:])))
	if !hmac.Equal([]byte(hex.EncodeToString(mac.Sum(nil))), []byte(sig)) {
		return errSignature(signatureMismatch)
	}
	return nil
}

// canonicalQuery renders the ACS3 query: keys sorted and verbatim, values
// percent-encoded (space %20, '*' %2A, '~' kept), "k=" for an empty value.
func canonicalQuery(q url.Values) string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+"="+acs3Escape(q.Get(k)))
	}
	return strings.Join(parts, "&")
}

func acs3Escape(v string) string {
	e := url.QueryEscape(v)
	return strings.NewReplacer("+", "%20", "*", "%2A", "%7E", "~").Replace(e)
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
