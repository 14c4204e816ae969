package huaweifg

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"sync"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	credprovider "github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/provider"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/config"
	v2 "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/functiongraph/v2"

	"github.com/fnasync/fnasync/mapping"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/driver"
	"github.com/fnasync/fnasync/provider/internal/httpx"
	"github.com/fnasync/fnasync/provider/retry"
)

func init() {
	provider.Register(model.TypeHuaweiFG, Open)
}

// Open is the provider.Opener of type "huaweifg": New with the options
// the portable layer passes.
func Open(_ context.Context, p *model.Provider, limits model.Limits, opts *provider.OpenOptions) (driver.Driver, error) {
	o := &Options{}
	if opts != nil {
		o.Endpoint, o.Credentials, o.AllowInsecure, o.Retry, o.Transport = opts.Endpoint, opts.Credentials, opts.AllowInsecure, opts.Retry, opts.Transport
	}
	return New(p, limits, o)
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
	// PageSize is the limit sent with list requests (default: each API's
	// maximum: 100 configs, 500 invocations, 400 functions).
	PageSize int
	// Timeout bounds one try of one request, when set; it overrides
	// Transport.Timeout.
	Timeout time.Duration
	// Transport tunes the HTTP layer: timeouts, body caps and the
	// breaker (nil: defaults; see provider.TransportOptions).
	Transport *provider.TransportOptions
}

// Driver is the FunctionGraph driver of one provider (project and
// region). It implements driver.Driver.
type Driver struct {
	name      string
	endpoint  string
	limits    model.Limits
	scope     mapping.FgsScope
	client    *v2.FunctionGraphClient
	transport *httpx.Transport
	pageSize  int
	// versions holds "FUNCTION@QUALIFIER" for the qualifiers found to be
	// versions with custom names (see qualified).
	versions sync.Map
}

var (
	_ driver.Driver        = (*Driver)(nil)
	_ driver.Canonicalizer = (*Driver)(nil)
)

var (
	reRegion  = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	reProject = regexp.MustCompile(`^[A-Za-z0-9]{32}$`)
)

// New returns a driver for p (type "huaweifg") under limits. The project
// id always comes from p, so the SDK never asks IAM for it.
func New(p *model.Provider, limits model.Limits, opts *Options) (*Driver, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	if p.Type != model.TypeHuaweiFG {
		return nil, fmt.Errorf("huaweifg: provider type %q is not %s", p.Type, model.TypeHuaweiFG)
	}
	if !reRegion.MatchString(p.Region) {
		return nil, fmt.Errorf("huaweifg: region %q is missing or invalid (e.g. cn-north-4)", p.Region)
	}
	if !reProject.MatchString(p.ProjectID) {
		return nil, fmt.Errorf("huaweifg: projectId %q is missing or invalid: it is the region's 32-character project ID", p.ProjectID)
	}
	d := &Driver{name: p.Name, limits: limits, scope: mapping.FgsScope{Region: p.Region, ProjectID: p.ProjectID},
		pageSize: o.PageSize}
	u, err := endpoint(p, &o)
	if err != nil {
		return nil, err
	}
	d.endpoint = u.String()
	cred, err := credentials(p.ProjectID, o.Credentials, provider.IsLoopback(u.Hostname()))
	if err != nil {
		return nil, err
	}
	topts := o.Transport.WithDefaults()
	if o.Timeout > 0 {
		topts.Timeout = o.Timeout
	}
	secrets := []string{cred.AK, cred.SecurityToken}
	d.transport = httpx.New(httpx.Options{Endpoint: u, Header: callHeader, Transport: &topts, Retry: o.Retry,
		Classify: classify, Secrets: func() []string { return secrets }})
	// TLS is verified; the SDK's own timeout is off: the transport bounds
	// each try.
	hc, err := v2.FunctionGraphClientBuilder().
		WithEndpoints([]string{d.endpoint}).
		WithCredential(cred).
		WithHttpConfig(config.DefaultHttpConfig().WithTimeout(0).WithHttpRoundTripper(d.transport)).
		SafeBuild()
	if err != nil {
		return nil, fmt.Errorf("huaweifg: sdk client: %w", err)
	}
	d.client = v2.NewFunctionGraphClient(hc)
	return d, nil
}

// endpoint picks and checks the endpoint: opts, then the provider's, then
// FunctionGraph's regional endpoint.
func endpoint(p *model.Provider, o *Options) (*url.URL, error) {
	ep := o.Endpoint
	if ep == "" {
		ep = p.Endpoint
		if ep == model.EndpointEmulator {
			return nil, errors.New("huaweifg: endpoint \"emulator\" needs the embedded emulator, which the fnasync CLI supplies; as a library, pass the emulator's URL in OpenOptions.Endpoint")
		}
	}
	if ep == "" {
		ep = "https://functiongraph." + p.Region + ".myhuaweicloud.com"
	}
	u, err := provider.CheckEndpoint(ep, o.AllowInsecure)
	if err != nil {
		return nil, fmt.Errorf("huaweifg: %w", err)
	}
	u.Path = ""
	return u, nil
}

// credentials returns the static keys when given (emulators), else the
// SDK's chain: HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (and
// HUAWEICLOUD_SDK_SECURITY_TOKEN), then the profile file
// (HUAWEICLOUD_SDK_CREDENTIALS_FILE, default ~/.huaweicloud/credentials).
// The project id is always projectID.
func credentials(projectID string, static *provider.Credentials, loopback bool) (*auth.BasicCredentials, error) {
	if static != nil {
		c, err := basic.NewCredentialsBuilder().WithAk(static.AccessKey).WithSk(static.SecretKey).WithProjectId(projectID).SafeBuild()
		if err != nil {
			return nil, errors.New("huaweifg: the static credentials need both an access key and a secret key")
		}
		return c, nil
	}
	chain := credprovider.NewCredentialProviderChain([]credprovider.ICredentialProvider{
		credprovider.BasicCredentialEnvProvider(), credprovider.BasicCredentialProfileProvider()})
	c, err := chain.GetCredentials()
	if err != nil {
		return nil, errors.New(provider.NoCredentials("huaweifg", "HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK",
			"a profile in ~/.huaweicloud/credentials (HUAWEICLOUD_SDK_CREDENTIALS_FILE)", loopback))
	}
	bc, ok := c.(*auth.BasicCredentials)
	if !ok {
		return nil, fmt.Errorf("huaweifg: the SDK's credential chain gave %T, want basic credentials", c)
	}
	bc.ProjectId = projectID
	return bc, nil
}

// Capabilities implements driver.Driver: FunctionGraph's PUT replaces, and
// invocations can be stopped.
func (d *Driver) Capabilities() driver.Capabilities {
	return driver.Capabilities{Limits: d.limits, StopInvocation: true}
}

// Endpoint returns the URL the driver sends requests to.
func (d *Driver) Endpoint() string { return d.endpoint }

// String describes the driver without its credentials.
func (d *Driver) String() string {
	return "huaweifg driver " + d.name + " (project " + d.scope.ProjectID + ", region " + d.scope.Region + ", " + d.endpoint + ")"
}

// GoString is String, so that %#v does not print the SDK client and its
// credentials either.
func (d *Driver) GoString() string { return d.String() }

// Scope returns the region and project the driver maps URNs in.
func (d *Driver) Scope() mapping.FgsScope { return d.scope }

// As implements driver.Driver: **v2.FunctionGraphClient.
func (d *Driver) As(i any) bool {
	p, ok := i.(**v2.FunctionGraphClient)
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
	return mapping.FgsCanonicalDestination(d.scope, dest)
}
