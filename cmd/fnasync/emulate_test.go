package main

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/provider/emukit"
)

var listeningRE = regexp.MustCompile(`^fnasync emulator listening on http://127\.0\.0\.1:\d+$`)

// getRequests returns GET /_emulator/requests.
func getRequests(t *testing.T, url string) []emukit.Request {
	t.Helper()
	resp, err := http.Get(url + "/_emulator/requests")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("GET /_emulator/requests: %s, Content-Type %q", resp.Status, resp.Header.Get("Content-Type"))
	}
	var reqs []emukit.Request
	if err := json.NewDecoder(resp.Body).Decode(&reqs); err != nil {
		t.Fatalf("GET /_emulator/requests is not a JSON list of requests: %v", err)
	}
	if reqs == nil {
		t.Fatal("GET /_emulator/requests answered null, not a list")
	}
	return reqs
}

// TestEmulate runs `fnasync emulate` as a user would: seeded from a
// document, with a state file, inspected and reset over HTTP, stopped and
// started again on the same state.
func TestEmulate(t *testing.T) {
	setKeys(t)
	dir := t.TempDir()
	state := filepath.Join(dir, "state.json")
	// The seed names the functions; its endpoint does not matter.
	seed := writeDoc(t, testdata("clouds", "alifc3.yaml"), "emulator")

	first, run := startEmulate(t, "--seed", seed, "--state", state)
	if !listeningRE.MatchString(first) {
		t.Fatalf("first line %q does not match %s\nstderr:\n%s", first, listeningRE, run.stderr)
	}
	doc := writeDoc(t, testdata("clouds", "alifc3.yaml"), run.url)
	if reqs := getRequests(t, run.url); len(reqs) != 0 {
		t.Errorf("a new emulator logged %d requests", len(reqs))
	}

	// --seed: the functions exist, so plan shows creates rather than
	// not-found errors.
	mustRun(t, 2, "", "plan", "-f", doc, "--detailed-exitcode")
	reqs := getRequests(t, run.url)
	if len(reqs) == 0 {
		t.Fatal("GET /_emulator/requests lists none of plan's requests")
	}
	for _, r := range reqs {
		if r.Mutating() || r.Cloud == "" || r.Operation == "" || !strings.HasPrefix(r.Path, "/2023-03-30/") || r.Status == 0 {
			t.Errorf("plan's request logged as %+v", r)
		}
	}
	mustRun(t, 0, "", "apply", "-f", doc, "--auto-approve")
	var puts int
	for _, r := range getRequests(t, run.url)[len(reqs):] {
		if r.Method == http.MethodPut && r.Status == http.StatusOK {
			puts++
		}
	}
	if puts != 5 {
		t.Errorf("apply of 5 configs logged %d successful PUTs", puts)
	}
	mustRun(t, 0, "", "plan", "-f", doc, "--detailed-exitcode")

	// Stop, start again on the state: what was applied is still there.
	if code := run.stop(t); code != 0 {
		t.Errorf("emulate exited %d when its context was cancelled\nstderr:\n%s", code, run.stderr)
	}
	if !strings.Contains(run.stderr.String(), "fnasync emulator stopped") {
		t.Errorf("emulate did not say it stopped:\n%s", run.stderr)
	}
	if run.stdout.String() != "" {
		t.Errorf("emulate wrote more than one line to stdout: %q", run.stdout)
	}
	checkState(t, state, []string{"huaweifg", "alifc"})
	// Written atomically: no temporary file is left beside it.
	if entries, err := os.ReadDir(dir); err != nil || len(entries) != 1 {
		t.Errorf("the state's directory holds %v (%v), want only state.json", entries, err)
	}

	first, run = startEmulate(t, "--state", state)
	if !listeningRE.MatchString(first) {
		t.Fatalf("second start: first line %q", first)
	}
	doc = writeDoc(t, testdata("clouds", "alifc3.yaml"), run.url)
	r := mustRun(t, 0, "", "plan", "-f", doc, "--detailed-exitcode")
	if !strings.Contains(r.stdout, "No changes.") {
		t.Errorf("plan against the reloaded state:\n%s", r)
	}

	// POST /_emulator/reset clears the log and the state: started
	// without --seed, no function exists any more.
	postReset(t, run.url)
	if reqs := getRequests(t, run.url); len(reqs) != 0 {
		t.Errorf("after reset the log holds %d requests", len(reqs))
	}
	r = mustRun(t, 1, "", "plan", "-f", doc)
	if !strings.Contains(r.stderr, "FunctionNotFound") {
		t.Errorf("plan after reset does not report the missing functions:\n%s", r)
	}
	if code := run.stop(t); code != 0 {
		t.Errorf("second emulate exited %d", code)
	}
}

