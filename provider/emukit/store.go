package emukit

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// StoreOptions tune OpenStore; nil means defaults.
type StoreOptions struct {
	// LockTimeout is how long to wait for another process to release the
	// state; 0 fails at once, naming the holder.
	LockTimeout time.Duration
	// Waiting, if set, is called once before waiting for another process
	// (holder is nil when it left no lock info).
	Waiting func(holder *LockInfo)
	// NoLock does not hold the state for the store's life: the file is
	// opened for each read and write only, so that other NoLock processes
	// can share it. Each process keeps its own view in memory, so changes
	// to the same record overwrite each other.
	NoLock bool
	// Command names this process in the lock info (default: its arguments).
	Command string
	// OpenFile opens the state file (default os.OpenFile); tests use it
	// to reach the file under the store.
	OpenFile func(name string, flag int, perm os.FileMode) (*os.File, error)
}

// Store is the durable state of the emulators: one file (a bbolt
// database) of tables, one per emulator, of records (key and value,
// typically JSON), locked for the store's life (see StoreOptions.NoLock).
//
// A write is staged with Put, Delete or Clear while the emulator holds its
// own lock, so that staging follows the order of the changes, and made
// durable (committed and synced to disk) by Commit.Wait outside it:
// concurrent writes share one commit. A write that fails leaves its table
// failed until Recover reloads the emulator from what is on disk.
type Store struct {
	path string
	opts StoreOptions
	db   *bbolt.DB   // held for the store's life; nil with NoLock
	file os.FileInfo // the file db holds, checked after each commit
	dbMu sync.Mutex

	mu      sync.Mutex
	cond    *sync.Cond
	next    *batch // the writes staged since the last commit began
	writing bool
	failed  map[string]error
	closed  bool
}

type op struct {
	table, key string
	value      []byte // nil deletes
	clear      bool
}

// batch is the writes one commit makes durable.
type batch struct {
	ops    []op
	tables map[string]bool
	done   chan struct{}
	err    error
}

func newBatch() *batch { return &batch{tables: map[string]bool{}, done: make(chan struct{})} }

// OpenStore opens (creating it and its directory if needed) the state
// file at path, and locks it for the store's life unless opts.NoLock. A
// file another process holds is an error naming the holder
// (*LockedError), after waiting up to opts.LockTimeout. Temporary files
// an earlier version left beside path are removed.
func OpenStore(path string, opts *StoreOptions) (*Store, error) {
	s := &Store{path: path, next: newBatch(), failed: map[string]error{}}
	if opts != nil {
		s.opts = *opts
	}
	s.cond = sync.NewCond(&s.mu)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("emulator state %s: %w", path, err)
	}
	db, err := s.openDB(s.opts.LockTimeout, true)
	if err != nil {
		return nil, err
	}
	if s.opts.NoLock {
		return s, db.Close()
	}
	s.db = db
	writeLockInfo(path, s.opts.Command)
	removeTemporaries(path)
	return s, nil
}

// Path returns the state file's path.
func (s *Store) Path() string { return s.path }

// Close releases the state. Writes must have ended; closing again does
// nothing.
func (s *Store) Close() error {
	s.mu.Lock()
	closed := s.closed
	s.closed = true
	s.mu.Unlock()
	if closed || s.db == nil {
		return nil
	}
	removeLockInfo(s.path)
	return s.db.Close()
}

// withDB runs fn on the database: the one held, or (NoLock) one opened
// for fn alone.
func (s *Store) withDB(fn func(*bbolt.DB) error) error {
	if s.db != nil {
		return fn(s.db)
	}
	s.dbMu.Lock()
	defer s.dbMu.Unlock()
	db, err := s.openDB(max(s.opts.LockTimeout, noLockWait), false)
	if err != nil {
		return err
	}
	err = fn(db)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	return err
}

// Load calls fn with every record of table, in key order.
func (s *Store) Load(table string, fn func(key string, value []byte) error) error {
	return s.withDB(func(db *bbolt.DB) error {
		return db.View(func(tx *bbolt.Tx) error {
			b := tx.Bucket([]byte(table))
			if b == nil {
				return nil
			}
			return b.ForEach(func(k, v []byte) error { return fn(string(k), v) })
		})
	})
}

// Empty reports whether the store has no table.
func (s *Store) Empty() (bool, error) {
	empty := true
	err := s.withDB(func(db *bbolt.DB) error {
		return db.View(func(tx *bbolt.Tx) error {
			return tx.ForEach(func([]byte, *bbolt.Bucket) error { empty = false; return nil })
		})
	})
	return empty, err
}

// Commit is a staged write; Wait makes it durable.
type Commit struct {
	s   *Store
	b   *batch
	err error
}

// Record is one record to write; a nil Value deletes it.
type Record struct {
	Key   string
	Value []byte
}

