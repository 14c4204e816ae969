package fcemu_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/fnasync/fnasync/provider/alifc/fcemu"
	"github.com/fnasync/fnasync/provider/emukit"
)

// TestCapturedACSRequest replays, byte for byte, the PUT the Alibaba SDK
// sent in the probe of reference/wire.md D.2, with the probe's keys and
// date: the emulator must accept its signature, and refuse it once the
// body or the signed headers change.
func TestCapturedACSRequest(t *testing.T) {
	const body = `{"destinationConfig":{"onSuccess":{"destination":"acs:mns:cn-hangzhou:1234567890123456:/queues/q1/messages"},"onFailure":{"destination":"acs:fc:cn-hangzhou:1234567890123456:services/s2.LATEST/functions/f2"}},"maxAsyncEventAgeInSeconds":300,"maxAsyncRetryAttempts":3,"statefulInvocation":true}`
	date, _ := time.Parse(http.TimeFormat, "Mon, 23 Nov 2026 18:04:42 GMT")
	s, base := fcemu.NewTestServer(t, &fcemu.Options{AccessKey: "LTAI5tEXAMPLEAKID0001", SecretKey: "ExampleSecretKey0000000000000001",
		Clock: func() time.Time { return date.Add(3 * time.Minute) }})
	if err := s.AddFunction(fcemu.Version2, "1234567890123456", "demo-service/demo-func"); err != nil {
		t.Fatal(err)
	}
	send := func(body string, mod func(http.Header)) (int, string) {
		r, _ := http.NewRequest("PUT", base+"/2021-04-06/services/demo-service/functions/demo-func/async-invoke-config?qualifier=LATEST", strings.NewReader(body))
		for k, v := range map[string]string{
			"Accept": "application/json", "Authorization": "acs LTAI5tEXAMPLEAKID0001:MZXXTKsAF3i0CmEbhJAr4JtphgM=",
			"Content-Md5": "VfhsPGXNgZXzE7tRZuYJLg==", "Content-Type": "application/json", "Date": "Mon, 23 Nov 2026 18:04:42 GMT",
			"X-Acs-Credentials-Provider": "static_ak", "X-Acs-Signature-Method": "HMAC-SHA1", "X-Acs-Signature-Version": "1.0",
			"X-Acs-Version": "2021-04-06", "X-Fc-Account-Id": "1234567890123456", "X-Sdk-Client": "golang/1.0.0",
		} {
			r.Header.Set(k, v)
		}
		if mod != nil {
			mod(r.Header)
		}
		resp, err := http.DefaultClient.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if st, b := send(body, nil); st != 200 {
		t.Fatalf("captured request: %d %s, want 200", st, b)
	}
	for name, tc := range map[string]struct {
		body string
		mod  func(http.Header)
	}{
		"body changed":          {strings.Replace(body, "300", "301", 1), nil},
		"signed header changed": {body, func(h http.Header) { h.Set("X-Acs-Credentials-Provider", "env") }},
		"signed header added":   {body, func(h http.Header) { h.Set("X-Acs-Action", "PutFunctionAsyncInvokeConfig") }},
	} {
		if st, b := send(tc.body, tc.mod); st != 403 || !strings.Contains(b, `"ErrorCode":"SignatureNotMatch"`) {
			t.Errorf("%s: %d %s, want 403 SignatureNotMatch", name, st, b)
		}
	}
}

func TestAuthentication(t *testing.T) {
	now := time.Now()
	for _, tt := range []struct {
		name     string
		path     string
		sign     func(*http.Request, []byte, string, string, time.Time)
		sk       string
		at       time.Time
		extra    map[string]string
		status   int
		code     string
		envelope string
	}{
		{"acs", "/2021-04-06/services/svc/functions/fn/async-invoke-config", signACS, emukit.DefaultSecretKey, now, nil, 404, "AsyncConfigNotExists", "ErrorCode"},
		{"acs3 on 2.0", "/2021-04-06/services/svc/functions/fn/async-invoke-config?qualifier=LATEST", signACS3, emukit.DefaultSecretKey, now, nil, 404, "AsyncConfigNotExists", "ErrorCode"},
		{"acs3 on 3.0", "/2023-03-30/functions/fn/async-invoke-config", signACS3, emukit.DefaultSecretKey, now, nil, 404, "AsyncConfigNotExists", "Code"},
		{"acs3 query encoding", "/2023-03-30/async-invoke-configs?functionName=fn&nextToken=a+b*~%2F%3D&limit=5", signACS3, emukit.DefaultSecretKey, now, nil, 400, "InvalidArgument", "Code"},
		{"acs query encoding", "/2023-03-30/async-invoke-configs?functionName=fn&nextToken=a+b*~%2F%3D", signACS, emukit.DefaultSecretKey, now, nil, 400, "InvalidArgument", "Code"},
		{"unsigned", "/2021-04-06/services/svc/functions/fn/async-invoke-config", nil, "", now, nil, 403, "MissingRequiredHeader", "ErrorCode"},
		{"acs wrong secret", "/2021-04-06/services/svc/functions/fn/async-invoke-config", signACS, "wrong-secret", now, nil, 403, "SignatureNotMatch", "ErrorCode"},
		{"acs3 wrong secret", "/2023-03-30/functions/fn/async-invoke-config", signACS3, "wrong-secret", now, nil, 403, "SignatureNotMatch", "Code"},
		{"acs stale", "/2021-04-06/services/svc/functions/fn/async-invoke-config", signACS, emukit.DefaultSecretKey, now.Add(-16 * time.Minute), nil, 403, "RequestTimeTooSkewed", "ErrorCode"},
		{"acs3 stale", "/2023-03-30/functions/fn/async-invoke-config", signACS3, emukit.DefaultSecretKey, now.Add(20 * time.Minute), nil, 403, "RequestTimeTooSkewed", "Code"},
		{"acs within window", "/2021-04-06/services/svc/functions/fn/async-invoke-config", signACS, emukit.DefaultSecretKey, now.Add(-14 * time.Minute), nil, 404, "AsyncConfigNotExists", "ErrorCode"},
		{"unsigned header added", "/2021-04-06/services/svc/functions/fn/async-invoke-config", signACS, emukit.DefaultSecretKey, now, map[string]string{"X-Trace": "x"}, 404, "AsyncConfigNotExists", "ErrorCode"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, base := fcemu.NewTestServer(t, &fcemu.Options{Clock: func() time.Time { return now }})
			_ = s.AddFunction(fcemu.Version2, "", "svc/fn")
			_ = s.AddFunction(fcemu.Version3, "", "fn")
			c := newClient(t, base, func() time.Time { return tt.at })
			c.sign, c.sk, c.extra = tt.sign, tt.sk, tt.extra
			res := c.do("GET", tt.path, "")
			if res.Status != tt.status || res.code() != tt.code {
				t.Errorf("got %d %v, want %d %s", res.Status, res.Body, tt.status, tt.code)
			}
			if _, ok := res.Body[tt.envelope]; !ok {
				t.Errorf("body %v has no %s key", res.Body, tt.envelope)
			}
			if res.Header.Get("X-Fc-Request-Id") == "" {
				t.Errorf("no X-Fc-Request-Id header")
			}
			if msg := fmt.Sprint(res.Body["ErrorMessage"], res.Body["Message"]); tt.sk != "" && strings.Contains(msg, tt.sk) {
				t.Errorf("the secret appears in the error message")
			}
		})
	}
}
