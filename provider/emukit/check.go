package emukit

import (
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"runtime/debug"

	"go.etcd.io/bbolt"

	"github.com/fnasync/fnasync/internal/safetext"
)

// errDamaged marks a state file whose pages are not what bbolt wrote.
var errDamaged = errors.New("the file is damaged (restore a copy, or delete it to start afresh)")

// catchFault runs fn with a fault in memory (bbolt reads the file through a
// memory map: a page past the end of a file cut short is a SIGBUS) and a
// panic of bbolt (a page of an unknown type) turned into an error.
func catchFault(fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		switch r := recover().(type) {
		case nil:
		case interface{ Addr() uintptr }: // a fault, not a panic of bbolt
			err = errors.New("a page lies past the end of the file (cut short?)")
		default:
			err = fmt.Errorf("%v", r)
		}
	}()
	return fn()
}

// openGuarded opens the database with bbolt.Open, a fault or panic of
// which (in reading the meta pages or the free list of a damaged file) is
// an error that closes what was opened, releasing the lock.
func openGuarded(path string, bo *bbolt.Options) (*bbolt.DB, os.FileInfo, error) {
	var files []*os.File
	openFile := bo.OpenFile
	if openFile == nil {
		openFile = os.OpenFile
	}
	o := *bo
	o.OpenFile = func(name string, flag int, perm os.FileMode) (*os.File, error) {
		f, err := openFile(name, flag, perm)
		if err == nil {
			files = append(files, f)
		}
		return f, err
	}
	var db *bbolt.DB
	var err error
	if perr := catchFault(func() error { db, err = bbolt.Open(path, 0o600, &o); return nil }); perr != nil {
		for _, f := range files {
			_ = f.Close()
		}
		return nil, nil, fmt.Errorf("%w: %w", errDamaged, perr)
	}
	if err != nil || len(files) == 0 {
		return db, nil, err
	}
	fi, err := files[0].Stat()
	if err != nil {
		_ = db.Close()
		return nil, nil, err
	}
	return db, fi, nil
}

// checkSameFile returns an error if the state file at path is no longer
// the file opened (fi): removed (its directory deleted, say) or replaced.
// A write committed to it is then on no disk anyone will read.
func checkSameFile(path string, fi os.FileInfo) error {
	now, err := os.Stat(path)
	switch {
	case err != nil:
		return fmt.Errorf("the state file is gone: %w", err)
	case !os.SameFile(fi, now):
		return errors.New("the state file was replaced by another file")
	}
	return nil
}

// checkDB reads every page of db that holds records, and checks that the
// file holds every page its meta page counts and that each page below it
// is either reachable or free: a file cut short, or pages overwritten, are
// refused here rather than found (or missed) while serving.
func checkDB(db *bbolt.DB) error {
	where := ""
	err := catchFault(func() error {
		fi, err := os.Stat(db.Path())
		if err != nil {
			return err
		}
		return db.View(func(tx *bbolt.Tx) error {
			if size := tx.Size(); fi.Size() < size {
				return fmt.Errorf("cut short: %d bytes where its pages take %d", fi.Size(), size)
			}
			return tx.ForEach(func(name []byte, b *bbolt.Bucket) error {
				where = fmt.Sprintf(" (table %q)", safetext.Clean(string(name), 64))
				return b.ForEach(func(k, v []byte) error {
					where = fmt.Sprintf(" (table %q, record %q)", safetext.Clean(string(name), 64), safetext.Clean(string(k), 120))
					_ = crc32.ChecksumIEEE(v) // reads the value's pages
					return nil
				})
			})
		})
	})
	if err != nil {
		return fmt.Errorf("%w%s: %w", errDamaged, where, err)
	}
	// Every page is readable now, so bbolt's own check (which runs in a
	// goroutine of its own, where a fault could not be caught) is safe.
	return db.View(func(tx *bbolt.Tx) error {
		var first error
		for err := range tx.Check() {
			if first == nil {
				first = fmt.Errorf("%w: %w", errDamaged, err)
			}
		}
		return first
	})
}
