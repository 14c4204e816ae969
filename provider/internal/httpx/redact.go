package httpx

import (
	"bytes"
	"encoding/json"
	"net/http"
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
