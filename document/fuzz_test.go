package document

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// FuzzParse holds Parse's invariants on any input: it does not panic,
// every error is located (a file, a line and column, a pointer that is
// empty or starts with "/"), and a document without errors encodes, in
// both formats, to text that parses back to an equal document.
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{"../testdata/good/*", "../testdata/bad/*.yaml", "../testdata/bad/*.json"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil {
				f.Add(data)
			}
		}
	}
	opts := &Options{MaxBytes: 1 << 20, MaxNodes: 100_000}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, diags := Parse("fuzz.yaml", data, opts)
		for _, d := range diags {
			if d.File != "fuzz.yaml" || d.Line < 1 || d.Column < 1 || d.Summary == "" ||
				(d.Pointer != "" && !strings.HasPrefix(d.Pointer, "/")) {
				t.Fatalf("badly located diagnostic %#v", d)
			}
		}
		if diags.HasErrors() {
			return
		}
		if doc == nil {
			t.Fatal("no errors and no document")
		}
		for _, format := range []string{FormatYAML, FormatJSON} {
			var b strings.Builder
			if err := Encode(&b, doc, format); err != nil {
				t.Fatalf("Encode(%s): %v", format, err)
			}
			back, diags := Parse("encoded", []byte(b.String()), opts)
			if len(diags) > 0 {
				t.Fatalf("%s encoding does not parse back: %v\n%s", format, diags, b.String())
			}
			if diff := cmp.Diff(doc, back, ignoreSource); diff != "" {
				t.Fatalf("%s round trip changed the document (-before +after):\n%s", format, diff)
			}
		}
	})
}
