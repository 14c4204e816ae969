package cmdutil

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/model"
)

func TestPrintDiagnostics(t *testing.T) {
	diags := model.Diagnostics{
		{Severity: model.SeverityError, Summary: "bad", Pointer: "/functions/0", File: "a.yaml", Line: 3, Column: 5},
		{Severity: model.SeverityWarning, Summary: "odd", Detail: "why", File: "<stdin>"},
	}
	tests := []struct {
		format string
		diags  model.Diagnostics
		want   string
	}{
		{"text", diags, "a.yaml:3:5: error: /functions/0: bad\n<stdin>: warning: odd: why\n"},
		{"text", nil, ""},
		{"json", nil, "[]\n"},
		{"json", diags[:1], `[
  {
    "severity": "error",
    "summary": "bad",
    "detail": "",
    "pointer": "/functions/0",
    "file": "a.yaml",
    "line": 3,
    "column": 5
  }
]
`},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if err := PrintDiagnostics(&b, tt.format, tt.diags); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, b.String()); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.format, diff)
		}
	}
	if err := PrintDiagnostics(&bytes.Buffer{}, "xml", diags); err == nil {
		t.Error("unknown format accepted")
	}
}

func TestMessage(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{nil, ""},
		{Silent(1), ""},
		{errors.New("boom"), "fnasync: boom"},
		{&ExitError{Code: 2, Err: errors.New("changes")}, "fnasync: changes"},
		{UsageErrorf("bad %s", "arg"), "fnasync: bad arg\nRun 'fnasync --help' for usage."},
		{fmt.Errorf("wrapped: %w", &UsageError{Command: "fnasync plan", Err: errors.New("x")}), "fnasync: wrapped: x\nRun 'fnasync plan --help' for usage."},
	}
	for _, tt := range tests {
		if got := Message("fnasync", tt.err); got != tt.want {
			t.Errorf("Message(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}

func TestExitError(t *testing.T) {
	inner := errors.New("inner")
	e := &ExitError{Code: 2, Err: inner}
	if !errors.Is(e, inner) || e.Error() != "inner" {
		t.Errorf("ExitError does not wrap: %v", e)
	}
	if got := Silent(1).Error(); got != "exit status 1" {
		t.Errorf("Silent(1).Error() = %q", got)
	}
}

func TestWithCommand(t *testing.T) {
	err := WithCommand(UsageErrorf("x"), "fnasync validate")
	var ue *UsageError
	if !errors.As(err, &ue) || ue.Command != "fnasync validate" {
		t.Errorf("WithCommand did not name the command: %#v", err)
	}
	err = WithCommand(&UsageError{Command: "fnasync a", Err: inner()}, "fnasync b")
	if errors.As(err, &ue); ue.Command != "fnasync a" {
		t.Errorf("WithCommand replaced a named command: %q", ue.Command)
	}
	if err := WithCommand(nil, "x"); err != nil {
		t.Errorf("WithCommand(nil) = %v", err)
	}
}

func inner() error { return errors.New("inner") }

func TestColor(t *testing.T) {
	yes := func() bool { return true }
	tests := []struct {
		name    string
		s       IOStreams
		out, eo bool
	}{
		{"pipes", IOStreams{}, false, false},
		{"terminals", IOStreams{OutIsTerminal: yes, ErrIsTerminal: yes}, true, true},
		{"NO_COLOR", IOStreams{OutIsTerminal: yes, ErrIsTerminal: yes, NoColor: true}, false, false},
		{"stderr only", IOStreams{ErrIsTerminal: yes}, false, true},
	}
	for _, tt := range tests {
		if got := tt.s.ColorEnabled(); got != tt.out {
			t.Errorf("%s: ColorEnabled = %v, want %v", tt.name, got, tt.out)
		}
		if got := tt.s.ErrColorEnabled(); got != tt.eo {
			t.Errorf("%s: ErrColorEnabled = %v, want %v", tt.name, got, tt.eo)
		}
	}
	t.Setenv("NO_COLOR", "1")
	if s := System(); !s.NoColor {
		t.Error("System ignores NO_COLOR")
	}
	t.Setenv("NO_COLOR", "")
	if s := System(); s.NoColor {
		t.Error("System takes an empty NO_COLOR as set")
	}
}

func TestCheckOutputAndSuggest(t *testing.T) {
	if err := CheckOutput("json", OutputText, OutputJSON); err != nil {
		t.Error(err)
	}
	var ue *UsageError
	if err := CheckOutput("yaml", OutputText, OutputJSON); !errors.As(err, &ue) {
		t.Errorf("CheckOutput(yaml) = %v, want a usage error", err)
	}
	for _, tt := range []struct{ in, want string }{
		{"valdate", "validate"}, {"shema", "schema"}, {"outptu", "output"}, {"zzz", ""}, {"x", ""},
	} {
		if got := Suggest(tt.in, []string{"validate", "schema", "version", "output", "o"}); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLoadDocument(t *testing.T) {
	io, in, _, _ := Test()
	in.WriteString("version: 1\nproviders: {}\nfunctions: []\n")
	doc, diags := New(io).LoadDocument("-")
	if doc == nil || len(diags) > 0 {
		t.Fatalf("LoadDocument(-) = %v, %v", doc, diags)
	}
	f := &Factory{IO: io, Load: func(file string) (*model.Document, model.Diagnostics) {
		return nil, model.Diagnostics{model.Errorf("", "stub %s", file)}
	}}
	if _, diags := f.LoadDocument("x"); len(diags) != 1 || diags[0].Summary != "stub x" {
		t.Errorf("Load not used: %v", diags)
	}
}
