//go:build unix

package lambdaemu_test

import (
	"io"
	"net/http"
	"testing"

	"github.com/fnasync/fnasync/provider/awslambda/lambdaemu"
	"github.com/fnasync/fnasync/provider/emukit"
	"github.com/fnasync/fnasync/provider/emukit/storetest"
)

// TestStoreFailedWrite: with the disk under the store broken, a PUT is
// answered 500 ServiceException and leaves the config as it was; with
// the disk repaired, changes are durable: a new emulator on the file
// serves them.
func TestStoreFailedWrite(t *testing.T) {
	var c *client
	storetest.FailedWrite(t, storetest.FailedWriteSteps{
		Working: func(st *emukit.Store, errLog io.Writer) {
			c = newClientWith(t, &lambdaemu.Options{ErrorLog: errLog})
			if err := c.emu.UseStore(st); err != nil {
				t.Fatal(err)
			}
			if err := c.emu.AddFunction("orders", "prod"); err != nil {
				t.Fatal(err)
			}
			if a := c.ok("PUT", cfgPath, `{"MaximumRetryAttempts":1}`); a.status != http.StatusOK {
				t.Fatalf("PUT: %d %v", a.status, a.body)
			}
		},
		Broken: func() {
			if a := c.ok("PUT", cfgPath, `{"MaximumRetryAttempts":2}`); a.status != http.StatusInternalServerError || a.header.Get("X-Amzn-Errortype") != "ServiceException" || a.body["Type"] != "Service" {
				t.Errorf("PUT on a broken disk: %d %s %v, want 500 ServiceException", a.status, a.header.Get("X-Amzn-Errortype"), a.body)
			}
			if a := c.ok("GET", cfgPath, ""); a.body["MaximumRetryAttempts"] != 1.0 {
				t.Errorf("GET after the failed PUT: %v, want 1 retry (undone)", a.body)
			}
		},
		Repaired: func() {
			if a := c.ok("PUT", cfgPath+"?Qualifier=prod", `{"MaximumRetryAttempts":0}`); a.status != http.StatusOK {
				t.Fatalf("PUT after the repair: %d %v", a.status, a.body)
			}
		},
		Reopened: func(st *emukit.Store) {
			again := newClientWith(t, nil)
			if err := again.emu.UseStore(st); err != nil {
				t.Fatal(err)
			}
			for path, want := range map[string]float64{cfgPath: 1, cfgPath + "?Qualifier=prod": 0} {
				if a := again.ok("GET", path, ""); a.body["MaximumRetryAttempts"] != want {
					t.Errorf("GET %s from the file: %v, want %v retries", path, a.body, want)
				}
			}
		},
	})
}

// TestStoreRefusesBadRecords: records the API would refuse are not
// loaded, and the error names the function and what is wrong.
func TestStoreRefusesBadRecords(t *testing.T) {
	for _, tc := range []struct{ key, value, want string }{
		{"f", `{"configs":{"$LATEST":{"maximumRetryAttempts":-7}}}`, "function f: config $LATEST: MaximumRetryAttempts must be between 0 and 2, got -7"},
		{"f", `{"configs":{"$LATEST":{"maximumEventAgeInSeconds":59}}}`, "MaximumEventAgeInSeconds must be between 60 and 21600"},
		{"f", `{"configs":{"$LATEST":{"onSuccess":"arn:aws:s3:::b"}}}`, "S3 buckets are supported only for on-failure destinations"},
		{"f", `{"configs":{"prod":{}}}`, "the function has no such qualifier"},
		{"f.g", `{}`, "invalid name"},
		{"f", `{"aliases":{"live":"7"}}`, `points at "7", which is not a version of it`},
		{"f", `{"invocations":[{"requestId":"r1","qualifier":"3"}]}`, `unknown qualifier "3"`},
	} {
		storetest.RefusesRecord(t, lambdaemu.StoreTable, emukit.Record{Key: tc.key, Value: []byte(tc.value)}, tc.want, lambdaemu.New(nil).UseStore)
	}
}
