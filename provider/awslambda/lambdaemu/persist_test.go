//go:build unix

package lambdaemu_test

import (
	"bytes"
	"net/http"
	"path/filepath"
	"strings"
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
	path := filepath.Join(t.TempDir(), "state.db")
	opts, disk := storetest.Options(t, nil)
	st, err := emukit.OpenStore(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	var errLog bytes.Buffer
	c := newClientWith(t, &lambdaemu.Options{ErrorLog: &errLog})
	if err := c.emu.UseStore(st); err != nil {
		t.Fatal(err)
	}
	if err := c.emu.AddFunction("orders", "prod"); err != nil {
		t.Fatal(err)
	}
	if a := c.ok("PUT", cfgPath, `{"MaximumRetryAttempts":1}`); a.status != http.StatusOK {
		t.Fatalf("PUT: %d %v", a.status, a.body)
	}
	disk.Break()
	if a := c.ok("PUT", cfgPath, `{"MaximumRetryAttempts":2}`); a.status != http.StatusInternalServerError || a.header.Get("X-Amzn-Errortype") != "ServiceException" || a.body["Type"] != "Service" {
		t.Errorf("PUT on a broken disk: %d %s %v, want 500 ServiceException", a.status, a.header.Get("X-Amzn-Errortype"), a.body)
	}
	if a := c.ok("GET", cfgPath, ""); a.body["MaximumRetryAttempts"] != 1.0 {
		t.Errorf("GET after the failed PUT: %v, want 1 retry (undone)", a.body)
	}
	if !strings.Contains(errLog.String(), "not saved") {
		t.Errorf("the failed write was not logged: %q", errLog.String())
	}
	disk.Repair()
	if a := c.ok("PUT", cfgPath+"?Qualifier=prod", `{"MaximumRetryAttempts":0}`); a.status != http.StatusOK {
		t.Fatalf("PUT after the repair: %d %v", a.status, a.body)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	st, err = emukit.OpenStore(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	again := newClientWith(t, nil)
	if err := again.emu.UseStore(st); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]float64{cfgPath: 1, cfgPath + "?Qualifier=prod": 0} {
		if a := again.ok("GET", path, ""); a.body["MaximumRetryAttempts"] != want {
			t.Errorf("GET %s from the file: %v, want %v retries", path, a.body, want)
		}
	}
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
		st, err := emukit.OpenStore(filepath.Join(t.TempDir(), "state.db"), nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.Write(lambdaemu.StoreTable, false, emukit.Record{Key: tc.key, Value: []byte(tc.value)}).Wait(); err != nil {
			t.Fatal(err)
		}
		err = lambdaemu.New(nil).UseStore(st)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("UseStore with %s=%s: got %v, want an error with %q", tc.key, tc.value, err, tc.want)
		}
		_ = st.Close()
	}
}
