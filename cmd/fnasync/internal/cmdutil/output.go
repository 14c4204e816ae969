package cmdutil

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/fnasync/fnasync/model"
)

// Output formats.
const (
	OutputText = "text"
	OutputJSON = "json"
	OutputYAML = "yaml"
)

// OutputFlag returns the -o/--output flag bound to dest, defaulting to the
// first of formats.
func OutputFlag(dest *string, formats ...string) *cli.StringFlag {
	return &cli.StringFlag{
		Name:        "output",
		Aliases:     []string{"o"},
		Usage:       "output format: " + strings.Join(formats, " or "),
		Value:       formats[0],
		Destination: dest,
	}
}

// CheckOutput returns a UsageError unless value is one of formats.
func CheckOutput(value string, formats ...string) error {
	if slices.Contains(formats, value) {
		return nil
	}
	return UsageErrorf("-o %q is not a known format: use %s", value, strings.Join(formats, " or "))
}

// PrintDiagnostics writes diags to w: in text, one per line as
// FILE:LINE:COL: SEVERITY: POINTER: MESSAGE (without POINTER for a finding
// about the whole document, whose pointer is ""); in JSON, as one indented
// array of {severity, summary, detail, pointer, file, line, column}
// (`[]` when there are none).
//
// Their text, which may quote a server, goes through Untrusted.
func PrintDiagnostics(w io.Writer, format string, diags model.Diagnostics) error {
	diags = Clean(diags)
	switch format {
	case OutputText:
		var b strings.Builder
		for _, d := range diags {
			if paints(w) {
				b.WriteString(severity(d))
				b.WriteByte('\n')
				continue
			}
			b.WriteString(d.String())
			b.WriteByte('\n')
		}
		_, err := io.WriteString(w, b.String())
		return err
	case OutputJSON:
		if diags == nil {
			diags = model.Diagnostics{}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(diags)
	}
	return fmt.Errorf("print diagnostics: unknown format %q", format)
}
