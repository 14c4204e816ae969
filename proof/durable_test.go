package proof

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/plan"
)

// TestKilledEmulatorKeepsAcknowledgedWrites: `fnasync emulate --state`
// killed with SIGKILL right after an apply of 300 functions reported
// success has every config on disk: an emulator started again on the file
// plans no changes. (Before the durable store, 6 to 58 of 300 were lost.)
func TestKilledEmulatorKeepsAcknowledgedWrites(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("sends SIGKILL")
	}
	t.Parallel()
	const n = 300
	dir := t.TempDir()
	env := cleanEnv(dir, emuKeys()...)
	state := filepath.Join(dir, "state.db")
	seed := writeFile(t, dir, "seed.yaml", genDoc(n, "emulator", 0))
	em, url := startEmulate(t, env, dir, "--seed", seed, "--state", state)
	doc := parseDoc(t, genDoc(n, url, 0))
	ps := openProviders(t, doc, url, fast)
	opts := &plan.Options{Parallelism: 16}
	p, err := plan.Make(t.Context(), ps, opts)
	if err != nil || p.Summary.Create != n {
		t.Fatalf("plan: %v, summary %+v", err, p.Summary)
	}
	if err := plan.Apply(t.Context(), ps, p, opts); err != nil {
		t.Fatalf("apply: %v", err)
	}
	em.signal(t, os.Kill)
	em.wait(t)

	_, url = startEmulate(t, env, dir, "--state", state)
	after, err := plan.Make(t.Context(), openProviders(t, parseDoc(t, genDoc(n, url, 0)), url, fast), opts)
	if err != nil || len(after.Diagnostics) > 0 {
		t.Fatalf("plan after the restart: %v %v", err, after.Diagnostics)
	}
	if after.HasChanges() {
		t.Errorf("after SIGKILL, %d of %d acknowledged configs were lost (summary %+v)", n-after.Summary.NoOp, n, after.Summary)
	}
}

// TestConcurrentAppliesOnOneState: applies on one embedded emulator
// state never lose an update. While another process (an emulator) holds
// the state, an apply fails at once, naming it; two applies of different
// functions told to wait (--lock-timeout) say so, then run one after the
// other once it ends, and both documents then plan no changes.
func TestConcurrentAppliesOnOneState(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("sends SIGINT")
	}
	t.Parallel()
	const n = 150
	dir := t.TempDir()
	env := cleanEnv(dir)
	// Two documents in one directory share .fnasync/: functions 0..n-1
	// and 0..2n-1, the same settings where they overlap.
	first := writeFile(t, dir, "first.yaml", genDoc(n, model.EndpointEmulator, 0))
	second := writeFile(t, dir, "second.yaml", genDoc(2*n, model.EndpointEmulator, 0))
	em, _ := startEmulate(t, env, dir, "--state", filepath.Join(dir, ".fnasync", "emulator-state.db"))

	r := run(t, env, dir, "apply", "-f", first, "--auto-approve")
	if r.code != 1 || !strings.Contains(r.stderr, "is locked by pid") || !strings.Contains(r.stderr, "emulate --state") ||
		!strings.Contains(r.stderr, "--lock-timeout") {
		t.Errorf("apply on a held state: want exit 1 naming the holder\n%s", r)
	}

	a := start(t, env, dir, "apply", "-f", first, "--auto-approve", "--lock-timeout", "2m")
	b := start(t, env, dir, "apply", "-f", second, "--auto-approve", "--lock-timeout", "2m")
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	if !waitFor(ctx, func() bool {
		return strings.Contains(a.stderr.String(), "waiting up to 2m0s") && strings.Contains(b.stderr.String(), "waiting up to 2m0s")
	}) {
		t.Fatalf("the applies did not say they wait\n%s\n%s", a.stderr.String(), b.stderr.String())
	}
	em.signal(t, os.Interrupt)
	em.wait(t)
	for _, p := range []*proc{a, b} {
		if r := p.wait(t); r.code != 0 {
			t.Fatalf("apply: want exit 0\n%s", r)
		}
	}
	for _, file := range []string{first, second} {
		if r := run(t, env, dir, "plan", "-f", file, "--detailed-exitcode"); r.code != 0 {
			t.Errorf("plan after both applies: want exit 0 (no changes)\n%s", r)
		}
	}
}
