package emulator_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/signer"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/request"

	"github.com/fnasync/fnasync/emulator"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider/emukit"
)

// TestAPIRefusesBrowsers plays a page that rebinds its own host name to
// the emulator's loopback address: to the browser the emulator is then
// same-origin, so the page can send the clouds' API requests signed with
// the public default keys. A browser marks every such request (an Origin
// header on a write, Sec-Fetch-Site on a read); the clouds' SDKs never
// send either. The emulator refuses them, and serves the same signed
// requests without the marks.
func TestAPIRefusesBrowsers(t *testing.T) {
	srv, err := emulator.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	l, err := emulator.Listen("", srv, false)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	const project = "0123456789abcdef0123456789abcdef"
	err = srv.Seed(&model.Document{Version: 1,
		Providers: map[string]*model.Provider{"hw": {Name: "hw", Type: model.TypeHuaweiFG, Region: "cn-north-4", ProjectID: project}},
		Functions: []*model.FunctionEntry{{Provider: "hw", Function: "orders"}}})
	if err != nil {
		t.Fatal(err)
	}
	path := "/v2/" + project + "/fgs/functions/urn:fss:cn-north-4:" + project + ":function:default:orders:latest/async-invoke-config"
	body := `{"max_async_event_age_in_seconds":3600,"max_async_retry_attempts":2}`
	send := func(method, host string, header map[string]string) int {
		t.Helper()
		var b string
		if method == http.MethodPut {
			b = body
		}
		sreq := request.NewHttpRequestBuilder().WithEndpoint("http://"+host).WithPath(path).WithMethod(method).
			AddHeaderParam("Content-Type", "application/json").WithBody("", b).Build()
		signed, err := signer.Sign(sreq, emukit.DefaultAccessKey, emukit.DefaultSecretKey)
		if err != nil {
			t.Fatal(err)
		}
		req, err := http.NewRequest(method, l.URL+path, strings.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		req.Host = host
		req.Header.Set("Content-Type", "application/json")
		for k, v := range signed {
			req.Header.Set(k, v)
		}
		for k, v := range header {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	const evil = "rebound.evil.example"
	tests := []struct {
		name, method string
		header       map[string]string
		want         int
	}{
		{"rebound write", http.MethodPut, map[string]string{"Origin": "http://" + evil, "Sec-Fetch-Site": "same-origin"}, http.StatusForbidden},
		{"rebound write, no Sec-Fetch", http.MethodPut, map[string]string{"Origin": "http://" + evil}, http.StatusForbidden},
		{"rebound read", http.MethodGet, map[string]string{"Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "cors"}, http.StatusForbidden},
		{"rebound delete", http.MethodDelete, map[string]string{"Origin": "null"}, http.StatusForbidden},
		{"SDK write", http.MethodPut, nil, http.StatusOK},
		{"SDK read", http.MethodGet, nil, http.StatusOK},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := send(tc.method, evil, tc.header); got != tc.want {
				t.Errorf("status %d, want %d", got, tc.want)
			}
		})
	}
	var mutating int
	for _, r := range srv.Log().Requests() {
		if r.Mutating() && r.Status < 300 {
			mutating++
		}
	}
	if mutating != 1 {
		t.Errorf("%d writes served, want the SDK's 1", mutating)
	}
}
