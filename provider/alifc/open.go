package alifc

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"

	"github.com/fnasync/fnasync/mapping"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/driver"
	"github.com/fnasync/fnasync/provider/internal/httpx"
	"github.com/fnasync/fnasync/provider/retry"
)

func init() {
	for _, typ := range []string{model.TypeAliFC2, model.TypeAliFC3} {
		provider.Register(typ, func(_ context.Context, p *model.Provider, l model.Limits, o *provider.OpenOptions) (driver.Driver, error) {
			return New(p, l, &Options{Endpoint: o.Endpoint, Credentials: o.Credentials, AllowInsecure: o.AllowInsecure, Retry: o.Retry, Transport: o.Transport})
		})
	}
}

// Options tune New; nil means defaults.
type Options struct {
	// Endpoint overrides the provider's endpoint (e.g. an emulator's URL).
	Endpoint string
	// Credentials, when set, replace the SDK's credential chain (emulators).
	Credentials *provider.Credentials
	// AllowInsecure permits plain http to a host that is not loopback.
	AllowInsecure bool
	// Retry is the retry policy (default retry.Default).
	Retry *retry.Policy
	// PageSize is the "limit" sent with list requests (1–100, default 100).
	PageSize int
	// Timeout bounds one try of one request, when set; it overrides
	// Transport.Timeout.
	Timeout time.Duration
	// Transport tunes the HTTP layer: timeouts, body caps and the
	// breaker (nil: defaults; see provider.TransportOptions).
	Transport *provider.TransportOptions
}

// Driver is the Function Compute driver of one provider (account, region
// and API version). It implements driver.Driver.
type Driver struct {
	name      string
	limits    model.Limits
	scope     mapping.FCScope
	client    *sdk.Client // for As only; calls take one from idle
	newSDK    func() (*sdk.Client, error)
	idle      chan *sdk.Client
	transport *httpx.Transport
	scheme    string
	domain    string
	port      string
	pageSize  int
}

var (
	_ driver.Driver        = (*Driver)(nil)
	_ driver.Canonicalizer = (*Driver)(nil)
)

var (
	reRegion  = regexp.MustCompile(`^[a-z0-9-]{1,64}$`)
	reAccount = regexp.MustCompile(`^[A-Za-z0-9-]{1,64}$`)
)

// New returns a driver for p (type "alifc" or "alifc3") under limits.
func New(p *model.Provider, limits model.Limits, opts *Options) (*Driver, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	d := &Driver{name: p.Name, limits: limits, pageSize: o.PageSize}
	switch p.Type {
	case model.TypeAliFC2:
		d.scope.Version = mapping.FC2
	case model.TypeAliFC3:
		d.scope.Version = mapping.FC3
	default:
		return nil, fmt.Errorf("alifc: provider type %q is neither %s nor %s", p.Type, model.TypeAliFC2, model.TypeAliFC3)
	}
	if !reRegion.MatchString(p.Region) {
		return nil, fmt.Errorf("alifc: region %q is missing or invalid (e.g. cn-hangzhou)", p.Region)
	}
	if !reAccount.MatchString(p.AccountID) {
		return nil, fmt.Errorf("alifc: accountId %q is missing or invalid: FC endpoints and ARNs are account-scoped", p.AccountID)
	}
	d.scope.Region, d.scope.AccountID = p.Region, p.AccountID
	if d.pageSize <= 0 || d.pageSize > 100 {
		d.pageSize = 100
	}
	u, err := endpoint(p, &o)
	if err != nil {
		return nil, err
	}
	d.scheme, d.port = u.Scheme, u.Port()
	d.domain = u.Hostname()
	if strings.Contains(d.domain, ":") {
		d.domain = "[" + d.domain + "]"
	}
	if err := d.newClient(p.Region, u, &o); err != nil {
		return nil, err
	}
	return d, nil
}

