package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/fnasync/fnasync/cmd/fnasync/internal/app"
	"github.com/fnasync/fnasync/cmd/fnasync/internal/cmdutil"
	"github.com/fnasync/fnasync/document"
)

// FuzzBadDocument runs `fnasync validate FILE` and `fnasync plan -f FILE`
// in process on documents that document.Parse finds errors in, starting
// with every bad document of testdata/bad (the seeds, run by go test):
// each command returns exit code 1 without a panic, prints nothing on
// standard output, and reports at least one error located at a line and
// column of the file. Plan stops there, before opening any provider.
func FuzzBadDocument(f *testing.F) {
	for _, ext := range []string{"yaml", "json"} {
		files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "bad", "*."+ext))
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if _, diags := document.Parse("doc.yaml", data, nil); !diags.HasErrors() {
			return // a valid document would be planned against its providers
		}
		path := filepath.Join(t.TempDir(), "doc.yaml")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		located := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(path) + `:(\d+):(\d+): error: `)
		for _, args := range [][]string{{"validate", path}, {"plan", "-f", path}} {
			streams, _, out, errOut := cmdutil.Test()
			code := app.Main(context.Background(), append([]string{"fnasync"}, args...), streams)
			name := "fnasync " + strings.Join(args, " ")
			if code != 1 || out.Len() > 0 {
				t.Errorf("%s: exit %d, stdout %q; want exit 1 and nothing on stdout\nstderr:\n%s", name, code, out, errOut)
				continue
			}
			m := located.FindStringSubmatch(errOut.String())
			if m == nil {
				t.Errorf("%s: no error located in the file\nstderr:\n%s", name, errOut)
				continue
			}
			if line, _ := strconv.Atoi(m[1]); line < 1 {
				t.Errorf("%s: error at line %d\nstderr:\n%s", name, line, errOut)
			}
		}
	})
}
