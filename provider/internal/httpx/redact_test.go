package httpx

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

func TestSecrets(t *testing.T) {
	tests := []struct {
		auth string
		want []string
	}{
		{"SDK-HMAC-SHA256 Access=HWAK0001, SignedHeaders=content-type;host, Signature=abcdef0123", []string{"HWAK0001", "abcdef0123"}},
		{"acs LTAIKEY0001:c2ln/bmF0dXJl+==", []string{"LTAIKEY0001", "c2ln/bmF0dXJl+=="}},
		{"AWS4-HMAC-SHA256 Credential=AKIAKEY0001/20260101/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=0123abcd", []string{"AKIAKEY0001", "0123abcd"}},
	}
	for _, tc := range tests {
		h := http.Header{}
		h.Set("Authorization", tc.auth)
		h.Set("X-Security-Token", "token-0001")
		got := secrets(h)
		for _, w := range append(tc.want, tc.auth, "token-0001") {
			if !slices.Contains(got, w) {
				t.Errorf("secrets(%q) = %q, missing %q", tc.auth, got, w)
			}
		}
		if slices.Contains(got, "content-type;host") || slices.Contains(got, "host") {
			t.Errorf("secrets(%q) = %q: the signed headers are not secret", tc.auth, got)
		}
	}
}

func TestRedactBody(t *testing.T) {
	secrets := []string{"LTAIKEY0001", "sig/nature"}
	for in, want := range map[string]string{
		`{"m":"LTAIKEY0001"}`:                  `{"m":"[redacted]"}`,
		`{"m":"\u004cTAIKEY0001 sig\/nature"}`: `{"m":"[redacted] [redacted]"}`,
		`not json LTAIKEY0001 \ x`:             `not json [redacted] \ x`,
	} {
		if got := string(redactBody([]byte(in), secrets)); got != want {
			t.Errorf("redactBody(%s) = %q, want %q", in, got, want)
		}
	}
}

func TestRedactEncoded(t *testing.T) {
	const tok = "TOKEN+abc/def==xyz"
	secrets := encoded([]string{tok})
	for _, in := range []string{
		url.QueryEscape(tok),
		"TOKEN%2babc%2fdef%3d%3dxyz",
		url.PathEscape("a " + tok),
		percentAll(tok, "0123456789abcdef"),
		base64.StdEncoding.EncodeToString([]byte(tok)),
		base64.URLEncoding.EncodeToString([]byte(tok)),
		base64.StdEncoding.EncodeToString([]byte("x-acs-security-token: " + tok + "\n")),
		base64.RawStdEncoding.EncodeToString([]byte("k:" + tok)),
		base64.StdEncoding.EncodeToString([]byte("a" + tok + "bc")),
	} {
		got := string(redactBody([]byte(`{"m":"`+in+`"}`), secrets))
		if !strings.Contains(got, "[redacted]") {
			t.Errorf("redactBody(%s) = %s: the encoded token is not redacted", in, got)
		}
	}
}

func TestCutPartial(t *testing.T) {
	body := []byte(`{"m":"xxxx TOKEN+a`)
	if got := string(cutPartial(body, []string{"TOKEN+abc/def"})); got != `{"m":"xxxx ` {
		t.Errorf("cutPartial = %q: the head of a secret at the cap stays", got)
	}
}
