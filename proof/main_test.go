package proof

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// tmpRoot holds what outlives one test: the built binary.
var tmpRoot string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "fnasync-proof-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	tmpRoot = dir
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

var built struct {
	once sync.Once
	path string
	err  error
}

// binary returns the fnasync binary, built on first use (with -race when
// the tests have it). The tests that run it are skipped with -short.
func binary(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the fnasync binary")
	}
	built.once.Do(func() {
		gobin, err := exec.LookPath("go")
		if err != nil {
			built.err = err
			return
		}
		path := filepath.Join(tmpRoot, "fnasync")
		args := []string{"build", "-o", path}
		if raceEnabled {
			args = append(args, "-race")
		}
		out, err := exec.Command(gobin, append(args, "github.com/fnasync/fnasync/cmd/fnasync")...).CombinedOutput()
		if err != nil {
			built.err = fmt.Errorf("go build: %v\n%s", err, out)
			return
		}
		built.path = path
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.path
}

// cleanEnv is this process's environment without cloud credentials, SDK
// settings, proxies or SDK debugging, with HOME (where the SDKs look for
// profiles) set to home and colour off, plus kv ("NAME=value").
func cleanEnv(home string, kv ...string) []string {
	var env []string
	for _, e := range os.Environ() {
		name, _, _ := strings.Cut(e, "=")
		switch up := strings.ToUpper(name); {
		case strings.HasPrefix(up, "HUAWEICLOUD_"), strings.HasPrefix(up, "ALIBABA_CLOUD_"), strings.HasPrefix(up, "ALICLOUD_"),
			strings.HasSuffix(up, "_PROXY"), up == "DEBUG", up == "HOME":
			continue
		}
		env = append(env, e)
	}
	return append(append(env, "HOME="+home, "NO_COLOR=1"), kv...)
}

// result is what one run of the binary did.
type result struct {
	args           []string
	code           int
	stdout, stderr string
}

func (r result) String() string {
	return fmt.Sprintf("fnasync %s: exit %d\n--- stdout\n%s--- stderr\n%s", strings.Join(r.args, " "), r.code, clip(r.stdout), clip(r.stderr))
}

func clip(s string) string {
	if len(s) > 4000 {
		return s[:2000] + "\n[...]\n" + s[len(s)-2000:]
	}
	return s
}

// syncBuffer is a bytes.Buffer safe to read while a process writes it.
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

// proc is the binary running in the background.
type proc struct {
	cmd            *exec.Cmd
	args           []string
	stdout, stderr syncBuffer
	done           chan struct{}
	res            result
}

// start runs the binary with args in dir under env; stdin is empty. The
// process is killed if the test ends first.
func start(t testing.TB, env []string, dir string, args ...string) *proc {
	t.Helper()
	p := &proc{args: args, done: make(chan struct{})}
	p.cmd = exec.Command(binary(t), args...)
	p.cmd.Env, p.cmd.Dir = env, dir
	p.cmd.Stdout, p.cmd.Stderr = &p.stdout, &p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		err := p.cmd.Wait()
		p.res = result{args: args, code: p.cmd.ProcessState.ExitCode(), stdout: p.stdout.String(), stderr: p.stderr.String()}
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			p.res.code = -1
			p.res.stderr += "\n(wait: " + err.Error() + ")"
		}
		close(p.done)
	}()
	t.Cleanup(func() {
		_ = p.cmd.Process.Kill()
		<-p.done
	})
	return p
}

// wait waits for the process to end, up to two minutes, then kills it.
func (p *proc) wait(t testing.TB) result {
	t.Helper()
	select {
	case <-p.done:
	case <-time.After(2 * time.Minute):
		_ = p.cmd.Process.Kill()
		<-p.done
		t.Fatalf("fnasync %s did not end within two minutes; killed\n%s", strings.Join(p.args, " "), p.res)
	}
	return p.res
}

// signal sends sig to the process.
func (p *proc) signal(t testing.TB, sig os.Signal) {
	t.Helper()
	if err := p.cmd.Process.Signal(sig); err != nil {
		t.Fatalf("signal %v: %v", sig, err)
	}
}

// run runs the binary to its end.
func run(t testing.TB, env []string, dir string, args ...string) result {
	t.Helper()
	return start(t, env, dir, args...).wait(t)
}

// waitFor polls cond every 10ms until it holds or ctx ends.
func waitFor(ctx context.Context, cond func() bool) bool {
	for !cond() {
		select {
		case <-ctx.Done():
			return false
		case <-time.After(10 * time.Millisecond):
		}
	}
	return true
}
