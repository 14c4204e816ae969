package proof

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/fnasync/fnasync/emulator"
	"github.com/fnasync/fnasync/plan"
)

// TestInterruptedApply sends SIGINT to the fnasync binary in the middle of
// a slow apply of 300 functions against `fnasync emulate --latency`: it
// exits 1 and says, function by function, what was applied and what was
// not, which is exactly what the emulator holds; the emulator's state
// (GET /_emulator/state) is whole at every moment while it changes; a
// second apply
// converges; and SIGTERM then stops the emulator with exit 0 and its state
// saved.
func TestInterruptedApply(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("sends SIGINT")
	}
	t.Parallel()
	const n = 300
	dir := t.TempDir()
	env := cleanEnv(dir, emuKeys()...)
	state := filepath.Join(dir, "state.json")
	seed := writeFile(t, dir, "seed.yaml", genDoc(n, "emulator", 0))
	em, url := startEmulate(t, env, dir, "--seed", seed, "--state", state, "--latency", "40ms")
	file := writeFile(t, dir, "fnasync.yaml", genDoc(n, url, 0))

	stopReading := readWhileWritten(t, url)
	apply := start(t, env, dir, "apply", "-f", file, "--auto-approve")
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	if !waitFor(ctx, func() bool { return writesLogged(t, url) >= n/5 }) {
		t.Fatalf("apply did not get to write a fifth of the functions within a minute\n%s", apply.stderr.String())
	}
	apply.signal(t, os.Interrupt)
	r := apply.wait(t)
	if n := stopReading(); n == 0 {
		t.Error("the state was never read while apply ran")
	} else {
		t.Logf("the state parsed in all %d reads during apply", n)
	}

	if r.code != 1 || !strings.Contains(r.stderr, `Interrupted: the changes above marked "not applied" were not started.`) ||
		!strings.Contains(r.stdout, "Apply incomplete:") {
		t.Fatalf("interrupted apply: want exit 1, the interruption and an incomplete summary\n%s", r)
	}
	outcomes := applyOutcomes(r.stdout)
	// What the emulator holds: a function planned as a create was not
	// applied; a no-op was.
	truth, err := plan.Make(t.Context(), openProviders(t, parseDoc(t, genDoc(n, url, 0)), url, fast), &plan.Options{Parallelism: 32})
	if err != nil || len(truth.Diagnostics) > 0 {
		t.Fatalf("reading the emulator: %v %v", err, truth.Diagnostics)
	}
	counts := map[string]int{}
	for _, c := range truth.Changes {
		fn := fnRE.FindString(c.Function)
		want := map[plan.Action]string{plan.NoOp: "created", plan.Create: "not applied"}[c.Action]
		counts[outcomes[fn]]++
		if outcomes[fn] != want {
			t.Errorf("%s: apply said %q, but the emulator's state says %q", fn, outcomes[fn], want)
		}
	}
	if counts["created"] == 0 || counts["not applied"] == 0 {
		t.Errorf("outcomes %v: want some applied and some not", counts)
	}

	if r := run(t, env, dir, "apply", "-f", file, "--auto-approve"); r.code != 0 {
		t.Fatalf("second apply: want exit 0\n%s", r)
	}
	if r := run(t, env, dir, "plan", "-f", file, "--detailed-exitcode"); r.code != 0 {
		t.Fatalf("plan after the second apply: want exit 0 (no changes)\n%s", r)
	}
	stopEmulate(t, em, syscall.SIGTERM, state, file)
}

// TestEmulateStopsOnSignal: SIGINT and SIGTERM each stop `fnasync
// emulate` with exit 0, its state written.
func TestEmulateStopsOnSignal(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("sends signals")
	}
	t.Parallel()
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			env := cleanEnv(dir, emuKeys()...)
			state := filepath.Join(dir, "state.json")
			seed := writeFile(t, dir, "seed.yaml", genDoc(6, "emulator", 0))
			em, url := startEmulate(t, env, dir, "--seed", seed, "--state", state)
			file := writeFile(t, dir, "fnasync.yaml", genDoc(6, url, 0))
			if r := run(t, env, dir, "apply", "-f", file, "--auto-approve"); r.code != 0 {
				t.Fatalf("apply: want exit 0\n%s", r)
			}
			stopEmulate(t, em, sig, state, file)
		})
	}
}

var listeningRE = regexp.MustCompile(`(?m)^fnasync emulator listening on (http://127\.0\.0\.1:\d+)$`)

// startEmulate runs `fnasync emulate` with args and returns it with its
// URL, once it listens.
func startEmulate(t testing.TB, env []string, dir string, args ...string) (*proc, string) {
	t.Helper()
	p := start(t, env, dir, append([]string{"emulate"}, args...)...)
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	var url string
	waitFor(ctx, func() bool {
		if m := listeningRE.FindStringSubmatch(p.stdout.String()); m != nil {
			url = m[1]
		}
		return url != ""
	})
	if url == "" {
		t.Fatalf("fnasync emulate did not say where it listens\n--- stdout\n%s--- stderr\n%s", p.stdout.String(), p.stderr.String())
	}
	return p, url
}

// stopEmulate sends sig to the emulator, which must exit 0, and checks
// that its state file holds what file says: another emulator loaded from
// it plans no changes.
func stopEmulate(t *testing.T, em *proc, sig os.Signal, state, file string) {
	t.Helper()
	em.signal(t, sig)
	if r := em.wait(t); r.code != 0 || !strings.Contains(r.stderr, "fnasync emulator stopped") {
		t.Fatalf("emulate after %v: want exit 0 and a clean stop\n%s", sig, r)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	e := startEmu(t, &emulator.Options{StateFile: state}, nil, nil)
	doc := parseDoc(t, data)
	p, err := plan.Make(t.Context(), openProviders(t, doc, e.URL, fast), nil)
	if err != nil || p.HasChanges() || len(p.Diagnostics) > 0 {
		t.Errorf("the state saved on %v does not hold the applied configs: %v, summary %+v, %v", sig, err, p.Summary, p.Diagnostics)
	}
}

// writesLogged returns how many writes the emulator at url has served
// successfully.
func writesLogged(t testing.TB, url string) int {
	_, reqs := requestLog(t, url)
	n := 0
	for _, r := range reqs {
		if r.Mutating() && r.Status < 300 {
			n++
		}
	}
	return n
}

// readWhileWritten reads the state of the emulator at url (GET
// /_emulator/state) in a loop until stop is called, failing the test for
// every read that is not a whole state; stop returns the number of reads.
func readWhileWritten(t *testing.T, url string) (stop func() int) {
	var (
		done  = make(chan struct{})
		wg    sync.WaitGroup
		reads atomic.Int64
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-done:
				return
			default:
			}
			b, err := getBody(url + "/_emulator/state")
			if err != nil {
				t.Errorf("reading the state: %v", err)
				return
			}
			var st struct{ HuaweiFG, AliFC json.RawMessage }
			if err := json.Unmarshal(b, &st); err != nil || len(st.HuaweiFG) == 0 || len(st.AliFC) == 0 {
				t.Errorf("a read of the state during apply is not a whole state (%v): %.200q", err, b)
				return
			}
			reads.Add(1)
		}
	}()
	return func() int { close(done); wg.Wait(); return int(reads.Load()) }
}

// getBody returns the body of a GET of url that answers 200.
func getBody(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return b, err
}
