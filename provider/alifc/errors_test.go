package alifc_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"testing"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/alifc"
	"github.com/fnasync/fnasync/provider/driver"
	"github.com/fnasync/fnasync/provider/emukit"
)

func TestErrorCode(t *testing.T) {
	d := (&env{typ: model.TypeAliFC2, url: "http://127.0.0.1:1"}).driver(t, nil)
	api := func(status int, code string) error {
		return fmt.Errorf("wrapped: %w", &alifc.APIError{Status: status, Code: code, Message: "m"})
	}
	tests := []struct {
		err  error
		want driver.ErrorCode
	}{
		{nil, driver.OK},
		{api(404, "AsyncConfigNotExists"), driver.NotFound},
		{api(404, "FunctionNotFound"), driver.FunctionNotFound},
		{api(404, "ServiceNotFound"), driver.FunctionNotFound},
		{api(404, "VersionNotFound"), driver.FunctionNotFound},
		{api(404, "AliasNotFound"), driver.FunctionNotFound},
		{api(404, "AsyncTaskNotFound"), driver.NotFound},
		{api(429, "ResourceThrottled"), driver.ResourceExhausted},
		{api(503, "ThrottlingException"), driver.ResourceExhausted},
		{api(400, "Throttling.User"), driver.ResourceExhausted},
		{api(429, ""), driver.ResourceExhausted},
		{api(429, "ResourceExhausted"), driver.ResourceExhausted},
		{api(503, "ResourceThrottled"), driver.ResourceExhausted},
		{api(400, "Throttling"), driver.ResourceExhausted},
		{api(403, "SignatureNotMatch"), driver.PermissionDenied},
		{api(403, "InvalidAccessKeyID"), driver.PermissionDenied},
		{api(403, "AccessDenied"), driver.PermissionDenied},
		{api(403, "RequestTimeTooSkewed"), driver.PermissionDenied},
		// POP gateway codes, with statuses that alone would mean something else.
		{api(400, "SignatureDoesNotMatch"), driver.PermissionDenied},
		{api(400, "IncompleteSignature"), driver.PermissionDenied},
		{api(400, "InvalidAccessKeyId"), driver.PermissionDenied},
		{api(404, "InvalidAccessKeyId.NotFound"), driver.PermissionDenied},
		{api(400, "InvalidTimeStamp.Expired"), driver.PermissionDenied},
		{api(400, "RequestTimeTooSkewed"), driver.PermissionDenied},
		{api(400, "InvalidArgument"), driver.InvalidArgument},
		{api(413, "EntityTooLarge"), driver.InvalidArgument},
		{api(409, "ConcurrentUpdateError"), driver.FailedPrecondition},
		{api(500, "InternalServerError"), driver.Internal},
		{api(502, ""), driver.Internal},
		{&url.Error{Op: "Get", URL: "http://x", Err: &net.OpError{Op: "dial", Err: errors.New("refused")}}, driver.Unavailable},
		// No such host is a wrong region or endpoint: not retried. A DNS
		// timeout is an outage: retried.
		{&url.Error{Op: "Get", URL: "http://x", Err: &net.OpError{Op: "dial", Err: &net.DNSError{Name: "x", IsNotFound: true}}}, driver.InvalidArgument},
		{&url.Error{Op: "Get", URL: "http://x", Err: &net.OpError{Op: "dial", Err: &net.DNSError{Name: "x", IsTimeout: true}}}, driver.Unavailable},
		{context.Canceled, driver.Canceled},
		{fmt.Errorf("x: %w", context.DeadlineExceeded), driver.DeadlineExceeded},
		{errors.New("other"), driver.Unknown},
	}
	for _, tt := range tests {
		if got := d.ErrorCode(tt.err); got != tt.want {
			t.Errorf("ErrorCode(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

func TestAPIErrorMessage(t *testing.T) {
	e := &alifc.APIError{Status: 404, Code: "FunctionNotFound", Message: "function f does not exist", RequestID: "r-1"}
	if got, want := e.Error(), "FunctionNotFound: function f does not exist (HTTP 404, request r-1)"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

// TestUnreachable: a closed port is Unavailable (after the retries).
func TestUnreachable(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	e := &env{typ: model.TypeAliFC3, url: "http://" + addr}
	c := provider.NewClient(e.driver(t, &alifc.Options{Retry: &retryOnce}))
	_, err = c.Get(context.Background(), model.FunctionRef{Function: "fn"})
	if provider.Code(err) != provider.Unavailable {
		t.Errorf("Get from a closed port: code %v (err %v), want Unavailable", provider.Code(err), err)
	}
}

func TestNew(t *testing.T) {
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", emukit.DefaultAccessKey)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", emukit.DefaultSecretKey)
	l := (&env{typ: model.TypeAliFC2}).limits()
	p := func(mod func(*model.Provider)) *model.Provider {
		pr := &model.Provider{Name: "ali", Type: model.TypeAliFC2, Region: testRegion, AccountID: testAccount}
		mod(pr)
		return pr
	}
	tests := []struct {
		name    string
		p       *model.Provider
		opts    *alifc.Options
		wantErr string
	}{
		{"default endpoint", p(func(*model.Provider) {}), nil, ""},
		{"provider endpoint", p(func(p *model.Provider) { p.Endpoint = "https://fc.example.com" }), nil, ""},
		{"emulator without URL", p(func(p *model.Provider) { p.Endpoint = "emulator" }), nil, "embedded emulator"},
		{"emulator with URL", p(func(p *model.Provider) { p.Endpoint = "emulator" }), &alifc.Options{Endpoint: "http://127.0.0.1:9"}, ""},
		{"plain http elsewhere", p(func(*model.Provider) {}), &alifc.Options{Endpoint: "http://fc.example.com"}, "plain http"},
		{"plain http allowed", p(func(*model.Provider) {}), &alifc.Options{Endpoint: "http://fc.example.com", AllowInsecure: true}, ""},
		{"endpoint with path", p(func(*model.Provider) {}), &alifc.Options{Endpoint: "https://fc.example.com/x"}, "no path"},
		{"no account", p(func(p *model.Provider) { p.AccountID = "" }), nil, "accountId"},
		{"bad region", p(func(p *model.Provider) { p.Region = "cn hangzhou" }), nil, "region"},
		{"wrong type", p(func(p *model.Provider) { p.Type = "huaweifg" }), nil, "neither"},
	}
	for _, tt := range tests {
		d, err := alifc.New(tt.p, l, tt.opts)
		if tt.wantErr == "" {
			if err != nil {
				t.Errorf("%s: New: %v", tt.name, err)
				continue
			}
			_ = d.Close()
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("%s: New error = %v, want one containing %q", tt.name, err, tt.wantErr)
		}
	}
}

func TestCapabilitiesAndRegistration(t *testing.T) {
	for _, tt := range []struct {
		typ   string
		merge bool
	}{{model.TypeAliFC2, true}, {model.TypeAliFC3, false}} {
		e := newEnv(t, tt.typ, nil)
		c, err := provider.Open(context.Background(), e.provider(), e.limits(), &provider.OpenOptions{Endpoint: e.url,
			Credentials: &provider.Credentials{AccessKey: "a", SecretKey: "b"}})
		if err != nil {
			t.Fatalf("provider.Open(%s): %v", tt.typ, err)
		}
		caps := c.Capabilities()
		if caps.MergeOnPut != tt.merge || !caps.StopInvocation || caps.Limits.Type != tt.typ {
			t.Errorf("%s: Capabilities = %+v", tt.typ, caps)
		}
		_ = c.Close()
	}
}
