package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fnasync/fnasync/cmd/fnasync/internal/cmdtest"
	"github.com/fnasync/fnasync/cmd/fnasync/internal/cmdutil"
)

func TestExitCode(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"nil", nil, 0},
		{"plain error", errors.New("boom"), 1},
		{"usage", cmdutil.UsageErrorf("bad"), 1},
		{"canceled", context.Canceled, 1},
		{"silent", cmdutil.Silent(1), 1},
		{"changes", &cmdutil.ExitError{Code: cmdutil.CodeChanges}, 2},
		{"wrapped changes", fmt.Errorf("plan: %w", &cmdutil.ExitError{Code: 2, Err: errors.New("x")}), 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ExitCode(tt.err); got != tt.want {
				t.Errorf("ExitCode(%v) = %d, want %d", tt.err, got, tt.want)
			}
		})
	}
}

// TestMain runs the whole application on arguments and checks the exit
// code and both streams against testdata/NAME.golden.
func TestMainGolden(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		stdin string
	}{
		{"no-args", nil, ""},
		{"help", []string{"--help"}, ""},
		{"help-validate", []string{"help", "validate"}, ""},
		{"unknown-command", []string{"frobnicate"}, ""},
		{"misspelt-command", []string{"valdate", "x.yaml"}, ""},
		{"misspelt-flag", []string{"validate", "--outptu", "json", "x.yaml"}, ""},
		{"flag-after-file", []string{"validate", "x.yaml", "-o", "json"}, ""},
		{"validate-good", []string{"validate", "testdata/good/design.yaml", "testdata/good/full.json"}, ""},
		{"validate-several-mistakes", []string{"validate", "testdata/bad/several-mistakes.yaml", "testdata/good/design.yaml"}, ""},
		{"validate-json", []string{"validate", "-o", "json", "testdata/bad/several-mistakes.json"}, ""},
		{"validate-stdin", []string{"validate", "-"}, "version: 1\nproviders: {}\nfunctions: [{provider: x, function: y}]\n"},
		{"schema-args", []string{"schema", "extra"}, ""},
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
			code := Main(t.Context(), append([]string{"fnasync"}, tt.args...), io)
			got := fmt.Sprintf("exit: %d\n--- stdout\n%s--- stderr\n%s", code, out, errOut)
			cmdtest.Golden(t, filepath.Join(goldenDir, tt.name+".golden"), got)
		})
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"version"}} {
		io, _, out, errOut := cmdutil.Test()
		if code := Main(t.Context(), append([]string{"fnasync"}, args...), io); code != 0 || errOut.Len() > 0 {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
		if !strings.HasPrefix(out.String(), "fnasync ") {
			t.Errorf("%v printed %q", args, out)
		}
	}
}

// TestCommandsTeach keeps the help useful: every command says what it does
// and the app's help documents the exit codes.
func TestCommandsTeach(t *testing.T) {
	io, _, _, _ := cmdutil.Test()
	app := New(cmdutil.New(io))
	for _, c := range app.Commands {
		if c.Usage == "" {
			t.Errorf("command %s has no usage line", c.Name)
		}
		if c.OnUsageError == nil {
			t.Errorf("command %s reports usage errors through urfave/cli", c.Name)
		}
	}
	for _, want := range []string{"Exit codes:", "0  success", "1  any error", "2  only plan --detailed-exitcode"} {
		if !strings.Contains(app.Description, want) {
			t.Errorf("app description lacks %q", want)
		}
	}
}
