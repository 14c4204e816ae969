package lambdaemu

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/fnasync/fnasync/provider/emukit"
)

// Signature Version 4, as AWS's "Create a signed AWS API request" steps
// describe it: a canonical request (method, the URI-encoded path, the
// sorted query, the signed headers' canonical form, their names and the
// payload's SHA-256), a string to sign ("AWS4-HMAC-SHA256", the date, the
// credential scope and the canonical request's hash) and a signing key
// derived from the secret by HMAC-SHA256 over the date, region, service
// and "aws4_request".

const (
	sigAlgorithm = "AWS4-HMAC-SHA256"
	amzDate      = "20060102T150405Z"
	service      = "lambda"
)

// authorization is a parsed Authorization header.
type authorization struct {
	accessKey, date, region, service, terminator string
	signedHeaders                                []string
	signature                                    string
}

func parseAuthorization(h string) (*authorization, bool) {
	rest, ok := strings.CutPrefix(h, sigAlgorithm+" ")
	if !ok {
		return nil, false
	}
	a := &authorization{}
	for _, part := range strings.Split(rest, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return nil, false
		}
		switch k {
		case "Credential":
			f := strings.Split(v, "/")
			if len(f) != 5 {
				return nil, false
			}
			a.accessKey, a.date, a.region, a.service, a.terminator = f[0], f[1], f[2], f[3], f[4]
		case "SignedHeaders":
			a.signedHeaders = strings.Split(v, ";")
		case "Signature":
			a.signature = v
		}
	}
	if a.accessKey == "" || len(a.signedHeaders) == 0 || a.signature == "" {
		return nil, false
	}
	return a, true
}

// authenticate verifies r's signature over body. It returns the region of
// the credential scope, or Lambda's error: 403 MissingAuthenticationToken
// without an Authorization header, 400 IncompleteSignature for a malformed
// one, 403 UnrecognizedClient for another access key or a session token
// (the emulator's keys are long-term), 403 InvalidSignature for a bad
// signature or a date outside the 15-minute window.
func (s *Server) authenticate(r *http.Request, body []byte) (string, *apiError) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return "", errAuth(http.StatusForbidden, "MissingAuthenticationTokenException", "Missing Authentication Token")
	}
	a, ok := parseAuthorization(h)
	if !ok {
		return "", errAuth(http.StatusBadRequest, "IncompleteSignatureException", "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters of the AWS4-HMAC-SHA256 scheme")
	}
	if a.service != service || a.terminator != "aws4_request" {
		return "", errAuth(http.StatusForbidden, "InvalidSignatureException", "Credential should be scoped to correct service: 'lambda' and end in aws4_request")
	}
	if a.accessKey != s.opts.AccessKey {
		return "", errAuth(http.StatusForbidden, "UnrecognizedClientException", "The security token included in the request is invalid.")
	}
	signed := func(name string) bool { return slices.Contains(a.signedHeaders, name) }
	if !signed("host") || !signed("x-amz-date") {
		return "", errAuth(http.StatusBadRequest, "IncompleteSignatureException", "the host and x-amz-date headers must be signed")
	}
	if r.Header.Get("X-Amz-Security-Token") != "" && !signed("x-amz-security-token") {
		return "", errAuth(http.StatusBadRequest, "IncompleteSignatureException", "the x-amz-security-token header must be signed")
	}
	date := r.Header.Get("X-Amz-Date")
	t, err := time.Parse(amzDate, date)
	if err != nil || !strings.HasPrefix(date, a.date) || len(a.date) != 8 {
		return "", errAuth(http.StatusBadRequest, "IncompleteSignatureException", "the X-Amz-Date header is missing, not of the form YYYYMMDDTHHMMSSZ or not the credential's date")
	}
	if now := s.now(); !emukit.SkewOK(t, now) {
		return "", errAuth(http.StatusForbidden, "InvalidSignatureException", "Signature expired: "+date+" is now earlier or later than 15 minutes from "+now.Format(amzDate)+".")
	}
	sum := sha256.Sum256(body)
	payload := hex.EncodeToString(sum[:])
	if c := r.Header.Get("X-Amz-Content-Sha256"); c != "" && c != payload {
		return "", errAuth(http.StatusBadRequest, "InvalidSignatureException", "The provided x-amz-content-sha256 header does not match what was computed.")
	}
	want := sign(s.opts.SecretKey, date, a.region, service, canonicalRequest(r, a.signedHeaders, payload))
	if subtle.ConstantTimeCompare([]byte(want), []byte(a.signature)) != 1 {
		return "", errAuth(http.StatusForbidden, "InvalidSignatureException", "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.")
	}
	return a.region, nil
}

// canonicalRequest builds the canonical request of r: for a service other
// than S3 the path is URI-encoded twice (the request's escaped path,
// encoded again).
func canonicalRequest(r *http.Request, signedHeaders []string, payloadHash string) string {
	path := r.URL.EscapedPath()
	if path == "" {
		path = "/"
	}
	var b strings.Builder
	b.WriteString(r.Method + "\n" + uriEncode(path, false) + "\n" + canonicalQuery(r.URL.RawQuery) + "\n")
	for _, name := range signedHeaders {
		var v string
		if name == "host" {
			v = r.Host
		} else {
			vals := r.Header.Values(name)
			for i := range vals {
				vals[i] = strings.Join(strings.Fields(vals[i]), " ")
			}
			v = strings.Join(vals, ",")
		}
		b.WriteString(name + ":" + v + "\n")
	}
	b.WriteString("\n" + strings.Join(signedHeaders, ";") + "\n" + payloadHash)
	return b.String()
}

// canonicalQuery sorts the query by encoded name, then value, each
// URI-encoded.
func canonicalQuery(raw string) string {
	q, _ := url.ParseQuery(raw)
	var pairs []string
	for k, vs := range q {
		for _, v := range vs {
			pairs = append(pairs, uriEncode(k, true)+"="+uriEncode(v, true))
		}
	}
	slices.Sort(pairs)
	return strings.Join(pairs, "&")
}

// uriEncode percent-encodes every byte but the unreserved characters
// (A-Z a-z 0-9 - _ . ~), and '/' unless encodeSlash.
func uriEncode(s string, encodeSlash bool) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '-', c == '_', c == '.', c == '~':
			b.WriteByte(c)
		case c == '/' && !encodeSlash:
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&15])
		}
	}
	return b.String()
}

// sign returns the hex signature of a canonical request made at date
// (X-Amz-Date form) in region for svc: the string to sign and the key
// derived from secret, as AWS's signing steps define them.
func sign(secret, date, region, svc, canonical string) string {
	day := date[:min(8, len(date))]
	scope := day + "/" + region + "/" + svc + "/aws4_request"
	sum := sha256.Sum256([]byte(canonical))
	toSign := sigAlgorithm + "\n" + date + "\n" + scope + "\n" + hex.EncodeToString(sum[:])
	key := hmacSHA256([]byte("AWS4"+secret), day)
	for _, part := range []string{region, svc, "aws4_request"} {
		key = hmacSHA256(key, part)
	}
	return hex.EncodeToString(hmacSHA256(key, toSign))
}

func hmacSHA256(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}

// Verify checks r's Signature Version 4 signature (over body) against the
// emulator's keys, as every API request's is: the inspection endpoints of
// a listener that is not loopback take it (emukit.InspectOptions).
func (s *Server) Verify(r *http.Request, body []byte) error {
	if _, e := s.authenticate(r, body); e != nil {
		return fmt.Errorf("%s: %s", e.code, e.msg)
	}
	return nil
}
