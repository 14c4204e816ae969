// Package session opens the providers of a document for a command, with
// provider.OpenDocument: real clouds through their adapters, and the
// embedded emulator (emulator.Embedded) for providers whose endpoint is
// "emulator".
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
}

// Session is a document's opened providers.
type Session struct {
	Doc     *model.Document
	Clients map[string]*provider.Client
	ps      *provider.Providers
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
	ps, err := provider.OpenDocument(ctx, doc, &provider.DocumentOptions{Only: o.Only, Endpoints: merge(doc, o.EnvEndpoints, o.Endpoints),
		AllowInsecure: o.InsecureEndpoint, Retry: o.Retry, Warn: o.Warn, Emulator: emulator.Embedded})
	if err != nil {
		return nil, err
	}
	if o.Warn != nil {
		for _, name := range slices.Sorted(maps.Keys(ps.Clients)) {
			if doc.Providers[name].Type == model.TypeMemory {
				fmt.Fprintf(o.Warn, "note: provider %q is of type memory: its configs live in this run only, and nothing is kept after it\n", name)
			}
		}
	}
	return &Session{Doc: ps.Doc, Clients: ps.Clients, ps: ps}, nil
}

// Close closes the clients and stops the embedded emulator, saving its
// state.
func (s *Session) Close() error { return s.ps.Close() }

// Providers returns the session's clients paired with its document, for
// package plan.
func (s *Session) Providers() *plan.Providers { return plan.NewProviders(s.Doc, s.Clients) }
