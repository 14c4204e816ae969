// Package session opens the providers of a document for a command, with
// provider.OpenDocument: real clouds through their adapters, and the
// embedded emulator for providers whose endpoint is "emulator" (started
// in-process on loopback, its state kept in .fnasync/emulator-state.db
// beside the document and locked while the command runs). Opening changes
// nothing in the emulator: a function it has never seen does not exist,
// as on a real cloud, until apply creates it (see Missing); and commands
// that change nothing open it with Options.ReadOnly, so that they never
// write its state, nor create it.
package session

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"time"

	"github.com/fnasync/fnasync/emulator"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/plan"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/emukit"
	"github.com/fnasync/fnasync/provider/retry"

	// Every adapter registers its provider types.
	_ "github.com/fnasync/fnasync/provider/all"
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
	// Lock tunes the lock of the embedded emulator's state (--lock,
	// --lock-timeout).
	Lock Lock
}

// Lock is how a command locks an emulator's state: held for the life of
// the process unless Disabled; a holder is waited for up to Timeout.
type Lock struct {
	Disabled bool
	Timeout  time.Duration
}

// StoreOptions returns the store options of l, telling warn (if set) when
// it waits for another process.
func (l Lock) StoreOptions(warn io.Writer) *emukit.StoreOptions {
	o := &emukit.StoreOptions{NoLock: l.Disabled, LockTimeout: l.Timeout}
	if warn != nil {
		o.Waiting = func(holder *emukit.LockInfo) {
			fmt.Fprintf(warn, "waiting up to %s for the emulator state lock, held by %s\n", l.Timeout, holder)
		}
	}
	return o
}

// LockError adds to err, if the state was locked, how to wait for it.
func LockError(err error) error {
	var le *emukit.LockedError
	if errors.As(err, &le) && le.Waited == 0 {
		return fmt.Errorf("%w; to wait for it, use --lock-timeout (e.g. --lock-timeout 30s)", err)
	}
	return err
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
	var o Options
	if opts != nil {
		o = *opts
	}
	if err := checkEnvironment(os.Getenv, openedTypes(doc, o.Only)); err != nil {
		return nil, err
	}
	s := &Session{}
	// The embedded emulator starts with its state only, never seeded with
	// the document's functions: findMissing tells which it lacks.
	embedded := func(doc *model.Document) (*provider.Emulator, error) {
		start := emulator.StartEmbedded
		if o.ReadOnly {
			start = emulator.StartEmbeddedReadOnly
		}
		l, err := start(doc, o.Lock.StoreOptions(o.Warn))
		if err != nil {
			return nil, LockError(err)
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