// postReset sends POST /_emulator/reset.
func postReset(t *testing.T, url string) {
	t.Helper()
	resp, err := http.Post(url+"/_emulator/reset", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		t.Fatalf("POST /_emulator/reset: %s", resp.Status)
	}
}

// TestEmulateResetKeepsSeed checks that --seed may be repeated, every
// seed counting (a path with a comma too), and that POST /_emulator/reset
// returns the emulator to its state at start: the seeded functions exist,
// with no configs, and the request log is empty.
func TestEmulateResetKeepsSeed(t *testing.T) {
	setKeys(t)
	hwSeed := filepath.Join(t.TempDir(), "hw,seed.yaml")
	if err := os.Rename(writeDoc(t, testdata("clouds", "huaweifg.yaml"), "emulator"), hwSeed); err != nil {
		t.Fatal(err)
	}
	aliSeed := writeDoc(t, testdata("clouds", "alifc3.yaml"), "emulator")
	_, run := startEmulate(t, "--seed", hwSeed, "--seed", aliSeed)
	docs := []string{
		writeDoc(t, testdata("clouds", "huaweifg.yaml"), run.url),
		writeDoc(t, testdata("clouds", "alifc3.yaml"), run.url),
	}
	var before []result
	for _, doc := range docs {
		before = append(before, mustRun(t, 2, "", "plan", "-f", doc, "--detailed-exitcode"))
		mustRun(t, 0, "", "apply", "-f", doc, "--auto-approve")
		mustRun(t, 0, "", "plan", "-f", doc, "--detailed-exitcode")
	}

	postReset(t, run.url)
	if reqs := getRequests(t, run.url); len(reqs) != 0 {
		t.Errorf("after reset the log holds %d requests", len(reqs))
	}
	for i, doc := range docs {
		after := mustRun(t, 2, "", "plan", "-f", doc, "--detailed-exitcode")
		if diff := cmp.Diff(before[i].String(), after.String()); diff != "" {
			t.Errorf("plan after reset differs from the plan at start (-start +reset):\n%s", diff)
		}
	}
}

// TestEmulateQuota: apply against `emulate --quota 4` converges, riding
// the quota rather than failing on it, and the request log marks the
// requests the emulator throttled.
func TestEmulateQuota(t *testing.T) {
	setKeys(t)
	seed := writeDoc(t, testdata("clouds", "alifc3.yaml"), "emulator")
	_, run := startEmulate(t, "--seed", seed, "--quota", "4")
	doc := writeDoc(t, testdata("clouds", "alifc3.yaml"), run.url)
	mustRun(t, 0, "", "apply", "-f", doc, "--auto-approve")
	mustRun(t, 0, "", "plan", "-f", doc, "--detailed-exitcode")
	var throttled int
	for _, r := range getRequests(t, run.url) {
		if r.Throttled != (r.Status == http.StatusTooManyRequests) {
			t.Errorf("request %+v: throttled mark and status disagree", r)
		}
		if r.Throttled {
			throttled++
		}
	}
	if throttled == 0 {
		t.Error("no request was throttled: the quota of 4 a second did not bite")
	}
}

