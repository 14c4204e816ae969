package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/cmd/fnasync/internal/app"
	"github.com/fnasync/fnasync/cmd/fnasync/internal/cmdutil"
)

// TestExport checks export's choice of functions and formats against the
// live configs applied from the same document; every output that
// succeeds must plan clean against the emulator it came from.
func TestExport(t *testing.T) {
	setKeys(t)
	e, file := startSeeded(t, "migrate", "clouds.yaml")
	mustRun(t, 0, "", "apply", "-f", file, "--auto-approve")
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"hw-functions", []string{"--provider", "hw", "--function", "orders", "--function", "billing/invoices"}, 0},
		{"hw-function-twice", []string{"--provider", "hw", "--function", "orders", "--function", "default/orders", "--function", "orders"}, 0},
		{"hw-no-config", []string{"--provider", "hw", "--function", "shop/orders"}, 0},
		{"ali-json", []string{"--provider", "ali", "--all", "-o", "json"}, 0},
		{"ali3-all", []string{"--provider", "ali3", "--all"}, 0},
		{"hw-missing-function", []string{"--provider", "hw", "--function", "nope"}, 1},
		{"ali-missing-function", []string{"--provider", "ali", "--function", "shop/nope"}, 1},
		{"output-text-is-yaml", []string{"--provider", "hw", "--all", "-o", "text"}, 0},
		{"bad-output-xml", []string{"--provider", "hw", "--all", "-o", "xml"}, 1},
	}
	e.seed(t, testdata("migrate", "targets.yaml"))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mark := e.mark()
			r := mustRun(t, tt.want, "", append([]string{"export", "-f", file}, tt.args...)...)
			if w := writes(e.since(mark)); len(w) > 0 {
				t.Errorf("export sent mutating requests:\n%s", lines(w))
			}
			golden(t, "export/"+tt.name, scrubRequestIDs(scrub(r.String(), e.URL, "ENDPOINT")))
			if tt.want == 0 {
				mustRun(t, 0, r.stdout, "plan", "-f", "-", "--detailed-exitcode")
			}
		})
	}
}

// TestExportAllNaturalOrder: export --all writes functions and qualifiers
// with their numbers in order (fn2 before fn10, version 2 before 10), not
// in the cloud's lexical order.
func TestExportAllNaturalOrder(t *testing.T) {
	setKeys(t)
	e := startEmulator(t)
	var doc strings.Builder
	doc.WriteString("version: 1\nproviders:\n  hw: {type: huaweifg, region: cn-north-4, projectId: 0123456789abcdef0123456789abcdef, endpoint: " + e.URL + "}\nfunctions:\n")
	for _, f := range []string{"fn10", "fn2", "fn1"} {
		for _, q := range []string{"10", "2", "latest"} {
			fmt.Fprintf(&doc, "  - {provider: hw, function: %s, qualifier: %q}\n", f, q)
		}
	}
	file := writeFile(t, "natural.yaml", doc.String())
	e.seed(t, file)
	mustRun(t, 0, "", "apply", "-f", file, "--auto-approve")
	r := mustRun(t, 0, "", "export", "-f", file, "--provider", "hw", "--all")
	var got []string
	for _, line := range strings.Split(r.stdout, "\n") {
		if f, ok := strings.CutPrefix(line, "    function: "); ok {
			got = append(got, f)
		} else if q, ok := strings.CutPrefix(line, "    qualifier: "); ok {
			got[len(got)-1] += "@" + strings.Trim(q, `"'`)
		}
	}
	want := []string{"default/fn1", "default/fn1@2", "default/fn1@10", "default/fn2", "default/fn2@2", "default/fn2@10", "default/fn10", "default/fn10@2", "default/fn10@10"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("export --all order (-want +got):\n%s\n%s", diff, r)
	}
}

// TestExportProgress: on a terminal, export says within a second that it
// reads the live configs (a bar past a screenful of functions); without
// a terminal or with NO_COLOR, nothing of it.
func TestExportProgress(t *testing.T) {
	setKeys(t)
	e, file := startSeeded(t, "clouds", "huaweifg.yaml")
	many := writeFile(t, "many.yaml", strings.Replace(func() string {
		var b strings.Builder
		b.WriteString("version: 1\nproviders:\n  hw: {type: huaweifg, region: cn-north-4, projectId: 0123456789abcdef0123456789abcdef, endpoint: URL}\nfunctions:\n")
		for i := range 50 {
			fmt.Fprintf(&b, "  - {provider: hw, function: fn%d}\n", i)
		}
		return b.String()
	}(), "URL", e.URL, 1))
	e.seed(t, many)
	for _, tt := range []struct {
		name, file   string
		args         []string
		tty, noColor bool
		want         string
	}{
		{"terminal", file, []string{"--function", "orders", "--function", "billing/invoices"}, true, false, "Reading the live configs of 2 functions...\n"},
		{"terminal-all", many, []string{"--all"}, true, false, "\rexporting ["},
		{"pipe", file, []string{"--all"}, false, false, ""},
		{"no-color", file, []string{"--all"}, true, true, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			streams, _, out, errOut := cmdutil.Test()
			streams.ErrIsTerminal = func() bool { return tt.tty }
			streams.NoColor = tt.noColor
			args := append([]string{"fnasync", "export", "-f", tt.file, "--provider", "hw"}, tt.args...)
			if code := app.Main(t.Context(), args, streams); code != 0 {
				t.Fatalf("exit %d\n%s%s", code, out, errOut)
			}
			got := errOut.String()
			if tt.want == "" && (strings.Contains(got, "Reading") || strings.Contains(got, "\r")) ||
				tt.want != "" && !strings.Contains(got, tt.want) {
				t.Errorf("stderr %q, want it to hold %q", got, tt.want)
			}
		})
	}
}
