package validate

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/urfave/cli/v2"

	"github.com/fnasync/fnasync/cmd/fnasync/internal/cmdtest"
	"github.com/fnasync/fnasync/cmd/fnasync/internal/cmdutil"
	"github.com/fnasync/fnasync/model"
)

// parse runs the command on args with runF capturing the options.
func parse(t *testing.T, args ...string) (*Options, error) {
	t.Helper()
	io, _, _, _ := cmdutil.Test()
	var got *Options
	cmd := NewCommand(cmdutil.New(io), func(_ context.Context, o *Options) error { got = o; return nil })
	cmd.OnUsageError = cmdutil.OnUsageError
	app := &cli.App{Name: "fnasync", Commands: []*cli.Command{cmd}, Writer: io.Out, ErrWriter: io.ErrOut,
		ExitErrHandler: func(*cli.Context, error) {}}
	err := app.Run(append([]string{"fnasync", "validate"}, args...))
	return got, err
}

func TestNewCommand(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    *Options
		wantErr string
	}{
		{"one file", []string{"a.yaml"}, &Options{Files: []string{"a.yaml"}, Output: "text"}, ""},
		{"json and stdin", []string{"-o", "json", "a.yaml", "-"}, &Options{Files: []string{"a.yaml", "-"}, Output: "json"}, ""},
		{"long flag", []string{"--output=text", "b.json"}, &Options{Files: []string{"b.json"}, Output: "text"}, ""},
		{"no file", nil, nil, "validate needs at least one FILE (- for standard input)"},
		{"bad format", []string{"-o", "xml", "a.yaml"}, nil, `-o "xml" is not a known format: use text or json`},
		{"flag after file", []string{"a.yaml", "-o", "json"}, nil, "-o comes after a file: put flags before the files (fnasync validate [-o text|json] FILE...)"},
		{"stdin twice", []string{"-", "-"}, nil, "standard input (-) can be read only once"},
		{"unknown flag", []string{"--strict", "a.yaml"}, nil, "unknown flag --strict"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parse(t, tt.args...)
			if tt.wantErr != "" {
				var ue *cmdutil.UsageError
				if !errors.As(err, &ue) || err.Error() != tt.wantErr {
					t.Fatalf("error = %v (%T), want usage error %q", err, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.IgnoreFields(Options{}, "IO", "Load")); diff != "" {
				t.Errorf("options mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRun(t *testing.T) {
	tests := []struct {
		name   string
		files  []string
		output string
		stdin  string
	}{
		{"one-valid", []string{"testdata/good/zero-values.yaml"}, "text", ""},
		{"valid-json", []string{"testdata/good/design.yaml", "testdata/good/minimal.json"}, "json", ""},
		{"several-mistakes-text", []string{"testdata/bad/several-mistakes.yaml"}, "text", ""},
		{"several-mistakes-json", []string{"testdata/bad/several-mistakes.yaml"}, "json", ""},
		{"mixed", []string{"testdata/bad/empty.yaml", "testdata/good/minimal.yaml", "testdata/bad/duplicate-key.json", "testdata/missing.yaml"}, "text", ""},
		{"stdin", []string{"-"}, "text", "version: 1\nproviders:\n  m: {type: memory}\nfunctions:\n  - {provider: m, function: a, maxRetryAttempts: 99}\n"},
	}
	goldenDir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(cmdtest.RepoRoot(t))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			io, in, out, errOut := cmdutil.Test()
			in.WriteString(tt.stdin)
			opts := &Options{IO: io, Load: cmdutil.New(io).LoadDocument, Files: tt.files, Output: tt.output}
			err := run(t.Context(), opts)
			got := fmt.Sprintf("error: %v\n--- stdout\n%s--- stderr\n%s", err, out, errOut)
			cmdtest.Golden(t, filepath.Join(goldenDir, tt.name+".golden"), got)
		})
	}
}

func TestRunStopsWhenCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	io, _, _, _ := cmdutil.Test()
	loads := 0
	opts := &Options{IO: io, Output: "text", Files: []string{"a", "b"},
		Load: func(string) (*model.Document, model.Diagnostics) { loads++; return nil, nil }}
	if err := run(ctx, opts); !errors.Is(err, context.Canceled) || loads != 0 {
		t.Errorf("run = %v after %d loads, want context.Canceled before any", err, loads)
	}
}

func TestSummary(t *testing.T) {
	for _, tt := range []struct {
		files, bad, errs int
		want             string
	}{
		{1, 0, 0, "1 file valid"},
		{2, 0, 0, "2 files valid"},
		{1, 1, 1, "1 error in 1 file"},
		{1, 1, 3, "3 errors in 1 file"},
		{3, 2, 5, "5 errors in 2 files; 1 file valid"},
	} {
		if got := summary(tt.files, tt.bad, tt.errs); got != tt.want {
			t.Errorf("summary(%d, %d, %d) = %q, want %q", tt.files, tt.bad, tt.errs, got, tt.want)
		}
	}
}

// TestEveryBadDocumentFails runs validate on each bad document of the
// repository: exit status 1, and every diagnostic printed with a position.
func TestEveryBadDocumentFails(t *testing.T) {
	t.Chdir(cmdtest.RepoRoot(t))
	files, _ := filepath.Glob("testdata/bad/*.yaml")
	more, _ := filepath.Glob("testdata/bad/*.json")
	files = append(files, more...)
	if len(files) < 40 {
		t.Fatalf("found %d bad documents, want at least 40", len(files))
	}
	for _, file := range files {
		io, _, out, _ := cmdutil.Test()
		opts := &Options{IO: io, Load: cmdutil.New(io).LoadDocument, Files: []string{file}, Output: "json"}
		var ee *cmdutil.ExitError
		if err := run(t.Context(), opts); !errors.As(err, &ee) || ee.Code != cmdutil.CodeError {
			t.Errorf("%s: run = %v, want exit status 1", file, err)
		}
		var diags []struct {
			Line, Column int
			File         string
		}
		if err := json.Unmarshal(out.Bytes(), &diags); err != nil || len(diags) == 0 {
			t.Errorf("%s: JSON output %q: %v", file, out, err)
		}
		for _, d := range diags {
			if d.Line < 1 || d.Column < 1 || d.File != file {
				t.Errorf("%s: diagnostic without a position: %+v", file, d)
			}
		}
	}
}
