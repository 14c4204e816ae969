package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fnasync/fnasync/cmd/fnasync/internal/app"
	"github.com/fnasync/fnasync/cmd/fnasync/internal/cmdutil"
	"github.com/fnasync/fnasync/emulator"
)

// TestApplyInterrupted stops apply the way Ctrl-C does (its context
// ends): while reading the live state nothing is applied; while writing,
// the write in flight finishes, no new one starts, and the summary says
// which changes were not applied. A second apply converges.
func TestApplyInterrupted(t *testing.T) {
	setKeys(t)
	for _, at := range []string{"GET", "PUT"} {
		t.Run("at-first-"+at, func(t *testing.T) {
			srv, err := emulator.New(nil)
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			// The first request of the method cancels the run, then is
			// served.
			var once sync.Once
			ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Method == at {
					once.Do(cancel)
				}
				srv.ServeHTTP(w, r)
			}))
			defer ts.Close()
			file := writeDoc(t, testdata("clouds", "huaweifg.yaml"), ts.URL)
			doc := loadDoc(t, file)
			if err := srv.Seed(doc); err != nil {
				t.Fatal(err)
			}

			r := runCLI(ctx, false, "", "apply", "-f", file, "--auto-approve", "--parallelism", "1")
			if r.code != 1 {
				t.Fatalf("exit %d, want 1\n%s", r.code, r)
			}
			puts := len(writes(srv.Log().Requests()))
			switch at {
			case "GET":
				if puts != 0 || !strings.Contains(r.stderr, "Interrupted while reading the live state: nothing was applied.") {
					t.Errorf("interrupted while reading: %d writes\n%s", puts, r)
				}
			case "PUT":
				if puts != 1 || !strings.Contains(r.stderr, `Interrupted: the changes above marked "not applied" were not started.`) ||
					strings.Count(r.stdout, "not applied (interrupted before it started)") != 4 {
					t.Errorf("interrupted while writing: %d writes\n%s", puts, r)
				}
				golden(t, "apply/interrupted", scrub(r.String(), filepath.Dir(file), "DIR", ts.URL, "ENDPOINT"))
			}
			mustRun(t, 0, "", "apply", "-f", file, "--auto-approve")
			mustRun(t, 0, "", "plan", "-f", file, "--detailed-exitcode")
		})
	}
}

// TestPlanInterrupted: a plan stopped by Ctrl-C says so, as apply does,
// rather than "context canceled".
func TestPlanInterrupted(t *testing.T) {
	setKeys(t)
	srv, err := emulator.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cancel()
		srv.ServeHTTP(w, r)
	}))
	defer ts.Close()
	file := writeDoc(t, testdata("clouds", "huaweifg.yaml"), ts.URL)
	for _, args := range [][]string{{"plan", "-f", file}, {"export", "-f", file, "--provider", "hw", "--all"}} {
		r := runCLI(ctx, false, "", args...)
		want := "Interrupted: fnasync " + args[0] + " stopped before it finished; it changes nothing, so nothing was changed.\n"
		if r.code != 1 || r.stderr != want {
			t.Errorf("%s interrupted: want exit 1 and %q\n%s", args[0], want, r)
		}
	}
}

// TestInterruptedReadingStdin: Ctrl-C while a command waits on standard
// input (a document, a payload, apply's question) stops it at once with
// the interrupt message, rather than waiting for the input to end and
// then calling it empty.
func TestInterruptedReadingStdin(t *testing.T) {
	file := writeFile(t, "mem.yaml", "version: 1\nproviders:\n  m: {type: memory}\nfunctions:\n  - {provider: m, function: orders}\n")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"validate", "-"}, "Interrupted: fnasync validate stopped before it finished; it changes nothing, so nothing was changed.\n"},
		{[]string{"plan", "-f", "-"}, "Interrupted: fnasync plan stopped before it finished; it changes nothing, so nothing was changed.\n"},
		{[]string{"apply", "-f", "-", "--auto-approve"}, "Interrupted: fnasync apply stopped before it finished.\n"},
		{[]string{"migrate", "-f", "-", "--to", "m"}, "Interrupted: fnasync migrate stopped before it finished; it changes nothing, so nothing was changed.\n"},
		{[]string{"emulate", "--seed", "-", "--listen", "127.0.0.1:0"}, "Interrupted: fnasync emulate stopped before it finished.\n"},
		{[]string{"invoke", "-f", file, "--function", "m:orders", "--payload", "@-"}, "Interrupted: fnasync invoke stopped before it finished.\n"},
		{[]string{"apply", "-f", file}, "\nInterrupted: nothing was applied.\n"},
	} {
		t.Run(tt.args[0], func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			in, w := io.Pipe() // standard input that never ends
			defer w.Close()
			streams, _, out, errOut := cmdutil.Test()
			streams.In = in
			streams.InIsTerminal = func() bool { return true }
			done := make(chan int)
			go func() { done <- app.Main(ctx, append([]string{"fnasync"}, tt.args...), streams) }()
			time.Sleep(100 * time.Millisecond) // let it start reading
			cancel()
			select {
			case code := <-done:
				stderr := errOut.String()
				if i := strings.LastIndex(stderr, "Enter a value: "); i >= 0 {
					stderr = stderr[i+len("Enter a value: "):]
				}
				if code != 1 || stderr != tt.want {
					t.Errorf("fnasync %s: exit %d, want 1 and %q\n%s", strings.Join(tt.args, " "), code, tt.want, result{code, out.String(), errOut.String()})
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("fnasync %s: still waiting on standard input 10 s after the interrupt", strings.Join(tt.args, " "))
			}
		})
	}
}
