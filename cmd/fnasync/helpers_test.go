package main

// End-to-end tests of the fnasync CLI: app.Main runs in-process, with
// cmdutil.Test streams, against the emulators of both clouds listening on
// loopback. This file holds the helpers the tests share; goldens live
// under testdata/golden and are rewritten with `go test -update`.

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fnasync/fnasync/cmd/fnasync/internal/app"
	"github.com/fnasync/fnasync/cmd/fnasync/internal/cmdtest"
	"github.com/fnasync/fnasync/cmd/fnasync/internal/cmdutil"
	"github.com/fnasync/fnasync/document"
	"github.com/fnasync/fnasync/emulator"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider/emukit"
)

// result is what one run of the CLI produced.
type result struct {
	code           int
	stdout, stderr string
}

// String renders r the way the golden files hold it.
func (r result) String() string {
	return fmt.Sprintf("exit: %d\n--- stdout\n%s--- stderr\n%s", r.code, r.stdout, r.stderr)
}

// fnasync runs the CLI with args and stdin, as the binary would with
// pipes for its streams.
func fnasync(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	return fnasyncTTY(t, false, stdin, args...)
}

// fnasyncTTY runs the CLI with standard input a terminal when tty is set.
func fnasyncTTY(t *testing.T, tty bool, stdin string, args ...string) result {
	t.Helper()
	return runCLI(t.Context(), tty, stdin, args...)
}

// runCLI runs the CLI under ctx.
func runCLI(ctx context.Context, tty bool, stdin string, args ...string) result {
	streams, in, out, errOut := cmdutil.Test()
	in.WriteString(stdin)
	if tty {
		streams.InIsTerminal = func() bool { return true }
	}
	code := app.Main(ctx, append([]string{"fnasync"}, args...), streams)
	return result{code: code, stdout: out.String(), stderr: errOut.String()}
}

// mustRun runs the CLI and fails the test unless it exits with want.
func mustRun(t *testing.T, want int, stdin string, args ...string) result {
	t.Helper()
	r := fnasync(t, stdin, args...)
	if r.code != want {
		t.Fatalf("fnasync %s: exit %d, want %d\n%s", strings.Join(args, " "), r.code, want, r)
	}
	return r
}

// golden compares s with testdata/golden/NAME.golden.
func golden(t *testing.T, name, s string) {
	t.Helper()
	cmdtest.Golden(t, testdata("golden", name+".golden"), s)
}

// setKeys puts the emulators' default keys where each SDK's credential
// chain reads them, as a user of `fnasync emulate` would.
func setKeys(t *testing.T) {
	t.Setenv("HUAWEICLOUD_SDK_AK", emukit.DefaultAccessKey)
	t.Setenv("HUAWEICLOUD_SDK_SK", emukit.DefaultSecretKey)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", emukit.DefaultAccessKey)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", emukit.DefaultSecretKey)
	t.Setenv("AWS_ACCESS_KEY_ID", emukit.DefaultAccessKey)
	t.Setenv("AWS_SECRET_ACCESS_KEY", emukit.DefaultSecretKey)
	t.Setenv("AWS_SESSION_TOKEN", "")
	t.Setenv("AWS_PROFILE", "")
}

// fakeClock is the emulators' clock: real time plus an offset the test
// moves. It stays within the clouds' 15-minute signing window, so signed
// requests are still accepted.
type fakeClock struct{ offset atomic.Int64 }

func (c *fakeClock) Now() time.Time { return time.Now().Add(time.Duration(c.offset.Load())) }

// Set makes the clock read real time plus d.
func (c *fakeClock) Set(d time.Duration) { c.offset.Store(int64(d)) }

// emu is an emulator of both clouds on loopback.
type emu struct {
	*emulator.Listener
	clock *fakeClock
}

// startEmulator starts an emulator with a fake clock on 127.0.0.1:0 and
// stops it when the test ends.
func startEmulator(t *testing.T) *emu {
	t.Helper()
	clock := &fakeClock{}
	srv, err := emulator.New(&emulator.Options{Clock: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	l, err := emulator.Listen("127.0.0.1:0", srv, false)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := l.Close(); err != nil {
			t.Errorf("closing the emulator: %v", err)
		}
	})
	return &emu{Listener: l, clock: clock}
}

// startSeeded starts an emulator, writes the testdata document at
// testdata/PATH... with the emulator's URL (see writeDoc) and makes its
// functions exist. It returns the emulator and the document's path.
func startSeeded(t *testing.T, path ...string) (*emu, string) {
	t.Helper()
	e := startEmulator(t)
	file := writeDoc(t, testdata(path...), e.URL)
	e.seed(t, file)
	return e, file
}

// testdata returns the path of a file under testdata.
func testdata(path ...string) string { return filepath.Join(append([]string{"testdata"}, path...)...) }