// TestEmulateRefuses checks what emulate will not do; it exits at once.
func TestEmulateRefuses(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"all-interfaces", []string{"--listen", "0.0.0.0:0"}},
		{"remote-address", []string{"--listen", "192.0.2.1:0"}},
		{"ipv6-all-interfaces", []string{"--listen", "[::]:0"}},
		{"remote-default-secret-key", []string{"--listen", "0.0.0.0:0", "--access-key", "MYOWNACCESSKEY"}},
		{"remote-default-access-key", []string{"--listen", "0.0.0.0:0", "--secret-key", "my-own-secret-key"}},
		{"no-port", []string{"--listen", "127.0.0.1"}},
		{"error-rate", []string{"--error-rate", "1.5"}},
		{"rates-over-one", []string{"--error-rate", "0.6", "--throttle-rate", "0.6"}},
		{"negative-latency", []string{"--latency", "-1s"}},
		{"negative-quota", []string{"--quota", "-1"}},
		{"empty-key", []string{"--access-key", ""}},
		{"bad-seed", []string{"--seed", testdata("bad", "mistakes.yaml")}},
		{"arguments", []string{"extra"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// An emulator that does not refuse serves until the deadline.
			ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
			defer cancel()
			r := runCLI(ctx, false, "", append([]string{"emulate"}, tt.args...)...)
			if r.code != 1 || r.stdout != "" {
				t.Errorf("exit %d, want 1 and nothing on stdout\n%s", r.code, r)
			}
			golden(t, "emulate/refuses-"+tt.name, r.String())
		})
	}
}

// TestEmulateListensOnLocalhost checks that a loopback name is accepted
// and the URL printed is the address listened on.
func TestEmulateListensOnLocalhost(t *testing.T) {
	first, run := startEmulate(t, "--listen", "localhost:0")
	if !listeningRE.MatchString(first) {
		t.Errorf("first line %q does not match %s\nstderr:\n%s", first, listeningRE, run.stderr)
	}
	if diff := cmp.Diff([]emukit.Request{}, getRequests(t, run.url)); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
	if code := run.stop(t); code != 0 {
		t.Errorf("exit %d", code)
	}
}

// TestEmulateRemoteWithOwnKeys checks that an address that is not
// loopback is taken with keys of one's own, with a warning, and that the
// emulator serves there with those keys.
func TestEmulateRemoteWithOwnKeys(t *testing.T) {
	const ak, sk = "MYOWNACCESSKEY", "my-own-secret-key"
	first, run := startEmulate(t, "--listen", "0.0.0.0:0", "--access-key", ak, "--secret-key", sk,
		"--seed", writeDoc(t, testdata("clouds", "huaweifg.yaml"), "emulator"))
	if !regexp.MustCompile(`^fnasync emulator listening on http://0\.0\.0\.0:\d+$`).MatchString(first) {
		t.Fatalf("first line %q\nstderr:\n%s", first, run.stderr)
	}
	if !strings.Contains(run.stderr.String(), "warning: --listen 0.0.0.0:0 is not loopback: the emulator is reachable from the network") {
		t.Errorf("no warning that the emulator is reachable from the network:\n%s", run.stderr)
	}
	t.Setenv("HUAWEICLOUD_SDK_AK", ak)
	t.Setenv("HUAWEICLOUD_SDK_SK", sk)
	// On this machine, through loopback, with the emulator's keys.
	local := strings.Replace(run.url, "0.0.0.0", "127.0.0.1", 1)
	mustRun(t, 2, "", "plan", "--detailed-exitcode", "-f", writeDoc(t, testdata("clouds", "huaweifg.yaml"), local))
	if code := run.stop(t); code != 0 {
		t.Errorf("exit %d", code)
	}
	// The line to paste names that URL: 0.0.0.0 is no address to send to.
	if want := "export FNASYNC_ENDPOINTS='*=" + local + "'\n"; !strings.Contains(run.stderr.String(), want) {
		t.Errorf("the export lines lack %q:\n%s", want, run.stderr)
	}
}

