// Package emulator serves the FunctionGraph, Function Compute and AWS
// Lambda emulators on one handler, the way `fnasync emulate` and the
// embedded emulator of `endpoint: emulator` run them: FunctionGraph under
// /v2/, Function Compute under /2021-04-06/ and /2023-03-30/, Lambda under
// /2015-03-31/ and /2019-09-25/, and the inspection endpoints
// GET /_emulator/requests and POST /_emulator/reset. It seeds functions from
// documents, keeps its state in a file, written atomically after every
// change, and resets to the seeded functions with no configs,
// invocations or logged requests.
package emulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
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
	// StateFile, if set, is loaded at start and rewritten atomically after
	// every change.
	StateFile string
	// Faults inject latency and errors.
	Faults emukit.Faults
	// Clock is the emulators' time; time.Now when nil.
	Clock func() time.Time
}

// Server is every cloud's emulator behind one handler.
type Server struct {
	opts Options
	log  emukit.Log
	fg   *fgemu.Server
	fc   *fcemu.Server
	aws  *lambdaemu.Server
	mux  *http.ServeMux

	// seedMu guards seeds and makes a reset atomic for the clouds' APIs:
	// their requests hold it for reading.
	seedMu sync.RWMutex
	seeds  []*model.Document

	saveMu  sync.Mutex
	saveErr error
	// dirty asks the writer goroutine for one more state write; stop ends
	// it after a last write, and done says it has ended.
	dirty, stop, done chan struct{}
}

// state is the state file's content.
type state struct {
	HuaweiFG json.RawMessage `json:"huaweifg,omitempty"`
	AliFC    json.RawMessage `json:"alifc,omitempty"`
	Lambda   json.RawMessage `json:"awslambda,omitempty"`
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
	onChange := func() {}
	if s.opts.StateFile != "" {
		onChange = s.persist
	}
	s.fg = fgemu.New(&fgemu.Options{AccessKey: s.opts.AccessKey, SecretKey: s.opts.SecretKey, Clock: s.opts.Clock,
		Faults: &s.opts.Faults, Log: &s.log, OnChange: onChange})
	s.fc = fcemu.New(&fcemu.Options{AccessKey: s.opts.AccessKey, SecretKey: s.opts.SecretKey, Clock: s.opts.Clock,
		Faults: &s.opts.Faults, Log: &s.log, OnChange: onChange})
	s.aws = lambdaemu.New(&lambdaemu.Options{AccessKey: s.opts.AccessKey, SecretKey: s.opts.SecretKey, Clock: s.opts.Clock,
		Faults: &s.opts.Faults, Log: &s.log, OnChange: onChange})
	if err := s.load(); err != nil {
		return nil, err
	}
	if s.opts.StateFile != "" {
		s.dirty, s.stop, s.done = make(chan struct{}, 1), make(chan struct{}), make(chan struct{})
		go s.writer()
	}
	s.mux = http.NewServeMux()
	s.mux.Handle("/v2/", s.api(s.fg))
	for _, prefix := range []string{"/2016-08-15/", "/2021-04-06/", "/2023-03-30/"} {
		s.mux.Handle(prefix, s.api(s.fc))
	}
	for _, prefix := range []string{"/2015-03-31/", "/2019-09-25/"} {
		s.mux.Handle(prefix, s.api(s.aws))
	}
	s.mux.HandleFunc("GET /_emulator/requests", s.requests)
	s.mux.HandleFunc("POST /_emulator/reset", s.reset)
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

// api serves a cloud's API, never during a reset.
func (s *Server) api(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.seedMu.RLock()
		defer s.seedMu.RUnlock()
		h.ServeHTTP(w, r)
	})
}

// Seed makes every function doc names exist, with the qualifiers it names,
// on the provider's project or account, and saves the state. A reset
// makes them exist again.
func (s *Server) Seed(doc *model.Document) error {
	s.seedMu.Lock()
	err := s.addFunctions(doc)
	if err == nil {
		s.seeds = append(s.seeds, doc)
	}
	s.seedMu.Unlock()
	if err != nil || s.opts.StateFile == "" {
		return err
	}
	s.flush()
	return s.SaveError()
}