// seed makes every function of the document in file exist.
func (e *emu) seed(t *testing.T, file string) {
	t.Helper()
	if err := e.Seed(loadDoc(t, file)); err != nil {
		t.Fatal(err)
	}
}

// loadDoc reads the valid document in file.
func loadDoc(t *testing.T, file string) *model.Document {
	t.Helper()
	doc, diags := document.Load(file, nil, nil)
	if diags.HasErrors() {
		t.Fatalf("%s: %v", file, diags)
	}
	return doc
}

// mark returns the number of requests logged so far, for since.
func (e *emu) mark() int { return len(e.Log().Requests()) }

// since returns the requests logged after mark.
func (e *emu) since(mark int) []emukit.Request { return e.Log().Requests()[mark:] }

// writes returns the mutating requests of reqs as "METHOD PATH" lines.
func writes(reqs []emukit.Request) []string {
	var out []string
	for _, r := range reqs {
		if r.Mutating() {
			out = append(out, r.Method+" "+r.Path)
		}
	}
	return out
}

// endpointVar is the placeholder in testdata documents for the
// emulator's URL.
const endpointVar = "${ENDPOINT}"

// writeDoc copies the testdata document src into a new temporary
// directory, its ${ENDPOINT} replaced by url, and returns its path.
func writeDoc(t *testing.T, src, url string) string {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	return writeFile(t, filepath.Base(src), strings.ReplaceAll(string(b), endpointVar, url))
}

// writeFile writes content to NAME in a new temporary directory.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// scrub replaces what changes from run to run (the emulator's URL, the
// temporary directory) with fixed words, so that output can be golden.
func scrub(s string, pairs ...string) string {
	return strings.NewReplacer(pairs...).Replace(s)
}

var (
	stampRE     = regexp.MustCompile(`\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d+)?Z?`)
	spacesRE    = regexp.MustCompile(` {2,}`)
	requestIDRE = regexp.MustCompile(`(request |request_id\\?":\\?")[0-9a-f-]+`)
)

// scrubRequestIDs replaces the request ids the clouds' errors quote.
func scrubRequestIDs(s string) string { return requestIDRE.ReplaceAllString(s, "${1}REQUEST-ID") }

// columns makes tabwriter output independent of column widths: cells are
// joined by " | ", times read TIME.
func columns(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		b.WriteString(spacesRE.ReplaceAllString(strings.TrimRight(stampRE.ReplaceAllString(line, "TIME"), " "), " | "))
		b.WriteByte('\n')
	}
	return b.String()
}

// syncBuffer is a bytes.Buffer safe for one writer and concurrent
// readers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// emulateRun is a `fnasync emulate` running in a goroutine.
type emulateRun struct {
	url    string
	stderr *syncBuffer
	stdout *syncBuffer // after the first line
	cancel context.CancelFunc
	done   chan int
}

// startEmulate runs `fnasync emulate ARGS...` in-process, waits for its
// first line on standard output and returns it with the run. Without
// --listen in args it listens on a free port, not the fixed default. The
// run is stopped when the test ends, if the test has not stopped it.
func startEmulate(t *testing.T, args ...string) (first string, run *emulateRun) {
	t.Helper()
	if !slices.Contains(args, "--listen") {
		args = append([]string{"--listen", "127.0.0.1:0"}, args...)
	}
	ctx, cancel := context.WithCancel(t.Context())
	pr, pw := io.Pipe()
	run = &emulateRun{stderr: &syncBuffer{}, stdout: &syncBuffer{}, cancel: cancel, done: make(chan int, 1)}
	streams := &cmdutil.IOStreams{In: strings.NewReader(""), Out: pw, ErrOut: run.stderr}
	go func() {
		code := app.Main(ctx, append([]string{"fnasync", "emulate"}, args...), streams)
		_ = pw.Close()
		run.done <- code
	}()
	lines := make(chan string, 1)
	go func() {
		br := bufio.NewReader(pr)
		line, _ := br.ReadString('\n')
		lines <- line
		_, _ = io.Copy(run.stdout, br)
	}()
	t.Cleanup(func() { run.stop(t) })
	select {
	case first = <-lines:
	case <-time.After(10 * time.Second):
		t.Fatalf("fnasync emulate printed no line in 10s; stderr:\n%s", run.stderr)
	}
	first = strings.TrimSuffix(first, "\n")
	run.url = strings.TrimPrefix(first, "fnasync emulator listening on ")
	return first, run
}

// stop cancels the run's context and returns its exit code.
func (r *emulateRun) stop(t *testing.T) int {
	t.Helper()
	r.cancel()
	select {
	case code := <-r.done:
		r.done <- code // later calls see it too
		return code
	case <-time.After(15 * time.Second):
		t.Fatal("fnasync emulate did not stop within 15s of its context's cancellation")
	}
	return -1
}
