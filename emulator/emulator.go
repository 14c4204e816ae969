// Package emulator serves the FunctionGraph, Function Compute and AWS
// Lambda emulators on one handler, the way `fnasync emulate` and the
// embedded emulator of `endpoint: emulator` run them: FunctionGraph under
// /v2/, Function Compute under /2021-04-06/ and /2023-03-30/, Lambda under
// /2015-03-31/ and /2019-09-25/, and the inspection endpoints
// GET /_emulator/requests, GET /_emulator/state and POST /_emulator/reset.
// It seeds functions from documents, keeps its state in a file (an
// emukit.Store: every change is durable before it is answered, and the
// file is locked for the server's life), and resets to the seeded
// functions with no configs, invocations or logged requests.
package emulator

import (
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider/alifc/fcemu"
	"github.com/fnasync/fnasync/provider/awslambda/lambdaemu"
	"github.com/fnasync/fnasync/provider/emukit"
	"github.com/fnasync/fnasync/provider/huaweifg/fgemu"
)

// Options tune New; nil means defaults.
type Options struct {
	// AccessKey and SecretKey are the credentials requests must be signed
	// with; emukit's defaults when empty.
	AccessKey, SecretKey string
	// StateFile, if set, is the emukit.Store that holds the state: loaded
	// at start, each change durable before it is answered. A state file of
	// the JSON form older versions wrote is imported into it once.
	StateFile string
	// Store tunes how StateFile is opened and locked.
	Store *emukit.StoreOptions
	// ImportFrom, if set and the state file is new, is a JSON state file
	// of older versions to import once (and then remove).
	ImportFrom string
	// ReadOnly loads StateFile (if it exists) but never writes it, nor creates it or its
	// directory: the emulator serves as usual and forgets its changes at
	// Close. Read-only commands (plan, export, invocations list) open the
	// embedded emulator so, leaving its state as they found it even when
	// another process writes it meanwhile.
	ReadOnly bool
	// Faults inject latency and errors.
	Faults emukit.Faults
	// Clock is the emulators' time; time.Now when nil.
	Clock func() time.Time
	// FunctionGraphTimes is how FunctionGraph's times are written
	// (fgemu.TimesDocument when empty).
	FunctionGraphTimes fgemu.TimeStyle
}

// Server is every cloud's emulator behind one handler.
type Server struct {
	opts Options
	log  emukit.Log
	fg   *fgemu.Server
	fc   *fcemu.Server
	aws  *lambdaemu.Server
	mux  *http.ServeMux
	// inspect guards the inspection endpoints; Listen sets Remote.
	inspect *emukit.InspectOptions

	// seedMu guards seeds and makes a reset atomic for the clouds' APIs:
	// their requests hold it for reading.
	seedMu sync.RWMutex
	seeds  []*model.Document

	store *emukit.Store // nil without a state file
}

// New returns a server, with the state file's content loaded if it exists.
func New(opts *Options) (*Server, error) {
	s := &Server{}
	if opts != nil {
		s.opts = *opts
	}
	if s.opts.AccessKey == "" {
		s.opts.AccessKey, s.opts.SecretKey = emukit.DefaultAccessKey, emukit.DefaultSecretKey
	}
	s.fg = fgemu.New(&fgemu.Options{AccessKey: s.opts.AccessKey, SecretKey: s.opts.SecretKey, Clock: s.opts.Clock,
		Faults: &s.opts.Faults, Log: &s.log})
	s.fg.SetTimeStyle(s.opts.FunctionGraphTimes)
	s.fc = fcemu.New(&fcemu.Options{AccessKey: s.opts.AccessKey, SecretKey: s.opts.SecretKey, Clock: s.opts.Clock,
		Faults: &s.opts.Faults, Log: &s.log})
	s.aws = lambdaemu.New(&lambdaemu.Options{AccessKey: s.opts.AccessKey, SecretKey: s.opts.SecretKey, Clock: s.opts.Clock,
		Faults: &s.opts.Faults, Log: &s.log})
	if s.opts.StateFile != "" {
		if err := s.openState(); err != nil {
			return nil, err
		}
	}
	s.mux = http.NewServeMux()
	s.mux.Handle("/v2/", s.api(s.fg))
	for _, prefix := range []string{"/2016-08-15/", "/2021-04-06/", "/2023-03-30/"} {
		s.mux.Handle(prefix, s.api(s.fc))
	}
	for _, prefix := range []string{"/2015-03-31/", "/2019-09-25/"} {
		s.mux.Handle(prefix, s.api(s.aws))
	}
	s.inspect = &emukit.InspectOptions{Log: &s.log,
		Routes: map[string]http.HandlerFunc{
			"POST " + emukit.InspectPrefix + "reset": s.reset,
			"GET " + emukit.InspectPrefix + "state":  s.stateJSON,
		},
		Verifiers: []func(*http.Request, []byte) error{s.fg.Verify, s.fc.Verify, s.aws.Verify}}
	s.mux.Handle(emukit.InspectPrefix, emukit.Inspect(s.inspect))
	return s, nil
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// Log returns the request log of every emulator.
func (s *Server) Log() *emukit.Log { return &s.log }

// Credentials returns the access key pair requests must be signed with.
func (s *Server) Credentials() (accessKey, secretKey string) {
	return s.opts.AccessKey, s.opts.SecretKey
}

// api serves a cloud's API, never during a reset, and never to a web
// page (emukit.RefusePage).
func (s *Server) api(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if emukit.RefusePage(w, r) {
			return
		}
		s.seedMu.RLock()
		defer s.seedMu.RUnlock()
		h.ServeHTTP(w, r)
	})
}

// Seed makes every function doc names exist, with the qualifiers it names,
// on the provider's project or account, durably with a state file (which
// is left as it is when they exist already). A reset makes them exist
// again.
func (s *Server) Seed(doc *model.Document) error {
	s.seedMu.Lock()
	defer s.seedMu.Unlock()
	err := s.addFunctions(doc)
	if err == nil {
		s.seeds = append(s.seeds, doc)
	}
	return err
}

// addFunctions makes the functions of doc exist.
func (s *Server) addFunctions(doc *model.Document) error {
	for _, e := range doc.Functions {
		if err := s.addEntry(doc, e); err != nil {
			return err
		}
	}
	return nil
}

// reset returns the emulator to its state at start with its seeds: the
// seeded functions exist, with no configs and no invocations, and the
// request log is empty.
func (s *Server) reset(w http.ResponseWriter, _ *http.Request) {
	s.seedMu.Lock()
	err := errors.Join(s.fg.Reset(), s.fc.Reset(), s.aws.Reset())
	for _, doc := range s.seeds {
		if err != nil {
			break
		}
		err = s.addFunctions(doc)
	}
	s.log.Reset()
	s.opts.Faults.Quota.Reset()
	s.seedMu.Unlock()
	if err != nil { // each seed was added once already: the state failed
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
