package fcemu_test

import (
	"fmt"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/provider/alifc/fcemu"
	"github.com/fnasync/fnasync/provider/emukit"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// api describes one version's invocation paths and names.
type api struct {
	fn, list, idHeader, idKey, records, prefixKey string
	stop                                          func(id string) string
}

var apis = []api{
	{"/2021-04-06/services/svc/functions/fn", "/stateful-async-invocations", "X-Fc-Stateful-Async-Invocation-Id", "invocationId", "invocations", "invocationIdPrefix",
		func(id string) string { return "/stateful-async-invocations/" + id }},
	{"/2023-03-30/functions/fn", "/async-tasks", "X-Fc-Async-Task-Id", "taskId", "tasks", "prefix",
		func(id string) string { return "/async-tasks/" + id + "/stop" }},
}

func (a api) invoke(t *testing.T, c *client, id, outcome string) string {
	t.Helper()
	c.extra = map[string]string{"X-Fc-Invocation-Type": "Async"}
	if id != "" {
		c.extra[a.idHeader] = id
	}
	defer func() { c.extra = nil }()
	r := c.do("POST", a.fn+"/invocations", fmt.Sprintf(`{%q:%q}`, emukit.OutcomeField, outcome))
	if r.Status != 202 || r.Header.Get(a.idHeader) == "" {
		t.Fatalf("invoke: %d %v %v", r.Status, r.Header, r.Body)
	}
	return r.Header.Get(a.idHeader)
}

// keepRecords turns the status flag on in the LATEST config, so that the
// emulator keeps invocation records, as FC does only then.
func (a api) keepRecords(t *testing.T, c *client) {
	t.Helper()
	if r := c.do("PUT", a.fn+"/async-invoke-config", `{"statefulInvocation":true,"asyncTask":true}`); r.Status != 200 {
		t.Fatalf("PUT config: %d %v", r.Status, r.Body)
	}
}

// statuses lists records as id → status, in the order returned.
func (a api) statuses(t *testing.T, c *client, query string) ([]string, map[string]string) {
	t.Helper()
	r := c.do("GET", a.fn+a.list+"?"+query, "")
	if r.Status != 200 {
		t.Fatalf("list ?%s: %d %v", query, r.Status, r.Body)
	}
	var ids []string
	st := map[string]string{}
	for _, rec := range r.Body[a.records].([]any) {
		m := rec.(map[string]any)
		id := m[a.idKey].(string)
		ids = append(ids, id)
		st[id] = m["status"].(string)
	}
	return ids, st
}

func TestInvocationLifecycle(t *testing.T) {
	for _, a := range apis {
		t.Run(a.records, func(t *testing.T) {
			clk := &clock{t: time.Now()}
			f := newFixture(t, &fcemu.Options{Clock: clk.Now})
			a.keepRecords(t, f.c)
			ok := a.invoke(t, f.c, "job-ok", "")
			bad := a.invoke(t, f.c, "", "fail")
			hang := a.invoke(t, f.c, "job-hang", "hang")
			_, st := a.statuses(t, f.c, "")
			if diff := cmp.Diff(map[string]string{ok: "Enqueued", bad: "Enqueued", hang: "Enqueued"}, st); diff != "" {
				t.Errorf("at once (-want +got):\n%s", diff)
			}
			clk.Advance(emukit.QueuedFor)
			if _, st = a.statuses(t, f.c, ""); st[ok] != "Running" || st[hang] != "Running" {
				t.Errorf("after QueuedFor: %v", st)
			}
			clk.Advance(emukit.RunningFor)
			ids, st := a.statuses(t, f.c, "")
			if diff := cmp.Diff(map[string]string{ok: "Succeeded", bad: "Failed", hang: "Running"}, st); diff != "" {
				t.Errorf("after RunningFor (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([]string{hang, bad, ok}, ids); diff != "" {
				t.Errorf("not newest first (-want +got):\n%s", diff)
			}
			if r := f.c.do("PUT", a.fn+a.stop(ok), ""); r.Status != 400 || r.code() != "InvalidArgument" {
				t.Errorf("stopping a finished invocation: %d %v", r.Status, r.Body)
			}
			if r := f.c.do("PUT", a.fn+a.stop(hang), ""); r.Status != 204 {
				t.Errorf("stopping a running invocation: %d %v", r.Status, r.Body)
			}
			if _, st = a.statuses(t, f.c, a.prefixKey+"=job-h"); len(st) != 1 || st[hang] != "Stopped" {
				t.Errorf("after stop: %v", st)
			}
			if r := f.c.do("PUT", a.fn+a.stop("job-none"), ""); r.Status != 404 {
				t.Errorf("stopping an unknown invocation: %d %v", r.Status, r.Body)
			}
			if r := f.c.do("PUT", a.fn+a.stop("9bad"), ""); r.Status != 400 {
				t.Errorf("stopping an invalid id: %d %v", r.Status, r.Body)
			}
			get := f.c.do("GET", a.fn+a.list+"/"+bad, "")
			if get.Status != 200 || get.Body["status"] != "Failed" || get.Body["endTime"] == nil {
				t.Errorf("get %s: %d %v", bad, get.Status, get.Body)
			}
			// OnChange ran for the config, three invocations and one stop.
			if n := f.changes.Load(); n != 5 {
				t.Errorf("OnChange called %d times, want 5", n)
			}
		})
	}
}

// TestRecordsKeptOnlyWithStatusFlag: FC keeps invocation records (and
// deduplicates ids) only when the config's status flag is on; without it
// (or without a config) an invocation runs unrecorded, the list is empty
// and a stop is refused with a 400 InvalidArgument.
func TestRecordsKeptOnlyWithStatusFlag(t *testing.T) {
	for _, a := range apis {
		for _, tt := range []struct {
			name    string
			config  string // PUT body, "" for no config
			records int
		}{
			{"no config", "", 0},
			{"flag off", `{"statefulInvocation":false,"asyncTask":false}`, 0},
			{"flag on", `{"statefulInvocation":true,"asyncTask":true}`, 1},
		} {
			t.Run(a.records+"/"+tt.name, func(t *testing.T) {
				f := newFixture(t, nil)
				if tt.config != "" {
					if r := f.c.do("PUT", a.fn+"/async-invoke-config", tt.config); r.Status != 200 {
						t.Fatalf("PUT config: %d %v", r.Status, r.Body)
					}
				}
				first := a.invoke(t, f.c, "job-1", "hang")
				second := a.invoke(t, f.c, "job-1", "hang")
				ids, _ := a.statuses(t, f.c, "")
				if len(ids) != tt.records || first != "job-1" || second != "job-1" {
					t.Errorf("invoked job-1 twice: ids %q and %q, records %q; want %d records", first, second, ids, tt.records)
				}
				r := f.c.do("PUT", a.fn+a.stop("job-1"), "")
				if tt.records == 0 && (r.Status != 400 || r.code() != "InvalidArgument") {
					t.Errorf("stop without records: %d %v, want 400 InvalidArgument", r.Status, r.Body)
				}
				if tt.records == 1 && r.Status != 204 {
					t.Errorf("stop with records: %d %v, want 204", r.Status, r.Body)
				}
			})
		}
	}
}

func TestInvocationListFilters(t *testing.T) {
	for _, a := range apis {
		t.Run(a.records, func(t *testing.T) {
			clk := &clock{t: time.Now()}
			f := newFixture(t, &fcemu.Options{Clock: clk.Now})
			a.keepRecords(t, f.c)
			var ids []string
			for i, o := range []string{"", "fail", "", "fail", ""} {
				ids = append(ids, a.invoke(t, f.c, fmt.Sprintf("job-%d", i), o))
				clk.Advance(time.Second)
			}
			start := strconv.FormatInt(clk.Now().Add(-3*time.Second).UnixMilli(), 10)
			for _, tt := range []struct {
				query string
				want  []string
			}{
				{"status=Failed", []string{ids[3], ids[1]}},
				{"status=Succeeded&sortOrderByTime=asc", []string{ids[0], ids[2], ids[4]}},
				{"startedTimeBegin=" + start, []string{ids[4], ids[3], ids[2]}},
				{"startedTimeEnd=" + start, []string{ids[2], ids[1], ids[0]}},
				{a.prefixKey + "=job-3", []string{ids[3]}},
				{"qualifier=prod", nil},
				{"qualifier=LATEST&limit=2", []string{ids[4], ids[3]}},
				{"limit=2&nextToken=" + ids[2], []string{ids[2], ids[1]}},
			} {
				got, _ := a.statuses(t, f.c, tt.query)
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("?%s (-want +got):\n%s", tt.query, diff)
				}
			}
			r := f.c.do("GET", a.fn+a.list+"?limit=2", "")
			if r.Body["nextToken"] != ids[2] {
				t.Errorf("nextToken = %v, want %s", r.Body["nextToken"], ids[2])
			}
			for _, q := range []string{"nextToken=nope", "startedTimeBegin=x", "sortOrderByTime=up", "limit=0"} {
				if r := f.c.do("GET", a.fn+a.list+"?"+q, ""); r.Status != 400 {
					t.Errorf("?%s: %d, want 400", q, r.Status)
				}
			}
		})
	}
}

func TestInvokeRefusals(t *testing.T) {
	f := newFixture(t, nil)
	for _, tt := range []struct {
		name   string
		header map[string]string
		status int
	}{
		{"sync", map[string]string{"X-Fc-Invocation-Type": "Sync"}, 400},
		{"no type", nil, 400},
		{"bad id", map[string]string{"X-Fc-Invocation-Type": "Async", "X-Fc-Async-Task-Id": "-x"}, 400},
	} {
		f.c.extra = tt.header
		if r := f.c.do("POST", apis[1].fn+"/invocations", "{}"); r.Status != tt.status {
			t.Errorf("%s: %d %v, want %d", tt.name, r.Status, r.Body, tt.status)
		}
	}
	f.c.extra = map[string]string{"X-Fc-Invocation-Type": "Async"}
	if r := f.c.do("POST", "/2023-03-30/functions/nofn/invocations", "{}"); r.code() != "FunctionNotFound" {
		t.Errorf("invoking an unknown function: %d %v", r.Status, r.Body)
	}
}

// TestFailingInvocationRetries: with maxAsyncRetryAttempts n a failing
// invocation alternates Running and Retrying n times within
// emukit.RunningFor and then fails, when one without retries would; an
// invocation can be stopped while Retrying.
func TestFailingInvocationRetries(t *testing.T) {
	for _, a := range apis {
		for _, tt := range []struct {
			retries string
			// status and alreadyRetriedTimes at the middle of each fifth of
			// RunningFor, then at its end.
			want   []string
			events []string
		}{
			{"2", []string{"Running 0", "Retrying 1", "Running 1", "Retrying 2", "Running 2", "Failed 2"},
				[]string{"Enqueued", "Running", "Retrying", "Running", "Retrying", "Running", "Failed"}},
			{"0", []string{"Running 0", "Running 0", "Running 0", "Running 0", "Running 0", "Failed 0"},
				[]string{"Enqueued", "Running", "Failed"}},
		} {
			t.Run(a.records+"/"+tt.retries, func(t *testing.T) {
				clk := &clock{t: time.Now()}
				f := newFixture(t, &fcemu.Options{Clock: clk.Now})
				if r := f.c.do("PUT", a.fn+"/async-invoke-config", `{"statefulInvocation":true,"asyncTask":true,"maxAsyncRetryAttempts":`+tt.retries+`}`); r.Status != 200 {
					t.Fatalf("PUT config: %d %v", r.Status, r.Body)
				}
				id := a.invoke(t, f.c, "job-f", "fail")
				stopped := a.invoke(t, f.c, "job-s", "fail")
				slice := emukit.RunningFor / 5
				clk.Advance(emukit.QueuedFor - slice/2)
				var got []string
				var last map[string]any
				for i := range 5 {
					clk.Advance(slice)
					last = f.c.do("GET", a.fn+a.list+"/"+id, "").Body
					got = append(got, fmt.Sprint(last["status"], " ", last["alreadyRetriedTimes"]))
					if i == 1 { // job-s is where job-f is: Retrying with 2 retries
						if r := f.c.do("PUT", a.fn+a.stop(stopped), ""); r.Status != 204 {
							t.Errorf("stopping a %s invocation: %d %v", last["status"], r.Status, r.Body)
						}
					}
				}
				if st := f.c.do("GET", a.fn+a.list+"/"+stopped, "").Body["status"]; st != "Stopped" {
					t.Errorf("job-s after the stop: %v", st)
				}
				clk.Advance(slice)
				last = f.c.do("GET", a.fn+a.list+"/"+id, "").Body
				got = append(got, fmt.Sprint(last["status"], " ", last["alreadyRetriedTimes"]))
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("statuses (-want +got):\n%s", diff)
				}
				var events []string
				for _, e := range last["events"].([]any) {
					events = append(events, e.(map[string]any)["status"].(string))
				}
				if diff := cmp.Diff(tt.events, events); diff != "" {
					t.Errorf("events (-want +got):\n%s", diff)
				}
			})
		}
	}
}
