package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// TestCLIContract checks the CLI's contract around the documents it
// reads: confirmation off a terminal, standard input, located diagnostics
// for invalid documents, and usage errors, each with its exit code and
// both streams golden.
func TestCLIContract(t *testing.T) {
	setKeys(t)
	e, good := startSeeded(t, "clouds", "huaweifg.yaml")
	goodText, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	bad := testdata("bad", "mistakes.yaml")
	badText, err := os.ReadFile(bad)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		stdin string
		args  []string
		want  int
	}{
		{"apply-needs-auto-approve", "", []string{"apply", "-f", good}, 1},
		{"apply-stdin-needs-auto-approve", string(goodText), []string{"apply", "-f", "-"}, 1},
		{"plan-stdin", string(goodText), []string{"plan", "-f", "-", "--detailed-exitcode"}, 2},
		{"plan-stdin-empty", "", []string{"plan", "-f", "-"}, 1},
		{"plan-invalid", "", []string{"plan", "-f", bad}, 1},
		{"plan-invalid-stdin", string(badText), []string{"plan", "-f", "-"}, 1},
		{"plan-invalid-json", "", []string{"plan", "-f", bad, "-o", "json"}, 1},
		{"plan-syntax", "", []string{"plan", "-f", testdata("bad", "syntax.yaml")}, 1},
		{"plan-missing-file", "", []string{"plan", "-f", testdata("bad", "no-such-file.yaml")}, 1},
		{"apply-invalid", "", []string{"apply", "--auto-approve", "-f", bad}, 1},
		{"apply-invalid-json", "", []string{"apply", "--auto-approve", "-f", bad, "-o", "json"}, 1},
		{"plan-syntax-json", "", []string{"plan", "-f", testdata("bad", "syntax.yaml"), "-o", "json"}, 1},
		{"export-invalid", "", []string{"export", "-f", bad, "--provider", "hw", "--all"}, 1},
		{"migrate-invalid", "", []string{"migrate", "-f", bad, "--to", "hw"}, 1},
		{"invocations-invalid", "", []string{"invocations", "list", "-f", bad, "--function", "hw:orders"}, 1},
		{"plan-parallelism-0", "", []string{"plan", "-f", good, "--parallelism", "0"}, 1},
		{"apply-parallelism-0", "", []string{"apply", "-f", good, "--auto-approve", "--parallelism", "0"}, 1},
		{"export-parallelism-0", "", []string{"export", "-f", good, "--provider", "hw", "--all", "--parallelism", "0"}, 1},
		{"export-unknown-provider", "", []string{"export", "-f", good, "--provider", "nope", "--all"}, 1},
		{"export-no-functions", "", []string{"export", "-f", good, "--provider", "hw"}, 1},
		{"plan-no-file", "", []string{"plan"}, 1},
		{"plan-bad-output", "", []string{"plan", "-f", good, "-o", "yaml"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mark := e.mark()
			r := fnasync(t, tt.stdin, tt.args...)
			if r.code != tt.want {
				t.Errorf("exit %d, want %d\n%s", r.code, tt.want, r)
			}
			if w := writes(e.since(mark)); len(w) > 0 {
				t.Errorf("sent mutating requests:\n%s", lines(w))
			}
			golden(t, "cli/"+tt.name, scrub(r.String(), filepath.Dir(good), "DIR", e.URL, "ENDPOINT"))
		})
	}
	// Nothing was applied by any of the above.
	mustRun(t, 2, "", "plan", "-f", good, "--detailed-exitcode")
}

// TestInvalidDocumentJSONPlan checks that plan and apply -o json on a
// document that is not valid print the JSON plan, with no changes and the
// diagnostics validate -o json prints, keep the text diagnostics on
// stderr, and exit 1.
func TestInvalidDocumentJSONPlan(t *testing.T) {
	for _, file := range []string{
		testdata("bad", "mistakes.yaml"),
		testdata("bad", "syntax.yaml"),
		testdata("bad", "no-such-file.yaml"),
	} {
		v := fnasync(t, "", "validate", "-o", "json", file)
		var want []map[string]any
		if err := json.Unmarshal([]byte(v.stdout), &want); err != nil || len(want) == 0 {
			t.Fatalf("validate -o json %s: %v\n%s", file, err, v)
		}
		for _, args := range [][]string{{"plan"}, {"apply", "--auto-approve"}} {
			r := mustRun(t, 1, "", append(args, "-o", "json", "-f", file)...)
			var got struct {
				FormatVersion string           `json:"format_version"`
				Changes       json.RawMessage  `json:"changes"`
				Summary       map[string]int   `json:"summary"`
				Diagnostics   []map[string]any `json:"diagnostics"`
			}
			if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
				t.Fatalf("%v -o json %s: stdout is not a JSON plan: %v\n%s", args, file, err, r)
			}
			zero := map[string]int{"create": 0, "update": 0, "replace": 0, "delete": 0, "no-op": 0}
			if got.FormatVersion != "1.0" || string(got.Changes) != "[]" || !cmp.Equal(zero, got.Summary) {
				t.Errorf("%v -o json %s: not an empty plan:\n%s", args, file, r)
			}
			if diff := cmp.Diff(want, got.Diagnostics); diff != "" {
				t.Errorf("%v -o json %s: diagnostics (-validate +plan):\n%s", args, file, diff)
			}
			if !strings.Contains(r.stderr, file) {
				t.Errorf("%v -o json %s: no text diagnostics on stderr:\n%s", args, file, r)
			}
		}
	}
}

