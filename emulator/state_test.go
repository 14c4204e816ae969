package emulator_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/emulator"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/emukit"
	"github.com/fnasync/fnasync/schemas"
)

var testDoc = &model.Document{Version: 1,
	Providers: map[string]*model.Provider{
		"hw":   {Name: "hw", Type: model.TypeHuaweiFG, Region: "cn-north-4", ProjectID: "0123456789abcdef0123456789abcdef"},
		"ali":  {Name: "ali", Type: model.TypeAliFC2, Region: "cn-hangzhou", AccountID: "1234567890123456"},
		"ali3": {Name: "ali3", Type: model.TypeAliFC3, Region: "cn-hangzhou", AccountID: "1234567890123456"},
		"aws":  {Name: "aws", Type: model.TypeAWSLambda, Region: "us-east-1", AccountID: "123456789012"}},
	Functions: []*model.FunctionEntry{{Provider: "hw", Function: "orders"}, {Provider: "ali", Function: "svc/orders"},
		{Provider: "ali3", Function: "orders"}, {Provider: "aws", Function: "orders"}}}

// applied returns a server on opts, seeded with testDoc, with a config
// put on each function through the portable client.
func applied(t *testing.T, opts *emulator.Options) *emulator.Server {
	t.Helper()
	srv, err := emulator.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Seed(testDoc); err != nil {
		t.Fatal(err)
	}
	l, err := emulator.Listen("", srv, false)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
	}()
	ak, sk := srv.Credentials()
	for _, e := range testDoc.Functions {
		p := testDoc.Providers[e.Provider]
		limits, _ := schemas.ProviderLimits(p)
		c, err := provider.Open(t.Context(), p, limits, &provider.OpenOptions{Endpoint: l.URL,
			Credentials: &provider.Credentials{AccessKey: ak, SecretKey: sk}})
		if err != nil {
			t.Fatal(err)
		}
		err = c.Put(t.Context(), e.Ref(), &model.AsyncConfig{MaxRetryAttempts: model.Int(2)}, nil)
		c.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	return srv
}

// exported returns the JSON form of the state file at path.
func exported(t *testing.T, path string) map[string]any {
	t.Helper()
	srv, err := emulator.New(&emulator.Options{StateFile: path})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	b, err := srv.MarshalState()
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// legacyJSON returns the state of testDoc applied, in the JSON form that
// older versions wrote to the state file.
func legacyJSON(t *testing.T) []byte {
	t.Helper()
	b, err := applied(t, nil).MarshalState()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestStateImportsJSON(t *testing.T) {
	legacy := legacyJSON(t)
	var want map[string]any
	if err := json.Unmarshal(legacy, &want); err != nil {
		t.Fatal(err)
	}
	t.Run("in place", func(t *testing.T) { // emulate --state FILE
		path := filepath.Join(t.TempDir(), "state.json")
		if err := os.WriteFile(path, legacy, 0o600); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, exported(t, path)); diff != "" {
			t.Errorf("imported state (-want +got):\n%s", diff)
		}
		entries, _ := os.ReadDir(filepath.Dir(path))
		if len(entries) != 1 {
			t.Errorf("beside the state: %v, want the state file alone", entries)
		}
	})
	t.Run("from another file", func(t *testing.T) { // the embedded .fnasync/
		dir := t.TempDir()
		old := filepath.Join(dir, "emulator-state.json")
		if err := os.WriteFile(old, legacy, 0o600); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "emulator-state.db")
		srv, err := emulator.New(&emulator.Options{StateFile: path, ImportFrom: old})
		if err != nil {
			t.Fatal(err)
		}
		_ = srv.Close()
		if _, err := os.Stat(old); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("the imported file is still there (%v)", err)
		}
		if diff := cmp.Diff(want, exported(t, path)); diff != "" {
			t.Errorf("imported state (-want +got):\n%s", diff)
		}
	})
}

// TestStateRefusesBadEntries: a state the API's rules refuse is not
// loaded; the error names the file and the entry, and the file is left
// as it was.
func TestStateRefusesBadEntries(t *testing.T) {
	legacy := legacyJSON(t)
	bad := bytes.Replace(legacy, []byte(`"maxAsyncRetryAttempts": 2`), []byte(`"maxAsyncRetryAttempts": -7`), 1)
	if bytes.Equal(bad, legacy) {
		t.Fatalf("no FC retries in %s", legacy)
	}
	path := filepath.Join(t.TempDir(), "state.json")
	if err := os.WriteFile(path, bad, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := emulator.New(&emulator.Options{StateFile: path})
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "1234567890123456/fc") ||
		!strings.Contains(err.Error(), "maxAsyncRetryAttempts must be between 0 and 8, got -7") {
		t.Errorf("got %v, want an error naming %s, the function and its retries", err, path)
	}
	if b, _ := os.ReadFile(path); !bytes.Equal(b, bad) {
		t.Error("the refused state file was changed")
	}
}

// TestStateLocked: a second server on a state file another one holds
// fails, naming the holder.
func TestStateLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	first, err := emulator.New(&emulator.Options{StateFile: path, Store: &emukit.StoreOptions{Command: "the first"}})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	_, err = emulator.New(&emulator.Options{StateFile: path})
	var le *emukit.LockedError
	if !errors.As(err, &le) || !strings.Contains(err.Error(), "the first") {
		t.Errorf("got %v, want a LockedError naming the first", err)
	}
}

// TestStateSeedKeepsFile: seeding functions that exist writes nothing:
// the state file keeps its bytes and its modification time.
func TestStateSeedKeepsFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	if err := applied(t, &emulator.Options{StateFile: path}).Close(); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	srv, err := emulator.New(&emulator.Options{StateFile: path})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Seed(testDoc); err != nil {
		t.Fatal(err)
	}
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(path)
	fi, err := os.Stat(path)
	if err != nil || !bytes.Equal(before, after) || !fi.ModTime().Equal(old) {
		t.Errorf("the state file changed: same bytes %t, modified %v (was %v)", bytes.Equal(before, after), fi.ModTime(), old)
	}
}

// TestStateReadOnlyFile: a state file the process may not write is an
// error at start, naming it, not a state whose writes vanish.
func TestStateReadOnlyFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes a read-only file anyway")
	}
	path := filepath.Join(t.TempDir(), "state.db")
	if err := applied(t, &emulator.Options{StateFile: path}).Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o400); err != nil {
		t.Fatal(err)
	}
	_, err := emulator.New(&emulator.Options{StateFile: path})
	if err == nil || !strings.Contains(err.Error(), path) || !errors.Is(err, os.ErrPermission) {
		t.Errorf("got %v, want a permission error naming %s", err, path)
	}
}
