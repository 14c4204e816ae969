package lambdaemu

import (
	"cmp"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"time"
)

// DefaultAccountID is the account of the emulator's one key pair: the
// account every returned ARN names, as Lambda names the caller's.
const DefaultAccountID = "123456789012"

// latest is the unpublished version every function has.
const latest = "$LATEST"

// Name rules, from the API reference: function names 1-64 of
// [A-Za-z0-9_-]; qualifiers 1-128 of [A-Za-z0-9$_-]; versions are
// numbers; an alias is not all digits.
var (
	reFunction  = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	reQualifier = regexp.MustCompile(`^[A-Za-z0-9$_-]{1,128}$`)
	reAccount   = regexp.MustCompile(`^[0-9]{12}$`)
	reVersion   = regexp.MustCompile(`^[0-9]{1,20}$`)
	reAlias     = regexp.MustCompile(`^[A-Za-z0-9_-]{1,128}$`)
)

// state is everything the emulator stores; it is what MarshalState writes.
type state struct {
	Functions map[string]*function `json:"functions"`
}

type function struct {
	Created time.Time `json:"created"`
	// Versions are the published version numbers, ascending.
	Versions []string `json:"versions,omitempty"`
	// Aliases map an alias to the version it points at.
	Aliases map[string]string `json:"aliases,omitempty"`
	// Configs are keyed by qualifier ($LATEST, a version or an alias).
	Configs map[string]*config `json:"configs,omitempty"`
	// Invocations are the latest asynchronous invocations, oldest first,
	// at most maxInvocations.
	Invocations []*Invocation `json:"invocations,omitempty"`
}

// config is one event invoke config; a nil number was not set (Lambda's
// default applies), an empty destination is none.
type config struct {
	Modified  time.Time `json:"modified"`
	MaxAge    *int64    `json:"maximumEventAgeInSeconds,omitempty"`
	Retries   *int64    `json:"maximumRetryAttempts,omitempty"`
	OnSuccess string    `json:"onSuccess,omitempty"`
	OnFailure string    `json:"onFailure,omitempty"`
}

// Invocation is one accepted asynchronous invocation. Lambda keeps no
// record that its API lists; the emulator keeps the latest for tests.
type Invocation struct {
	RequestID string    `json:"requestId"`
	Qualifier string    `json:"qualifier"`
	Time      time.Time `json:"time"`
	Payload   string    `json:"payload,omitempty"`
}

// maxInvocations bounds the invocations kept per function.
const maxInvocations = 100

func newState() *state { return &state{Functions: map[string]*function{}} }

// has reports whether q ($LATEST, a version or an alias) exists.
func (f *function) has(q string) bool {
	_, alias := f.Aliases[q]
	return q == latest || slices.Contains(f.Versions, q) || alias
}

// AddFunction makes a function exist with $LATEST and the given
// qualifiers, keeping whatever it had: a number is a published version,
// another name an alias of $LATEST. With a store (UseStore), a change is
// durable when AddFunction returns, or undone and the error returned.
func (s *Server) AddFunction(name string, qualifiers ...string) error {
	if !reFunction.MatchString(name) {
		return fmt.Errorf("lambdaemu: invalid function name %q", name)
	}
	for _, q := range qualifiers {
		if q != latest && !reVersion.MatchString(q) && !reAlias.MatchString(q) {
			return fmt.Errorf("lambdaemu: invalid qualifier %q", q)
		}
	}
	if s.addFunctionLocked(name, qualifiers) {
		return s.save(false, name)
	}
	return nil
}

// addFunctionLocked does AddFunction's change in memory and reports
// whether there was one.
func (s *Server) addFunctionLocked(name string, qualifiers []string) (changed bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.st.Functions[name]
	if f == nil {
		f = &function{Created: s.now()}
		s.st.Functions[name] = f
		changed = true
	}
	for _, q := range qualifiers {
		switch {
		case q == latest || f.has(q):
			continue
		case reVersion.MatchString(q):
			f.Versions = append(f.Versions, q)
		default:
			if f.Aliases == nil {
				f.Aliases = map[string]string{}
			}
			f.Aliases[q] = latest
		}
		changed = true
	}
	slices.SortFunc(f.Versions, func(a, b string) int {
		x, _ := strconv.ParseUint(a, 10, 64)
		y, _ := strconv.ParseUint(b, 10, 64)
		return cmp.Compare(x, y)
	})
	return changed
}

// Invocations returns the invocations of function kept by the emulator,
// oldest first.
func (s *Server) Invocations(function string) []Invocation {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.st.Functions[function]
	if f == nil {
		return nil
	}
	out := make([]Invocation, len(f.Invocations))
	for i, inv := range f.Invocations {
		out[i] = *inv
	}
	return out
}

// MarshalState returns the emulator's state (functions, configs and
// invocations) as JSON.
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
		return fmt.Errorf("lambdaemu: read state: %w", err)
	}
	if st.Functions == nil {
		st.Functions = map[string]*function{}
	}
	for name, fn := range st.Functions {
		if fn == nil {
			return fmt.Errorf("lambdaemu: state: function %q is empty", clip(name))
		}
		if err := checkFunction(name, fn); err != nil {
			return fmt.Errorf("lambdaemu: state: %w", err)
		}
	}
	s.mu.Lock()
	s.st = st
	s.mu.Unlock()
	return s.save(true)
}

// Reset forgets every function, config and invocation. The request log
// (Options.Log) is the caller's and is left alone. With a store the
// change is durable when Reset returns, or undone and the error returned.
func (s *Server) Reset() error {
	s.mu.Lock()
	s.st = newState()
	s.mu.Unlock()
	return s.save(true)
}

// functionARN is the ARN of name in region, qualified unless q is "".
func functionARN(region, name, q string) string {
	arn := "arn:" + partition(region) + ":lambda:" + region + ":" + DefaultAccountID + ":function:" + name
	if q != "" {
		arn += ":" + q
	}
	return arn
}

func partition(region string) string {
	switch {
	case len(region) > 3 && region[:3] == "cn-":
		return "aws-cn"
	case len(region) > 7 && region[:7] == "us-gov-":
		return "aws-us-gov"
	}
	return "aws"
}

// HasFunction reports whether function name exists with qualifier (a
// version or alias; "" or $LATEST, which every function has).
func (s *Server) HasFunction(name, qualifier string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.st.Functions[name]
	if qualifier == "" {
		qualifier = latest
	}
	return f != nil && f.has(qualifier)
}
