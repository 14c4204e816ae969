package alifc_test

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/alifc"
	"github.com/fnasync/fnasync/provider/emukit"
)

// TestAccountFromHost sends requests as Alibaba's own clients do, to the
// account-scoped host ACCOUNT.REGION.fc.aliyuncs.com without an
// X-Fc-Account-Id header; a resolver in the test sends that host to the
// emulator on loopback. The emulator takes the account from the host, so
// the config lands on that account, where the adapter (which sends the
// header) reads it; a header naming another account is refused.
func TestAccountFromHost(t *testing.T) {
	t.Setenv("HTTP_PROXY", "")
	t.Setenv("http_proxy", "")
	const other = "5555555555555555" // not the emulator's default account
	e := newEnv(t, "alifc3", nil)
	if err := e.emu.AddFunction(e.version, other, "orders"); err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(e.url)
	creds, err := auth.ToCredentialsProvider(credentials.NewAccessKeyCredential(emukit.DefaultAccessKey, emukit.DefaultSecretKey))
	if err != nil {
		t.Fatal(err)
	}
	client, err := sdk.NewClientWithOptions(testRegion, sdk.NewConfig(), creds)
	if err != nil {
		t.Fatal(err)
	}
	// The test's resolver: every host is the emulator. (Wrapped, because
	// the SDK replaces the dialer of an *http.Transport it is given.)
	tr := &http.Transport{DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, network, u.Host)
	}}
	defer tr.CloseIdleConnections()
	client.SetTransport(roundTripper(tr.RoundTrip))
	send := func(header string) (int, string) {
		t.Helper()
		req := requests.NewCommonRequest()
		req.Method, req.Scheme, req.Product, req.Version = "PUT", "HTTP", "FC", "2023-03-30"
		req.Domain, req.Port = other+"."+testRegion+".fc.aliyuncs.com", u.Port()
		req.PathPattern = "/2023-03-30/functions/orders/async-invoke-config"
		req.SetContentType("application/json")
		req.Content = []byte(`{"maxAsyncRetryAttempts":0}`)
		if header != "" {
			req.Headers["X-Fc-Account-Id"] = header
		}
		resp, err := client.ProcessCommonRequest(req)
		if resp == nil || resp.GetHttpStatus() == 0 {
			t.Fatalf("no response: %v", err)
		}
		return resp.GetHttpStatus(), resp.GetHttpContentString()
	}
	if status, body := send(""); status != http.StatusOK {
		t.Fatalf("PUT to the account host: %d %s", status, body)
	}
	p := e.provider()
	p.AccountID = other
	d, err := alifc.New(p, e.limits(), &alifc.Options{Endpoint: e.url,
		Credentials: &provider.Credentials{AccessKey: emukit.DefaultAccessKey, SecretKey: emukit.DefaultSecretKey}})
	if err != nil {
		t.Fatal(err)
	}
	c := provider.NewClient(d)
	defer c.Close()
	got, err := c.Get(context.Background(), model.FunctionRef{Function: "orders"})
	if err != nil || *got.MaxRetryAttempts != 0 {
		t.Fatalf("the adapter does not see the config put through the account host: %+v, %v", got, err)
	}
	if status, body := send(testAccount); status != http.StatusBadRequest {
		t.Errorf("a header naming another account than the host: %d %s, want 400", status, body)
	}
	if status, _ := send(other); status != http.StatusOK {
		t.Errorf("a header naming the host's account: %d, want 200", status)
	}
}

type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
