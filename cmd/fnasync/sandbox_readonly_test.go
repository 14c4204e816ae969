package main

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestReadOnlyCommandsLeaveNoState runs plan, export and invocations
// list against the embedded emulator of a document that has never been
// applied, from a file and from standard input (whose state lives in the
// working directory): none of them creates a state file. Then, once
// applied, they leave the state file byte for byte and time for time as
// it was.
func TestReadOnlyCommandsLeaveNoState(t *testing.T) {
	for _, v := range []string{"HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"} {
		t.Setenv(v, "")
	}
	src, err := os.ReadFile(filepath.Join("..", "..", "examples", "quickstart.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	quick := writeFile(t, "quickstart.yaml", string(src))
	state := filepath.Join(filepath.Dir(quick), ".fnasync", "emulator-state.db")
	cwd := t.TempDir()
	t.Chdir(cwd)
	readOnly := []struct {
		code int
		args []string
	}{
		{0, []string{"plan"}},
		{2, []string{"plan", "--detailed-exitcode", "-o", "json"}},
		{0, []string{"export", "--provider", "hw", "--all"}},
		{1, []string{"export", "--provider", "ali3", "--function", "orders"}},
		{1, []string{"invocations", "list", "--function", "hw:orders"}},
		{1, []string{"invocations", "list", "--function", "ali:shop/orders"}},
	}
	for _, rc := range readOnly {
		mustRun(t, rc.code, "", append(rc.args, "-f", quick)...)
		mustRun(t, rc.code, string(src), append(rc.args, "-f", "-")...)
	}
	for _, dir := range []string{filepath.Dir(state), filepath.Join(cwd, ".fnasync")} {
		if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("read-only commands made %s (%v)", dir, err)
		}
	}

	mustRun(t, 0, "", "apply", "-f", quick, "--auto-approve")
	before, err := os.ReadFile(state)
	if err != nil {
		t.Fatal(err)
	}
	old := fileTime(t, state).Add(-time.Hour)
	if err := os.Chtimes(state, old, old); err != nil {
		t.Fatal(err)
	}
	for _, rc := range readOnly { // all succeed now: every function exists
		mustRun(t, 0, "", append(rc.args, "-f", quick)...)
	}
	after, err := os.ReadFile(state)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Errorf("read-only commands changed the state file:\n--- before\n%s\n--- after\n%s", before, after)
	}
	if got := fileTime(t, state); !got.Equal(old) {
		t.Errorf("read-only commands rewrote the state file (modified at %v, not %v)", got, old)
	}
}

func fileTime(t *testing.T, path string) time.Time {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.ModTime()
}
