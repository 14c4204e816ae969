// Package session opens the providers of a document for a command, with
// provider.OpenDocument: real clouds through their adapters, and the
// embedded emulator for providers whose endpoint is "emulator" (started
// in-process on loopback, its state kept in .fnasync/emulator-state.json
// beside the document). Opening changes nothing in the emulator: a
// function it has never seen does not exist, as on a real cloud, until
// apply creates it (see Missing); and commands that change nothing open
// it with Options.ReadOnly, so that they never write its state, nor
// create it.
package session

import (
	"context"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"

	"github.com/fnasync/fnasync/emulator"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/plan"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/retry"

	// Every adapter registers its provider types.
	_ "github.com/fnasync/fnasync/provider/all"
)

// StateDir and StateFile name the embedded emulator's state, relative to
// the document's directory.
const (
	StateDir  = emulator.StateDir
	StateFile = emulator.StateFile
)

// Options tune Open; nil means defaults.
type Options struct {
	// InsecureEndpoint allows plain http:// to hosts that are not loopback.
	InsecureEndpoint bool
	// Retry overrides the adapters' retry policy.
	Retry *retry.Policy
	// Warn receives warnings (stderr), among them the first retried
	// failure of each provider, so that a slow run says why it is slow.
	Warn io.Writer
	// Only, if not empty, opens only these providers; by default the
	// providers the document's functions use are opened.
	Only []string
	// Endpoints override providers' endpoints (--endpoint), by provider
	// name or provider.AllProviders; EnvEndpoints are FNASYNC_ENDPOINTS',
	// used for the providers the document declares. Endpoints win.
	Endpoints, EnvEndpoints map[string]string
	// ReadOnly starts the embedded emulator read-only
	// (emulator.StartEmbeddedReadOnly): for commands that change nothing.
	ReadOnly bool
}

// Session is a document's opened providers.
type Session struct {
	Doc     *model.Document
	Clients map[string]*provider.Client
	ps      *provider.Providers
	emu     *emulator.Listener
	// missing are the entries whose function the embedded emulator has
	// never seen, by their normalized refs.
	missing map[model.FunctionRef]*missingEntry
}

// Open opens every provider of doc (or opts.Only).
func Open(ctx context.Context, doc *model.Document, opts *Options) (*Session, error) {
	if err := checkEnvironment(os.Getenv); err != nil {
		return nil, err
	}
	var o Options
	if opts != nil {
		o = *opts
	}
	s := &Session{}
	// The embedded emulator starts with its state only, never seeded with
	// the document's functions: findMissing tells which it lacks.
	embedded := func(doc *model.Document) (*provider.Emulator, error) {
		start := emulator.StartEmbedded
		if o.ReadOnly {
			start = emulator.StartEmbeddedReadOnly
		}
		l, err := start(doc)
		if err != nil {
			return nil, err
		}
		s.emu = l
		return l.Endpoint(), nil
	}
	ps, err := provider.OpenDocument(ctx, doc, &provider.DocumentOptions{Only: o.Only, Endpoints: merge(doc, o.EnvEndpoints, o.Endpoints),
		AllowInsecure: o.InsecureEndpoint, Retry: o.Retry, Warn: o.Warn, Emulator: embedded})
	if err != nil {
		return nil, err
	}
	s.Doc, s.Clients, s.ps = ps.Doc, ps.Clients, ps
	if o.Warn != nil {
		for _, name := range slices.Sorted(maps.Keys(ps.Clients)) {
			if doc.Providers[name].Type == model.TypeMemory {
				fmt.Fprintf(o.Warn, "note: provider %q is of type memory: its configs live in this run only, and nothing is kept after it\n", name)
			}
		}
	}
	s.findMissing()
	return s, nil
}

// Close closes the clients and stops the embedded emulator, saving its
// state.
func (s *Session) Close() error { return s.ps.Close() }

// Providers returns the session's clients paired with its document, for
// package plan.
func (s *Session) Providers() *plan.Providers { return plan.NewProviders(s.Doc, s.Clients) }
