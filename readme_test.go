package fnasync_test

import (
	"os"
	"strings"
	"testing"
)

// TestReadmeLibrary checks that the README's library section is the body
// of Example, which compiles and runs: between its "library" markers,
// one tab less indented, in a Go code block.
func TestReadmeLibrary(t *testing.T) {
	src, err := os.ReadFile("example_test.go")
	if err != nil {
		t.Fatal(err)
	}
	_, body, ok := strings.Cut(string(src), "\t// library: begin\n")
	body, _, ok2 := strings.Cut(body, "\t// library: end\n")
	if !ok || !ok2 {
		t.Fatal("example_test.go has no library: begin/end markers")
	}
	var want strings.Builder
	for _, line := range strings.SplitAfter(body, "\n") {
		want.WriteString(strings.TrimPrefix(line, "\t"))
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "```go\n"+want.String()+"```\n") {
		t.Errorf("README.md's library section is not Example's body; it should read:\n```go\n%s```", want.String())
	}
}
