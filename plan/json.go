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
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(p)
}

// Empty returns a plan of no changes with diags: the plan of a document
// that cannot be planned, e.g. because it is not valid.
func Empty(diags model.Diagnostics) *Plan { return newPlan(nil, diags) }
