package fgemu

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// state is everything the emulator stores; it is what MarshalState writes.
type state struct {
	Projects map[string]*project `json:"projects"`
}

// project holds one project's functions, keyed "package/name".
type project struct {
	Functions map[string]*function `json:"functions"`
}

type function struct {
	Created time.Time `json:"created"`
	// Qualifiers are the versions and "!aliases" besides latest, sorted.
	Qualifiers []string `json:"qualifiers,omitempty"`
	// Configs are keyed by qualifier ("latest", a version or "!alias").
	Configs map[string]*config `json:"configs,omitempty"`
	// Invocations are in the order they were made.
	Invocations []*invocation `json:"invocations,omitempty"`
}

// config is a stored async config; destination params are kept verbatim.
type config struct {
	Region    string           `json:"region"`
	MaxAge    int              `json:"maxAge"`
	Retries   int              `json:"retries"`
	StatusLog bool             `json:"statusLog"`
	OnSuccess *destinationBody `json:"onSuccess,omitempty"`
	OnFailure *destinationBody `json:"onFailure,omitempty"`
	Created   time.Time        `json:"created"`
	Modified  time.Time        `json:"modified"`
	// The custom LTS log group and stream, kept as sent.
	LogGroupID    string `json:"logGroupId,omitempty"`
	LogStreamID   string `json:"logStreamId,omitempty"`
	LogGroupName  string `json:"logGroupName,omitempty"`
	LogStreamName string `json:"logStreamName,omitempty"`
}

// invocation is one async invocation record. Its status follows from the
// clock: see (*invocation).view.
type invocation struct {
	ID        string     `json:"id"`
	Qualifier string     `json:"qualifier"`
	Created   time.Time  `json:"created"`
	Outcome   string     `json:"outcome,omitempty"` // "", "fail" or "hang"
	Canceled  *time.Time `json:"canceled,omitempty"`
}

func newState() *state { return &state{Projects: map[string]*project{}} }

// AddFunction makes fn ("[package/]name", package "default") exist
// in projectID with latest and the qualifiers given. A qualifier "!NAME"
// is an alias; a plain name is a version if it is "latest", a published
// version name (vYYYYMMDD-HHMMSS) or starts with a digit, and an alias
// otherwise (the rule the adapter uses for neutral qualifiers). Adding an
// existing function adds the qualifiers it lacks. Names that break
// FunctionGraph's rules are ignored: no request could address them. With
// a store (UseStore), a change is durable when AddFunction returns, or
// undone and the error returned.
func (s *Server) AddFunction(projectID, fn string, qualifiers ...string) error {
	segs := make([]string, len(qualifiers))
	for i, q := range qualifiers {
		segs[i] = qualifierSegment(q)
	}
	return s.addFunction(projectID, fn, segs)
}

// AddVersion makes fn exist, as AddFunction does, with a version published
// under a custom name: version is a version even where AddFunction's rule
// would take it for an alias ("v1").
func (s *Server) AddVersion(projectID, fn, version string) error {
	if strings.HasPrefix(version, "!") {
		return nil
	}
	return s.addFunction(projectID, fn, []string{version})
}

// addFunction makes fn exist with the qualifiers segs, each a version or
// "!alias", and saves it if it changed.
func (s *Server) addFunction(projectID, fn string, segs []string) error {
	pkg, name, ok := strings.Cut(fn, "/")
	if !ok {
		pkg, name = "default", fn
	}
	if !reProject.MatchString(projectID) || !rePackage.MatchString(pkg) || !reFunction.MatchString(name) {
		return nil
	}
	if changed, epoch := s.addFunctionLocked(projectID, pkg, name, segs); changed {
		return s.save(epoch, false, projectID+"/"+pkg+"/"+name)
	}
	return nil
}

// addFunctionLocked does addFunction's change in memory and reports
// whether there was one, and in which epoch.
func (s *Server) addFunctionLocked(projectID, pkg, name string, segs []string) (changed bool, epoch uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	epoch = s.epoch
	p := s.st.Projects[projectID]
	if p == nil {
		p = &project{Functions: map[string]*function{}}
		s.st.Projects[projectID] = p
	}
	f := p.Functions[pkg+"/"+name]
	if f == nil {
		f = &function{Created: s.now()}
		p.Functions[pkg+"/"+name] = f
		changed = true
	}
	for _, seg := range segs {
		if seg == latest || !reQualifier.MatchString(strings.TrimPrefix(seg, "!")) || slices.Contains(f.Qualifiers, seg) {
			continue
		}
		f.Qualifiers = append(f.Qualifiers, seg)
		changed = true
	}
	slices.Sort(f.Qualifiers)
	return changed, epoch
}

// hasQualifier reports whether seg (a version or "!alias") exists.
func (fn *function) hasQualifier(seg string) bool {
	return seg == latest || slices.Contains(fn.Qualifiers, seg)
}

// MarshalState returns the emulator's functions, configs and invocation
// records as JSON.
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
		return fmt.Errorf("fgemu state: %w", err)
	}
	if st.Projects == nil {
		st.Projects = map[string]*project{}
	}
	for pid, p := range st.Projects {
		if p == nil || !reProject.MatchString(pid) {
			return fmt.Errorf("fgemu state: invalid project %q", clip(pid))
		}
		if p.Functions == nil {
			p.Functions = map[string]*function{}
		}
		for key, fn := range p.Functions {
			if fn == nil {
				return fmt.Errorf("fgemu state: function %q in project %s is empty", clip(key), clip(pid))
			}
			if err := checkFunction(pid, key, fn); err != nil {
				return fmt.Errorf("fgemu state: %w", err)
			}
		}
	}
	s.mu.Lock()
	s.st = st
	epoch := s.epoch
	s.mu.Unlock()
	return s.save(epoch, true)
}

// Reset forgets every function, config and invocation (durably, with a
// store).
func (s *Server) Reset() error {
	s.mu.Lock()
	s.st = newState()
	epoch := s.epoch
	s.mu.Unlock()
	return s.save(epoch, true)
}
