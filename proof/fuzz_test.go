package proof

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestFuzzTargets runs every fuzz target of the module (found with go test
// -list), when FNASYNC_FUZZTIME is set: a count of executions per target
// (e.g. 2000x, or 500000x for a long sweep) or a duration. It is opt-in
// because building and running every target does not fit the default
// go test budget on a loaded 2-core machine; .ci/run runs it as its own
// step, and the seed corpora run in every go test anyway. A failing input
// is left under the package's testdata/fuzz, as go test -fuzz does.
//
// The default is a count, not a duration: before Go 1.27 a duration-bound
// run can end in a spurious "context deadline exceeded" failure on a
// loaded machine (go.dev/issue/75804), and a count has no deadline.
func TestFuzzTargets(t *testing.T) {
	fuzztime := os.Getenv("FNASYNC_FUZZTIME")
	if fuzztime == "" {
		t.Skip("the fuzz sweep is opt-in: set FNASYNC_FUZZTIME (e.g. 2000x, as .ci/run does)")
	}
	if testing.Short() {
		t.Skip("fuzzing skipped with -short")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip(err)
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	targets := fuzzTargets(t, gobin, root)
	if len(targets) == 0 {
		t.Fatal("go test -list found no fuzz target")
	}
	for _, tg := range targets {
		t.Run(strings.TrimPrefix(tg.pkg, "github.com/fnasync/fnasync/")+"/"+tg.name, func(t *testing.T) {
			cmd := exec.Command(gobin, "test", "-run", "^$", "-fuzz", "^"+tg.name+"$", "-fuzztime", fuzztime, tg.pkg)
			cmd.Dir = root
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, out)
			}
		})
	}
}

type fuzzTarget struct{ pkg, name string }

var listedRE = regexp.MustCompile(`^ok\s+(\S+)`)

// fuzzTargets lists the fuzz targets of every package under root: go test
// -list prints a package's matching names, then its "ok" line.
func fuzzTargets(t *testing.T, gobin, root string) []fuzzTarget {
	cmd := exec.Command(gobin, "test", "-list", "^Fuzz", "./...")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go test -list: %v\n%s", err, out)
	}
	var names []string
	var targets []fuzzTarget
	for _, line := range strings.Split(string(out), "\n") {
		switch m := listedRE.FindStringSubmatch(line); {
		case strings.HasPrefix(line, "Fuzz"):
			names = append(names, line)
		case m != nil:
			for _, n := range names {
				targets = append(targets, fuzzTarget{pkg: m[1], name: n})
			}
			names = nil
		}
	}
	return targets
}
