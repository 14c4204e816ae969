package awslambda_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider/awslambda"
	"github.com/fnasync/fnasync/provider/driver"
	"github.com/fnasync/fnasync/provider/drivertest"
	"github.com/fnasync/fnasync/provider/drivertest/hostile"
)

// TestHostile runs the hostile-server suite, with credentials from the
// environment that carry a session token.
func TestHostile(t *testing.T) {
	drivertest.RunHostileTests(t, drivertest.HostileTarget{
		Open: func(t *testing.T, url string) (driver.Driver, error) {
			t.Setenv("AWS_ACCESS_KEY_ID", "AKIAHOSTILEACCESSKEY01")
			t.Setenv("AWS_SECRET_ACCESS_KEY", "hostile-secret-key-0123456789")
			t.Setenv("AWS_SESSION_TOKEN", "IQoJhostile-session-token-0123456789")
			t.Setenv("AWS_PROFILE", "")
			t.Setenv("AWS_CONFIG_FILE", "/dev/null")
			t.Setenv("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
			return awslambda.New(context.Background(), testProvider(), limits(), &awslambda.Options{Endpoint: url,
				Retry: &drivertest.HostileRetry, Transport: &drivertest.HostileTransport})
		},
		Function: model.FunctionRef{Function: "orders"},
		Throttling: []hostile.Answer{
			{Status: http.StatusTooManyRequests, Body: `{"__type":"TooManyRequestsException","message":"Rate exceeded","Reason":"CallerRateLimitExceeded"}`},
			{Status: http.StatusBadRequest, Body: `{"__type":"ThrottlingException","message":"Rate exceeded"}`},
			{Status: http.StatusBadGateway, Body: `{"__type":"EC2ThrottledException","message":"Lambda was throttled by Amazon EC2"}`},
		},
		Page: func(_ *http.Request, n int) string {
			return fmt.Sprintf(`{"FunctionEventInvokeConfigs":[],"Functions":[{"FunctionName":"f%d"}],"Versions":[],"Aliases":[],"NextMarker":"t%d"}`, n, n+1)
		},
	})
}
