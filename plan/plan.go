// Package plan computes and applies the difference between a document and
// the clouds: it reads the live config of every function qualifier the
// document names, concurrently within bounds, diffs it against the
// normalized desired config, and produces create, update, replace, delete
// and no-op changes with their field-level differences. Apply carries a plan
// out, serializing writes to one function, and reports every change's
// result.
package plan

import (
	"slices"

	"github.com/fnasync/fnasync/model"
)

// Action is what a change does.
type Action string

// The actions, in Terraform's vocabulary.
const (
	Create  Action = "create"
	Update  Action = "update"
	Replace Action = "replace"
	Delete  Action = "delete"
	NoOp    Action = "no-op"
)

// Result is the outcome of applying one change.
type Result string

// The results.
const (
	Applied Result = "applied"
	Failed  Result = "failed"
	Skipped Result = "skipped"
)

// Change is one function qualifier's planned change.
type Change struct {
	Provider  string              `json:"provider"`
	Type      string              `json:"type"`
	Function  string              `json:"function"`
	Qualifier string              `json:"qualifier"`
	Action    Action              `json:"action"`
	Before    *model.AsyncConfig  `json:"before"`
	After     *model.AsyncConfig  `json:"after"`
	Fields    []model.FieldChange `json:"fields"`
	// Result and Error are set by Apply.
	Result Result `json:"result,omitempty"`
	Error  string `json:"error,omitempty"`
	// lasting is set by Apply for a failure that running again would
	// not cure (a refused value, a missing function, a permission).
	lasting bool
}

// Ref returns the change's function reference.
func (c *Change) Ref() model.FunctionRef {
	return model.FunctionRef{Provider: c.Provider, Function: c.Function, Qualifier: c.Qualifier}
}

// Plan is the set of changes for a document, sorted by provider, function
// and qualifier, with the diagnostics of what could not be read.
type Plan struct {
	FormatVersion string            `json:"format_version"`
	Changes       []*Change         `json:"changes"`
	Summary       Summary           `json:"summary"`
	Diagnostics   model.Diagnostics `json:"diagnostics"`
}

// Summary counts changes by action.
type Summary struct {
	Create  int `json:"create"`
	Update  int `json:"update"`
	Replace int `json:"replace"`
	Delete  int `json:"delete"`
	NoOp    int `json:"no-op"`
}

// FormatVersion is the version of the JSON plan format.
const FormatVersion = "1.0"

func newPlan(changes []*Change, diags model.Diagnostics) *Plan {
	slices.SortFunc(changes, func(a, b *Change) int {
		if a.Ref().Less(b.Ref()) {
			return -1
		}
		if b.Ref().Less(a.Ref()) {
			return 1
		}
		return 0
	})
	if diags == nil {
		diags = model.Diagnostics{}
	}
	if changes == nil {
		changes = []*Change{}
	}
	p := &Plan{FormatVersion: FormatVersion, Changes: changes, Diagnostics: diags}
	for _, c := range changes {
		if c.Fields == nil {
			c.Fields = []model.FieldChange{}
		}
		switch c.Action {
		case Create:
			p.Summary.Create++
		case Update:
			p.Summary.Update++
		case Replace:
			p.Summary.Replace++
		case Delete:
			p.Summary.Delete++
		case NoOp:
			p.Summary.NoOp++
		}
	}
	return p
}

// HasChanges reports whether any change is not a no-op.
func (p *Plan) HasChanges() bool {
	return p.Summary.Create+p.Summary.Update+p.Summary.Replace+p.Summary.Delete > 0
}

// decide returns the action and field changes that take before (nil: no
// config) to after (nil: absent).
func decide(before, after *model.AsyncConfig, mergeOnPut bool) (Action, []model.FieldChange) {
	switch {
	case after == nil && before == nil:
		return NoOp, nil
	case after == nil:
		return Delete, model.Diff(before, nil)
	case before == nil:
		return Create, model.Diff(nil, after)
	}
	fields := model.Diff(before, after)
	switch {
	case len(fields) == 0:
		return NoOp, nil
	case mergeOnPut && model.RemovesDestination(before, after):
		return Replace, fields
	}
	return Update, fields
}
