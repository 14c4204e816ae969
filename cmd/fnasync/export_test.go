package main

import (
	"testing"
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
