package emulator_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"

	"github.com/fnasync/fnasync/emulator"
	"github.com/fnasync/fnasync/provider/emukit"
)

// TestInspectSignedByAlibabaSDK reads and resets a remote listener's
// inspection endpoints with requests the Alibaba SDK signs (ROA "acs"
// HMAC-SHA1, as the FC adapter sends): the README offers either cloud's
// signature, and the wrong secret is refused.
func TestInspectSignedByAlibabaSDK(t *testing.T) {
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
	host := strings.Replace(strings.TrimPrefix(l.URL, "http://"), "0.0.0.0", "127.0.0.1", 1)
	srv.Log().Add(emukit.Request{Path: "/v2/x"})
	tests := []struct {
		name, method, path, secret string
		want                       int
	}{
		{"signed GET", "GET", "/_emulator/requests", sk, http.StatusOK},
		{"wrong secret", "POST", "/_emulator/reset", "not-the-secret-key-00000000000000000001", http.StatusUnauthorized},
		{"signed reset", "POST", "/_emulator/reset", sk, http.StatusNoContent},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			creds, err := auth.ToCredentialsProvider(credentials.NewAccessKeyCredential(ak, tc.secret))
			if err != nil {
				t.Fatal(err)
			}
			c, err := sdk.NewClientWithOptions("cn-hangzhou", sdk.NewConfig(), creds)
			if err != nil {
				t.Fatal(err)
			}
			req := requests.NewCommonRequest()
			req.Method, req.Scheme, req.Domain, req.PathPattern = tc.method, "http", host, tc.path
			req.Product, req.Version = "FC", "2023-03-30"
			req.Headers["Content-Type"] = "application/json"
			resp, err := c.ProcessCommonRequest(req)
			if resp == nil || resp.GetHttpStatus() != tc.want {
				t.Errorf("%v, %v: want status %d", resp, err, tc.want)
			}
		})
	}
}
