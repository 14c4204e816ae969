package fcemu_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/provider/alifc/fcemu"
	"github.com/fnasync/fnasync/provider/emukit"
)

func TestStateRoundTrip(t *testing.T) {
	clk := &clock{t: time.Now()}
	f := newFixture(t, &fcemu.Options{Clock: clk.Now})
	if r := f.c.do("PUT", cfg3+"?qualifier=prod", `{"maxAsyncRetryAttempts":0,"asyncTask":false}`); r.Status != 200 {
		t.Fatal(r.Body)
	}
	apis[0].keepRecords(t, f.c)
	apis[0].invoke(t, f.c, "job-1", "hang")
	clk.Advance(emukit.QueuedFor)
	saved, err := f.s.MarshalState()
	if err != nil {
		t.Fatal(err)
	}
	f.s.Reset()
	if r := f.c.do("GET", cfg3+"?qualifier=prod", ""); r.code() != "FunctionNotFound" {
		t.Errorf("after Reset: %d %v, want FunctionNotFound", r.Status, r.Body)
	}
	if err := f.s.UnmarshalState(saved); err != nil {
		t.Fatal(err)
	}
	r := f.c.do("GET", cfg3+"?qualifier=prod", "")
	if r.Status != 200 || r.Body["maxAsyncRetryAttempts"] != 0.0 || r.Body["asyncTask"] != false {
		t.Errorf("after UnmarshalState: %d %v", r.Status, r.Body)
	}
	if _, st := apis[0].statuses(t, f.c, ""); st["job-1"] != "Running" {
		t.Errorf("invocation after UnmarshalState: %v", st)
	}
	again, _ := f.s.MarshalState()
	if diff := cmp.Diff(string(saved), string(again)); diff != "" {
		t.Errorf("state changed through a round trip:\n%s", diff)
	}
	if err := f.s.UnmarshalState([]byte("{")); err == nil {
		t.Errorf("UnmarshalState accepted bad JSON")
	}
}

func TestAddFunctionChecks(t *testing.T) {
	s := fcemu.New(nil)
	for _, tt := range []struct {
		version, account, name string
		quals                  []string
		ok                     bool
	}{
		{fcemu.Version2, "", "svc/fn", []string{"1", "prod"}, true},
		{fcemu.Version3, "123", "fn", nil, true},
		{fcemu.Version2, "", "fn", nil, false},
		{fcemu.Version3, "", "svc/fn", nil, false},
		{fcemu.Version3, "", "fn", []string{"a b"}, false},
		{fcemu.Version3, "a/b", "fn", nil, false},
		{"2016-08-15", "", "svc/fn", nil, false},
	} {
		if err := s.AddFunction(tt.version, tt.account, tt.name, tt.quals...); (err == nil) != tt.ok {
			t.Errorf("AddFunction(%s, %q, %q, %v) = %v, want ok=%v", tt.version, tt.account, tt.name, tt.quals, err, tt.ok)
		}
	}
}

// TestAccounts: X-Fc-Account-Id selects the account; DefaultAccountID
// is used without it.
func TestAccounts(t *testing.T) {
	f := newFixture(t, nil)
	if err := f.s.AddFunction(fcemu.Version3, "999", "only999"); err != nil {
		t.Fatal(err)
	}
	path := "/2023-03-30/functions/only999/async-invoke-config"
	if r := f.c.do("GET", path, ""); r.code() != "FunctionNotFound" {
		t.Errorf("default account sees another's function: %v", r.Body)
	}
	f.c.acct = "999"
	if r := f.c.do("GET", path, ""); r.code() != "AsyncConfigNotExists" {
		t.Errorf("account 999: %v", r.Body)
	}
	f.c.acct = "bad/acct"
	if r := f.c.do("GET", path, ""); r.Status != 400 {
		t.Errorf("invalid account header: %d %v", r.Status, r.Body)
	}
}

func TestRequestLog(t *testing.T) {
	f := newFixture(t, nil)
	f.c.do("GET", cfg2, "")
	f.c.do("PUT", cfg3, `{}`)
	f.c.do("GET", "/nowhere", "")
	var got []emukit.Request
	for _, r := range f.log.Requests() {
		r.Time = time.Time{}
		got = append(got, r)
	}
	want := []emukit.Request{
		{Seq: 1, Cloud: "alifc", Operation: "GetFunctionAsyncInvokeConfig", Method: "GET", Path: cfg2, Status: 404},
		{Seq: 2, Cloud: "alifc3", Operation: "PutAsyncInvokeConfig", Method: "PUT", Path: cfg3, Status: 200},
		{Seq: 3, Cloud: "alifc", Operation: "PathNotSupported", Method: "GET", Path: "/nowhere", Status: 404},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("log (-want +got):\n%s", diff)
	}
}

func TestFaults(t *testing.T) {
	for _, tt := range []struct {
		faults emukit.Faults
		path   string
		status int
		code   string
	}{
		{emukit.Faults{ErrorRate: 1}, cfg2, 500, "InternalServerError"},
		{emukit.Faults{ThrottleRate: 1}, cfg2, 429, "ResourceThrottled"},
		{emukit.Faults{ThrottleRate: 1}, cfg3, 429, "ResourceThrottled"},
		{emukit.Faults{Latency: 20 * time.Millisecond}, cfg3, 404, "AsyncConfigNotExists"},
	} {
		f := newFixture(t, &fcemu.Options{Faults: &tt.faults})
		start := time.Now()
		r := f.c.do("GET", tt.path, "")
		if r.Status != tt.status || r.code() != tt.code {
			t.Errorf("%+v: %d %v, want %d %s", tt.faults, r.Status, r.Body, tt.status, tt.code)
		}
		if el := time.Since(start); el < tt.faults.Latency {
			t.Errorf("%+v: answered after %v", tt.faults, el)
		}
		if strings.HasPrefix(tt.path, "/2023") && r.Body["RequestId"] != r.Header.Get("X-Fc-Request-Id") {
			t.Errorf("RequestId %v differs from the header %q", r.Body["RequestId"], r.Header.Get("X-Fc-Request-Id"))
		}
	}
}
