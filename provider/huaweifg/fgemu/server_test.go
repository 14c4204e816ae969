package fgemu

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/provider/emukit"
)

func TestListFunctions(t *testing.T) {
	e := newEnv(t, &Options{PageSize: 2})
	e.s.AddFunction(testPID, "shop/orders")
	e.s.AddFunction(testPID, "shop/bad name") // ignored
	e.s.AddFunction("short", "ignored")       // ignored: not a project id
	e.s.AddFunction(strings.Repeat("f", 32), "elsewhere")
	var names []string
	for marker := 0; ; {
		var page functionListReply
		e.do(http.MethodGet, fmt.Sprintf("/v2/%s/fgs/functions?marker=%d", testPID, marker), "").decode(t, "list", &page)
		if page.Count != 2 || len(page.Functions) > 2 {
			t.Fatalf("page at %d: %+v", marker, page)
		}
		for _, f := range page.Functions {
			names = append(names, f.Package+"/"+f.FuncName)
			if f.FuncURN != functionURN(Region, testPID, f.Package, f.FuncName)+":latest" || f.Version != "latest" || f.LastModified == "" {
				t.Errorf("function item %+v", f)
			}
		}
		if page.NextMarker >= int(page.Count) {
			break
		}
		marker = page.NextMarker
	}
	if diff := cmp.Diff([]string{"default/my-func", "shop/orders"}, names); diff != "" {
		t.Errorf("functions (-want +got):\n%s", diff)
	}
	var empty functionListReply
	e.do(http.MethodGet, "/v2/"+strings.Repeat("e", 32)+"/fgs/functions", "").decode(t, "empty project", &empty)
	if empty.Count != 0 || empty.Functions == nil {
		t.Errorf("empty project: %+v", empty)
	}
}

func TestFaults(t *testing.T) {
	e := newEnv(t, &Options{Faults: &emukit.Faults{ErrorRate: 1}})
	e.do(http.MethodGet, fnPath("my-func", "async-invoke-config"), "").wantError(t, "5xx", http.StatusInternalServerError, "FSS.0500")
	// Throttling alternates between API Gateway's answer (with its
	// request_id) and FunctionGraph's.
	e = newEnv(t, &Options{Faults: &emukit.Faults{ThrottleRate: 1}})
	seen := map[string]bool{}
	for range 2 {
		r := e.do(http.MethodGet, fnPath("my-func", "async-invoke-config"), "")
		var body struct{ ErrorCode, RequestID string }
		if err := json.Unmarshal(r.body, &struct {
			ErrorCode *string `json:"error_code"`
			RequestID *string `json:"request_id"`
		}{&body.ErrorCode, &body.RequestID}); err != nil || r.status != http.StatusTooManyRequests {
			t.Fatalf("throttled: %d %s", r.status, r.body)
		}
		seen[body.ErrorCode] = true
		if (body.ErrorCode == "APIGW.0308") != (body.RequestID != "") {
			t.Errorf("%s: request_id %q: only the gateway's envelope has one", body.ErrorCode, body.RequestID)
		}
	}
	if !seen["APIGW.0308"] || !seen["FSS.0429"] {
		t.Errorf("throttling codes %v, want APIGW.0308 and FSS.0429", seen)
	}
}

func TestLogAndOnChange(t *testing.T) {
	var changes atomic.Int32
	e := newEnv(t, &Options{OnChange: func() { changes.Add(1) }})
	cfg := fnPath("my-func", "async-invoke-config")
	e.do(http.MethodGet, cfg, "")
	e.do(http.MethodPut, cfg, `{"max_async_retry_attempts":0}`)
	e.do(http.MethodPut, cfg, `{"max_async_retry_attempts":99}`)
	e.do(http.MethodPost, fnPath("my-func", "invocations-async"), `{}`)
	e.do(http.MethodDelete, cfg, "")
	e.do(http.MethodDelete, cfg, "")
	e.do(http.MethodGet, "/v2/x", "")
	var got []emukit.Request
	for _, r := range e.log.Requests() {
		got = append(got, emukit.Request{Cloud: r.Cloud, Operation: r.Operation, Method: r.Method, Path: r.Path, Status: r.Status})
	}
	p := "/v2/" + testPID + "/fgs/functions/my-func/"
	want := []emukit.Request{
		{Cloud: "huaweifg", Operation: "ShowFunctionAsyncInvokeConfig", Method: "GET", Path: p + "async-invoke-config", Status: 404},
		{Cloud: "huaweifg", Operation: "UpdateFunctionAsyncInvokeConfig", Method: "PUT", Path: p + "async-invoke-config", Status: 200},
		{Cloud: "huaweifg", Operation: "UpdateFunctionAsyncInvokeConfig", Method: "PUT", Path: p + "async-invoke-config", Status: 400},
		{Cloud: "huaweifg", Operation: "AsyncInvokeFunction", Method: "POST", Path: p + "invocations-async", Status: 202},
		{Cloud: "huaweifg", Operation: "DeleteFunctionAsyncInvokeConfig", Method: "DELETE", Path: p + "async-invoke-config", Status: 204},
		{Cloud: "huaweifg", Operation: "DeleteFunctionAsyncInvokeConfig", Method: "DELETE", Path: p + "async-invoke-config", Status: 404},
		{Cloud: "huaweifg", Operation: "Unknown", Method: "GET", Path: "/v2/x", Status: 404},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("log (-want +got):\n%s", diff)
	}
	if n := changes.Load(); n != 3 {
		t.Errorf("OnChange called %d times, want 3 (put, invoke, delete)", n)
	}
}

func TestStateRoundTrip(t *testing.T) {
	e := newEnv(t, nil)
	cfg := fnPath(myURN(":!prod"), "async-invoke-config")
	e.do(http.MethodPut, cfg, `{"max_async_retry_attempts":0,"destination_config":{"on_success":{"destination":"DIS","param":"{\"stream_name\":\"s\"}"}}}`)
	id := e.invoke(t, ":latest", `{"`+emukit.OutcomeField+`":"hang"}`)
	state, err := e.s.MarshalState()
	if err != nil {
		t.Fatal(err)
	}
	before := e.do(http.MethodGet, cfg, "").body
	e.s.Reset()
	e.do(http.MethodGet, cfg, "").wantError(t, "after reset", http.StatusNotFound, "FSS.1051")
	if err := e.s.UnmarshalState(state); err != nil {
		t.Fatal(err)
	}
	if after := e.do(http.MethodGet, cfg, "").body; string(after) != string(before) {
		t.Errorf("config after reload %s, want %s", after, before)
	}
	if got := e.list(t, ":latest", nil); got.Count != 1 || got.Invocations[0].RequestID != id || got.Invocations[0].Status != "WAIT" {
		t.Errorf("invocations after reload: %+v", got)
	}
	for _, bad := range []string{`{`, `{"projects":{"bad":{}}}`, `{"projects":{"` + testPID + `":{"functions":{"default/../x":{}}}}}`,
		`{"projects":{"` + testPID + `":{"functions":{"default/f":{"invocations":[{"id":"a b"}]}}}}}`} {
		if err := e.s.UnmarshalState([]byte(bad)); err == nil {
			t.Errorf("UnmarshalState(%s) succeeded", bad)
		}
	}
}

func TestQualifierSegment(t *testing.T) {
	for q, want := range map[string]string{"latest": "latest", "v20240101-120000": "v20240101-120000", "2": "2",
		"prod": "!prod", "!prod": "!prod", "v1": "!v1"} {
		if got := qualifierSegment(q); got != want {
			t.Errorf("qualifierSegment(%q) = %q, want %q", q, got, want)
		}
	}
}
