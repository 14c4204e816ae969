package provider

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fnasync/fnasync/document"
	"github.com/fnasync/fnasync/internal/safetext"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider/retry"
	"github.com/fnasync/fnasync/schemas"
)

// AllProviders is the key of DocumentOptions.Endpoints that applies to
// every provider the map does not name (no provider name can be "*").
const AllProviders = "*"

// Emulator is a running emulator that serves the providers whose endpoint
// is "emulator" (model.EndpointEmulator); package emulator starts one.
type Emulator struct {
	// URL is its base URL, http://HOST:PORT.
	URL string
	// Credentials are the keys requests must be signed with.
	Credentials Credentials
	// Stop, if set, stops it; Providers.Close calls it.
	Stop func() error
}

// DocumentOptions tune OpenDocument; nil means defaults.
type DocumentOptions struct {
	// Only, if not empty, opens only these providers; by default the
	// providers the document's functions use are opened.
	Only []string
	// Endpoints override providers' endpoints: provider name (or
	// AllProviders) to a URL, checked as a document's endpoint is, or
	// "emulator".
	Endpoints map[string]string
	// AllowInsecure permits plain http:// to hosts that are not loopback
	// (with a warning on Warn).
	AllowInsecure bool
	// Retry overrides the adapters' retry policy (retry.Default).
	Retry *retry.Policy
	// Warn, if set, receives warnings, among them the first retried
	// failure of each provider, so that a slow run says why it is slow.
	Warn io.Writer
	// Emulator starts the emulator for providers whose endpoint is
	// "emulator", once per OpenDocument, with the document it serves
	// (emulator.Embedded runs one in-process as the fnasync CLI does).
	// Without it such providers are an error.
	Emulator func(doc *model.Document) (*Emulator, error)
	// Mux is where provider types are looked up (DefaultMux when nil).
	Mux *Mux
}

// Providers are a document's opened providers.
type Providers struct {
	// Doc is the document they were opened for.
	Doc *model.Document
	// Clients are the opened providers by name.
	Clients  map[string]*Client
	emu      *Emulator
	limiters Limiters
}

// OpenFile reads and checks the document in file ("-" for standard input)
// and opens its providers as OpenDocument does. A document with errors
// is an error that lists them.
func OpenFile(ctx context.Context, file string, opts *DocumentOptions) (*Providers, error) {
	doc, diags := document.Load(file, os.Stdin, nil)
	if doc == nil || diags.HasErrors() {
		var msgs []string
		for _, d := range diags {
			if d.Severity == model.SeverityError {
				msgs = append(msgs, d.String())
			}
		}
		return nil, fmt.Errorf("%s is not a valid document: %s", file, strings.Join(msgs, "; "))
	}
	return OpenDocument(ctx, doc, opts)
}

