package httpx

import (
	"net/http"
	"slices"
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
