package document

import (
	"path/filepath"
	"slices"
	"testing"
)

// TestExamples keeps the documents a new user runs first valid: every
// examples/*.yaml parses with no diagnostic at all, and each cloud type has
// one.
func TestExamples(t *testing.T) {
	files := repoFiles(t, "examples/*.yaml")
	for _, want := range []string{"huaweifg.yaml", "alifc.yaml", "alifc3.yaml", "awslambda.yaml", "memory.yaml"} {
		if !slices.Contains(files, filepath.Join("..", "examples", want)) {
			t.Errorf("examples/%s is missing", want)
		}
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			doc, diags := parseFile(t, path)
			if doc == nil || len(diags) > 0 {
				t.Errorf("diagnostics:\n%v", diags)
			}
			if doc != nil && len(doc.Functions) == 0 {
				t.Error("an example without functions teaches nothing")
			}
		})
	}
}
