package awslambda

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/feature/ec2/imds"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/smithy-go/logging"

	"github.com/fnasync/fnasync/mapping"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/driver"
	"github.com/fnasync/fnasync/provider/internal/httpx"
	"github.com/fnasync/fnasync/provider/retry"
)

func init() {
	provider.Register(model.TypeAWSLambda, func(ctx context.Context, p *model.Provider, l model.Limits, o *provider.OpenOptions) (driver.Driver, error) {
		return New(ctx, p, l, &Options{Endpoint: o.Endpoint, Credentials: o.Credentials, AllowInsecure: o.AllowInsecure,
			Retry: o.Retry, Transport: o.Transport})
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
	// Timeout bounds one try of one request, when set; it overrides
	// Transport.Timeout.
	Timeout time.Duration
	// Transport tunes the HTTP layer: timeouts, body caps and the
	// breaker (nil: defaults; see provider.TransportOptions).
	Transport *provider.TransportOptions
}

// Driver is the AWS Lambda driver of one provider (account and region).
// It implements driver.Driver.
type Driver struct {
	name      string
	limits    model.Limits
	client    *lambda.Client
	transport *httpx.Transport
	pageSize  int

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
// come from opts or else the AWS SDK's default chain, resolved now, so
// that missing credentials are one clear error before any request; ctx
// bounds that.
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
	d := &Driver{name: p.Name, limits: limits, pageSize: o.PageSize,
		scope: mapping.LambdaScope{Region: p.Region, AccountID: p.AccountID}}
	if d.pageSize <= 0 || d.pageSize > 50 {
		d.pageSize = 50
	}
	u, err := endpoint(p, &o)
	if err != nil {
		return nil, err
	}
	loopback := provider.IsLoopback(u.Hostname())
	loads := []func(*config.LoadOptions) error{config.WithRegion(p.Region),
		config.WithRetryer(func() aws.Retryer { return aws.NopRetryer{} }),
		// The SDK's own log lines (an instance-metadata fallback) would
		// go to standard error unredacted, beside fnasync's one error.
		config.WithLogger(logging.Nop{})}
	if loopback {
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
	creds := &recordedCredentials{p: cfg.Credentials}
	if _, err := creds.Retrieve(ctx); err != nil {
		return nil, errors.New(provider.NoCredentials("awslambda", "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
			"a profile in ~/.aws/credentials or ~/.aws/config, SSO, web identity, or a container or instance role", loopback))
	}
	topts := o.Transport.WithDefaults()
	if o.Timeout > 0 {
		topts.Timeout = o.Timeout
	}
	d.transport = httpx.New(httpx.Options{Endpoint: u, Transport: &topts, Retry: o.Retry, Classify: classify, Secrets: creds.Secrets})
	d.client = lambda.NewFromConfig(cfg, func(lo *lambda.Options) {
		lo.BaseEndpoint = aws.String(u.String())
		lo.Credentials = creds
		// The shared transport: no redirect, one host, bounded tries and
		// bodies, answers redacted. Each try's context carries its call.
		lo.HTTPClient = &http.Client{Transport: d.transport}
	})
	return d, nil
}

// endpoint picks and checks the endpoint: opts, then the provider's, then
// Lambda's regional endpoint (lambda.REGION.amazonaws.com, .com.cn in
// China).
func endpoint(p *model.Provider, o *Options) (*url.URL, error) {
	ep := o.Endpoint
	if ep == "" {
		ep = p.Endpoint
		if ep == model.EndpointEmulator {
			return nil, errors.New("awslambda: endpoint \"emulator\" needs the embedded emulator, which the fnasync CLI supplies; as a library, pass the emulator's URL in OpenOptions.Endpoint")
		}
	}
	if ep == "" {
		ep = "https://lambda." + p.Region + ".amazonaws.com"
		if strings.HasPrefix(p.Region, "cn-") {
			ep += ".cn"
		}
	}
	u, err := provider.CheckEndpoint(ep, o.AllowInsecure)
	if err != nil {
		return nil, fmt.Errorf("awslambda: %w", err)
	}
	return u, nil
}

// recordedCredentials keeps the access key id and session token last
// retrieved, for the transport to redact from answers.
type recordedCredentials struct {
	p aws.CredentialsProvider

	mu      sync.Mutex
	secrets []string
}

// Retrieve implements aws.CredentialsProvider.
func (r *recordedCredentials) Retrieve(ctx context.Context) (aws.Credentials, error) {
	c, err := r.p.Retrieve(ctx)
	if err == nil {
		r.mu.Lock()
		r.secrets = []string{c.AccessKeyID, c.SessionToken}
		r.mu.Unlock()
	}
	return c, err
}

// Secrets returns the last access key id and session token.
func (r *recordedCredentials) Secrets() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.secrets
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
	d.transport.CloseIdleConnections()
	return nil
}

// CanonicalDestination implements driver.Canonicalizer.
func (d *Driver) CanonicalDestination(dest *model.Destination) *model.Destination {
	return mapping.LambdaCanonicalDestination(d.Scope(), dest)
}
