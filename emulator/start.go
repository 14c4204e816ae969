package emulator

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/emukit"
)

// StateDir and StateFile name the embedded emulator's state, relative to
// the document's directory.
// LegacyStateFile is the JSON state of older versions, imported once.
const (
	StateDir        = ".fnasync"
	StateFile       = "emulator-state.db"
	LegacyStateFile = "emulator-state.json"
)

// StartOptions tune Start; nil means defaults.
type StartOptions struct {
	// Options are the server's: keys, state file, faults, clock.
	Options
	// Listen is the address, loopback ("127.0.0.1:0", a free port, when
	// empty).
	Listen string
}

// Start serves a new emulator of both clouds on loopback, in this
// process, with every function the seeds name (documents; Functions
// makes one from a list of names). Its URL and Credentials are what a
// provider needs (Endpoint gives both); Close stops it.
func Start(opts *StartOptions, seeds ...*model.Document) (*Listener, error) {
	var o StartOptions
	if opts != nil {
		o = *opts
	}
	srv, err := New(&o.Options)
	if err != nil {
		return nil, err
	}
	for _, doc := range seeds {
		if err := srv.Seed(doc); err != nil {
			_ = srv.Close()
			return nil, err
		}
	}
	l, err := Listen(o.Listen, srv, false)
	if err != nil {
		_ = srv.Close()
		return nil, err
	}
	return l, nil
}

// Functions returns a seed document in which provider p declares the
// given functions ("name", or "name@qualifier" for a qualifier to exist).
func Functions(p *model.Provider, functions ...string) *model.Document {
	doc := &model.Document{Version: 1, Providers: map[string]*model.Provider{p.Name: p}}
	for _, f := range functions {
		e := &model.FunctionEntry{Provider: p.Name, Function: f}
		if i := strings.LastIndexByte(f, '@'); i >= 0 {
			e.Function, e.Qualifier = f[:i], f[i+1:]
		}
		doc.Functions = append(doc.Functions, e)
	}
	return doc
}

// Endpoint returns the emulator as the providers of a document see it:
// its URL, its credentials, and Close to stop it.
func (l *Listener) Endpoint() *provider.Emulator {
	ak, sk := l.Credentials()
	return &provider.Emulator{URL: l.URL, Credentials: provider.Credentials{AccessKey: ak, SecretKey: sk}, Stop: l.Close}
}

// Ephemeral starts an emulator for doc as Embedded does, but with no state
// file: it starts with doc's functions only and forgets everything when
// stopped. It is what provider.DocumentOptions.Emulator takes, for tests
// and examples.
func Ephemeral(doc *model.Document) (*provider.Emulator, error) {
	l, err := Start(nil, doc)
	if err != nil {
		return nil, fmt.Errorf("start: %w", err)
	}
	return l.Endpoint(), nil
}

// Embedded starts the emulator that the fnasync CLI runs for providers
// with "endpoint: emulator", as StartEmbedded does. It is what
// provider.DocumentOptions.Emulator takes:
//
//	provider.OpenFile(ctx, "fnasync.yaml", &provider.DocumentOptions{Emulator: emulator.Embedded})
func Embedded(doc *model.Document) (*provider.Emulator, error) {
	l, err := StartEmbedded(doc, nil)
	if err != nil {
		return nil, err
	}
	return l.Endpoint(), nil
}

// StartEmbedded starts the embedded emulator for doc: in-process on
// loopback, its state in StateDir/StateFile beside the document (in the
// working directory when the document came from standard input), locked
// as store says (nil: held for the emulator's life, no waiting), a
// LegacyStateFile there imported once. It is not seeded with doc's
// functions: a function it has never seen does not exist, as on a real
// cloud (Missing and Create tell and add them).
func StartEmbedded(doc *model.Document, store *emukit.StoreOptions) (*Listener, error) {
	return startEmbedded(doc, store, false)
}

// StartEmbeddedReadOnly starts the embedded emulator for doc as
// StartEmbedded does, but never writes its state (Options.ReadOnly): for
// commands that change nothing (plan, export, invocations list), which
// then neither create the state nor put back what they loaded over
// another process's writes.
func StartEmbeddedReadOnly(doc *model.Document, store *emukit.StoreOptions) (*Listener, error) {
	return startEmbedded(doc, store, true)
}

func startEmbedded(doc *model.Document, store *emukit.StoreOptions, readOnly bool) (*Listener, error) {
	dir := "."
	if doc.File != "" && doc.File != "-" {
		dir = filepath.Dir(doc.File)
	}
	return Start(&StartOptions{Options: Options{StateFile: filepath.Join(dir, StateDir, StateFile),
		ImportFrom: filepath.Join(dir, StateDir, LegacyStateFile), Store: store, ReadOnly: readOnly}})
}
