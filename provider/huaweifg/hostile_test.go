package huaweifg_test

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider/driver"
	"github.com/fnasync/fnasync/provider/drivertest"
	"github.com/fnasync/fnasync/provider/drivertest/hostile"
	"github.com/fnasync/fnasync/provider/huaweifg"
)

// TestHostile runs the hostile-server suite, with credentials from the
// environment that carry a security token.
func TestHostile(t *testing.T) {
	drivertest.RunHostileTests(t, drivertest.HostileTarget{
		Open: func(t *testing.T, url string) (driver.Driver, error) {
			t.Setenv("HUAWEICLOUD_SDK_AK", "HWHOSTILEACCESSKEY001")
			t.Setenv("HUAWEICLOUD_SDK_SK", "hostile-secret-key-0123456789")
			t.Setenv("HUAWEICLOUD_SDK_SECURITY_TOKEN", "hostile-security-token-0123456789")
			return huaweifg.New(testProvider(), limits(), &huaweifg.Options{Endpoint: url,
				Retry: &drivertest.HostileRetry, Transport: &drivertest.HostileTransport})
		},
		Function: model.FunctionRef{Function: "orders"},
		Throttling: []hostile.Answer{
			{Status: http.StatusTooManyRequests, Body: `{"error_code":"APIGW.0308","error_msg":"The throttling threshold has been reached: policy user over ratelimit,limit:5,time:1 second","request_id":"r-1"}`},
			{Status: http.StatusTooManyRequests, Body: `{"error_code":"APIG.0308","error_msg":"The throttling threshold has been reached","request_id":"r-2"}`},
			{Status: http.StatusTooManyRequests, Body: `{"error_code":"FSS.0429","error_msg":"Too many requests"}`},
		},
		Page: func(r *http.Request, n int) string {
			marker, _ := strconv.Atoi(r.URL.Query().Get("marker"))
			next := marker + 1
			switch {
			case strings.HasSuffix(r.URL.Path, "/async-invoke-configs"):
				return fmt.Sprintf(`{"async_invoke_configs":[{"func_urn":"urn:fss:%s:%s:function:default:orders:%d","max_async_retry_attempts":1}],"count":100000000,"page_info":{"next_marker":%d}}`,
					testRegion, testPID, next, next)
			case strings.HasSuffix(r.URL.Path, "/async-invocations"):
				return fmt.Sprintf(`{"invocations":[{"request_id":"r%d","status":"SUCCESS","error_code":0}],"count":100000000,"next_marker":%d}`, n, next)
			}
			return fmt.Sprintf(`{"functions":[{"func_name":"f%d","package":"default"}],"count":100000000,"next_marker":%d}`, n, next)
		},
	})
}
