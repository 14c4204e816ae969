package plan

import (
	"encoding/json"
	"io"

	"github.com/fnasync/fnasync/model"
)

// WriteJSON writes p as the stable, versioned JSON plan (see DESIGN.md);
// after Apply, each change also carries its result and error. Each
// diagnostic has every key DESIGN.md lists (severity, summary, detail,
// pointer, file, line, column), empty ones included, as
// `fnasync validate -o json` writes them.
func WriteJSON(w io.Writer, p *Plan) error {
	diags := make([]jsonDiagnostic, len(p.Diagnostics))
	for i, d := range p.Diagnostics {
		diags[i] = jsonDiagnostic{Severity: d.Severity, Summary: d.Summary, Detail: d.Detail,
			Pointer: d.Pointer, File: d.File, Line: d.Line, Column: d.Column}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(jsonPlan{Plan: p, Diagnostics: diags})
}

// jsonPlan is a Plan with its diagnostics in their JSON form, which
// shadows Plan.Diagnostics.
type jsonPlan struct {
	*Plan
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
}

// jsonDiagnostic is a diagnostic with every key present, where
// model.Diagnostic leaves the empty ones out.
type jsonDiagnostic struct {
	Severity model.Severity `json:"severity"`
	Summary  string         `json:"summary"`
	Detail   string         `json:"detail"`
	Pointer  string         `json:"pointer"`
	File     string         `json:"file"`
	Line     int            `json:"line"`
	Column   int            `json:"column"`
}

// Empty returns a plan of no changes with diags: the plan of a document
// that cannot be planned, e.g. because it is not valid.
func Empty(diags model.Diagnostics) *Plan { return newPlan(nil, diags) }
