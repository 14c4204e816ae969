package session

import (
	"fmt"
	"io"
	"slices"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/plan"
)

// missingEntry is an entry of the document whose function the embedded
// emulator has never seen.
type missingEntry struct {
	entry   *model.FunctionEntry
	ref     model.FunctionRef // normalized
	pointer string
}

// findMissing asks the embedded emulator, without changing it, which
// functions of the document it has never seen.
func (s *Session) findMissing() {
	if s.emu == nil {
		return
	}
	index := map[*model.FunctionEntry]int{}
	for i, e := range s.Doc.Functions {
		index[e] = i
	}
	for _, e := range s.emu.Missing(s.Doc) {
		c := s.Clients[e.Provider]
		if c == nil || e.Absent {
			continue // not opened, or nothing to create
		}
		if s.missing == nil {
			s.missing = map[model.FunctionRef]*missingEntry{}
		}
		ref := c.Ref(e.Ref())
		s.missing[ref] = &missingEntry{entry: e, ref: ref, pointer: fmt.Sprintf("/functions/%d/function", index[e])}
	}
}

// WillCreate reports whether ref (normalized) names a function the
// embedded emulator has never seen, which apply creates before writing
// its config; plan.Options.WillCreate takes it.
func (s *Session) WillCreate(ref model.FunctionRef) bool {
	_, ok := s.missing[ref]
	return ok
}

// MissingNotes returns a warning at each entry whose function the
// embedded emulator has never seen and that p plans to create: apply will
// create the function there, where a real cloud would answer
// FunctionNotFound (a misspelt name shows here).
func (s *Session) MissingNotes(p *plan.Plan) model.Diagnostics {
	var out model.Diagnostics
	for _, m := range s.missingIn(p) {
		d := model.Warningf(m.pointer, "%s does not exist in the embedded emulator: apply will create the function there (a real cloud would answer FunctionNotFound: check the name)", m.ref)
		out = append(out, s.Doc.Locate(d))
	}
	return out
}

// CreateMissing creates in the embedded emulator the functions p plans to
// create that it has never seen, telling w of each.
func (s *Session) CreateMissing(w io.Writer, p *plan.Plan) error {
	ms := s.missingIn(p)
	if len(ms) == 0 {
		return nil
	}
	entries := make([]*model.FunctionEntry, len(ms))
	for i, m := range ms {
		entries[i] = m.entry
	}
	if err := s.emu.Create(s.Doc, entries); err != nil {
		return fmt.Errorf("embedded emulator: %w", err)
	}
	for _, m := range ms {
		fmt.Fprintf(w, "Created function %s in the embedded emulator (a real cloud would answer FunctionNotFound).\n", m.ref)
	}
	return nil
}

// missingIn returns the missing entries p creates a config of, in the
// plan's order.
func (s *Session) missingIn(p *plan.Plan) []*missingEntry {
	var out []*missingEntry
	for _, c := range p.Changes {
		if m := s.missing[c.Ref()]; m != nil && c.Action == plan.Create && !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	return out
}
