package emukit_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/fnasync/fnasync/provider/emukit"
)

// TestStoreFileGone: once the state file is removed (its directory
// deleted, say) or replaced, a write is refused rather than acknowledged
// into a file no one will open again.
func TestStoreFileGone(t *testing.T) {
	cases := []struct {
		name string
		gone func(t *testing.T, path string)
	}{
		{"directory removed", func(t *testing.T, path string) {
			if err := os.RemoveAll(filepath.Dir(path)); err != nil {
				t.Fatal(err)
			}
		}},
		{"file replaced", func(t *testing.T, path string) {
			other := path + ".new"
			if err := os.WriteFile(other, nil, 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(other, path); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "dir", "state.db")
			s := openStore(t, path, nil)
			if err := s.Write("t", false, emukit.Record{Key: "a", Value: []byte("1")}).Wait(); err != nil {
				t.Fatal(err)
			}
			c.gone(t, path)
			if err := s.Write("t", false, emukit.Record{Key: "b", Value: []byte("2")}).Wait(); err == nil {
				t.Fatal("a write to a state file that is gone was acknowledged")
			}
		})
	}
}
