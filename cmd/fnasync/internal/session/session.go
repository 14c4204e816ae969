// Package session opens the providers of a document for a command: real
// clouds through their adapters, and the embedded emulator for providers
// whose endpoint is "emulator" (started in-process on loopback, seeded with
// the document's functions, its state kept in .fnasync/emulator-state.db
// beside the document and locked while the command runs).
package session

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/fnasync/fnasync/emulator"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/plan"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/emukit"
	"github.com/fnasync/fnasync/provider/retry"
	"github.com/fnasync/fnasync/schemas"

	// The adapters register their provider types.
	_ "github.com/fnasync/fnasync/provider/alifc"
	_ "github.com/fnasync/fnasync/provider/awslambda"
	_ "github.com/fnasync/fnasync/provider/huaweifg"
	_ "github.com/fnasync/fnasync/provider/memprovider"
)

// StateDir and StateFile name the embedded emulator's state, relative to
// the document's directory; LegacyStateFile is the JSON state of older
// versions, imported once into a new StateFile.
const (
	StateDir        = ".fnasync"
	StateFile       = "emulator-state.db"
	LegacyStateFile = "emulator-state.json"
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
	emu     *emulator.Listener
}

// Open opens every provider of doc (or opts.Only).
func Open(ctx context.Context, doc *model.Document, opts *Options) (*Session, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	s := &Session{Doc: doc, Clients: map[string]*provider.Client{}}
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
	var warnMu sync.Mutex // one warning at a time on o.Warn
	for _, name := range names {
		p := doc.Providers[name]
		limits, err := schemas.ProviderLimits(p)
		if err != nil {
			_ = s.Close()
			return nil, fmt.Errorf("provider %q: %w", name, err)
		}
		oo := &provider.OpenOptions{AllowInsecure: o.InsecureEndpoint, Retry: retryPolicy(o, name, &warnMu)}
		if p.Endpoint == model.EndpointEmulator {
			emu, err := s.emulator(doc, o)
			if err != nil {
				_ = s.Close()
				return nil, err
			}
			ak, sk := emu.Credentials()
			oo.Endpoint, oo.Credentials = emu.URL, &provider.Credentials{AccessKey: ak, SecretKey: sk}
		} else if o.InsecureEndpoint && o.Warn != nil {
			fmt.Fprintf(o.Warn, "warning: provider %q: --insecure-endpoint allows plain http; credentials and configs may travel unencrypted\n", name)
		}
		c, err := provider.Open(ctx, p, limits, oo)
		if err != nil {
			_ = s.Close()
			return nil, err
		}
		s.Clients[name] = c
	}
	return s, nil
}

// retryPolicy is o.Retry (or retry.Default) for provider name, telling
// o.Warn of the provider's first retried failure: without it a cloud or
// emulator that does not answer keeps a command silent for half a minute.
func retryPolicy(o Options, name string, mu *sync.Mutex) *retry.Policy {
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
			fmt.Fprintf(o.Warn, "warning: provider %q: %v: retrying with backoff, up to %d tries per request (later retries are not reported)\n", name, err, p.Attempts)
		})
	}
	return &p
}

// emulator starts the embedded emulator once per session.
func (s *Session) emulator(doc *model.Document, o Options) (*emulator.Listener, error) {
	if s.emu != nil {
		return s.emu, nil
	}
	dir := "."
	if doc.File != "" && doc.File != "-" {
		dir = filepath.Dir(doc.File)
	}
	srv, err := emulator.New(&emulator.Options{StateFile: filepath.Join(dir, StateDir, StateFile),
		ImportFrom: filepath.Join(dir, StateDir, LegacyStateFile), Store: o.Lock.StoreOptions(o.Warn)})
	if err != nil {
		return nil, fmt.Errorf("embedded emulator: %w", LockError(err))
	}
	if err := srv.Seed(doc); err != nil {
		_ = srv.Close()
		return nil, fmt.Errorf("embedded emulator: %w", err)
	}
	l, err := emulator.Listen("", srv, false)
	if err != nil {
		_ = srv.Close()
		return nil, fmt.Errorf("embedded emulator: %w", err)
	}
	s.emu = l
	return l, nil
}

// Providers returns the session's clients paired with its document, for
// package plan.
func (s *Session) Providers() *plan.Providers { return plan.NewProviders(s.Doc, s.Clients) }

// Close closes the clients and stops the embedded emulator, saving its
// state.
func (s *Session) Close() error {
	var errs []error
	for _, c := range s.Clients {
		errs = append(errs, c.Close())
	}
	if s.emu != nil {
		errs = append(errs, s.emu.Close())
	}
	return errors.Join(errs...)
}
