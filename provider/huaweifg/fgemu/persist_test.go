//go:build unix

package fgemu

import (
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/fnasync/fnasync/provider/emukit"
	"github.com/fnasync/fnasync/provider/emukit/storetest"
)

// TestStoreFailedWrite: with the disk under the store broken, a PUT is
// answered with FSS.0500 in FunctionGraph's envelope and leaves the
// config as it was; with the disk repaired, changes are durable: a new
// emulator on the file serves them.
func TestStoreFailedWrite(t *testing.T) {
	var e *env
	put := func(retries int) response {
		return e.do(http.MethodPut, fnPath(myURN(""), "async-invoke-config"), `{"max_async_retry_attempts":`+strconv.Itoa(retries)+`}`)
	}
	storetest.FailedWrite(t, storetest.FailedWriteSteps{
		Working: func(st *emukit.Store, errLog io.Writer) {
			e = newEnv(t, &Options{ErrorLog: errLog})
			if err := e.s.UseStore(st); err != nil {
				t.Fatal(err)
			}
			if err := e.s.AddFunction(testPID, "my-func"); err != nil {
				t.Fatal(err)
			}
			if r := put(1); r.status != http.StatusOK {
				t.Fatalf("PUT: %d %s", r.status, r.body)
			}
		},
		Broken: func() {
			put(2).wantError(t, "PUT on a broken disk", http.StatusInternalServerError, "FSS.0500")
			var got configReply
			e.do(http.MethodGet, fnPath(myURN(""), "async-invoke-config"), "").decode(t, "GET", &got)
			if got.MaxAsyncRetryAttempts != 1 {
				t.Errorf("after the failed PUT the config has %d retries, want 1 (undone)", got.MaxAsyncRetryAttempts)
			}
		},
		Repaired: func() {
			if r := put(3); r.status != http.StatusOK {
				t.Fatalf("PUT after the repair: %d %s", r.status, r.body)
			}
		},
		Reopened: func(st *emukit.Store) {
			again := newEnv(t, nil)
			if err := again.s.UseStore(st); err != nil {
				t.Fatal(err)
			}
			var got configReply
			again.do(http.MethodGet, fnPath(myURN(""), "async-invoke-config"), "").decode(t, "GET from the file", &got)
			if got.MaxAsyncRetryAttempts != 3 {
				t.Errorf("the file holds %d retries, want 3", got.MaxAsyncRetryAttempts)
			}
		},
	})
}

// TestStoreRefusesBadRecords: records the API would refuse are not
// loaded, and the error names the function and what is wrong.
func TestStoreRefusesBadRecords(t *testing.T) {
	fn := `{"created":"2026-01-01T00:00:00Z","configs":{"latest":{"maxAge":60,"retries":-7}}}`
	for _, tc := range []struct{ key, value, want string }{
		{testPID + "/default/f", fn, "function " + testPID + "/default/f: config latest: max_async_retry_attempts -7 is out of range"},
		{testPID + "/default/f", strings.Replace(fn, "-7", "1", 1)[:40], "unexpected end of JSON"},
		{"nope/default/f", `{}`, "not a valid project"},
		{testPID + "/default/f", `{"configs":{"v1":{"maxAge":60}}}`, "config v1: the function has no such qualifier"},
		{testPID + "/default/f", `{"configs":{"latest":{"maxAge":60,"onFailure":{"destination":"OBS","param":"{}"}}}}`, `needs "bucket"`},
	} {
		storetest.RefusesRecord(t, StoreTable, emukit.Record{Key: tc.key, Value: []byte(tc.value)}, tc.want, New(nil).UseStore)
	}
}
