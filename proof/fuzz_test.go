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
// -list) for FNASYNC_FUZZTIME each, e.g. FNASYNC_FUZZTIME=3s; without it
// the test is skipped, since CI runs the same targets as a step of its own
// (see BENCHMARKS.md). A failing input is left under the package's
// testdata/fuzz, as go test -fuzz does.
func TestFuzzTargets(t *testing.T) {
	fuzztime := os.Getenv("FNASYNC_FUZZTIME")
	if fuzztime == "" || testing.Short() {
		t.Skip("set FNASYNC_FUZZTIME (e.g. 3s) to fuzz every target for that long")
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
