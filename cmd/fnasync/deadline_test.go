package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fnasync/fnasync/cmd/fnasync/internal/app"
	"github.com/fnasync/fnasync/cmd/fnasync/internal/cmdutil"
	"github.com/fnasync/fnasync/emulator"
)

// silentServer answers nothing: it holds every request until the client
// gives up (or the test ends), as an endpoint that accepts connections
// and never answers does; next, if not nil, serves the requests that
// hang returns false for.
func silentServer(t *testing.T, hang func(*http.Request) bool, next http.Handler) *httptest.Server {
	done := make(chan struct{})
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if next != nil && !hang(r) {
			next.ServeHTTP(w, r)
			return
		}
		select {
		case <-r.Context().Done():
		case <-done:
		}
	}))
	t.Cleanup(func() {
		close(done)
		ts.CloseClientConnections()
		ts.Close()
	})
	return ts
}

// TestTimeoutSilentEndpoint: against an endpoint that never answers,
// every command that talks to providers stops at its --timeout with a
// message that says so (not "context deadline exceeded"), exit 1, and
// well within a generous bound.
func TestTimeoutSilentEndpoint(t *testing.T) {
	setKeys(t)
	ts := silentServer(t, nil, nil)
	for _, cloud := range []string{"huaweifg", "alifc3"} {
		file := writeDoc(t, testdata("clouds", cloud+".yaml"), ts.URL)
		prov := map[string]string{"huaweifg": "hw", "alifc3": "fc3"}[cloud]
		fn := map[string]string{"huaweifg": "hw:orders", "alifc3": "fc3:orders"}[cloud]
		for _, tt := range []struct {
			name string
			args []string
			want string // on stderr
		}{
			{"plan", []string{"plan", "-f", file}, "fnasync: the run's deadline passed (--timeout 1s)"},
			{"plan-json", []string{"plan", "-f", file, "-o", "json"}, "fnasync: the run's deadline passed (--timeout 1s)"},
			{"apply", []string{"apply", "-f", file, "--auto-approve"}, "Stopped at the deadline (--timeout 1s) while reading the live state: nothing was applied."},
			{"export", []string{"export", "-f", file, "--provider", prov, "--all"}, "fnasync: the run's deadline passed (--timeout 1s)"},
			{"export-function", []string{"export", "-f", file, "--provider", prov, "--function", "orders"}, "fnasync: the run's deadline passed (--timeout 1s)"},
			{"invocations-list", []string{"invocations", "list", "-f", file, "--function", fn}, "fnasync: the run's deadline passed (--timeout 1s)"},
			{"invocations-stop", []string{"invocations", "stop", "-f", file, "--function", fn, "--timeout", "1s", "id-1"}, "fnasync: the run's deadline passed (--timeout 1s)"},
		} {
			t.Run(cloud+"/"+tt.name, func(t *testing.T) {
				args := tt.args
				if tt.name != "invocations-stop" { // flags come before its ID
					args = append(args, "--timeout", "1s")
				}
				start := time.Now()
				r := fnasync(t, "", args...)
				took := time.Since(start)
				if r.code != 1 || !strings.Contains(r.stderr, tt.want) || strings.Contains(r.stderr+r.stdout, "deadline exceeded") {
					t.Errorf("want exit 1 and %q, without \"deadline exceeded\"\n%s", tt.want, r)
				}
				if took > 20*time.Second {
					t.Errorf("took %v with --timeout 1s", took)
				}
			})
		}
	}
}

// TestTimeoutDuringApply: when the deadline passes while apply writes,
// no new change starts, the write in flight gets its grace and is then
// cancelled, and the report says change by change what was not applied
// and that the deadline, not Ctrl-C, stopped it.
func TestTimeoutDuringApply(t *testing.T) {
	setKeys(t)
	srv, err := emulator.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	// Reads are served; the first write hangs until the client gives up,
	// and is then not applied.
	var once sync.Once
	ts := silentServer(t, func(r *http.Request) bool {
		hang := false
		if r.Method == http.MethodPut {
			once.Do(func() { hang = true })
		}
		return hang
	}, srv)
	file := writeDoc(t, testdata("clouds", "huaweifg.yaml"), ts.URL)
	if err := srv.Seed(loadDoc(t, file)); err != nil {
		t.Fatal(err)
	}
	r := fnasync(t, "", "apply", "-f", file, "--auto-approve", "--parallelism", "1", "--timeout", "2s")
	if r.code != 1 || !strings.Contains(r.stderr, `Stopped at the deadline (--timeout 2s): the changes above marked "not applied" were not started.`) ||
		strings.Count(r.stdout, "not applied (the deadline passed before it started)") != 4 ||
		!strings.Contains(r.stdout, "Apply incomplete:") ||
		!strings.Contains(r.stdout, "failed: the deadline passed while it was in flight: whether the cloud applied it is unknown") {
		t.Errorf("want exit 1, 4 changes not started at the deadline and one failed\n%s", r)
	}
	if n := len(writes(srv.Log().Requests())); n != 0 {
		t.Errorf("%d writes reached the emulator, want none", n)
	}
	// The deadline is not sticky: a run with time to spare converges.
	mustRun(t, 0, "", "apply", "-f", file, "--auto-approve")
}

// TestExportAllEndlessListing: a FunctionGraph endpoint whose function
// listing never ends (a page every 20ms, each with a next marker) keeps
// export --all busy until its deadline: on a terminal it shows the pages
// and functions read so far, then stops with the deadline's message.
func TestExportAllEndlessListing(t *testing.T) {
	setKeys(t)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasSuffix(r.URL.Path, "/fgs/functions") {
			http.Error(w, `{"error_code":"FSS.0404","error_msg":"not here"}`, http.StatusNotFound)
			return
		}
		marker, _ := strconv.Atoi(r.URL.Query().Get("marker"))
		select {
		case <-time.After(20 * time.Millisecond):
		case <-r.Context().Done():
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"functions":[{"func_name":"f%d","package":"default"}],"next_marker":%d}`, marker, marker+1)
	}))
	defer ts.Close()
	file := writeDoc(t, testdata("clouds", "huaweifg.yaml"), ts.URL)
	for _, tty := range []bool{false, true} {
		streams, _, out, errOut := cmdutil.Test()
		if tty {
			streams.ErrIsTerminal = func() bool { return true }
		}
		code := app.Main(t.Context(), []string{"fnasync", "export", "-f", file, "--provider", "hw", "--all", "--timeout", "1s"}, streams)
		r := result{code: code, stdout: out.String(), stderr: errOut.String()}
		if r.code != 1 || r.stdout != "" || !strings.Contains(r.stderr, "the run's deadline passed (--timeout 1s)") {
			t.Errorf("tty %t: want exit 1, no document and the deadline's message\n%s", tty, r)
		}
		if shown := regexp.MustCompile(`\rlisting the functions of hw: \d+ pages, \d+ functions`).MatchString(r.stderr); shown != tty {
			t.Errorf("tty %t: progress shown %t\n%q", tty, shown, r.stderr)
		}
	}
}
