package emukit_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/provider/emukit"
)

// records returns the records of table as a map.
func records(t *testing.T, s *emukit.Store, table string) map[string]string {
	t.Helper()
	out := map[string]string{}
	if err := s.Load(table, func(k string, v []byte) error { out[k] = string(v); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func openStore(t *testing.T, path string, opts *emukit.StoreOptions) *emukit.Store {
	t.Helper()
	s, err := emukit.OpenStore(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func TestStoreWritesAreDurable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "state.db")
	s := openStore(t, path, nil)
	steps := []struct {
		clear bool
		recs  []emukit.Record
		want  map[string]string
	}{
		{false, []emukit.Record{{Key: "a", Value: []byte("1")}, {Key: "b", Value: []byte("2")}}, map[string]string{"a": "1", "b": "2"}},
		{false, []emukit.Record{{Key: "a", Value: []byte("3")}, {Key: "b"}}, map[string]string{"a": "3"}},
		{true, []emukit.Record{{Key: "c", Value: []byte("4")}}, map[string]string{"c": "4"}},
		{true, nil, map[string]string{}},
	}
	for i, st := range steps {
		if err := s.Write("t", st.clear, st.recs...).Wait(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if diff := cmp.Diff(st.want, records(t, s, "t")); diff != "" {
			t.Errorf("step %d (-want +got):\n%s", i, diff)
		}
	}
	if err := s.Write("t", false, emukit.Record{Key: "k", Value: []byte("v")}).Wait(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	again := openStore(t, path, nil)
	if diff := cmp.Diff(map[string]string{"k": "v"}, records(t, again, "t")); diff != "" {
		t.Errorf("after reopening (-want +got):\n%s", diff)
	}
	if got := records(t, again, "other"); len(got) != 0 {
		t.Errorf("another table holds %v", got)
	}
}

// TestStoreConcurrentWrites: writers that stage under their own lock and
// wait outside it all end durable, the last value of each key winning.
func TestStoreConcurrentWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	s := openStore(t, path, nil)
	var (
		mu   sync.Mutex
		wg   sync.WaitGroup
		last = map[string]string{}
	)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 25 {
				key := fmt.Sprintf("k%d", i%5)
				val := fmt.Sprintf("w%d-%d", w, i)
				mu.Lock()
				c := s.Write("t", false, emukit.Record{Key: key, Value: []byte(val)})
				last[key] = val
				mu.Unlock()
				if err := c.Wait(); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(last, records(t, openStore(t, path, nil), "t")); diff != "" {
		t.Errorf("after reopening (-want +got):\n%s", diff)
	}
}

func TestStoreLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	first := openStore(t, path, &emukit.StoreOptions{Command: "first holder"})

	_, err := emukit.OpenStore(path, nil)
	var le *emukit.LockedError
	if !errors.As(err, &le) || le.Holder == nil || le.Holder.PID != os.Getpid() || !strings.Contains(err.Error(), "first holder") {
		t.Fatalf("second open: got %v, want a LockedError naming pid %d (first holder)", err, os.Getpid())
	}

	var waited []*emukit.LockInfo
	go func() {
		time.Sleep(200 * time.Millisecond)
		_ = first.Close()
	}()
	second, err := emukit.OpenStore(path, &emukit.StoreOptions{LockTimeout: time.Minute,
		Waiting: func(h *emukit.LockInfo) { waited = append(waited, h) }})
	if err != nil {
		t.Fatalf("waiting open: %v", err)
	}
	defer second.Close()
	if len(waited) != 1 || waited[0] == nil || waited[0].Command != "first holder" {
		t.Errorf("Waiting was told %v, want the first holder once", waited)
	}
	if info := emukit.ReadLockInfo(path); info == nil || info.PID != os.Getpid() || info.Command == "first holder" {
		t.Errorf("lock info after the second open: %+v", info)
	}

	_, err = emukit.OpenStore(path, &emukit.StoreOptions{LockTimeout: 100 * time.Millisecond})
	if !errors.As(err, &le) || le.Waited != 100*time.Millisecond {
		t.Errorf("open with a short timeout: got %v, want a LockedError after waiting", err)
	}
	if err := second.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(emukit.LockInfoPath(path)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the lock info outlives the store: %v", err)
	}
}

// TestStoreNoLock: stores opened with NoLock share the file, each write
// made durable on its own.
func TestStoreNoLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	a := openStore(t, path, &emukit.StoreOptions{NoLock: true})
	b := openStore(t, path, &emukit.StoreOptions{NoLock: true})
	if err := a.Write("t", false, emukit.Record{Key: "a", Value: []byte("1")}).Wait(); err != nil {
		t.Fatal(err)
	}
	if err := b.Write("t", false, emukit.Record{Key: "b", Value: []byte("2")}).Wait(); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{"a": "1", "b": "2"}, records(t, a, "t")); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// A store that holds the file keeps NoLock stores out.
	_ = a.Close()
	_ = b.Close()
	holder := openStore(t, path, nil)
	defer holder.Close()
	var le *emukit.LockedError
	if _, err := emukit.OpenStore(path, &emukit.StoreOptions{NoLock: true}); !errors.As(err, &le) {
		t.Errorf("NoLock open of a held file: got %v, want a LockedError", err)
	}
}

func TestStoreRemovesTemporaries(t *testing.T) {
	dir := t.TempDir()
	left := []string{".state.json.tmp-123", ".emulator-state.json.tmp-9"}
	keep := []string{"other.tmp-1", "state.json.bak"}
	for _, name := range append(left, keep...) {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	openStore(t, filepath.Join(dir, "state.json"), nil)
	openStore(t, filepath.Join(dir, "emulator-state.db"), nil)
	for _, name := range left {
		if _, err := os.Stat(filepath.Join(dir, name)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s left in place (%v)", name, err)
		}
	}
	for _, name := range keep {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s removed: %v", name, err)
		}
	}
}

func TestStoreRefusesOtherFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	if err := os.WriteFile(path, []byte(strings.Repeat("not a database ", 1000)), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := emukit.OpenStore(path, nil)
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "not an emulator state file") {
		t.Errorf("got %v, want an error naming %s as not a state file", err, path)
	}
}
