package fgemu

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/provider/emukit"
)

func (e *env) invoke(t *testing.T, q, payload string) string {
	t.Helper()
	r := e.do(http.MethodPost, fnPath(myURN(q), "invocations-async"), payload)
	var got invokeReply
	r.decode(t, "invoke", &got)
	if r.status != http.StatusAccepted || !reRequestID.MatchString(got.RequestID) {
		t.Fatalf("invoke: %d %s", r.status, r.body)
	}
	return got.RequestID
}

func (e *env) list(t *testing.T, q string, query url.Values) invocationListReply {
	t.Helper()
	var out invocationListReply
	e.do(http.MethodGet, fnPath(myURN(q), "async-invocations")+"?"+query.Encode(), "").decode(t, "list", &out)
	return out
}

func TestInvocationLifecycle(t *testing.T) {
	e := newEnv(t, nil)
	start := e.clock.Now()
	ok := e.invoke(t, ":latest", `{"x":1}`)
	failed := e.invoke(t, ":latest", `{"`+emukit.OutcomeField+`":"fail"}`)
	hang := e.invoke(t, ":latest", `{"`+emukit.OutcomeField+`":"hang"}`)
	raw := e.invoke(t, ":latest", `not json`)
	other := e.invoke(t, ":!prod", `{}`)
	status := func() map[string]string {
		out := map[string]string{}
		for _, inv := range e.list(t, ":latest", nil).Invocations {
			out[inv.RequestID] = inv.Status
		}
		return out
	}
	if diff := cmp.Diff(map[string]string{ok: "WAIT", failed: "WAIT", hang: "WAIT", raw: "WAIT"}, status()); diff != "" {
		t.Errorf("queued (-want +got):\n%s", diff)
	}
	e.clock.Advance(emukit.QueuedFor)
	if diff := cmp.Diff(map[string]string{ok: "RUNNING", failed: "RUNNING", hang: "RUNNING", raw: "RUNNING"}, status()); diff != "" {
		t.Errorf("running (-want +got):\n%s", diff)
	}
	e.clock.Advance(emukit.RunningFor)
	if diff := cmp.Diff(map[string]string{ok: "SUCCESS", failed: "FAIL", hang: "RUNNING", raw: "SUCCESS"}, status()); diff != "" {
		t.Errorf("final (-want +got):\n%s", diff)
	}
	all := e.list(t, ":latest", nil)
	if all.Count != 4 || all.Invocations[0].RequestID != raw || all.Invocations[3].RequestID != ok {
		t.Errorf("list is not newest first or miscounts: %+v", all)
	}
	for _, inv := range all.Invocations {
		want := invocationReply{RequestID: inv.RequestID, Status: inv.Status, StartTime: TimesDocument.format(start, fieldInvocation)}
		switch inv.RequestID {
		case failed:
			want.ErrorCode, want.ErrorMessage, want.EndTime = FailedCode, inv.ErrorMessage, "2026-11-23T18:00:00"
		case ok, raw:
			want.EndTime = "2026-11-23T18:00:00"
		}
		if diff := cmp.Diff(want, inv, cmp.AllowUnexported(invocationReply{})); diff != "" || (inv.RequestID == failed && inv.ErrorMessage == "") {
			t.Errorf("record (-want +got):\n%s", diff)
		}
	}
	if got := e.list(t, ":!prod", nil); got.Count != 1 || got.Invocations[0].RequestID != other {
		t.Errorf("alias records: %+v", got)
	}

	// Cancel: a running one ends FAIL 4208; finished, unknown or recursive is 400.
	cancel := func(id, typ string) response {
		return e.do(http.MethodPost, fnPath(myURN(":latest"), "cancel"), fmt.Sprintf(`{"request_id":%q,"type":%q}`, id, typ))
	}
	if r := cancel(hang, "force"); r.status != http.StatusOK || string(r.body) != "null" {
		t.Fatalf("cancel running: %d %s", r.status, r.body)
	}
	got := e.list(t, ":latest", url.Values{"request_id": {hang}})
	if got.Count != 1 || got.Invocations[0].Status != "FAIL" || got.Invocations[0].ErrorCode != CanceledCode || got.Invocations[0].ErrorMessage != CanceledMessage {
		t.Errorf("cancelled record: %+v", got)
	}
	cancel(hang, "force").wantError(t, "cancel twice", http.StatusBadRequest, "FSS.0400")
	cancel(ok, "force").wantError(t, "cancel finished", http.StatusBadRequest, "FSS.0400")
	cancel("no-such-id", "force").wantError(t, "cancel unknown", http.StatusBadRequest, "FSS.0400")
	cancel(other, "force").wantError(t, "cancel another qualifier's", http.StatusBadRequest, "FSS.0400")
	cancel(other, "recursive").wantError(t, "cancel recursive", http.StatusBadRequest, "FSS.0400")
	cancel("../x", "force").wantError(t, "cancel bad id", http.StatusBadRequest, "FSS.0400")
	e.do(http.MethodPost, fnPath("nothere", "invocations-async"), "{}").wantError(t, "invoke unknown", http.StatusNotFound, "FSS.1051")
	// Seed 003: listing the records of a function that does not exist is
	// the generic 404 FSS.0404 "can not find function".
	r := e.do(http.MethodGet, fnPath("nothere", "async-invocations"), "")
	if er := r.wantError(t, "list unknown", http.StatusNotFound, "FSS.0404"); !strings.HasPrefix(er.ErrorMsg, "can not find function") {
		t.Errorf("list unknown: message %q, want seed 003's \"can not find function\"", er.ErrorMsg)
	}
}

