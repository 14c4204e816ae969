package proof

import (
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/fnasync/fnasync/provider/emukit"
	"github.com/fnasync/fnasync/provider/retry"
)

// TestApplyCLIReportsFailures runs the fnasync binary, with its default
// retry policy, against an emulator where one function of each cloud
// refuses every write: apply exits 1 and names exactly those functions as
// failed and the others as created; each refused write was tried exactly
// the policy's number of times, waiting with a backoff that stays within
// the policy's caps and grows; and once the functions recover, a second
// apply converges.
func TestApplyCLIReportsFailures(t *testing.T) {
	t.Parallel()
	binary(t)
	const n = 12
	chosen := map[string]bool{fnName(0): true, fnName(4): true, fnName(8): true} // hw, ali, ali3
	var f *failing
	e := startEmu(t, nil, parseDoc(t, genDoc(n, "", 0)), func(h http.Handler) http.Handler { f = newFailing(h, chosen); return f })
	dir := t.TempDir()
	file := writeFile(t, dir, "fnasync.yaml", genDoc(n, e.URL, 0))
	env := cleanEnv(dir, emuKeys()...)

	r := run(t, env, dir, "apply", "-f", file, "--auto-approve", "--parallelism", "12")
	if r.code != 1 || !strings.Contains(r.stdout, "Apply incomplete: 9 added, 0 changed, 0 destroyed; 3 failed, 0 not attempted.") {
		t.Fatalf("want exit 1 and 3 failed\n%s", r)
	}
	outcomes := applyOutcomes(r.stdout)
	for i := range n {
		want := "created"
		if chosen[fnName(i)] {
			want = "failed"
		}
		if got := outcomes[fnName(i)]; got != want {
			t.Errorf("%s reported %q, want %q\n%s", fnName(i), got, want, r)
		}
	}

	var early, late time.Duration
	for key, times := range f.attempts() {
		if !chosen[fnRE.FindString(key)] {
			continue
		}
		if len(times) != retry.Default.Attempts {
			t.Errorf("%s tried %d times, want retry.Default's %d", key, len(times), retry.Default.Attempts)
			continue
		}
		for k := 1; k < len(times); k++ {
			gap, ceil := times[k].Sub(times[k-1]), min(retry.Default.Base<<(k-1), retry.Default.Max)
			if gap > ceil+2*time.Second {
				t.Errorf("%s: %v between tries %d and %d, more than the backoff cap %v", key, gap, k, k+1, ceil)
			}
			switch {
			case k <= 3:
				early += gap
			case k >= len(times)-3:
				late += gap
			}
		}
	}
	if late <= early {
		t.Errorf("the last three waits (%v in all) are not longer than the first three (%v): no exponential backoff", late, early)
	}

	f.on.Store(false)
	if r := run(t, env, dir, "apply", "-f", file, "--auto-approve"); r.code != 0 || !strings.Contains(r.stdout, "Apply complete! Configs: 3 added") {
		t.Fatalf("second apply: want exit 0 and 3 added\n%s", r)
	}
	if r := run(t, env, dir, "plan", "-f", file, "--detailed-exitcode"); r.code != 0 {
		t.Errorf("plan after the second apply: want exit 0 (no changes)\n%s", r)
	}
}

// applyLineRE matches apply's line for one change: "REF: created",
// "REF: create failed: ERROR" or "REF: create not applied (WHY)".
var applyLineRE = regexp.MustCompile(`(?m)^(\S+): (?:(created|updated|replaced|destroyed)|\w+ (failed): .*|\w+ (not applied) .*)$`)

// applyOutcomes maps each generated function named in apply's text output
// to "created" (or another past tense), "failed" or "not applied".
func applyOutcomes(stdout string) map[string]string {
	out := map[string]string{}
	for _, m := range applyLineRE.FindAllStringSubmatch(stdout, -1) {
		out[fnRE.FindString(m[1])] = m[2] + m[3] + m[4]
	}
	return out
}

// emuKeys are the environment variables that give both SDKs the
// emulator's (public) keys.
func emuKeys() []string {
	return []string{
		"HUAWEICLOUD_SDK_AK=" + emukit.DefaultAccessKey, "HUAWEICLOUD_SDK_SK=" + emukit.DefaultSecretKey,
		"ALIBABA_CLOUD_ACCESS_KEY_ID=" + emukit.DefaultAccessKey, "ALIBABA_CLOUD_ACCESS_KEY_SECRET=" + emukit.DefaultSecretKey,
	}
}

// writeFile writes data to name in dir and returns its path.
func writeFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