// OpenDocument opens every provider of doc that its functions use (or
// opts.Only), each under its limits (schemas.ProviderLimits) and the
// endpoint that opts.Endpoints, the document, or the cloud's regional
// default names. Providers whose endpoint is "emulator" run against the
// emulator opts.Emulator starts. Close the result.
func OpenDocument(ctx context.Context, doc *model.Document, opts *DocumentOptions) (*Providers, error) {
	var o DocumentOptions
	if opts != nil {
		o = *opts
	}
	if o.Mux == nil {
		o.Mux = DefaultMux
	}
	if err := checkOverrides(doc, o.Endpoints); err != nil {
		return nil, err
	}
	only := o.Only
	if len(only) == 0 {
		for _, e := range doc.Functions {
			only = append(only, e.Provider)
		}
	}
	var names []string
	for name := range doc.Providers {
		if slices.Contains(only, name) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	ps := &Providers{Doc: doc, Clients: map[string]*Client{}}
	var warnMu sync.Mutex // one warning at a time on o.Warn
	for _, name := range names {
		c, err := ps.open(ctx, doc.Providers[name], &o, &warnMu)
		if err != nil {
			_ = ps.Close()
			return nil, err
		}
		ps.Clients[name] = c
	}
	return ps, nil
}

// checkOverrides rejects an override of a provider doc does not declare.
func checkOverrides(doc *model.Document, endpoints map[string]string) error {
	for name := range endpoints {
		if name != AllProviders && doc.Providers[name] == nil {
			var declared []string
			for n := range doc.Providers {
				declared = append(declared, n)
			}
			slices.Sort(declared)
			return fmt.Errorf("endpoint override for provider %q: the document declares no such provider (it declares %s)", name, strings.Join(declared, ", "))
		}
	}
	return nil
}

// endpointOf returns p's endpoint: the override, else the document's.
func endpointOf(p *model.Provider, endpoints map[string]string) string {
	if ep, ok := endpoints[p.Name]; ok {
		return ep
	}
	if ep, ok := endpoints[AllProviders]; ok && p.Type != model.TypeMemory {
		return ep
	}
	return p.Endpoint
}

func (ps *Providers) open(ctx context.Context, p *model.Provider, o *DocumentOptions, warnMu *sync.Mutex) (*Client, error) {
	limits, err := schemas.ProviderLimits(p)
	if err != nil {
		return nil, fmt.Errorf("provider %q: %w", p.Name, err)
	}
	oo := &OpenOptions{AllowInsecure: o.AllowInsecure, Retry: retryPolicy(o, p.Name, warnMu)}
	switch ep := endpointOf(p, o.Endpoints); {
	case ep == model.EndpointEmulator:
		emu, err := ps.emulator(o)
		if err != nil {
			return nil, fmt.Errorf("provider %q: %w", p.Name, err)
		}
		creds := emu.Credentials
		oo.Endpoint, oo.Credentials = emu.URL, &creds
	case ep != p.Endpoint:
		if _, err := CheckEndpoint(ep, o.AllowInsecure); err != nil {
			return nil, fmt.Errorf("provider %q: endpoint override: %w", p.Name, err)
		}
		oo.Endpoint = ep
		fallthrough
	default:
		if o.AllowInsecure && o.Warn != nil && p.Type != model.TypeMemory {
			fmt.Fprintf(o.Warn, "warning: provider %q: --insecure-endpoint allows plain http; credentials and configs may travel unencrypted\n", p.Name)
		}
	}
	oo.Limiter = ps.limiters.For(p, oo.Endpoint) // providers of one account or project share its quota
	return o.Mux.Open(ctx, p, limits, oo)
}

// emulator starts the emulator once.
func (ps *Providers) emulator(o *DocumentOptions) (*Emulator, error) {
	if ps.emu != nil {
		return ps.emu, nil
	}
	if o.Emulator == nil {
		return nil, errors.New(`endpoint "emulator" needs an emulator: set DocumentOptions.Emulator (emulator.Embedded runs one in-process, as the fnasync CLI does)`)
	}
	emu, err := o.Emulator(ps.Doc)
	if err != nil {
		return nil, fmt.Errorf("embedded emulator: %w", err)
	}
	ps.emu = emu
	return emu, nil
}

// retryPolicy is o.Retry (or retry.Default) for provider name, telling
// o.Warn of the provider's first retried failure: without it a cloud or
// emulator that does not answer keeps a run silent for half a minute.
func retryPolicy(o *DocumentOptions, name string, mu *sync.Mutex) *retry.Policy {
	p := retry.Default
	if o.Retry != nil {
		p = *o.Retry
	}
	if o.Warn == nil || p.OnRetry != nil {
		return &p
	}
	var once sync.Once
	p.OnRetry = func(err error, _ int, _ time.Duration) {
		once.Do(func() {
			mu.Lock()
			defer mu.Unlock()
			fmt.Fprintf(o.Warn, "warning: provider %q: %s: retrying with backoff, up to %d tries per request (later retries are not reported)\n", name, safetext.Clean(err.Error(), 0), p.Attempts)
		})
	}
	return &p
}

// Client returns the client of the provider name, or nil.
func (ps *Providers) Client(name string) *Client { return ps.Clients[name] }

// Close closes the clients and stops the emulator, if one was started.
func (ps *Providers) Close() error {
	var errs []error
	for _, c := range ps.Clients {
		errs = append(errs, c.Close())
	}
	if ps.emu != nil && ps.emu.Stop != nil {
		errs = append(errs, ps.emu.Stop())
	}
	return errors.Join(errs...)
}