func TestListInvocationsFilters(t *testing.T) {
	e := newEnv(t, &Options{PageSize: 2})
	base := e.clock.Now()
	var ids []string
	for i := range 5 {
		payload := "{}"
		if i%2 == 1 {
			payload = `{"` + emukit.OutcomeField + `":"fail"}`
		}
		ids = append(ids, e.invoke(t, ":latest", payload))
		e.clock.Advance(20 * time.Minute)
	}
	// ids[i] started at base+20i min; now is base+100 min.
	at := func(min int) string {
		return TimesDocument.format(base.Add(time.Duration(min)*time.Minute), fieldInvocation)
	}
	var paged []string
	for marker := 0; ; {
		page := e.list(t, ":latest", url.Values{"marker": {fmt.Sprint(marker)}, "limit": {"100"}, "query_begin_time": {at(0)}})
		if len(page.Invocations) > 2 || page.Count != 5 {
			t.Fatalf("page at %d: %+v", marker, page)
		}
		for _, inv := range page.Invocations {
			paged = append(paged, inv.RequestID)
		}
		if page.NextMarker >= page.Count {
			break
		}
		marker = page.NextMarker
	}
	if diff := cmp.Diff([]string{ids[4], ids[3], ids[2], ids[1], ids[0]}, paged); diff != "" {
		t.Errorf("paged (-want +got):\n%s", diff)
	}
	tests := []struct {
		name  string
		query url.Values
		want  []string
	}{
		{"status", url.Values{"status": {"FAIL"}, "query_begin_time": {at(0)}}, []string{ids[3], ids[1]}},
		{"range inclusive", url.Values{"query_begin_time": {at(20)}, "query_end_time": {at(60)}}, []string{ids[3], ids[2], ids[1]}},
		{"sdk style with Z", url.Values{"query_begin_time": {at(40) + "Z"}, "query_end_time": {at(40) + "Z"}}, []string{ids[2]}},
		{"default window is the last hour", url.Values{}, []string{ids[4], ids[3], ids[2]}},
		{"request id", url.Values{"request_id": {ids[0]}, "query_begin_time": {at(-60)}}, []string{ids[0]}},
	}
	for _, tc := range tests {
		var got []string
		page := e.list(t, ":latest", tc.query)
		for _, inv := range page.Invocations {
			got = append(got, inv.RequestID)
		}
		if diff := cmp.Diff(tc.want[:min(len(tc.want), 2)], got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
		if page.Count != len(tc.want) {
			t.Errorf("%s: count %d, want %d", tc.name, page.Count, len(tc.want))
		}
	}
	for _, q := range []url.Values{{"status": {"DONE"}}, {"query_begin_time": {"yesterday"}}, {"request_id": {"a b"}}, {"limit": {"x"}}} {
		e.do(http.MethodGet, fnPath(myURN(":latest"), "async-invocations")+"?"+q.Encode(), "").wantError(t, q.Encode(), http.StatusBadRequest, "FSS.1001")
	}
}
