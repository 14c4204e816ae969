package alifc_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider/alifc"
	"github.com/fnasync/fnasync/provider/driver"
	"github.com/fnasync/fnasync/provider/drivertest"
	"github.com/fnasync/fnasync/provider/drivertest/hostile"
)

// TestHostile runs the hostile-server suite on both API versions, with
// credentials from the environment that carry a security token.
func TestHostile(t *testing.T) {
	for _, typ := range types {
		t.Run(typ, func(t *testing.T) {
			e := &env{typ: typ}
			fn := model.FunctionRef{Function: "orders"}
			if typ == model.TypeAliFC2 {
				fn.Function = "shop/orders"
			}
			drivertest.RunHostileTests(t, drivertest.HostileTarget{
				Open: func(t *testing.T, url string) (driver.Driver, error) {
					t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIHOSTILEACCESSKEY01")
					t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "hostile-secret-key-0123456789")
					t.Setenv("ALIBABA_CLOUD_SECURITY_TOKEN", "CAIShostile-security-token-0123456789")
					return alifc.New(e.provider(), e.limits(), &alifc.Options{Endpoint: url,
						Retry: &drivertest.HostileRetry, Transport: &drivertest.HostileTransport})
				},
				Function: fn,
				Throttling: []hostile.Answer{
					{Status: http.StatusTooManyRequests, Body: `{"ErrorCode":"ResourceExhausted","ErrorMessage":"the concurrency of the function is over its limit"}`},
					{Status: http.StatusServiceUnavailable, Body: `{"ErrorCode":"ResourceThrottled","ErrorMessage":"the instances are over their limit"}`},
					{Status: http.StatusBadRequest, Body: `{"Code":"Throttling.User","Message":"Request was denied due to user flow control.","RequestId":"r-1"}`},
					{Status: http.StatusTooManyRequests, Body: `{"Code":"Throttling","Message":"Request was denied due to flow control.","RequestId":"r-2"}`},
				},
				Page: func(_ *http.Request, n int) string {
					return fmt.Sprintf(`{"configs":[],"services":[{"serviceName":"s%d"}],"functions":[{"functionName":"f%d"}],"invocations":[],"tasks":[],"nextToken":"t%d"}`, n, n, n+1)
				},
			})
		})
	}
}
