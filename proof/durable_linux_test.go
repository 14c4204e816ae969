package proof

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/fnasync/fnasync/plan"
)

// TestFullDiskFailsWrites: when the state file cannot grow (the
// emulator's file size limit set to its size, as on a full disk, which
// binds root too), writes are answered with 5xx errors, not acknowledged
// and lost: apply reports failures, the emulator logs them, and an
// emulator started again on the file holds every config apply reported
// as applied.
func TestFullDiskFailsWrites(t *testing.T) {
	t.Parallel()
	const n = 90
	dir := t.TempDir()
	env := cleanEnv(dir, emuKeys()...)
	state := filepath.Join(dir, "state.db")
	seed := writeFile(t, dir, "seed.yaml", genDoc(n, "emulator", 0))
	em, url := startEmulate(t, env, dir, "--seed", seed, "--state", state)
	fi, err := os.Stat(state)
	if err != nil {
		t.Fatal(err)
	}
	limit := uint64(fi.Size())
	if err := unix.Prlimit(em.cmd.Process.Pid, unix.RLIMIT_FSIZE, &unix.Rlimit{Cur: limit, Max: limit}, nil); err != nil {
		t.Skipf("cannot limit the emulator's file size: %v", err)
	}
	doc := parseDoc(t, genDoc(n, url, 0))
	ps := openProviders(t, doc, url, fast)
	opts := &plan.Options{Parallelism: 8}
	p, err := plan.Make(t.Context(), ps, opts)
	if err != nil || p.Summary.Create != n {
		t.Fatalf("plan: %v, summary %+v", err, p.Summary)
	}
	if err := plan.Apply(t.Context(), ps, p, opts); err == nil {
		t.Fatal("apply on a full disk succeeded")
	}
	applied := map[string]bool{}
	for _, c := range p.Changes {
		if c.Result == plan.Applied {
			applied[c.Ref().String()] = true
		}
	}
	if len(applied) == n {
		t.Fatal("every change was applied: the disk never filled")
	}
	if !strings.Contains(em.stderr.String(), "not saved") {
		t.Errorf("the emulator did not log the failed writes:\n%s", em.stderr.String())
	}
	em.signal(t, os.Kill)
	em.wait(t)

	_, url = startEmulate(t, env, dir, "--state", state)
	after, err := plan.Make(t.Context(), openProviders(t, parseDoc(t, genDoc(n, url, 0)), url, fast), opts)
	if err != nil || len(after.Diagnostics) > 0 {
		t.Fatalf("plan after the restart: %v %v", err, after.Diagnostics)
	}
	for _, c := range after.Changes {
		if applied[c.Ref().String()] && c.Action != plan.NoOp {
			t.Errorf("%s: applied (acknowledged) but lost: planned %s after the restart", c.Ref(), c.Action)
		}
	}
	t.Logf("%d of %d configs applied before the disk was full; none lost", len(applied), n)
}
