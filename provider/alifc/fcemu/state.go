package fcemu

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// The API versions, as they appear in paths and AddFunction.
const (
	Version2 = "2021-04-06"
	Version3 = "2023-03-30"
	// version2Old is fc-go-sdk's path prefix for the 2.0 API.
	version2Old = "2016-08-15"
)

// DefaultAccountID is the account a request without an X-Fc-Account-Id
// header (and AddFunction with an empty account) addresses.
const DefaultAccountID = "1234567890123456"

// latest is the qualifier every function has.
const latest = "LATEST"

// Name rules, from the FC API documents: services and functions start
// with a letter or '_'; qualifiers are LATEST, a version number or an
// alias; invocation ids start with a letter or '_'.
var (
	reService   = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]{0,127}$`)
	reFunction  = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]{0,63}$`)
	reQualifier = regexp.MustCompile(`^(LATEST|[0-9]{1,20}|[A-Za-z_][A-Za-z0-9_-]{0,127})$`)
	reID        = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]{0,127}$`)
	reAccount   = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	reVersion   = regexp.MustCompile(`^[0-9]{1,20}$`)
)

// state is everything the emulator stores; it is what MarshalState writes.
type state struct {
	Accounts map[string]*account `json:"accounts"`
}

// account holds one account's functions per API version. The two API
// versions do not see each other's functions.
type account struct {
	// FC2 is keyed by "service/function", FC3 by "function".
	FC2 map[string]*function `json:"fc2,omitempty"`
	FC3 map[string]*function `json:"fc3,omitempty"`
}

type function struct {
	Created time.Time `json:"created"`
	// Qualifiers are the versions and aliases besides LATEST, sorted.
	Qualifiers []string `json:"qualifiers,omitempty"`
	// Configs are keyed by qualifier.
	Configs map[string]*config `json:"configs,omitempty"`
	// Invocations are in the order they were made.
	Invocations []*invocation `json:"invocations,omitempty"`
}

type config struct {
	Created   time.Time `json:"created"`
	Modified  time.Time `json:"modified"`
	MaxAge    int64     `json:"maxAsyncEventAgeInSeconds"`
	Retries   int64     `json:"maxAsyncRetryAttempts"`
	Flag      bool      `json:"flag"`
	OnSuccess string    `json:"onSuccess,omitempty"`
	OnFailure string    `json:"onFailure,omitempty"`
}

type invocation struct {
	ID        string    `json:"id"`
	Qualifier string    `json:"qualifier"`
	RequestID string    `json:"requestId"`
	Payload   string    `json:"payload,omitempty"`
	Outcome   string    `json:"outcome,omitempty"`
	Created   time.Time `json:"created"`
	Stopped   time.Time `json:"stopped,omitzero"`
	// Retries is the config's maxAsyncRetryAttempts when the invocation
	// was made (the default without a config).
	Retries int64 `json:"retries,omitempty"`
}

func newState() *state { return &state{Accounts: map[string]*account{}} }

// functions returns the account's function map of an API version, creating
// what is missing when create is set (else it may return nil).
func (st *state) functions(acct, version string, create bool) map[string]*function {
	a := st.Accounts[acct]
	if a == nil {
		if !create {
			return nil
		}
		a = &account{}
		st.Accounts[acct] = a
	}
	m := &a.FC3
	if version == Version2 {
		m = &a.FC2
	}
	if *m == nil && create {
		*m = map[string]*function{}
	}
	return *m
}

// AddFunction makes a function exist with LATEST and the given qualifiers
// (versions or aliases), keeping whatever it had. apiVersion is Version2
// with name "service/function", or Version3 with "function"; an empty
// accountID means DefaultAccountID. With a store (UseStore), a change is
// durable when AddFunction returns, or undone and the error returned.
func (s *Server) AddFunction(apiVersion, accountID, name string, qualifiers ...string) error {
	if accountID == "" {
		accountID = DefaultAccountID
	}
	if !reAccount.MatchString(accountID) {
		return fmt.Errorf("fcemu: invalid account id %q", accountID)
	}
	if err := checkFunctionName(apiVersion, name); err != nil {
		return err
	}
	for _, q := range qualifiers {
		if !reQualifier.MatchString(q) {
			return fmt.Errorf("fcemu: invalid qualifier %q", q)
		}
	}
	if changed, epoch := s.addFunctionLocked(apiVersion, accountID, name, qualifiers); changed {
		return s.save(epoch, false, recordKey(accountID, apiVersion, name))
	}
	return nil
}

// addFunctionLocked does AddFunction's change in memory and reports
// whether there was one, and in which epoch.
func (s *Server) addFunctionLocked(apiVersion, accountID, name string, qualifiers []string) (changed bool, epoch uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	epoch = s.epoch
	fns := s.st.functions(accountID, apiVersion, true)
	f := fns[name]
	if f == nil {
		f = &function{Created: s.now()}
		fns[name] = f
		changed = true
	}
	for _, q := range qualifiers {
		if q != latest && !slices.Contains(f.Qualifiers, q) {
			f.Qualifiers = append(f.Qualifiers, q)
			changed = true
		}
	}
	slices.Sort(f.Qualifiers)
	return changed, epoch
}

func checkFunctionName(apiVersion, name string) error {
	switch apiVersion {
	case Version2:
		svc, fn, ok := strings.Cut(name, "/")
		if !ok || !reService.MatchString(svc) || !reFunction.MatchString(fn) {
			return fmt.Errorf("fcemu: FC 2.0 function %q must be service/function with valid names", name)
		}
	case Version3:
		if !reFunction.MatchString(name) {
			return fmt.Errorf("fcemu: invalid FC 3.0 function name %q", name)
		}
	default:
		return fmt.Errorf("fcemu: unknown API version %q (want %s or %s)", apiVersion, Version2, Version3)
	}
	return nil
}

// MarshalState returns the emulator's state (functions, configs and
// invocation records) as JSON.
func (s *Server) MarshalState() ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return json.Marshal(s.st)
}

// UnmarshalState replaces the emulator's state with one MarshalState
// wrote (durably, with a store). Entries the API would refuse are an
// error naming them.
func (s *Server) UnmarshalState(b []byte) error {
	st := newState()
	if err := json.Unmarshal(b, st); err != nil {
		return fmt.Errorf("fcemu: read state: %w", err)
	}
	if st.Accounts == nil {
		st.Accounts = map[string]*account{}
	}
	for acct, a := range st.Accounts {
		if a == nil {
			return fmt.Errorf("fcemu: state: account %q is empty", clip(acct))
		}
		for _, m := range []struct {
			version string
			fns     map[string]*function
		}{{Version2, a.FC2}, {Version3, a.FC3}} {
			for name, fn := range m.fns {
				if fn == nil {
					return fmt.Errorf("fcemu: state: function %q is empty", clip(recordKey(acct, m.version, name)))
				}
				if err := checkFunction(acct, m.version, name, fn); err != nil {
					return fmt.Errorf("fcemu: state: %w", err)
				}
			}
		}
	}
	s.mu.Lock()
	s.st = st
	epoch := s.epoch
	s.mu.Unlock()
	return s.save(epoch, true)
}

// Reset forgets every function, config and invocation. The request log
// (Options.Log) is the caller's and is left alone. With a store the
// change is durable when Reset returns, or undone and the error returned.
func (s *Server) Reset() error {
	s.mu.Lock()
	s.st = newState()
	epoch := s.epoch
	s.mu.Unlock()
	return s.save(epoch, true)
}
