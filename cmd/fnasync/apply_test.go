package main

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/fnasync/fnasync/cmd/fnasync/internal/app"
	"github.com/fnasync/fnasync/cmd/fnasync/internal/cmdutil"
	"github.com/google/go-cmp/cmp"
)

// TestApplyPartial checks an apply the cloud refuses in part: the other
// changes are applied, each result is reported, the exit code is 1, and a
// second apply has only the refused change left to make.
func TestApplyPartial(t *testing.T) {
	setKeys(t)
	e, file := startSeeded(t, "apply", "partial.yaml")
	sc := func(r result) string {
		return scrubRequestIDs(scrub(r.String(), filepath.Dir(file), "DIR", e.URL, "ENDPOINT"))
	}

	r := mustRun(t, 1, "", "apply", "-f", file, "--auto-approve", "-o", "json")
	golden(t, "apply/partial-json", sc(r))
	var out struct {
		Changes []struct {
			Function, Result, Error string
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("apply -o json: %v\n%s", err, r)
	}
	var got []string
	for _, c := range out.Changes {
		got = append(got, c.Function+" "+c.Result+" "+map[bool]string{true: "error", false: "-"}[c.Error != ""])
	}
	want := []string{"default/good applied -", "default/refused failed error", "default/also-good applied -"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}

	r = mustRun(t, 1, "", "apply", "-f", file, "--auto-approve")
	golden(t, "apply/partial-text", sc(r))
	r = mustRun(t, 2, "", "plan", "-f", file, "--detailed-exitcode")
	if !strings.Contains(r.stdout, "Plan: 1 to add, 0 to change, 0 to destroy.") {
		t.Errorf("plan after a partial apply:\n%s", r)
	}
}

// TestPrune checks that --prune deletes the configs of the qualifiers a
// document does not name, on the functions it names, and only those.
func TestPrune(t *testing.T) {
	setKeys(t)
	e, all := startSeeded(t, "apply", "qualifiers.yaml")
	some := writeDoc(t, testdata("apply", "prune.yaml"), e.URL)
	mustRun(t, 0, "", "apply", "-f", all, "--auto-approve")

	steps := []struct {
		name string
		args []string
		want int
	}{
		{"plan", []string{"plan", "--detailed-exitcode"}, 0},
		{"plan-prune", []string{"plan", "--detailed-exitcode", "--prune"}, 2},
		{"apply", []string{"apply", "--auto-approve"}, 0},
		{"apply-prune", []string{"apply", "--auto-approve", "--prune", "--parallelism", "1"}, 0},
		{"plan-prune-clean", []string{"plan", "--detailed-exitcode", "--prune"}, 0},
	}
	for _, s := range steps {
		mark := e.mark()
		r := fnasync(t, "", append(s.args, "-f", some)...)
		if r.code != s.want {
			t.Fatalf("%s: exit %d, want %d\n%s", s.name, r.code, s.want, r)
		}
		golden(t, "apply/prune-"+s.name, r.String()+"--- writes\n"+lines(writes(e.since(mark))))
	}
	// other@prod, not named, is untouched.
	r := mustRun(t, 2, "", "plan", "-f", all, "--detailed-exitcode")
	if !strings.Contains(r.stdout, "Plan: 2 to add, 0 to change, 0 to destroy.") || strings.Contains(r.stdout, "other") {
		t.Errorf("plan of the whole document after pruning:\n%s", r)
	}
}

// TestUnreadable plans and applies documents naming a function that does
// not exist: the error is located at its entry, nothing is applied, and
// nothing claims that the live state matches.
func TestUnreadable(t *testing.T) {
	setKeys(t)
	e, _ := startSeeded(t, "clouds", "huaweifg.yaml")
	for _, name := range []string{"missing", "missing-and-changes"} {
		file := writeDoc(t, testdata("apply", name+".yaml"), e.URL)
		for label, args := range map[string][]string{
			"plan":       {"plan", "--detailed-exitcode"},
			"plan-json":  {"plan", "-o", "json"},
			"apply":      {"apply", "--auto-approve"},
			"apply-json": {"apply", "--auto-approve", "-o", "json"},
		} {
			mark := e.mark()
			r := mustRun(t, 1, "", append(args, "-f", file)...)
			if w := writes(e.since(mark)); len(w) > 0 {
				t.Errorf("%v sent mutating requests:\n%s", args, lines(w))
			}
			if strings.Contains(r.stdout, "No changes") {
				t.Errorf("%v says there are no changes:\n%s", args, r)
			}
			golden(t, "apply/"+name+"-"+label, scrubRequestIDs(scrub(r.String(), filepath.Dir(file), "DIR", e.URL, "ENDPOINT")))
		}
	}
}

// TestAbsentOnMissingFunction checks that `absent: true` is satisfied when
// the function, its service or its qualifier does not exist, on each
// cloud, with and without --prune; settings for a missing function stay
// an error with --prune too.
func TestAbsentOnMissingFunction(t *testing.T) {
	setKeys(t)
	e, _ := startSeeded(t, "migrate", "clouds.yaml")
	file := writeDoc(t, testdata("apply", "absent-missing.yaml"), e.URL)
	for _, args := range [][]string{
		{"plan", "--detailed-exitcode"},
		{"plan", "--detailed-exitcode", "--prune"},
		{"apply", "--auto-approve"},
		{"apply", "--auto-approve", "--prune"},
	} {
		mark := e.mark()
		r := mustRun(t, 0, "", append(args, "-f", file)...)
		if w := writes(e.since(mark)); len(w) > 0 {
			t.Errorf("%v sent mutating requests:\n%s", args, lines(w))
		}
		if !strings.Contains(r.stdout, "No changes.") || r.stderr != "" {
			t.Errorf("%v:\n%s", args, r)
		}
	}
	missing := writeDoc(t, testdata("apply", "missing.yaml"), e.URL)
	r := mustRun(t, 1, "", "plan", "--prune", "-f", missing)
	if !strings.Contains(r.stderr, "cannot read the live config of hw:default/missing@latest") {
		t.Errorf("plan --prune of settings for a missing function:\n%s", r)
	}
}

// TestApplyProgressLines: on a terminal, a short apply says it reads, then
// prints a line as each change starts and completes (golden, durations
// scrubbed); without a terminal or with NO_COLOR, none of it.
func TestApplyProgressLines(t *testing.T) {
	setKeys(t)
	for _, tt := range []struct {
		name         string
		tty, noColor bool
		wantProgress bool
	}{{"terminal", true, false, true}, {"pipe", false, false, false}, {"no-color", true, true, false}} {
		t.Run(tt.name, func(t *testing.T) {
			e, file := startSeeded(t, "clouds", "huaweifg.yaml")
			streams, _, out, errOut := cmdutil.Test()
			streams.ErrIsTerminal = func() bool { return tt.tty }
			streams.NoColor = tt.noColor
			code := app.Main(t.Context(), []string{"fnasync", "apply", "-f", file, "--auto-approve", "--parallelism", "1"}, streams)
			if code != 0 {
				t.Fatalf("exit %d\n%s%s", code, out, errOut)
			}
			got := regexp.MustCompile(`after \d+(ms|s)`).ReplaceAllString(errOut.String(), "after D")
			got = strings.ReplaceAll(got, e.URL, "ENDPOINT")
			if !tt.wantProgress {
				if strings.Contains(got, "Creating...") || strings.Contains(got, "Reading") {
					t.Errorf("progress without a terminal or with NO_COLOR:\n%s", got)
				}
				return
			}
			golden(t, "apply/progress-lines", got)
		})
	}
}
