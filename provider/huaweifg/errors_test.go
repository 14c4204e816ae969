package huaweifg_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"testing"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"

	"github.com/fnasync/fnasync/provider/driver"
	"github.com/fnasync/fnasync/provider/huaweifg"
	"github.com/fnasync/fnasync/provider/internal/httpx"
)

func TestErrorCode(t *testing.T) {
	d := (&env{}).driver(t, &huaweifg.Options{Endpoint: "http://127.0.0.1:1"})
	svc := func(status int, code, msg string) error {
		return &sdkerr.ServiceResponseError{StatusCode: status, ErrorCode: code, ErrorMessage: msg, RequestId: "r"}
	}
	tests := []struct {
		name string
		err  error
		want driver.ErrorCode
	}{
		{"nil", nil, driver.OK},
		{"function", svc(404, "FSS.1051", "Not found the function"), driver.FunctionNotFound},
		{"version", svc(404, "FSS.1052", "Not found the function version"), driver.FunctionNotFound},
		{"alias", svc(404, "FSS.1053", "Not found the function alias"), driver.FunctionNotFound},
		{"generic 404 about the function", svc(404, "FSS.0404", "can not find function"), driver.FunctionNotFound},
		{"generic 404 about something else", svc(404, "FSS.0404", "The specified resource was not found"), driver.NotFound},
		{"generic 404 about the function's config", svc(404, "FSS.0404", "can not find the async invoke config of function"), driver.NotFound},
		{"config not found (emulator)", svc(404, "FSS.1060", "async invoke config not found"), driver.NotFound},
		{"undocumented 404", svc(404, "FSS.9999", "no such thing"), driver.NotFound},
		{"bad signature", svc(401, "APIGW.0301", "Incorrect IAM authentication information"), driver.PermissionDenied},
		{"stale date", svc(401, "APIGW.0303", "Incorrect app authentication information"), driver.PermissionDenied},
		{"forbidden", svc(403, "FSS.0403", "invalid token"), driver.PermissionDenied},
		{"throttled", svc(429, "FSS.0429", "Too many requests"), driver.ResourceExhausted},
		{"throttle code on another status", svc(400, "FSS.0429", "Too many requests"), driver.ResourceExhausted},
		{"internal", svc(500, "FSS.0500", "Internal server error"), driver.Internal},
		{"gateway 502", svc(502, "", "bad gateway"), driver.Internal},
		{"no such API", svc(404, "APIGW.0101", "The API does not exist"), driver.Unimplemented},
		{"conflict", svc(409, "FSS.0409", "resource already exists"), driver.FailedPrecondition},
		{"invalid", svc(400, "FSS.0400", "Invalid parameter"), driver.InvalidArgument},
		{"invalid urn", svc(400, "FSS.1309", "Invalid function URN"), driver.InvalidArgument},
		{"network", &url.Error{Op: "Get", URL: "https://x", Err: errors.New("connection refused")}, driver.Unavailable},
		{"no such host", &url.Error{Op: "Get", URL: "https://x", Err: &net.OpError{Op: "dial", Err: &net.DNSError{Name: "x", IsNotFound: true}}}, driver.InvalidArgument},
		{"dns timeout", &url.Error{Op: "Get", URL: "https://x", Err: &net.OpError{Op: "dial", Err: &net.DNSError{Name: "x", IsTimeout: true}}}, driver.Unavailable},
		{"no answer", &httpx.UnansweredError{Host: "x:443", Timeout: time.Second}, driver.Unavailable},
		{"gateway throttling", svc(429, "APIGW.0308", "The throttling threshold has been reached"), driver.ResourceExhausted},
		{"gateway throttling, other spelling", svc(429, "APIG.0308", "The throttling threshold has been reached"), driver.ResourceExhausted},
		{"any 429", svc(429, "APIGW.0399", "slow down"), driver.ResourceExhausted},
		{"redirect", &httpx.RedirectError{Status: 307, Location: "elsewhere"}, driver.Unknown},
		{"empty answer", &httpx.EmptyError{Op: "x", What: "a config", Body: "null"}, driver.Unknown},
		{"canceled", context.Canceled, driver.Canceled},
		{"canceled in flight", &url.Error{Op: "Get", URL: "https://x", Err: context.Canceled}, driver.Canceled},
		{"deadline", fmt.Errorf("wrapped: %w", context.DeadlineExceeded), driver.DeadlineExceeded},
		{"other", errors.New("x"), driver.Unknown},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := d.ErrorCode(tc.err); got != tc.want {
				t.Errorf("ErrorCode(%v) = %v, want %v", tc.err, got, tc.want)
			}
		})
	}
	var se *sdkerr.ServiceResponseError
	if !d.ErrorAs(fmt.Errorf("x: %w", svc(404, "FSS.1051", "m")), &se) || se.ErrorCode != "FSS.1051" {
		t.Errorf("ErrorAs through a wrap: %+v", se)
	}
	var ue *url.Error
	if d.ErrorAs(&url.Error{Err: errors.New("x")}, &ue) {
		t.Error("ErrorAs(**url.Error) succeeded")
	}
}
