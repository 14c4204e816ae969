package emukit_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.etcd.io/bbolt"

	"github.com/fnasync/fnasync/provider/emukit"
)

// TestStoreRefusesDamagedFiles: a state file cut short or with pages
// overwritten (a disk that failed, a copy that stopped) is refused with an
// error naming it, never a crash of the process (bbolt reads its pages
// through a memory map, where a missing page is a fault) nor a state
// served with records missing.
func TestStoreRefusesDamagedFiles(t *testing.T) {
	const page = 4096
	var used int // the bytes the good file's pages take
	damages := []struct {
		name   string
		damage func(b []byte) []byte
	}{
		{"cut to three pages", func(b []byte) []byte { return b[:3*page] }},
		{"cut to half", func(b []byte) []byte { return b[:len(b)/2/page*page] }},
		{"its last page cut", func(b []byte) []byte { return b[:used-page/2] }},
		{"all but the meta pages zeroed", func(b []byte) []byte { clear(b[2*page:]); return b }},
		{"pages from 4 on garbage", func(b []byte) []byte {
			for i := 4 * page; i < len(b); i++ {
				b[i] = byte(i * 7)
			}
			return b
		}},
		{"page headers 0xff", func(b []byte) []byte {
			for p := 2 * page; p < len(b); p += page {
				copy(b[p:], bytes.Repeat([]byte{0xff}, 16))
			}
			return b
		}},
	}
	good := filepath.Join(t.TempDir(), "good.db")
	s := openStore(t, good, nil)
	var recs []emukit.Record
	for i := range 300 {
		recs = append(recs, emukit.Record{Key: fmt.Sprintf("k%03d", i), Value: bytes.Repeat([]byte{'v'}, 300)})
	}
	if err := s.Write("t", false, recs...).Wait(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	orig, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	used = usedSize(t, good)
	for _, d := range damages {
		t.Run(d.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "state.db")
			if err := os.WriteFile(path, d.damage(bytes.Clone(orig)), 0o600); err != nil {
				t.Fatal(err)
			}
			for _, opts := range []*emukit.StoreOptions{nil, {NoLock: true}} {
				s, err := emukit.OpenStore(path, opts)
				if err == nil {
					n := 0
					err = s.Load("t", func(string, []byte) error { n++; return nil })
					_ = s.Close()
					if err == nil {
						t.Fatalf("a damaged file was opened and served %d of 300 records", n)
					}
				}
				if !strings.Contains(err.Error(), path) {
					t.Errorf("the error does not name the file: %v", err)
				}
			}
			// The lock is released: the file can be replaced and opened.
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			_ = openStore(t, path, nil)
		})
	}
}

// usedSize returns the bytes the pages of the bbolt file at path take
// (bbolt grows a file ahead of its pages).
func usedSize(t *testing.T, path string) int {
	t.Helper()
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int64
	_ = db.View(func(tx *bbolt.Tx) error { n = tx.Size(); return nil })
	return int(n)
}
