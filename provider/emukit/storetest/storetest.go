//go:build unix

// Package storetest breaks the disk under an emukit.Store for tests: Open
// returns the options of a store whose file Break makes unwritable (its
// descriptor is swapped for a read-only one, so that every write the
// store makes fails in the kernel, as on a disk gone read-only) and
// Repair makes writable again.
package storetest

import (
	"os"
	"sync"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/fnasync/fnasync/provider/emukit"
)

// Disk is the file under a store.
type Disk struct {
	t     testing.TB
	mu    sync.Mutex
	files []*os.File // every descriptor the store opened
	saved map[*os.File]int
}

// Options returns store options (nil opts: defaults) whose file d
// controls.
func Options(t testing.TB, opts *emukit.StoreOptions) (*emukit.StoreOptions, *Disk) {
	d := &Disk{t: t, saved: map[*os.File]int{}}
	o := emukit.StoreOptions{}
	if opts != nil {
		o = *opts
	}
	o.OpenFile = func(name string, flag int, perm os.FileMode) (*os.File, error) {
		f, err := os.OpenFile(name, flag, perm)
		if err == nil {
			d.mu.Lock()
			d.files = append(d.files, f)
			d.mu.Unlock()
		}
		return f, err
	}
	return &o, d
}

// Break makes every write to the store's file fail (EBADF).
func (d *Disk) Break() {
	d.t.Helper()
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, f := range d.files {
		if _, ok := d.saved[f]; ok {
			continue
		}
		saved, err := unix.Dup(int(f.Fd()))
		if err != nil {
			d.t.Fatal(err)
		}
		ro, err := os.Open(f.Name())
		if err != nil {
			d.t.Fatal(err)
		}
		err = unix.Dup2(int(ro.Fd()), int(f.Fd()))
		ro.Close()
		if err != nil {
			d.t.Fatal(err)
		}
		d.saved[f] = saved
	}
}

// Repair undoes Break.
func (d *Disk) Repair() {
	d.t.Helper()
	d.mu.Lock()
	defer d.mu.Unlock()
	for f, saved := range d.saved {
		if err := unix.Dup2(saved, int(f.Fd())); err != nil {
			d.t.Fatal(err)
		}
		unix.Close(saved)
		delete(d.saved, f)
	}
}
