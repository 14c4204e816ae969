package document

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/fnasync/fnasync/model"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// repoFiles lists the files matching the patterns, relative to the
// repository root (this package's parent).
func repoFiles(t *testing.T, patterns ...string) []string {
	t.Helper()
	var out []string
	for _, p := range patterns {
		m, err := filepath.Glob(filepath.Join("..", p))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m...)
	}
	if len(out) == 0 {
		t.Fatalf("no files match %v", patterns)
	}
	return out
}

// parseFile parses a repository file, naming it by its path from the root
// so that goldens do not depend on the working directory.
func parseFile(t *testing.T, path string) (*model.Document, model.Diagnostics) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return Parse(filepath.ToSlash(strings.TrimPrefix(path, ".."+string(filepath.Separator))), data, nil)
}

func TestBadDocuments(t *testing.T) {
	files := repoFiles(t, "testdata/bad/*.yaml", "testdata/bad/*.json")
	if len(files) < 40 {
		t.Errorf("only %d bad documents, want at least 40", len(files))
	}
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			_, diags := parseFile(t, path)
			if !diags.HasErrors() {
				t.Fatalf("no error for a bad document")
			}
			for _, d := range diags {
				if d.Line < 1 || d.Column < 1 || d.File == "" || d.Summary == "" {
					t.Errorf("diagnostic not located or empty: %#v", d)
				}
			}
			var b strings.Builder
			for _, d := range diags {
				b.WriteString(d.String() + "\n")
			}
			golden := strings.TrimSuffix(path, filepath.Ext(path)) + ".golden"
			if strings.HasSuffix(name, ".json") {
				golden = strings.TrimSuffix(path, ".json") + ".json.golden"
			}
			checkGolden(t, golden, b.String())
		})
	}
}

func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./document -update)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

// ignoreSource drops what depends on where a document was read.
var ignoreSource = cmpopts.IgnoreFields(model.Document{}, "File", "Positions")

func TestGoodDocumentsRoundTrip(t *testing.T) {
	for _, path := range repoFiles(t, "testdata/good/*.yaml", "testdata/good/*.json", "examples/*.yaml") {
		t.Run(filepath.Base(path), func(t *testing.T) {
			doc, diags := parseFile(t, path)
			if len(diags) > 0 || doc == nil {
				t.Fatalf("diagnostics for a good document:\n%v", diags)
			}
			if diags := Validate(doc); len(diags) > 0 {
				t.Errorf("Validate of a parsed good document:\n%v", diags)
			}
			for _, format := range []string{FormatYAML, FormatJSON} {
				var b strings.Builder
				if err := Encode(&b, doc, format); err != nil {
					t.Fatal(err)
				}
				back, diags := Parse("encoded."+format, []byte(b.String()), nil)
				if len(diags) > 0 {
					t.Fatalf("%s encoding does not parse back cleanly:\n%v\n%s", format, diags, b.String())
				}
				if diff := cmp.Diff(doc, back, ignoreSource); diff != "" {
					t.Errorf("%s round trip changed the document (-parsed +encoded-and-parsed):\n%s", format, diff)
				}
			}
		})
	}
}
