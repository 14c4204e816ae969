package emulator_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/fnasync/fnasync/emulator"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/schemas"
)

// putThrough puts a config on the FunctionGraph function orders through
// the portable client, served by l.
func putThrough(t *testing.T, l *emulator.Listener, retries int) {
	t.Helper()
	p := &model.Provider{Name: "hw", Type: model.TypeHuaweiFG, Region: "cn-north-4", ProjectID: "0123456789abcdef0123456789abcdef"}
	limits, _ := schemas.ProviderLimits(p)
	ak, sk := l.Credentials()
	c, err := provider.Open(t.Context(), p, limits, &provider.OpenOptions{Endpoint: l.URL,
		Credentials: &provider.Credentials{AccessKey: ak, SecretKey: sk}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Put(t.Context(), model.FunctionRef{Provider: "hw", Function: "orders"}, &model.AsyncConfig{MaxRetryAttempts: model.Int(retries)}, nil); err != nil {
		t.Fatal(err)
	}
}

// TestReadOnlyNeverWrites opens a read-only emulator (as plan, export and
// invocations list do) on a state file that does not exist, and on one
// another emulator writes while it is open (the read-only one holds the
// lock only while loading): it creates no file, and its close does not
// put back what it loaded over the other's writes.
func TestReadOnlyNeverWrites(t *testing.T) {
	doc := &model.Document{Version: 1,
		Providers: map[string]*model.Provider{"hw": {Name: "hw", Type: model.TypeHuaweiFG, Region: "cn-north-4", ProjectID: "0123456789abcdef0123456789abcdef"}},
		Functions: []*model.FunctionEntry{{Provider: "hw", Function: "orders"}}}
	path := filepath.Join(t.TempDir(), ".fnasync", emulator.StateFile)

	ro := listen(t, &emulator.Options{StateFile: path, ReadOnly: true})
	if err := ro.Create(doc, doc.Functions); err != nil {
		t.Fatal(err)
	}
	putThrough(t, ro, 1)
	if err := ro.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Dir(path)); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("a read-only emulator made its state directory (%v)", err)
	}

	rw := listen(t, &emulator.Options{StateFile: path})
	if err := rw.Create(doc, doc.Functions); err != nil {
		t.Fatal(err)
	}
	putThrough(t, rw, 1)
	if err := rw.Close(); err != nil {
		t.Fatal(err)
	}
	// The read-only emulator holds the lock only while it loads, so
	// another writes while it is open.
	ro = listen(t, &emulator.Options{StateFile: path, ReadOnly: true})
	putThrough(t, ro, 3)
	rw = listen(t, &emulator.Options{StateFile: path})
	putThrough(t, rw, 2)
	if err := rw.Close(); err != nil {
		t.Fatal(err)
	}
	written, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := ro.Close(); err != nil {
		t.Fatal(err)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(written, after) {
		t.Errorf("closing a read-only emulator rewrote the state file:\n--- written\n%s\n--- after\n%s", written, after)
	}
}

// listen serves a new emulator on loopback.
func listen(t *testing.T, opts *emulator.Options) *emulator.Listener {
	t.Helper()
	srv, err := emulator.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	l, err := emulator.Listen("", srv, false)
	if err != nil {
		t.Fatal(err)
	}
	return l
}
