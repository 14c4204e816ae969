package emukit

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sync"
)

// Table describes the table of a Store an emulator keeps its state in:
// the emulator keeps its own record type, key format and checks.
type Table struct {
	Name     string // the table's name in the store
	Kind     string // what a record is, in errors ("function")
	Emulator string // the emulator's name, prefixing its log lines
}

// Binding is the store an emulator's state is durable in, if any. An
// emulator holds one (the zero value: memory only) and uses it with its
// own lock held.
type Binding struct {
	store  *Store
	table  Table
	mu     sync.Locker
	reload func() error
	errLog io.Writer
}

// Attach makes st the store of table, with mu (the emulator's lock)
// held: it replaces the state with st's by calling reload (which reads
// st, see LoadJSON) and, if that fails, leaves b without a store and
// returns the error. Saves that fail later are logged to errLog (nil:
// standard error).
func (b *Binding) Attach(st *Store, table Table, mu sync.Locker, errLog io.Writer, reload func() error) error {
	mu.Lock()
	defer mu.Unlock()
	*b = Binding{store: st, table: table, mu: mu, reload: reload, errLog: errLog}
	if err := reload(); err != nil {
		b.store = nil
		return err
	}
	return nil
}

// Detach keeps the state in memory only from now on; mu is the
// emulator's lock.
func (b *Binding) Detach(mu sync.Locker) {
	mu.Lock()
	b.store = nil
	mu.Unlock()
}

// Attached reports whether b has a store; hold the emulator's lock.
func (b *Binding) Attached() bool { return b.store != nil }

// LoadJSON reads b's table: it checks each record's key with checkKey
// (nil: any key), decodes its value as JSON into a new T and hands both
// to put, which checks the value against the API's rules and adds it to
// the state being built. Errors name the table (and the record whose
// value does not decode). Call it from the reload given to Attach, with
// the emulator's lock held.
func LoadJSON[T any](b *Binding, checkKey func(key string) error, put func(key string, v *T) error) error {
	name := b.table.Name
	return b.store.Load(name, func(key string, value []byte) error {
		if checkKey != nil {
			if err := checkKey(key); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
		}
		v := new(T)
		if err := json.Unmarshal(value, v); err != nil {
			return fmt.Errorf("%s %s %s: %w", name, b.table.Kind, clipKey(key), err)
		}
		if err := put(key, v); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		return nil
	})
}

// Save makes a change durable (see Store.Persist): records, called with
// the emulator's lock held, returns the records to write (ErrUndone if
// the change is gone from memory), after clearing the table if clear is
// set. A failed save restores the state with reload and is logged. Save
// does nothing without a store; call it without the emulator's lock.
func (b *Binding) Save(clear bool, records func() ([]Record, error)) error {
	if b.store == nil {
		return nil
	}
	err := b.store.Persist(b.table.Name, b.mu, clear, records, b.reload)
	if err != nil {
		w := b.errLog
		if w == nil {
			w = os.Stderr
		}
		fmt.Fprintf(w, "%s: the change was not saved and is undone: %v\n", b.table.Emulator, err)
	}
	return err
}

// JSONRecord is the record of key holding v as JSON, or deleting key
// when v is nil.
func JSONRecord[T any](key string, v *T) (Record, error) {
	rec := Record{Key: key}
	if v == nil {
		return rec, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return Record{}, err
	}
	rec.Value = b
	return rec, nil
}

func clipKey(s string) string {
	if len(s) > 80 {
		return s[:80] + "..."
	}
	return s
}
