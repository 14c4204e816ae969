package emulator

import (
	"fmt"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider/alifc/fcemu"
)

// Missing returns the entries of doc whose function, or its qualifier,
// does not exist in the emulator, in the document's order; entries of
// providers of other types are left out. It changes nothing: a real cloud
// would answer FunctionNotFound for each of them.
func (s *Server) Missing(doc *model.Document) []*model.FunctionEntry {
	s.seedMu.RLock()
	defer s.seedMu.RUnlock()
	var out []*model.FunctionEntry
	for _, e := range doc.Functions {
		p := doc.Providers[e.Provider]
		if p == nil {
			continue
		}
		var has bool
		switch p.Type {
		case model.TypeHuaweiFG:
			has = s.fg.HasFunction(p.ProjectID, e.Function, e.Qualifier)
		case model.TypeAliFC2:
			has = s.fc.HasFunction(fcemu.Version2, p.AccountID, e.Function, e.Qualifier)
		case model.TypeAliFC3:
			has = s.fc.HasFunction(fcemu.Version3, p.AccountID, e.Function, e.Qualifier)
		case model.TypeAWSLambda:
			has = s.aws.HasFunction(e.Function, e.Qualifier)
		default:
			continue
		}
		if !has {
			out = append(out, e)
		}
	}
	return out
}

// Create makes the functions (and qualifiers) of entries of doc exist,
// durably with a state file. Unlike Seed, a reset forgets them.
func (s *Server) Create(doc *model.Document, entries []*model.FunctionEntry) error {
	s.seedMu.Lock()
	var err error
	for _, e := range entries {
		if err = s.addEntry(doc, e); err != nil {
			break
		}
	}
	s.seedMu.Unlock()
	return err
}

// addEntry makes the function of e exist, with the qualifier it names, on
// its provider's project or account.
func (s *Server) addEntry(doc *model.Document, e *model.FunctionEntry) error {
	p := doc.Providers[e.Provider]
	if p == nil {
		return nil
	}
	var quals []string
	if e.Qualifier != "" {
		quals = append(quals, e.Qualifier)
	}
	var err error
	switch p.Type {
	case model.TypeHuaweiFG:
		err = s.fg.AddFunction(p.ProjectID, e.Function, quals...)
	case model.TypeAliFC2:
		err = s.fc.AddFunction(fcemu.Version2, p.AccountID, e.Function, quals...)
	case model.TypeAliFC3:
		err = s.fc.AddFunction(fcemu.Version3, p.AccountID, e.Function, quals...)
	case model.TypeAWSLambda:
		err = s.aws.AddFunction(e.Function, quals...)
	}
	if err != nil {
		return fmt.Errorf("function %s: %w", e.Ref(), err)
	}
	return nil
}
