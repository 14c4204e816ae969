package plan

import (
	"encoding/json"
	"io"
)

// WriteJSON writes p as the stable, versioned JSON plan (see DESIGN.md);
// after Apply, each change also carries its result and error.
func WriteJSON(w io.Writer, p *Plan) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(p)
}