// endpoint picks and checks the endpoint: opts, then the provider's, then
// FC's account endpoint.
func endpoint(p *model.Provider, o *Options) (*url.URL, error) {
	ep := o.Endpoint
	if ep == "" {
		ep = p.Endpoint
		if ep == model.EndpointEmulator {
			return nil, errors.New("alifc: endpoint \"emulator\" needs the embedded emulator, which the fnasync CLI supplies; as a library, pass the emulator's URL in OpenOptions.Endpoint")
		}
	}
	if ep == "" {
		ep = "https://" + p.AccountID + "." + p.Region + ".fc.aliyuncs.com"
	}
	u, err := provider.CheckEndpoint(ep, o.AllowInsecure)
	if err != nil {
		return nil, fmt.Errorf("alifc: %w", err)
	}
	return u, nil
}

func (d *Driver) newClient(region string, u *url.URL, o *Options) error {
	loopback := provider.IsLoopback(u.Hostname())
	var inner credentials.CredentialsProvider = newChain(loopback)
	if c := o.Credentials; c != nil {
		inner = credentials.NewStaticAKCredentialsProvider(c.AccessKey, c.SecretKey)
	}
	// One credentials provider for every SDK client, so that the chain is
	// resolved (and STS tokens refreshed) once; resolved now, so that
	// missing credentials are one clear error before any request.
	creds := &lockedCredentials{p: inner}
	if _, err := creds.GetCredentials(); err != nil {
		return errors.New(provider.NoCredentials("alifc", "ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET",
			"a profile in ~/.alibabacloud/credentials or ~/.aliyun/config.json, or a RAM role", loopback))
	}
	topts := o.Transport.WithDefaults()
	if o.Timeout > 0 {
		topts.Timeout = o.Timeout
	}
	d.transport = httpx.New(httpx.Options{Endpoint: u, Header: callHeader, Transport: &topts, Retry: o.Retry,
		Classify: classify, Secrets: creds.Secrets})
	d.newSDK = func() (*sdk.Client, error) {
		client, err := sdk.NewClientWithOptions(region, sdk.NewConfig().WithAutoRetry(false), creds)
		if err != nil {
			return nil, fmt.Errorf("alifc: sdk client: %w", err)
		}
		client.SetTransport(d.transport)
		// The transport bounds each try; the SDK's own timeout (its
		// http.Client's) only backs it up.
		client.SetReadTimeout(topts.Timeout + time.Minute)
		client.SetConnectTimeout(5 * time.Second)
		if loopback {
			// The SDK applies HTTP_PROXY even to loopback unless told not to.
			client.SetNoProxy(regexp.QuoteMeta(u.Hostname()))
		}
		return client, nil
	}
	d.idle = make(chan *sdk.Client, maxIdleClients)
	var err error
	d.client, err = d.newSDK()
	return err
}

// maxIdleClients bounds the SDK clients kept for reuse.
const maxIdleClients = 64

// sdkClient returns an SDK client no other call is using: the SDK's
// client is not safe for concurrent requests (every request rewrites its
// http.Client's Timeout). All of them share the driver's transport, so
// connections are reused. Give it back with release.
func (d *Driver) sdkClient() (*sdk.Client, error) {
	select {
	case c := <-d.idle:
		return c, nil
	default:
		return d.newSDK()
	}
}

func (d *Driver) release(c *sdk.Client) {
	select {
	case d.idle <- c:
	default:
	}
}

// Capabilities implements driver.Driver: FC 2.0's PUT merges.
func (d *Driver) Capabilities() driver.Capabilities {
	return driver.Capabilities{Limits: d.limits, MergeOnPut: d.scope.Version == mapping.FC2, StopInvocation: true}
}

// Scope returns the API version, region and account the driver maps
// names and ARNs in.
func (d *Driver) Scope() mapping.FCScope { return d.scope }

// As implements driver.Driver: **sdk.Client.
func (d *Driver) As(i any) bool {
	p, ok := i.(**sdk.Client)
	if ok {
		*p = d.client
	}
	return ok
}

// Close implements driver.Driver.
func (d *Driver) Close() error {
	d.transport.CloseIdleConnections()
	return nil
}

// CanonicalDestination implements driver.Canonicalizer.
func (d *Driver) CanonicalDestination(dest *model.Destination) *model.Destination {
	return mapping.FCCanonicalDestination(d.scope, dest)
}
