//go:build unix

package emukit_test

import (
	"path/filepath"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/provider/emukit"
	"github.com/fnasync/fnasync/provider/emukit/storetest"
)

// memory is a tiny emulator: its records in a map under its lock.
type memory struct {
	mu   sync.Mutex
	recs map[string]string
}

func (m *memory) set(t *testing.T, s *emukit.Store, key, value string) error {
	t.Helper()
	m.mu.Lock()
	m.recs[key] = value
	m.mu.Unlock()
	return s.Persist("t", &m.mu, false, func() ([]emukit.Record, error) {
		return []emukit.Record{{Key: key, Value: []byte(m.recs[key])}}, nil
	}, func() error {
		m.recs = records(t, s, "t")
		return nil
	})
}

// TestStoreFailedWrite: a write the disk refuses fails, is undone in the
// emulator's memory (reloaded from disk), and the store works again once
// the disk does.
func TestStoreFailedWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	opts, disk := storetest.Options(t, nil)
	s := openStore(t, path, opts)
	m := &memory{recs: map[string]string{}}
	if err := m.set(t, s, "a", "1"); err != nil {
		t.Fatal(err)
	}
	disk.Break()
	for range 2 {
		if err := m.set(t, s, "a", "2"); err == nil {
			t.Fatal("a write to a broken disk succeeded")
		}
		if diff := cmp.Diff(map[string]string{"a": "1"}, m.recs); diff != "" {
			t.Errorf("memory after the failed write (-want +got):\n%s", diff)
		}
	}
	disk.Repair()
	if err := m.set(t, s, "b", "3"); err != nil {
		t.Fatalf("a write after the disk was repaired: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{"a": "1", "b": "3"}, records(t, openStore(t, path, nil), "t")); diff != "" {
		t.Errorf("on disk (-want +got):\n%s", diff)
	}
}