// TestApplyConfirm checks the question apply asks on a terminal: only
// "yes" applies.
func TestApplyConfirm(t *testing.T) {
	setKeys(t)
	e, file := startSeeded(t, "clouds", "alifc3.yaml")
	for _, tt := range []struct {
		answer  string
		want    int
		applied bool
	}{
		{"", 1, false},
		{"no\n", 1, false},
		{"y\n", 1, false},
		{"yes\n", 0, true},
	} {
		mark := e.mark()
		r := fnasyncTTY(t, true, tt.answer, "apply", "-f", file)
		sent := writes(e.since(mark))
		if r.code != tt.want || (len(sent) > 0) != tt.applied {
			t.Errorf("answer %q: exit %d and %d writes, want exit %d, applied %v\n%s", tt.answer, r.code, len(sent), tt.want, tt.applied, r)
		}
		if !strings.Contains(r.stderr, "Only 'yes' will be accepted") {
			t.Errorf("answer %q: apply did not ask:\n%s", tt.answer, r)
		}
		if !tt.applied && !strings.Contains(r.stderr, "Apply cancelled.") {
			t.Errorf("answer %q: apply does not say it cancelled:\n%s", tt.answer, r)
		}
	}
	// Nothing to apply: no question.
	r := mustRun(t, 0, "", "apply", "-f", file, "--auto-approve")
	if r.stderr != "" {
		t.Errorf("a no-op apply wrote to stderr:\n%s", r)
	}
	r = fnasyncTTY(t, true, "", "apply", "-f", file)
	if r.code != 0 || strings.Contains(r.stderr, "Enter a value") {
		t.Errorf("a no-op apply on a terminal asked for confirmation:\n%s", r)
	}
}

// TestQuickstart runs the README's first commands on a copy of
// examples/quickstart.yaml: the embedded emulator keeps its state beside
// the document, so a second process sees what the first applied.
func TestQuickstart(t *testing.T) {
	// No keys in the environment: the embedded emulator needs none.
	for _, v := range []string{"HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
		"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"} {
		t.Setenv(v, "")
	}
	src, err := os.ReadFile(filepath.Join("..", "..", "examples", "quickstart.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	t.Run("file", func(t *testing.T) {
		file := writeFile(t, "quickstart.yaml", string(src))
		state := filepath.Join(filepath.Dir(file), ".fnasync", "emulator-state.db")
		r := mustRun(t, 0, "", "apply", "-f", file, "--auto-approve")
		if !strings.Contains(r.stdout, "Apply complete!") {
			t.Errorf("apply does not say it completed:\n%s", r)
		}
		// plan reads: the state file keeps its bytes and its time.
		before, err := os.ReadFile(state)
		if err != nil {
			t.Fatal(err)
		}
		old := time.Now().Add(-time.Hour).Truncate(time.Second)
		if err := os.Chtimes(state, old, old); err != nil {
			t.Fatal(err)
		}
		r = mustRun(t, 0, "", "plan", "-f", file, "--detailed-exitcode")
		if !strings.Contains(r.stdout, "No changes.") {
			t.Errorf("plan after apply:\n%s", r)
		}
		if after, err := os.ReadFile(state); err != nil || !bytes.Equal(before, after) {
			t.Errorf("plan changed the state file (%v)", err)
		}
		if fi, err := os.Stat(state); err != nil || !fi.ModTime().Equal(old) {
			t.Errorf("plan touched the state file: %v", err)
		}
		checkState(t, state, []string{"huaweifg", "alifc", "awslambda"})
		// Another document's state is its own.
		other := writeFile(t, "quickstart.yaml", string(src))
		mustRun(t, 2, "", "plan", "-f", other, "--detailed-exitcode")
	})
	t.Run("stdin", func(t *testing.T) {
		// From standard input the state is kept in the working directory.
		dir := t.TempDir()
		t.Chdir(dir)
		mustRun(t, 0, string(src), "apply", "-f", "-", "--auto-approve")
		mustRun(t, 0, string(src), "plan", "-f", "-", "--detailed-exitcode")
		checkState(t, filepath.Join(dir, ".fnasync", "emulator-state.db"), []string{"huaweifg", "alifc", "awslambda"})
	})
}

// checkState checks that the emulator's state file, exported as JSON
// (emulate --export-state), is a JSON object with the keys want.
func checkState(t *testing.T, file string, want []string) {
	t.Helper()
	b := []byte(mustRun(t, 0, "", "emulate", "--state", file, "--export-state").stdout)
	var st map[string]json.RawMessage
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatalf("emulator state %s is not a JSON object: %v\n%s", file, err, b)
	}
	var got []string
	for _, k := range want {
		if len(st[k]) > 0 && json.Valid(st[k]) {
			got = append(got, k)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("emulator state %s: clouds (-want +got):\n%s", file, diff)
	}
}

// TestHelpWidth checks that every command's help, option tables included,
// fits in 80 columns.
func TestHelpWidth(t *testing.T) {
	for _, cmd := range [][]string{{}, {"validate"}, {"schema"}, {"plan"}, {"apply"}, {"export"}, {"migrate"},
		{"invocations"}, {"invocations", "list"}, {"invocations", "stop"}, {"emulate"}, {"version"}} {
		r := mustRun(t, 0, "", append(cmd, "--help")...)
		for _, line := range strings.Split(r.stdout, "\n") {
			if n := utf8.RuneCountInString(line); n > 80 {
				t.Errorf("%v --help: a line of %d columns:\n%s", cmd, n, line)
			}
		}
	}
}
