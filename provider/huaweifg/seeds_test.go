package huaweifg_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider/driver"
	"github.com/fnasync/fnasync/provider/huaweifg"
)

// serveFixed answers every request whose path ends with a key of bodies
// with that body, verbatim, as 200 application/json.
func serveFixed(t *testing.T, bodies map[string]string) string {
	t.Helper()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for suffix, body := range bodies {
			if strings.HasSuffix(r.URL.Path, suffix) {
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write([]byte(body))
				return
			}
		}
		http.NotFound(w, r)
	}))
	t.Cleanup(ts.Close)
	return ts.URL
}

func readSeed(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/seeds/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSeedConfigResponses decodes the example responses of the GET
// async-invoke-config documents (seeds 000 and 004) through the adapter.
// Their destinations name another project (and a "{region}" placeholder),
// so they stay refs, verbatim.
func TestSeedConfigResponses(t *testing.T) {
	ref := &model.Destination{Kind: model.KindRef, Name: "urn:fss:{region}:5691ba790e2b46ceb38316xxxxxxxxxx:function:default:testPython:latest"}
	want := &model.AsyncConfig{MaxEventAgeSeconds: model.Int(60), MaxRetryAttempts: model.Int(1), StatusLog: model.Bool(false), OnSuccess: ref, OnFailure: ref}
	for _, seed := range []string{"show-async-invoke-config-000.json", "show-async-invoke-config-004.json"} {
		url := serveFixed(t, map[string]string{"/async-invoke-config": readSeed(t, seed)})
		d := (&env{}).driver(t, &huaweifg.Options{Endpoint: url})
		got, err := d.GetAsyncConfig(context.Background(), model.FunctionRef{Function: "test"})
		if err != nil {
			t.Fatalf("%s: %v", seed, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", seed, diff)
		}
	}
}

// TestSeedInvocationResponses decodes seed 003's example (zone-less UTC
// times) and a record in the other documented time styles, "+08:00" and
// "YYYY-MM-DD HH:mm:ss", which the SDK's own SdkTime would misread.
func TestSeedInvocationResponses(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []model.Invocation
		next string
	}{
		{"seed 003", readSeed(t, "list-async-invocations-003.json"), []model.Invocation{{
			ID: "403fcbd6-ec41-401f-9fa7-386f3d3d****", Qualifier: "latest", Status: model.StatusSucceeded, CloudStatus: "SUCCESS",
			Start: time.Date(2019, 10, 25, 15, 37, 27, 0, time.UTC), End: time.Date(2019, 10, 25, 15, 37, 27, 0, time.UTC)}}, ""},
		{"offset and space styles", `{"invocations":[{"request_id":"r1","status":"FAIL","error_code":4208,` +
			`"error_message":"function invocation canceled","start_time":"2021-03-04T14:50:02+08:00","end_time":"2021-03-04 14:50:02"},` +
			`{"request_id":"r2","status":"DISCARD","error_code":0,"start_time":"2021-03-04T06:00:00Z"},` +
			`{"request_id":"r3","status":"WAIT","error_code":0,"start_time":"2021-03-04T06:00:00"}],"count":3,"next_marker":3}`,
			[]model.Invocation{
				{ID: "r1", Qualifier: "latest", Status: model.StatusStopped, CloudStatus: "FAIL", Error: "function invocation canceled",
					Start: time.Date(2021, 3, 4, 6, 50, 2, 0, time.UTC), End: time.Date(2021, 3, 4, 14, 50, 2, 0, time.UTC)},
				{ID: "r2", Qualifier: "latest", Status: model.StatusExpired, CloudStatus: "DISCARD", Start: time.Date(2021, 3, 4, 6, 0, 0, 0, time.UTC)},
				{ID: "r3", Qualifier: "latest", Status: model.StatusQueued, CloudStatus: "WAIT", Start: time.Date(2021, 3, 4, 6, 0, 0, 0, time.UTC)},
			}, ""},
		// Without "count" (seed 003 has none) the next marker alone says
		// that there is another page.
		{"next page without a count", `{"invocations":[{"request_id":"r4","status":"RUNNING","error_code":0,` +
			`"start_time":"2021-03-04T06:00:00Z"}],"next_marker":1}`,
			[]model.Invocation{{ID: "r4", Qualifier: "latest", Status: model.StatusRunning, CloudStatus: "RUNNING",
				Start: time.Date(2021, 3, 4, 6, 0, 0, 0, time.UTC)}}, "1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			url := serveFixed(t, map[string]string{"/async-invocations": tc.body})
			d := (&env{}).driver(t, &huaweifg.Options{Endpoint: url})
			page, err := d.ListInvocations(context.Background(), model.FunctionRef{Function: "test"}, &driver.InvocationOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, page.Invocations); diff != "" || page.NextToken != tc.next {
				t.Errorf("records (-want +got):\n%s\nnext token %q, want %q", diff, page.NextToken, tc.next)
			}
			for _, inv := range page.Invocations {
				if inv.Start.Location() != time.UTC || (!inv.End.IsZero() && inv.End.Location() != time.UTC) {
					t.Errorf("%s: times not in UTC: %v %v", inv.ID, inv.Start, inv.End)
				}
			}
		})
	}
}
