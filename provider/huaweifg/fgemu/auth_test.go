package fgemu

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/fnasync/fnasync/provider/emukit"
)

// TestSignatureCapture verifies a request the real Go SDK signed, captured
// byte for byte (reference/wire.md B.6), so that the verifier follows the
// SDK and not just the test signer.
func TestSignatureCapture(t *testing.T) {
	body := `{"max_async_event_age_in_seconds":3600,"max_async_retry_attempts":2,"destination_config":{"on_success":{"destination":"OBS","param":"{\"bucket\":\"b1\",\"prefix\":\"/p\",\"expires\":0}"},"on_failure":{"destination":"SMN","param":"{\"topic_urn\":\"urn:smn:cn-north-4:0123456789abcdef0123456789abcdef:t1\"}"}},"enable_async_status_log":true}` + "\n"
	r := httptest.NewRequest(http.MethodPut, "http://127.0.0.1:37975/v2/0123456789abcdef0123456789abcdef/fgs/functions/urn:fss:cn-north-4:0123456789abcdef0123456789abcdef:function:default:my-func:latest/async-invoke-config", strings.NewReader(body))
	r.Header.Set("Authorization", "SDK-HMAC-SHA256 Access=TESTAKEXAMPLE0000001, SignedHeaders=user-agent;x-project-id;x-sdk-date, Signature=ac4ab9f521666680e6ec42800de126b1f5b38e22e9a9826e612376f51749a305")
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("User-Agent", "huaweicloud-usdk-go/3.0; os/Debian_GNU/Linux#12_(bookworm)#amd64 go/go1.26.8; app/1467e0ca-81c8-4a06-b5e3-3df0dd6f834e")
	r.Header.Set("X-Project-Id", "0123456789abcdef0123456789abcdef")
	r.Header.Set("X-Sdk-Date", "20261123T180025Z")
	at := time.Date(2026, 11, 23, 18, 3, 0, 0, time.UTC)
	s := New(&Options{AccessKey: "TESTAKEXAMPLE0000001", SecretKey: "testSecretKeyExample0000000000000000001", Clock: func() time.Time { return at }})
	if e := s.authenticate(r, []byte(body)); e != nil {
		t.Fatalf("captured SDK request refused: %s %s", e.code, e.msg)
	}
	if e := s.authenticate(r, []byte(strings.TrimSuffix(body, "\n"))); e == nil || e.code != "APIGW.0301" {
		t.Errorf("request with the body re-encoded (no newline) accepted: %v", e)
	}
	r.Header.Set("X-Project-Id", "ffffffffffffffffffffffffffffffff")
	if e := s.authenticate(r, []byte(body)); e == nil {
		t.Error("request with a changed signed header accepted")
	}
}

func TestAuthRefusals(t *testing.T) {
	const secret = "a-secret-that-must-not-leak-0001"
	e := newEnv(t, &Options{SecretKey: secret})
	path := fnPath(myURN(":latest"), "async-invoke-config")
	tests := []struct {
		name string
		edit func(*http.Request)
		code string
	}{
		{"no authorization", func(r *http.Request) { r.Header.Del("Authorization") }, "APIGW.0301"},
		{"other algorithm", func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "SDK-HMAC-SHA256", "SDK-HMAC-SM3", 1))
		}, "APIGW.0301"},
		{"wrong access key", func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), emukit.DefaultAccessKey, "OTHERAK", 1))
		}, "APIGW.0301"},
		{"wrong secret key", func(r *http.Request) { sign(r, nil, emukit.DefaultAccessKey, "wrong-secret", e.clock.Now()) }, "APIGW.0301"},
		{"date not signed", func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), ";x-sdk-date", "", 1))
		}, "APIGW.0301"},
		{"date changed after signing", func(r *http.Request) {
			r.Header.Set("X-Sdk-Date", e.clock.Now().Add(time.Second).Format(sdkDateLayout))
		}, "APIGW.0301"},
		{"path changed after signing", func(r *http.Request) { r.URL.Path = fnPath(myURN(":!prod"), "async-invoke-config") }, "APIGW.0301"},
		{"query added after signing", func(r *http.Request) { r.URL.RawQuery = "x=1" }, "APIGW.0301"},
		{"stale date", func(r *http.Request) {
			sign(r, nil, emukit.DefaultAccessKey, secret, e.clock.Now().Add(-16*time.Minute))
		}, "APIGW.0303"},
		{"future date", func(r *http.Request) {
			sign(r, nil, emukit.DefaultAccessKey, secret, e.clock.Now().Add(16*time.Minute))
		}, "APIGW.0303"},
		{"bad date", func(r *http.Request) { r.Header.Set("X-Sdk-Date", "yesterday") }, "APIGW.0301"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp := e.do(http.MethodGet, path, "", tc.edit)
			er := resp.wantError(t, tc.name, http.StatusUnauthorized, tc.code)
			if er.RequestID == "" || er.RequestID != resp.header.Get("X-Request-Id") {
				t.Errorf("gateway error request_id %q, header %q", er.RequestID, resp.header.Get("X-Request-Id"))
			}
			if strings.Contains(string(resp.body), secret) {
				t.Errorf("answer contains the secret key: %s", resp.body)
			}
		})
	}
	// Within the window both ways is fine.
	for _, d := range []time.Duration{-14 * time.Minute, 14 * time.Minute} {
		resp := e.do(http.MethodGet, path, "", func(r *http.Request) { sign(r, nil, emukit.DefaultAccessKey, secret, e.clock.Now().Add(d)) })
		resp.wantError(t, "skew "+d.String(), http.StatusNotFound, ConfigNotFoundCode)
	}
}
