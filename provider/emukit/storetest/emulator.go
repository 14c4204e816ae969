//go:build unix

package storetest

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fnasync/fnasync/provider/emukit"
)

// FailedWriteSteps are an emulator's parts of FailedWrite.
type FailedWriteSteps struct {
	// Working attaches a new emulator (logging to errLog) to st and makes
	// a change through its API, checking that it succeeds.
	Working func(st *emukit.Store, errLog io.Writer)
	// Broken makes a change with the disk broken, checking that it is
	// answered with the API's internal error and undone.
	Broken func()
	// Repaired makes a change with the disk repaired, checking that it
	// succeeds.
	Repaired func()
	// Reopened attaches another new emulator to st, the same file
	// reopened, and checks that it serves the changes that succeeded.
	Reopened func(st *emukit.Store)
}

// FailedWrite runs an emulator through a write that fails: on a store
// whose disk breaks between Working and Broken and is repaired before
// Repaired, the failed save must be logged, and what succeeded must be on
// the file for Reopened.
func FailedWrite(t *testing.T, steps FailedWriteSteps) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "state.db")
	opts, disk := Options(t, nil)
	st, err := emukit.OpenStore(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	var errLog bytes.Buffer
	steps.Working(st, &errLog)
	disk.Break()
	steps.Broken()
	if !strings.Contains(errLog.String(), "not saved") {
		t.Errorf("the failed write was not logged: %q", errLog.String())
	}
	disk.Repair()
	steps.Repaired()
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	st, err = emukit.OpenStore(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	steps.Reopened(st)
}

// RefusesRecord checks that use (an emulator's UseStore) refuses a store
// holding only rec in table, with an error containing want.
func RefusesRecord(t *testing.T, table string, rec emukit.Record, want string, use func(*emukit.Store) error) {
	t.Helper()
	st, err := emukit.OpenStore(filepath.Join(t.TempDir(), "state.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Write(table, false, rec).Wait(); err != nil {
		t.Fatal(err)
	}
	err = use(st)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("UseStore with %s=%s: got %v, want an error with %q", rec.Key, rec.Value, err, want)
	}
}
