package mapping

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/model"
)

func TestFgsStatusMapping(t *testing.T) {
	tests := []struct {
		status string
		code   int
		want   model.InvocationStatus
		ok     bool
	}{
		{"WAIT", 0, model.StatusQueued, true},
		{"RUNNING", 0, model.StatusRunning, true},
		{"SUCCESS", 0, model.StatusSucceeded, true},
		{"FAIL", 1, model.StatusFailed, true},
		{"FAIL", FgsCanceledCode, model.StatusStopped, true},
		{"DISCARD", 0, model.StatusExpired, true},
		{"PAUSED", 0, "", false},
	}
	for _, tc := range tests {
		got, ok := FgsStatusToNeutral(tc.status, tc.code)
		if got != tc.want || ok != tc.ok {
			t.Errorf("FgsStatusToNeutral(%s, %d) = %q, %v; want %q, %v", tc.status, tc.code, got, ok, tc.want, tc.ok)
		}
	}
	filters := []struct {
		in       []model.InvocationStatus
		word     string
		possible bool
	}{
		{nil, "", true},
		{[]model.InvocationStatus{model.StatusExpired}, "DISCARD", true},
		{[]model.InvocationStatus{model.StatusFailed, model.StatusStopped}, "FAIL", true},
		{[]model.InvocationStatus{model.StatusQueued, model.StatusRunning}, "", true},
		{[]model.InvocationStatus{model.StatusRetrying, model.StatusInvalid}, "", false},
	}
	for _, tc := range filters {
		word, possible := FgsStatusFilter(tc.in)
		if word != tc.word || possible != tc.possible {
			t.Errorf("FgsStatusFilter(%v) = %q, %v; want %q, %v", tc.in, word, possible, tc.word, tc.possible)
		}
	}
}

// TestFgsInvocationSeedExample decodes the example response of seed 003
// (ListAsyncInvocations) verbatim.
func TestFgsInvocationSeedExample(t *testing.T) {
	b, err := os.ReadFile("testdata/fgs/list-async-invocations-003.json")
	if err != nil {
		t.Fatal(err)
	}
	var list FgsInvocationList
	if err := json.Unmarshal(b, &list); err != nil {
		t.Fatal(err)
	}
	var got []model.Invocation
	for _, w := range list.Invocations {
		inv, err := FgsInvocationToNeutral(w, "latest")
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, inv)
	}
	at := time.Date(2019, 10, 25, 15, 37, 27, 0, time.UTC)
	want := []model.Invocation{{ID: "403fcbd6-ec41-401f-9fa7-386f3d3d****", Qualifier: "latest", Status: model.StatusSucceeded,
		CloudStatus: "SUCCESS", Start: at, End: at}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mismatch (-want +got):\n%s", diff)
	}
	if _, err := FgsInvocationToNeutral(FgsInvocation{RequestID: "r", Status: "FAIL", EndTime: "soon"}, ""); err == nil {
		t.Error("bad end_time accepted")
	}
	inv, err := FgsInvocationToNeutral(FgsInvocation{RequestID: "r", Status: "NEW"}, "")
	if err != nil || inv.Status != model.StatusInvalid || inv.CloudStatus != "NEW" {
		t.Errorf("unknown status: %+v, %v", inv, err)
	}
}
