package proof

import (
	"bytes"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fnasync/fnasync/provider/emukit"
)

// lambdaFunction is the Lambda function the refusals address.
const lambdaFunction = "refusals"

// signer sets a request's signature for an access key pair and a time.
type signer func(r *http.Request, ak, sk string, at time.Time, body []byte)

// TestEmulatorRefusesBadRequests sends raw requests to every cloud's
// emulator: a write that is unsigned, signed with a wrong secret, or
// signed more than 15 minutes before or after the emulator's clock is
// refused with the cloud's own status, error envelope and code, quoting
// no secret, and changes nothing; the same write signed rightly is
// accepted.
func TestEmulatorRefusesBadRequests(t *testing.T) {
	t.Parallel()
	e := startEmu(t, nil, parseDoc(t, genDoc(3, "", 0)), nil)
	now := time.Now()
	clouds := []struct {
		name     string
		path     string // the async config of the cloud's first generated function
		body     string
		sign     signer
		status   int
		envelope []string
		codes    map[string]string // by case
		// codeHeader, when set, carries the code instead of the envelope's
		// first key (Lambda's X-Amzn-ErrorType).
		codeHeader string
	}{
		{"huaweifg", "/v2/" + projectID + "/fgs/functions/urn:fss:cn-north-4:" + projectID + ":function:default:" + fnName(0) + ":latest/async-invoke-config",
			`{"max_async_event_age_in_seconds":100,"max_async_retry_attempts":1,"enable_async_status_log":false}`, signHuawei,
			http.StatusUnauthorized, []string{"error_code", "error_msg", "request_id"},
			map[string]string{"unsigned": "APIGW.0301", "wrong secret": "APIGW.0301", "stale": "APIGW.0303", "ahead": "APIGW.0303"}, ""},
		{"alifc", "/2021-04-06/services/svc1/functions/" + fnName(1) + "/async-invoke-config?qualifier=LATEST",
			`{"maxAsyncEventAgeInSeconds":100,"maxAsyncRetryAttempts":1}`, signACS,
			http.StatusForbidden, []string{"ErrorCode", "ErrorMessage"},
			map[string]string{"unsigned": "MissingRequiredHeader", "wrong secret": "SignatureNotMatch", "stale": "RequestTimeTooSkewed", "ahead": "RequestTimeTooSkewed"}, ""},
		{"alifc3", "/2023-03-30/functions/" + fnName(2) + "/async-invoke-config?qualifier=LATEST",
			`{"maxAsyncEventAgeInSeconds":100,"maxAsyncRetryAttempts":1}`, signACS3,
			http.StatusForbidden, []string{"Code", "Message", "RequestId"},
			map[string]string{"unsigned": "MissingRequiredHeader", "wrong secret": "SignatureNotMatch", "stale": "RequestTimeTooSkewed", "ahead": "RequestTimeTooSkewed"}, ""},
		{"awslambda", "/2019-09-25/functions/" + lambdaFunction + "/event-invoke-config?Qualifier=%24LATEST",
			`{"MaximumEventAgeInSeconds":100,"MaximumRetryAttempts":1}`, signSigV4,
			http.StatusForbidden, []string{"message"},
			map[string]string{"unsigned": "MissingAuthenticationTokenException", "wrong secret": "InvalidSignatureException", "stale": "InvalidSignatureException", "ahead": "InvalidSignatureException"},
			"X-Amzn-Errortype"},
	}
	if err := e.Seed(parseDoc(t, []byte("version: 1\nproviders:\n  aws: {type: awslambda, region: us-east-1}\nfunctions:\n  - {provider: aws, function: "+lambdaFunction+"}\n"))); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		sk   string // "": unsigned
		at   time.Time
	}{
		{"unsigned", "", now},
		{"wrong secret", hwSecret, now},
		{"stale", emukit.DefaultSecretKey, now.Add(-16 * time.Minute)},
		{"ahead", emukit.DefaultSecretKey, now.Add(16 * time.Minute)},
	}
	for _, c := range clouds {
		t.Run(c.name, func(t *testing.T) {
			for _, tc := range cases {
				status, header, body := send(t, e.URL, http.MethodPut, c.path, c.body, c.sign, tc.sk, tc.at)
				var env map[string]any
				if err := json.Unmarshal(body, &env); err != nil || status != c.status {
					t.Errorf("%s: %d %s; want %d and a JSON error", tc.name, status, body, c.status)
					continue
				}
				if keys := slices.Sorted(maps.Keys(env)); !slices.Equal(keys, slices.Sorted(slices.Values(c.envelope))) {
					t.Errorf("%s: error envelope %v, want the cloud's %v", tc.name, keys, c.envelope)
				}
				code := env[c.envelope[0]]
				if c.codeHeader != "" {
					code = header.Get(c.codeHeader)
				}
				if code != c.codes[tc.name] {
					t.Errorf("%s: error code %v, want %s (%s)", tc.name, code, c.codes[tc.name], body)
				}
				for _, secret := range []string{hwSecret, emukit.DefaultSecretKey} {
					if strings.Contains(string(body), secret) {
						t.Errorf("%s: the answer quotes a secret: %s", tc.name, body)
					}
				}
			}
			if status, _, body := send(t, e.URL, http.MethodGet, c.path, "", c.sign, emukit.DefaultSecretKey, now); status != http.StatusNotFound {
				t.Errorf("after the refused writes: GET %d %s; want 404, no config", status, body)
			}
			if status, _, body := send(t, e.URL, http.MethodPut, c.path, c.body, c.sign, emukit.DefaultSecretKey, now); status != http.StatusOK {
				t.Errorf("the write signed rightly: %d %s; want 200", status, body)
			}
		})
	}
}

// send makes one raw request, signed with the emulator's access key and
// sk unless sk is empty, and returns the status, headers and body.
func send(t *testing.T, base, method, path, body string, sign signer, sk string, at time.Time) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, base+path, bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("X-Fc-Account-Id", accountID)
	if sk != "" {
		sign(req, emukit.DefaultAccessKey, sk, at, []byte(body))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}
