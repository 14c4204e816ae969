//go:build unix

package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestEmulateSignals builds the binary and stops `fnasync emulate` with
// the signals main turns into a cancelled context: Ctrl-C (SIGINT) and
// SIGTERM. Each must stop it cleanly, exit status 0.
func TestEmulateSignals(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "fnasync")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			cmd := exec.Command(bin, "emulate", "--listen", "127.0.0.1:0")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			first := make(chan string, 1)
			go func() {
				line, _ := bufio.NewReader(stdout).ReadString('\n')
				first <- line
				done <- cmd.Wait()
			}()
			select {
			case line := <-first:
				if !listeningRE.MatchString(strings.TrimSuffix(line, "\n")) {
					t.Errorf("first line %q", line)
				}
			case <-time.After(10 * time.Second):
				_ = cmd.Process.Kill()
				t.Fatal("no first line in 10s")
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("after %v: %v\nstderr:\n%s", sig, err, &stderr)
				}
			case <-time.After(15 * time.Second):
				_ = cmd.Process.Signal(os.Kill)
				t.Fatalf("still running 15s after %v", sig)
			}
			if !strings.Contains(stderr.String(), "fnasync emulator stopped") {
				t.Errorf("after %v, stderr:\n%s", sig, &stderr)
			}
		})
	}
}
