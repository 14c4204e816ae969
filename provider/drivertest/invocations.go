package drivertest

import (
	"errors"
	"slices"
	"testing"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/driver"
)

func testInvocations(t *testing.T, f *fixture) {
	fn, _ := f.function(t, "conf-invoke")
	ids := map[Outcome][]string{}
	for _, o := range []Outcome{Succeed, Fail, Succeed, Hang, Fail, Succeed} {
		id, err := f.h.Invoke(f.ctx, fn, o)
		if errors.Is(err, ErrUnsupported) {
			t.Skip("harness cannot invoke")
		}
		if err != nil {
			t.Fatalf("Invoke: %v", err)
		}
		ids[o] = append(ids[o], id)
	}
	if f.caps.NoInvocationList != "" {
		err := f.noRequest(t, "ListInvocations where unsupported", func() error {
			_, err := f.c.ListInvocations(f.ctx, fn, nil)
			return err
		})
		wantCode(t, "ListInvocations where unsupported", err, provider.Unimplemented)
		if f.caps.StopInvocation {
			t.Errorf("capabilities: invocations can be stopped but not listed")
		}
		err = f.c.StopInvocation(f.ctx, fn, ids[Hang][0])
		wantCode(t, "StopInvocation where unsupported", err, provider.Unimplemented)
		return
	}
	all, err := f.c.ListInvocations(f.ctx, fn, nil)
	if err != nil {
		t.Fatalf("ListInvocations: %v", err)
	}
	if len(all) != 6 {
		t.Fatalf("ListInvocations gave %d records, want 6: %+v", len(all), all)
	}
	byID := map[string]model.Invocation{}
	for _, inv := range all {
		byID[inv.ID] = inv
	}
	for o, want := range map[Outcome]model.InvocationStatus{Succeed: model.StatusSucceeded, Fail: model.StatusFailed} {
		for _, id := range ids[o] {
			if got := byID[id]; got.Status != want || got.CloudStatus == "" {
				t.Errorf("invocation %s: status %q (cloud %q), want %q", id, got.Status, got.CloudStatus, want)
			}
		}
	}
	failed, err := f.c.ListInvocations(f.ctx, fn, &provider.InvocationListOptions{
		InvocationOptions: driver.InvocationOptions{Statuses: []model.InvocationStatus{model.StatusFailed}}})
	if err != nil {
		t.Fatalf("ListInvocations(failed): %v", err)
	}
	var gotFailed []string
	for _, inv := range failed {
		gotFailed = append(gotFailed, inv.ID)
	}
	slices.Sort(gotFailed)
	wantFailed := slices.Sorted(slices.Values(ids[Fail]))
	if !slices.Equal(gotFailed, wantFailed) {
		t.Errorf("failed invocations: got %v, want %v", gotFailed, wantFailed)
	}
	limited, err := f.c.ListInvocations(f.ctx, fn, &provider.InvocationListOptions{Limit: 4})
	if err != nil || len(limited) != 4 {
		t.Errorf("ListInvocations(limit 4): %d records, err %v", len(limited), err)
	}
	if !f.caps.StopInvocation {
		err := f.c.StopInvocation(f.ctx, fn, ids[Hang][0])
		wantCode(t, "StopInvocation where unsupported", err, provider.Unimplemented)
		return
	}
	if err := f.c.StopInvocation(f.ctx, fn, ids[Hang][0]); err != nil {
		t.Fatalf("StopInvocation of a running invocation: %v", err)
	}
	one, err := f.c.ListInvocations(f.ctx, fn, &provider.InvocationListOptions{InvocationOptions: driver.InvocationOptions{ID: ids[Hang][0]}})
	if err != nil || len(one) != 1 {
		t.Fatalf("ListInvocations(id): %v, err %v", one, err)
	}
	if s := one[0].Status; s != model.StatusStopped && s != model.StatusStopping {
		t.Errorf("stopped invocation has status %q", s)
	}
	if err := f.c.StopInvocation(f.ctx, fn, ids[Succeed][0]); err == nil {
		t.Errorf("StopInvocation of a finished invocation succeeded, want an error")
	}
}