// TestEmulateBadState checks that a state file that is not JSON stops
// emulate with a message saying what to do, and is left as it was.
func TestEmulateBadState(t *testing.T) {
	state := writeFile(t, "state.json", "{not json")
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	r := runCLI(ctx, false, "", "emulate", "--state", state)
	if r.code != 1 || r.stdout != "" || !strings.Contains(r.stderr, "is not valid JSON (delete it to start afresh)") {
		t.Errorf("emulate with a bad state file:\n%s", r)
	}
	if b, err := os.ReadFile(state); err != nil || string(b) != "{not json" {
		t.Errorf("the bad state file was changed: %q, %v", b, err)
	}
}

// TestEmulateHelpTellsOutcomes checks that emulate --help says how a test
// decides an emulated invocation's outcome and how long its phases last.
func TestEmulateHelpTellsOutcomes(t *testing.T) {
	r := mustRun(t, 0, "", "emulate", "--help")
	help := strings.Join(strings.Fields(r.stdout), " ")
	for _, want := range []string{
		`"` + emukit.OutcomeField + `": "fail" ends failed`,
		`"` + emukit.OutcomeField + `": "hang" keeps it running`,
		"queued for " + emukit.QueuedFor.String(),
		"running for " + emukit.RunningFor.String(),
	} {
		if !strings.Contains(help, want) {
			t.Errorf("emulate --help does not say %q:\n%s", want, r.stdout)
		}
	}
}

// TestEmulateExports: emulate prints, on standard error, the lines that
// point another shell at it; pasted (set here), a document with no
// endpoint at all plans against the emulator. Its default address is the
// fixed, documented one.
func TestEmulateExports(t *testing.T) {
	seed := writeDoc(t, testdata("clouds", "huaweifg.yaml"), "emulator")
	_, run := startEmulate(t, "--seed", seed)
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(run.stderr.String(), "FNASYNC_ENDPOINTS") && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	var exported int
	for _, line := range strings.Split(run.stderr.String(), "\n") {
		words, ok := strings.CutPrefix(strings.TrimSpace(line), "export ")
		if !ok {
			continue
		}
		for _, w := range shellWords(words) {
			k, v, _ := strings.Cut(w, "=")
			t.Setenv(k, v)
			exported++
		}
	}
	if exported != 7 || os.Getenv("FNASYNC_ENDPOINTS") != "*="+run.url {
		t.Fatalf("emulate exported %d variables, FNASYNC_ENDPOINTS=%q; want 7 (three clouds' keys), *=%s\nstderr:\n%s", exported, os.Getenv("FNASYNC_ENDPOINTS"), run.url, run.stderr)
	}
	// The document's endpoint is the cloud's real one: the override wins.
	doc := writeDoc(t, testdata("clouds", "huaweifg.yaml"), "https://functiongraph.cn-north-4.myhuaweicloud.com")
	mustRun(t, 2, "", "plan", "-f", doc, "--detailed-exitcode")

	if r := mustRun(t, 0, "", "emulate", "--help"); !strings.Contains(r.stdout, `(default: "127.0.0.1:9720")`) {
		t.Errorf("emulate --help does not give the default address 127.0.0.1:9720:\n%s", r.stdout)
	}
}

// TestEmulatePortTaken: with the default port taken (another emulator
// running, say), emulate says so and how to get a free port.
func TestEmulatePortTaken(t *testing.T) {
	taken, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	r := mustRun(t, 1, "", "emulate", "--listen", taken.Addr().String())
	want := "fnasync: " + taken.Addr().String() + " is in use (another fnasync emulate?): stop it, or pass --listen 127.0.0.1:0 for a free port\n"
	if r.stderr != want {
		t.Errorf("emulate on a port in use: want %q\n%s", want, r)
	}
}
