package huaweifg_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/driver"
	"github.com/fnasync/fnasync/provider/emukit"
)

func TestInvocationFiltersAndStop(t *testing.T) {
	e := newEnv(t, nil)
	e.srv.AddFunction(testPID, "shop/orders", "prod")
	d := e.driver(t, nil)
	c := provider.NewClient(d)
	ctx := context.Background()
	fn := model.FunctionRef{Function: "shop/orders", Qualifier: "prod"}
	start := e.clock.Now()
	hang, err := d.Invoke(ctx, fn, []byte(`{"`+emukit.OutcomeField+`":"hang"}`))
	if err != nil {
		t.Fatal(err)
	}
	failed, err := d.Invoke(ctx, fn, []byte(`{"`+emukit.OutcomeField+`":"fail"}`))
	if err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(10 * time.Minute) // within the signature window
	late, err := d.Invoke(ctx, fn, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.StopInvocation(ctx, fn, hang); err != nil {
		t.Fatalf("stop a running invocation: %v", err)
	}
	list := func(o driver.InvocationOptions) []string {
		t.Helper()
		invs, err := c.ListInvocations(ctx, fn, &provider.InvocationListOptions{InvocationOptions: o})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, inv := range invs {
			if inv.Qualifier != "prod" {
				t.Errorf("record %s has qualifier %q", inv.ID, inv.Qualifier)
			}
			ids = append(ids, inv.ID)
		}
		return ids
	}
	tests := []struct {
		name string
		opts driver.InvocationOptions
		want []string
	}{
		{"all, newest first", driver.InvocationOptions{}, []string{late, failed, hang}},
		{"stopped", driver.InvocationOptions{Statuses: []model.InvocationStatus{model.StatusStopped}}, []string{hang}},
		{"failed is not stopped", driver.InvocationOptions{Statuses: []model.InvocationStatus{model.StatusFailed}}, []string{failed}},
		{"queued or running", driver.InvocationOptions{Statuses: []model.InvocationStatus{model.StatusQueued, model.StatusRunning}}, []string{late}},
		{"never reported", driver.InvocationOptions{Statuses: []model.InvocationStatus{model.StatusRetrying}}, nil},
		{"time window", driver.InvocationOptions{From: start.Add(-time.Second), To: start.Add(time.Minute)}, []string{failed, hang}},
		{"by id", driver.InvocationOptions{ID: failed}, []string{failed}},
	}
	for _, tc := range tests {
		if got := list(tc.opts); strings.Join(got, ",") != strings.Join(tc.want, ",") {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
	err = c.StopInvocation(ctx, fn, failed)
	var se *sdkerr.ServiceResponseError
	if provider.Code(err) != provider.FailedPrecondition || !strings.Contains(err.Error(), "by force") || !c.ErrorAs(err, &se) || se.ErrorCode != "FSS.0400" {
		t.Errorf("stop a finished invocation: code %v, err %v", provider.Code(err), err)
	}
}

// TestListInvocationsOfMissingFunction: the emulator answers as seed 003
// shows (404 FSS.0404 "can not find function"), which the adapter reads as
// FunctionNotFound, not as a missing config.
func TestListInvocationsOfMissingFunction(t *testing.T) {
	e := newEnv(t, nil)
	c := provider.NewClient(e.driver(t, nil))
	_, err := c.ListInvocations(context.Background(), model.FunctionRef{Function: "nothere"}, nil)
	if provider.Code(err) != provider.FunctionNotFound || !strings.Contains(err.Error(), "FSS.0404") {
		t.Errorf("ListInvocations of a missing function: code %v, err %v; want FunctionNotFound from FSS.0404", provider.Code(err), err)
	}
}
