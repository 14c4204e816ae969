package awslambda

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/feature/ec2/imds"
	"github.com/aws/aws-sdk-go-v2/service/lambda"

	"github.com/fnasync/fnasync/mapping"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/driver"
	"github.com/fnasync/fnasync/provider/retry"
)

func init() {
	provider.Register(model.TypeAWSLambda, func(ctx context.Context, p *model.Provider, l model.Limits, o *provider.OpenOptions) (driver.Driver, error) {
		return New(ctx, p, l, &Options{Endpoint: o.Endpoint, Credentials: o.Credentials, AllowInsecure: o.AllowInsecure, Retry: o.Retry})
	})
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
	// PageSize is the MaxItems sent with list requests (1–50, default 50).
	PageSize int
	// Timeout bounds one HTTP request (default 30s).
	Timeout time.Duration
}

// Driver is the AWS Lambda driver of one provider (account and region).
// It implements driver.Driver.
type Driver struct {
	name     string
	limits   model.Limits
	client   *lambda.Client
	http     *http.Client
	retry    *retry.Policy
	pageSize int

	mu    sync.Mutex
	scope mapping.LambdaScope // AccountID learned from Lambda's answers when the document has none
}

var (
	_ driver.Driver        = (*Driver)(nil)
	_ driver.Canonicalizer = (*Driver)(nil)
)

var (
	reRegion  = regexp.MustCompile(`^[a-z]{2}(-gov)?-[a-z]+-[0-9]{1,2}$`)
	reAccount = regexp.MustCompile(`^[0-9]{12}$`)
)

// New returns a driver for p (type "awslambda") under limits. Credentials
// come from opts or else the AWS SDK's default chain, resolved on the
// first request; ctx bounds reading the shared configuration files.
func New(ctx context.Context, p *model.Provider, limits model.Limits, opts *Options) (*Driver, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	if p.Type != model.TypeAWSLambda {
		return nil, fmt.Errorf("awslambda: provider type %q is not %s", p.Type, model.TypeAWSLambda)
	}
	if !reRegion.MatchString(p.Region) {
		return nil, fmt.Errorf("awslambda: region %q is missing or invalid (e.g. us-east-1)", p.Region)
	}
	if p.AccountID != "" && !reAccount.MatchString(p.AccountID) {
		return nil, fmt.Errorf("awslambda: accountId %q is not a 12-digit AWS account ID", p.AccountID)
	}
	d := &Driver{name: p.Name, limits: limits, retry: o.Retry, pageSize: o.PageSize,
		scope: mapping.LambdaScope{Region: p.Region, AccountID: p.AccountID}}
	if d.pageSize <= 0 || d.pageSize > 50 {
		d.pageSize = 50
	}
	if d.retry == nil {
		d.retry = &retry.Default
	}
	u, err := endpoint(p, &o)
	if err != nil {
		return nil, err
	}
	loads := []func(*config.LoadOptions) error{config.WithRegion(p.Region), config.WithHTTPClient(newHTTPClient(o.Timeout)),
		config.WithRetryer(func() aws.Retryer { return aws.NopRetryer{} })}
	if u != nil && provider.IsLoopback(u.Hostname()) {
		// No instance-metadata probe for an emulator on this machine.
		loads = append(loads, config.WithEC2IMDSClientEnableState(imds.ClientDisabled))
	}
	if c := o.Credentials; c != nil {
		loads = append(loads, config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(c.AccessKey, c.SecretKey, "")))
	}
	cfg, err := config.LoadDefaultConfig(ctx, loads...)
	if err != nil {
		return nil, fmt.Errorf("awslambda: aws configuration: %w", err)
	}
	// The SDK's client follows 307 and 308 redirects; fnasync follows
	// none. Its transport (with the CA bundle of the shared
	// configuration applied) is kept.
	b, ok := cfg.HTTPClient.(*awshttp.BuildableClient)
	if !ok {
		return nil, fmt.Errorf("awslambda: unexpected HTTP client %T in the AWS configuration", cfg.HTTPClient)
	}
	d.http = &http.Client{Transport: b.GetTransport(), Timeout: b.GetTimeout(),
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	cfg.HTTPClient = d.http
	d.client = lambda.NewFromConfig(cfg, func(lo *lambda.Options) {
		if u != nil {
			lo.BaseEndpoint = aws.String(u.String())
		}
	})
	return d, nil
}

// endpoint picks and checks the endpoint: opts, then the provider's; nil
// means the SDK's regional endpoint.
func endpoint(p *model.Provider, o *Options) (*url.URL, error) {
	ep := o.Endpoint
	if ep == "" {
		ep = p.Endpoint
		if ep == model.EndpointEmulator {
			return nil, errors.New("awslambda: endpoint \"emulator\" needs the embedded emulator, which the fnasync CLI supplies; as a library, pass the emulator's URL in OpenOptions.Endpoint")
		}
	}
	if ep == "" {
		return nil, nil
	}
	u, err := provider.CheckEndpoint(ep, o.AllowInsecure)
	if err != nil {
		return nil, fmt.Errorf("awslambda: %w", err)
	}
	return u, nil
}

// newHTTPClient is the SDK's buildable client (which takes the shared
// configuration's CA bundle) with the driver's timeouts.
func newHTTPClient(timeout time.Duration) *awshttp.BuildableClient {
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	return awshttp.NewBuildableClient().WithTimeout(timeout).
		WithDialerOptions(func(d *net.Dialer) { d.Timeout, d.KeepAlive = 5*time.Second, 30*time.Second }).
		WithTransportOptions(func(t *http.Transport) {
			t.Proxy = http.ProxyFromEnvironment
			t.TLSHandshakeTimeout = 10 * time.Second
			t.MaxIdleConnsPerHost = 32
			t.IdleConnTimeout = 90 * time.Second
			t.ExpectContinueTimeout = time.Second
		})
}

// Capabilities implements driver.Driver: Lambda's PUT replaces the whole
// config; it keeps no list of async invocations and cannot stop one.
func (d *Driver) Capabilities() driver.Capabilities {
	return driver.Capabilities{Limits: d.limits, StopInvocation: false,
		StopNote:         "AWS Lambda cannot stop an asynchronous invocation once queued: " + whereInstead,
		NoInvocationList: "AWS Lambda keeps no list of asynchronous invocations: " + whereInstead}
}

// whereInstead says where Lambda's async outcomes can be seen.
const whereInstead = "see each invocation's outcome in the function's CloudWatch Logs, or send results to onSuccess/onFailure destinations"

// Scope returns the region and account the driver maps ARNs in (the
// account learned from Lambda when the document names none).
func (d *Driver) Scope() mapping.LambdaScope {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.scope
}

// learn records the account of a FunctionArn Lambda answered, when the
// document named none.
func (d *Driver) learn(functionARN string) {
	a, err := mapping.ParseLambdaARN(functionARN)
	if err != nil || !reAccount.MatchString(a.Account) {
		return
	}
	d.mu.Lock()
	if d.scope.AccountID == "" {
		d.scope.AccountID = a.Account
	}
	d.mu.Unlock()
}

// As implements driver.Driver: **lambda.Client.
func (d *Driver) As(i any) bool {
	p, ok := i.(**lambda.Client)
	if ok {
		*p = d.client
	}
	return ok
}

// Close implements driver.Driver.
func (d *Driver) Close() error {
	d.http.CloseIdleConnections()
	return nil
}

// CanonicalDestination implements driver.Canonicalizer.
func (d *Driver) CanonicalDestination(dest *model.Destination) *model.Destination {
	return mapping.LambdaCanonicalDestination(d.Scope(), dest)
}
