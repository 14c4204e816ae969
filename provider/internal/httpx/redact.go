package httpx

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"

	"github.com/fnasync/fnasync/internal/safetext"
)

// tokenHeaders carry security tokens: Huawei's, Alibaba's and AWS's.
var tokenHeaders = []string{"X-Security-Token", "X-Acs-Security-Token", "X-Amz-Security-Token"}

// secrets returns what must not come back in an answer to a request with
// header h: the Authorization value, the access key id and signature in
// it, and any security token.
func secrets(h http.Header) []string {
	var out []string
	for _, name := range tokenHeaders {
		out = append(out, h.Values(name)...)
	}
	for _, v := range h.Values("Authorization") {
		out = append(out, v)
		out = append(out, authParts(v)...)
	}
	return out
}

// authParts returns the secret parts of an Authorization value in the
// forms the clouds use: "SDK-HMAC-SHA256 Access=AK, SignedHeaders=...,
// Signature=SIG" (Huawei), "acs AK:SIG" (Alibaba), "AWS4-HMAC-SHA256
// Credential=AK/DATE/..., SignedHeaders=..., Signature=SIG" (AWS). The
// list of signed headers is not secret.
func authParts(v string) []string {
	var out []string
	fields := strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == ',' })
	for i, f := range fields {
		if k, val, ok := strings.Cut(f, "="); ok && isName(k) {
			switch k {
			case "SignedHeaders":
			case "Credential":
				ak, _, _ := strings.Cut(val, "/")
				out = append(out, val, ak)
			default:
				out = append(out, val)
			}
			continue
		}
		if i == 0 {
			continue // the scheme
		}
		out = append(out, f)
		if ak, sig, ok := strings.Cut(f, ":"); ok {
			out = append(out, ak, sig)
		}
	}
	return out
}

// isName reports whether k is a parameter name of an Authorization value
// (letters only), not the start of a base64 signature.
func isName(k string) bool {
	return k != "" && strings.Trim(k, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") == ""
}

// redactBody returns body with every secret replaced, in its bytes and
// in every JSON string whose escapes spell one ("\u0041K...", "\/"): such
// a string is decoded, redacted and written again. Memory stays within
// about twice the body.
func redactBody(body []byte, secrets []string) []byte {
	if len(secrets) == 0 || len(body) == 0 {
		return body
	}
	if bytes.IndexByte(body, '\\') >= 0 {
		body = redactEscaped(body, secrets)
	}
	s := string(body)
	if r := safetext.Redact(s, secrets...); r != s {
		return []byte(r)
	}
	return body
}

// redactEscaped rewrites the quoted strings of body that hold an escape
// and, decoded, a secret.
func redactEscaped(body []byte, secrets []string) []byte {
	var out []byte
	last := 0
	for i := 0; i < len(body); i++ {
		if body[i] != '"' {
			continue
		}
		end, escaped := i+1, false
		for ; end < len(body) && body[end] != '"'; end++ {
			if body[end] == '\\' {
				escaped = true
				end++
			}
		}
		if end >= len(body) {
			break
		}
		if escaped {
			var str string
			if json.Unmarshal(body[i:end+1], &str) == nil {
				if r := safetext.Redact(str, secrets...); r != str {
					enc, _ := json.Marshal(r)
					out = append(append(out, body[last:i]...), enc...)
					last = end + 1
				}
			}
		}
		i = end
	}
	if out == nil {
		return body
	}
	return append(out, body[last:]...)
}

// redactHeader replaces every secret in h's values, in place.
func redactHeader(h http.Header, secrets []string) {
	for k, vs := range h {
		for i, v := range vs {
			vs[i] = safetext.Redact(v, secrets...)
		}
		h[k] = vs
	}
}

// encoded returns secrets with the forms a server may echo them in
// besides the plain one: percent-encoded (as a query or a path encodes
// it, and with every byte escaped, in either case of hex) and base64
// (standard and URL alphabets; the characters that depend on the secret
// alone, wherever it starts in the encoded text, so that a secret inside
// a larger base64 blob is found too).
func encoded(secrets []string) []string {
	out := make([]string, 0, len(secrets)*12)
	seen := map[string]bool{}
	add := func(s string) {
		if len(s) >= 4 && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, s := range secrets {
		add(s)
		for _, e := range []string{url.QueryEscape(s), url.PathEscape(s), percentAll(s, hexUpper)} {
			add(e)
			add(lowerEscapes(e))
		}
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding} {
			add(enc.EncodeToString([]byte(s)))
			for _, c := range base64Cores(s, enc) {
				add(c)
			}
		}
	}
	return out
}

const hexUpper = "0123456789ABCDEF"

// percentAll returns s with every byte percent-encoded.
func percentAll(s, digits string) string {
	b := make([]byte, 0, 3*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, '%', digits[s[i]>>4], digits[s[i]&15])
	}
	return string(b)
}

// lowerEscapes returns s with the hex digits of its %XX escapes in lower
// case.
func lowerEscapes(s string) string {
	b := []byte(s)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' {
			b[i+1], b[i+2] = lowerHex(b[i+1]), lowerHex(b[i+2])
			i += 2
		}
	}
	return string(b)
}

func lowerHex(c byte) byte {
	if c >= 'A' && c <= 'F' {
		return c + 'a' - 'A'
	}
	return c
}

// base64Cores returns, for each of the three offsets (modulo 3) at which s
// may start inside a larger text, the characters of that text's base64
// encoding that depend on the bytes of s alone.
func base64Cores(s string, enc *base64.Encoding) []string {
	var out []string
	for k := range 3 {
		e := enc.WithPadding(base64.NoPadding).EncodeToString(append(make([]byte, k), s...))
		n := k + len(s)
		end := n/3*4 + n%3 // a partial last group: its first n%3 characters
		start := []int{0, 2, 3}[k]
		if end > start {
			out = append(out, e[start:end])
		}
	}
	return out
}

// cutPartial returns body (cut at a cap) without a tail that is the start
// of a secret, which redaction cannot see as one.
func cutPartial(body []byte, secrets []string) []byte {
	for _, s := range secrets {
		for l := min(len(s)-1, len(body)); l > 0; l-- {
			if bytes.HasSuffix(body, []byte(s[:l])) {
				body = body[:len(body)-l]
				break
			}
		}
	}
	return body
}
