package emukit

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/fnasync/fnasync/internal/safetext"
)

// LockInfo describes the process that holds a state file. It is written
// beside the file (LockInfoPath) while the store is open; the lock itself
// is the operating system's lock on the state file, released when the
// process ends however it ends.
type LockInfo struct {
	PID     int       `json:"pid"`
	Command string    `json:"command"`
	Host    string    `json:"host,omitempty"`
	Since   time.Time `json:"since"`
}

// String names the holder: "pid 12 (fnasync apply -f a.yaml) since ...".
func (i *LockInfo) String() string {
	if i == nil {
		return "another process (it left no lock info)"
	}
	s := fmt.Sprintf("pid %d (%s)", i.PID, safetext.Clean(i.Command, 120))
	if i.Host != "" {
		s += " on " + safetext.Clean(i.Host, 64)
	}
	return s + " since " + i.Since.UTC().Format(time.RFC3339)
}

// LockedError is the error of opening a state file another process holds.
type LockedError struct {
	Path string
	// Holder is nil when the holder left no lock info.
	Holder *LockInfo
	// Waited is how long OpenStore waited (StoreOptions.LockTimeout).
	Waited time.Duration
}

func (e *LockedError) Error() string {
	s := fmt.Sprintf("emulator state %s is locked by %s", e.Path, e.Holder)
	if e.Waited > 0 {
		s += fmt.Sprintf(" (waited %s)", e.Waited)
	}
	return s
}

// LockInfoPath is the file beside a state file that names its holder.
func LockInfoPath(statePath string) string { return statePath + ".lock" }

// noLockWait is how long a NoLock store waits for the file at each read
// or write after its first open: other NoLock processes hold it only for
// theirs.
const noLockWait = 10 * time.Second

// openDB opens the database, failing at once or after wait (telling
// Waiting, if announce) when another process holds it.
func (s *Store) openDB(wait time.Duration, announce bool) (*bbolt.DB, error) {
	db, fi, err := s.openDBFile(wait, announce)
	if err == nil && announce {
		s.file = fi
	}
	return db, err
}

func (s *Store) openDBFile(wait time.Duration, announce bool) (*bbolt.DB, os.FileInfo, error) {
	bo := &bbolt.Options{Timeout: time.Nanosecond, OpenFile: s.opts.OpenFile}
	db, fi, err := openGuarded(s.path, bo)
	if errors.Is(err, berrors.ErrTimeout) && wait > 0 {
		if announce && s.opts.Waiting != nil {
			s.opts.Waiting(ReadLockInfo(s.path))
		}
		bo.Timeout = wait
		db, fi, err = openGuarded(s.path, bo)
	}
	if err == nil && announce {
		if err = checkDB(db); err != nil {
			_ = catchFault(db.Close)
		}
	}
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return nil, nil, &LockedError{Path: s.path, Holder: ReadLockInfo(s.path), Waited: wait}
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch), errors.Is(err, berrors.ErrChecksum):
		return nil, nil, fmt.Errorf("emulator state %s is not an emulator state file: %w", s.path, err)
	case errors.Is(err, errDamaged):
		return nil, nil, fmt.Errorf("emulator state %s: %w", s.path, err)
	case err != nil:
		return nil, nil, fmt.Errorf("open emulator state %s: %w", s.path, err)
	}
	return db, fi, nil
}

// ReadLockInfo returns the lock info beside statePath, or nil.
func ReadLockInfo(statePath string) *LockInfo {
	f, err := os.Open(LockInfoPath(statePath))
	if err != nil {
		return nil
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, 4096))
	if err != nil {
		return nil
	}
	var i LockInfo
	if json.Unmarshal(b, &i) != nil || i.PID <= 0 {
		return nil
	}
	return &i
}

// writeLockInfo records this process as the holder of statePath, if it
// can: the info only names the holder (a directory the process may not
// write leaves a state it may write usable).
func writeLockInfo(statePath, command string) {
	if command == "" {
		command = strings.Join(os.Args, " ")
		command = filepath.Base(os.Args[0]) + strings.TrimPrefix(command, os.Args[0])
	}
	host, _ := os.Hostname()
	b, _ := json.Marshal(LockInfo{PID: os.Getpid(), Command: command, Host: host, Since: time.Now().UTC().Truncate(time.Second)})
	_ = os.WriteFile(LockInfoPath(statePath), append(b, '\n'), 0o600)
}

func removeLockInfo(statePath string) { _ = os.Remove(LockInfoPath(statePath)) }

// removeTemporaries removes the ".NAME.tmp-*" files that versions before
// the store left beside a state file when they were killed mid-write.
func removeTemporaries(statePath string) {
	dir, base := filepath.Split(statePath)
	names := []string{base, strings.TrimSuffix(base, filepath.Ext(base)) + ".json"}
	for _, name := range names {
		matches, _ := filepath.Glob(filepath.Join(dir, "."+strings.TrimPrefix(name, ".")+".tmp-*"))
		for _, m := range matches {
			_ = os.Remove(m)
		}
	}
}
