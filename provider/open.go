package provider

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider/driver"
	"github.com/fnasync/fnasync/provider/retry"
)

// Credentials are a static access key pair. They are used only for
// emulators, whose keys are not secrets; real clouds take credentials from
// each SDK's own chain. String never shows the secret.
type Credentials struct {
	AccessKey string
	SecretKey string
}

// String shows the access key and hides the secret.
func (c Credentials) String() string {
	return "Credentials{AccessKey: " + c.AccessKey + ", SecretKey: <redacted>}"
}

// GoString hides the secret from %#v too.
func (c Credentials) GoString() string { return c.String() }

// OpenOptions tune Open; nil means defaults.
type OpenOptions struct {
	// Endpoint overrides the provider's endpoint (e.g. an emulator's URL).
	Endpoint string
	// Credentials, when set, replace the SDK's credential chain. Only for
	// emulators.
	Credentials *Credentials
	// AllowInsecure permits plain http:// to a host that is not loopback.
	AllowInsecure bool
	// Retry overrides the retry policy (retry.Default).
	Retry *retry.Policy
	// Transport tunes the cloud adapters' HTTP layer: timeouts, body
	// caps and the breaker (nil: defaults).
	Transport *TransportOptions
	// List bounds the Client's listings (nil: DefaultListLimits).
	List *ListLimits
}

// Opener opens a driver for a provider declared in a document, under the
// given limits (the cloud's table with the provider's overrides applied).
// opts is never nil.
type Opener func(ctx context.Context, p *model.Provider, limits model.Limits, opts *OpenOptions) (driver.Driver, error)

// Mux maps provider types to Openers.
type Mux struct {
	mu      sync.RWMutex
	openers map[string]Opener
}

// DefaultMux is the Mux that adapters register with in their init.
var DefaultMux = &Mux{}

// Register makes o the opener of provider type typ. It panics if typ is
// registered twice.
func (m *Mux) Register(typ string, o Opener) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.openers == nil {
		m.openers = map[string]Opener{}
	}
	if _, dup := m.openers[typ]; dup {
		panic("provider: type " + typ + " registered twice")
	}
	m.openers[typ] = o
}

// Types lists the registered provider types, sorted.
func (m *Mux) Types() []string {
	m.mu.RLock()
	defer m.mu.RUnlock()
	var out []string
	for t := range m.openers {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

// Open opens a Client for p under limits. opts may be nil.
func (m *Mux) Open(ctx context.Context, p *model.Provider, limits model.Limits, opts *OpenOptions) (*Client, error) {
	m.mu.RLock()
	o, ok := m.openers[p.Type]
	m.mu.RUnlock()
	if !ok {
		return nil, fmt.Errorf("provider %q: unknown type %q (known: %s)", p.Name, p.Type, strings.Join(m.Types(), ", "))
	}
	if opts == nil {
		opts = &OpenOptions{}
	}
	d, err := o(ctx, p, limits, opts)
	if err != nil {
		return nil, fmt.Errorf("open provider %q: %w", p.Name, err)
	}
	c := NewClient(d)
	c.name = p.Name
	c.list = opts.List.withDefaults()
	return c, nil
}

// Register registers o with DefaultMux.
func Register(typ string, o Opener) { DefaultMux.Register(typ, o) }

// Open opens a Client with DefaultMux.
func Open(ctx context.Context, p *model.Provider, limits model.Limits, opts *OpenOptions) (*Client, error) {
	return DefaultMux.Open(ctx, p, limits, opts)
}

// CheckEndpoint parses an endpoint URL and enforces transport safety:
// https is always allowed; plain http only to a loopback host or with
// allowInsecure. A bare host gets https://.
func CheckEndpoint(endpoint string, allowInsecure bool) (*url.URL, error) {
	if !strings.Contains(endpoint, "://") {
		endpoint = "https://" + endpoint
	}
	u, err := url.Parse(endpoint)
	if err != nil {
		return nil, fmt.Errorf("endpoint %q: %w", endpoint, err)
	}
	if u.Host == "" || u.User != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
		return nil, fmt.Errorf("endpoint %q must be scheme://host[:port] with no path, query or user", endpoint)
	}
	switch u.Scheme {
	case "https":
		return u, nil
	case "http":
		if IsLoopback(u.Hostname()) || allowInsecure {
			return u, nil
		}
		return nil, fmt.Errorf("endpoint %q uses plain http to a host that is not loopback: use https, or allow it explicitly (--insecure-endpoint)", endpoint)
	}
	return nil, fmt.Errorf("endpoint %q: scheme must be https or http", endpoint)
}

// IsLoopback reports whether host is localhost or a loopback address.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
