//go:build unix

package fcemu_test

import (
	"io"
	"net/http"
	"testing"

	"github.com/fnasync/fnasync/provider/alifc/fcemu"
	"github.com/fnasync/fnasync/provider/emukit"
	"github.com/fnasync/fnasync/provider/emukit/storetest"
)

// TestStoreFailedWrite: with the disk under the store broken, a PUT is
// answered with InternalServerError in each API version's envelope and
// leaves the config as it was; with the disk repaired, changes are
// durable: a new emulator on the file serves them.
func TestStoreFailedWrite(t *testing.T) {
	var f *fixture
	storetest.FailedWrite(t, storetest.FailedWriteSteps{
		Working: func(st *emukit.Store, errLog io.Writer) {
			f = newFixture(t, &fcemu.Options{ErrorLog: errLog})
			if err := f.s.UseStore(st); err != nil {
				t.Fatal(err)
			}
			for _, a := range []struct{ v, fn string }{{fcemu.Version2, "svc/fn"}, {fcemu.Version3, "fn"}} {
				if err := f.s.AddFunction(a.v, "", a.fn); err != nil {
					t.Fatal(err)
				}
			}
			for _, path := range []string{cfg2, cfg3} {
				if r := f.c.do(http.MethodPut, path, `{"maxAsyncRetryAttempts":1}`); r.Status != http.StatusOK {
					t.Fatalf("PUT %s: %+v", path, r)
				}
			}
		},
		Broken: func() {
			for _, path := range []string{cfg2, cfg3} {
				if r := f.c.do(http.MethodPut, path, `{"maxAsyncRetryAttempts":2}`); r.Status != http.StatusInternalServerError || r.code() != "InternalServerError" {
					t.Errorf("PUT %s on a broken disk: got %d %q, want 500 InternalServerError", path, r.Status, r.code())
				}
				if r := f.c.do(http.MethodGet, path, ""); r.Body["maxAsyncRetryAttempts"] != 1.0 {
					t.Errorf("GET %s after the failed PUT: %v, want 1 retry (undone)", path, r.Body)
				}
			}
		},
		Repaired: func() {
			if r := f.c.do(http.MethodPut, cfg3, `{"maxAsyncRetryAttempts":3}`); r.Status != http.StatusOK {
				t.Fatalf("PUT after the repair: %+v", r)
			}
		},
		Reopened: func(st *emukit.Store) {
			again := newFixture(t, nil)
			if err := again.s.UseStore(st); err != nil {
				t.Fatal(err)
			}
			for path, want := range map[string]float64{cfg2: 1, cfg3: 3} {
				if r := again.c.do(http.MethodGet, path, ""); r.Body["maxAsyncRetryAttempts"] != want {
					t.Errorf("GET %s from the file: %v, want %v retries", path, r.Body, want)
				}
			}
		},
	})
}

// TestStoreRefusesBadRecords: records the API would refuse are not
// loaded, and the error names the function and what is wrong.
func TestStoreRefusesBadRecords(t *testing.T) {
	acct := fcemu.DefaultAccountID
	for _, tc := range []struct{ key, value, want string }{
		{acct + "/fc3/f", `{"configs":{"LATEST":{"maxAsyncEventAgeInSeconds":60,"maxAsyncRetryAttempts":-7}}}`,
			"function " + acct + "/fc3/f: config LATEST: maxAsyncRetryAttempts must be between 0 and 8, got -7"},
		{acct + "/fc2/s/f", `{"configs":{"LATEST":{"maxAsyncEventAgeInSeconds":0}}}`, "maxAsyncEventAgeInSeconds must be between 1 and"},
		{acct + "/fc3/f", `{"configs":{"LATEST":{"maxAsyncEventAgeInSeconds":60,"onSuccess":"acs:nope"}}}`, `onSuccess destination "acs:nope"`},
		{acct + "/fc9/f", `{}`, "invalid function key"},
		{acct + "/fc3/f", `{"invocations":[{"id":"i1","qualifier":"3"}]}`, `unknown qualifier "3"`},
	} {
		storetest.RefusesRecord(t, fcemu.StoreTable, emukit.Record{Key: tc.key, Value: []byte(tc.value)}, tc.want, fcemu.New(nil).UseStore)
	}
}
