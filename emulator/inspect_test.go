package emulator_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/signer"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/request"

	"github.com/fnasync/fnasync/emulator"
	"github.com/fnasync/fnasync/provider/emukit"
)

// TestInspectOnRemoteListener serves the emulator on every interface, as
// `emulate --listen 0.0.0.0:PORT` does: unsigned inspection requests are
// refused even from this host, and a request signed by the Huawei SDK's
// own signer with the emulator's keys is served.
func TestInspectOnRemoteListener(t *testing.T) {
	const ak, sk = "MYOWNACCESSKEY0001", "my-own-secret-key-0000000000000000001"
	srv, err := emulator.New(&emulator.Options{AccessKey: ak, SecretKey: sk})
	if err != nil {
		t.Fatal(err)
	}
	l, err := emulator.Listen("0.0.0.0:0", srv, true)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	base := strings.Replace(l.URL, "0.0.0.0", "127.0.0.1", 1) // reached on loopback, listening on all
	srv.Log().Add(emukit.Request{Path: "/v2/x"})
	tests := []struct {
		name, method, path string
		ak, sk             string // empty: unsigned
		want               int
	}{
		{"unsigned GET", "GET", "/_emulator/requests", "", "", http.StatusUnauthorized},
		{"unsigned reset", "POST", "/_emulator/reset", "", "", http.StatusUnauthorized},
		{"wrong secret", "POST", "/_emulator/reset", ak, "not-the-secret-key-00000000000000000001", http.StatusUnauthorized},
		{"public keys", "GET", "/_emulator/requests", emukit.DefaultAccessKey, emukit.DefaultSecretKey, http.StatusUnauthorized},
		{"signed GET", "GET", "/_emulator/requests", ak, sk, http.StatusOK},
		{"signed reset", "POST", "/_emulator/reset", ak, sk, http.StatusNoContent},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequest(tc.method, base+tc.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			if tc.ak != "" {
				sreq := request.NewHttpRequestBuilder().WithEndpoint(base).WithPath(tc.path).WithMethod(tc.method).Build()
				headers, err := signer.Sign(sreq, tc.ak, tc.sk)
				if err != nil {
					t.Fatal(err)
				}
				for k, v := range headers {
					req.Header.Set(k, v)
				}
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tc.want {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.want)
			}
		})
	}
	if n := len(srv.Log().Requests()); n != 0 {
		t.Errorf("after the signed reset the log holds %d requests, want 0", n)
	}
}