// addFunctions makes the functions of doc exist.
func (s *Server) addFunctions(doc *model.Document) error {
	for _, e := range doc.Functions {
		p := doc.Providers[e.Provider]
		if p == nil {
			continue
		}
		var quals []string
		if e.Qualifier != "" {
			quals = append(quals, e.Qualifier)
		}
		var err error
		switch p.Type {
		case model.TypeHuaweiFG:
			s.fg.AddFunction(p.ProjectID, e.Function, quals...)
		case model.TypeAliFC2:
			err = s.fc.AddFunction(fcemu.Version2, p.AccountID, e.Function, quals...)
		case model.TypeAliFC3:
			err = s.fc.AddFunction(fcemu.Version3, p.AccountID, e.Function, quals...)
		case model.TypeAWSLambda:
			err = s.aws.AddFunction(e.Function, quals...)
		}
		if err != nil {
			return fmt.Errorf("seed %s: %w", e.Ref(), err)
		}
	}
	return nil
}

func (s *Server) requests(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	reqs := s.log.Requests()
	if reqs == nil {
		reqs = []emukit.Request{}
	}
	_ = json.NewEncoder(w).Encode(reqs)
}

// reset returns the emulator to its state at start with its seeds: the
// seeded functions exist, with no configs and no invocations, and the
// request log is empty.
func (s *Server) reset(w http.ResponseWriter, _ *http.Request) {
	s.seedMu.Lock()
	s.fg.Reset()
	s.fc.Reset()
	s.aws.Reset()
	var err error
	for _, doc := range s.seeds {
		if err = s.addFunctions(doc); err != nil {
			break
		}
	}
	s.log.Reset()
	s.seedMu.Unlock()
	if s.opts.StateFile != "" {
		s.persist()
	}
	if err != nil { // each seed was added once already
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) load() error {
	if s.opts.StateFile == "" {
		return nil
	}
	b, err := os.ReadFile(s.opts.StateFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read emulator state: %w", err)
	}
	var st state
	if err := json.Unmarshal(b, &st); err != nil {
		return fmt.Errorf("emulator state %s is not valid JSON (delete it to start afresh): %w", s.opts.StateFile, err)
	}
	if len(st.HuaweiFG) > 0 {
		if err := s.fg.UnmarshalState(st.HuaweiFG); err != nil {
			return fmt.Errorf("emulator state %s: huaweifg: %w", s.opts.StateFile, err)
		}
	}
	if len(st.AliFC) > 0 {
		if err := s.fc.UnmarshalState(st.AliFC); err != nil {
			return fmt.Errorf("emulator state %s: alifc: %w", s.opts.StateFile, err)
		}
	}
	if len(st.Lambda) > 0 {
		if err := s.aws.UnmarshalState(st.Lambda); err != nil {
			return fmt.Errorf("emulator state %s: awslambda: %w", s.opts.StateFile, err)
		}
	}
	return nil
}

// persist asks for the state to be written. Writes are coalesced: while
// one is under way, any number of changes make one more.
func (s *Server) persist() {
	select {
	case s.dirty <- struct{}{}:
	default:
	}
}

func (s *Server) writer() {
	defer close(s.done)
	for {
		select {
		case <-s.dirty:
			s.flush()
		case <-s.stop:
			s.flush()
			return
		}
	}
}

// flush writes the state file atomically: to a temporary file beside it,
// synced, then renamed over it, so a reader or a crash never sees half a
// file. Errors are kept for SaveError.
func (s *Server) flush() {
	s.saveMu.Lock()
	defer s.saveMu.Unlock()
	s.saveErr = s.writeState()
}

// Close writes the state a last time and stops the writer; it returns the
// last write's error. Call it once, after serving has stopped.
func (s *Server) Close() error {
	if s.stop != nil {
		close(s.stop)
		<-s.done
	}
	return s.SaveError()
}

func (s *Server) writeState() error {
	fg, err := s.fg.MarshalState()
	if err != nil {
		return err
	}
	fc, err := s.fc.MarshalState()
	if err != nil {
		return err
	}
	aws, err := s.aws.MarshalState()
	if err != nil {
		return err
	}
	b, err := json.MarshalIndent(state{HuaweiFG: fg, AliFC: fc, Lambda: aws}, "", "  ")
	if err != nil {
		return err
	}
	return WriteFileAtomic(s.opts.StateFile, b)
}

// SaveError returns the error of the last state write, if it failed.
func (s *Server) SaveError() error {
	s.saveMu.Lock()
	defer s.saveMu.Unlock()
	return s.saveErr
}

// WriteFileAtomic writes b to path through a temporary file in the same
// directory and a rename, creating the directory if needed.
func WriteFileAtomic(path string, b []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+strings.TrimPrefix(filepath.Base(path), ".")+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