// Write stages recs for table, after removing every record of table
// first if clear is set; one commit makes them all durable. The store
// keeps the values: the caller must not change them.
func (s *Store) Write(table string, clear bool, recs ...Record) *Commit {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return &Commit{err: fmt.Errorf("emulator state %s is closed", s.path)}
	}
	if err := s.failed[table]; err != nil {
		return &Commit{err: err}
	}
	if clear {
		s.next.ops = append(s.next.ops, op{table: table, clear: true})
	}
	for _, r := range recs {
		s.next.ops = append(s.next.ops, op{table: table, key: r.Key, value: r.Value})
	}
	s.next.tables[table] = true
	return &Commit{s: s, b: s.next}
}

// Wait returns once the write is durable, or with the error that kept it
// from being so; the write's table is then failed until Recover.
func (c *Commit) Wait() error {
	if c.err != nil {
		return c.err
	}
	s := c.s
	s.mu.Lock()
	defer s.mu.Unlock()
	for {
		select {
		case <-c.b.done:
			return c.b.err
		default:
		}
		if s.writing {
			s.cond.Wait()
			continue
		}
		s.flushLocked()
	}
}

// flushLocked commits the staged writes; s.mu is held, and released
// during the commit.
func (s *Store) flushLocked() {
	b := s.next
	s.next, s.writing = newBatch(), true
	s.mu.Unlock()
	err := s.write(b)
	s.mu.Lock()
	if err != nil {
		err = fmt.Errorf("write emulator state %s: %w", s.path, err)
		for t := range b.tables {
			s.failed[t] = err
		}
	}
	b.err = err
	close(b.done)
	s.writing = false
	s.cond.Broadcast()
}

func (s *Store) write(b *batch) error {
	if len(b.ops) == 0 {
		return nil
	}
	return s.withDB(func(db *bbolt.DB) error {
		err := db.Update(func(tx *bbolt.Tx) error {
			for _, o := range b.ops {
				if o.clear {
					if err := tx.DeleteBucket([]byte(o.table)); err != nil && !errors.Is(err, berrors.ErrBucketNotFound) {
						return err
					}
					continue
				}
				bk, err := tx.CreateBucketIfNotExists([]byte(o.table))
				if err != nil {
					return err
				}
				if o.value == nil {
					err = bk.Delete([]byte(o.key))
				} else {
					err = bk.Put([]byte(o.key), o.value)
				}
				if err != nil {
					return err
				}
			}
			return nil
		})
		if err == nil && s.db != nil && s.file != nil {
			err = checkSameFile(s.path, s.file)
		}
		return err
	})
}

// Recover makes table writable again after a failed write: it waits for
// the table's staged writes to end, then calls reload, which must replace
// the emulator's records of table with what Load reads. Call it with the
// emulator's lock held (so that nothing is staged meanwhile); it does
// nothing if the table has not failed.
func (s *Store) Recover(table string, reload func() error) error {
	s.mu.Lock()
	if s.failed[table] == nil {
		s.mu.Unlock()
		return nil
	}
	for s.writing || s.next.tables[table] {
		if s.writing {
			s.cond.Wait()
		} else {
			s.flushLocked()
		}
	}
	s.mu.Unlock()
	if err := reload(); err != nil {
		return err
	}
	s.mu.Lock()
	delete(s.failed, table)
	s.mu.Unlock()
	return nil
}

// ErrUndone is what the records function of Persist returns when the
// change it was to save is no longer in memory: a reload after another
// write failed (Recover) undid it between the change and Persist. Nothing
// is written, and Persist returns ErrUndone.
var ErrUndone = errors.New("the change was undone by a reload after a failed write")

// Persist makes a change of an emulator durable. With mu (the emulator's
// lock) held, records returns the records to write (their current
// values), which are staged (after clearing table if clear is set); then
// Persist waits for the commit. If that fails, it restores the emulator
// from disk with reload (see Recover) and returns the error: memory is
// again what is on disk, and the request that made the change must fail.
func (s *Store) Persist(table string, mu sync.Locker, clear bool, records func() ([]Record, error), reload func() error) error {
	mu.Lock()
	recs, err := records()
	var c *Commit
	switch {
	case errors.Is(err, ErrUndone):
		mu.Unlock()
		return err
	case err == nil:
		c = s.Write(table, clear, recs...)
	default:
		s.mu.Lock()
		s.failed[table] = fmt.Errorf("emulator state %s: %w", s.path, err)
		s.mu.Unlock()
	}
	mu.Unlock()
	if c != nil {
		err = c.Wait()
	}
	if err != nil {
		mu.Lock()
		if rerr := s.Recover(table, reload); rerr != nil {
			err = errors.Join(err, fmt.Errorf("reload emulator state %s: %w", s.path, rerr))
		}
		mu.Unlock()
	}
	return err
}
