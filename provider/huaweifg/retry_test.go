package huaweifg_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/emukit"
	"github.com/fnasync/fnasync/provider/huaweifg"
	"github.com/fnasync/fnasync/provider/huaweifg/fgemu"
	"github.com/fnasync/fnasync/provider/retry"
)

// TestRetriesConverge: with the emulator answering 429 and 500 to about
// half the requests, every operation still succeeds. The faults are
// seeded, so the statuses seen are the same in every run.
func TestRetriesConverge(t *testing.T) {
	e := newEnv(t, &fgemu.Options{Faults: &emukit.Faults{ErrorRate: 0.25, ThrottleRate: 0.25, Rand: emukit.SeededRand(1)}})
	c := provider.NewClient(e.driver(t, &huaweifg.Options{Retry: &retry.Policy{Attempts: 30, Base: time.Millisecond, Max: 2 * time.Millisecond}}))
	ctx := context.Background()
	for i := range 10 {
		fn := model.FunctionRef{Function: fmt.Sprintf("f%d", i)}
		e.srv.AddFunction(testPID, fn.Function)
		cfg := &model.AsyncConfig{MaxRetryAttempts: model.Int(i % 4), StatusLog: model.Bool(i%2 == 0)}
		if err := c.Put(ctx, fn, cfg, nil); err != nil {
			t.Fatalf("Put %d: %v", i, err)
		}
		got, err := c.Get(ctx, fn)
		if err != nil || *got.MaxRetryAttempts != i%4 || *got.StatusLog != (i%2 == 0) {
			t.Fatalf("Get %d: %+v, %v", i, got, err)
		}
	}
	if _, err := c.ListFunctions(ctx); err != nil {
		t.Fatalf("ListFunctions: %v", err)
	}
	statuses := map[int]int{}
	for _, r := range e.log.Requests() {
		statuses[r.Status]++
	}
	if statuses[429] == 0 || statuses[500] == 0 {
		t.Errorf("statuses %v: the faults did not happen, so nothing was retried", statuses)
	}
}

// TestRetryHonoursDeadline: a wait that would pass the context's deadline
// is not started, and a request in flight ends with the context.
func TestRetryHonoursDeadline(t *testing.T) {
	fn := model.FunctionRef{Function: "orders"}
	slow := retry.Policy{Attempts: 10, Base: time.Second, Max: 5 * time.Second}
	t.Run("backoff", func(t *testing.T) {
		e := newEnv(t, &fgemu.Options{Faults: &emukit.Faults{ErrorRate: 1}})
		c := provider.NewClient(e.driver(t, &huaweifg.Options{Retry: &slow}))
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := c.Get(ctx, fn)
		// Ignoring the deadline means backoffs of up to 5 s; the bound
		// leaves room for a loaded CI machine under -race.
		if elapsed := time.Since(start); elapsed > 2*time.Second {
			t.Errorf("Get took %v with a 300ms deadline", elapsed)
		}
		if code := provider.Code(err); code != provider.Internal && code != provider.DeadlineExceeded {
			t.Errorf("code %v (%v), want Internal or DeadlineExceeded", code, err)
		}
	})
	t.Run("in flight", func(t *testing.T) {
		e := newEnv(t, &fgemu.Options{Faults: &emukit.Faults{Latency: 5 * time.Second}})
		c := provider.NewClient(e.driver(t, &huaweifg.Options{Retry: &slow}))
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := c.Get(ctx, fn)
		if elapsed := time.Since(start); elapsed > 2500*time.Millisecond { // the answer takes 5 s
			t.Errorf("Get took %v with a 200ms deadline", elapsed)
		}
		if provider.Code(err) != provider.DeadlineExceeded {
			t.Errorf("code %v (%v), want DeadlineExceeded", provider.Code(err), err)
		}
	})
	t.Run("per request timeout", func(t *testing.T) {
		e := newEnv(t, &fgemu.Options{Faults: &emukit.Faults{Latency: 5 * time.Second}})
		c := provider.NewClient(e.driver(t, &huaweifg.Options{Timeout: 100 * time.Millisecond,
			Retry: &retry.Policy{Attempts: 2, Base: time.Millisecond, Max: time.Millisecond}}))
		start := time.Now()
		_, err := c.Get(context.Background(), fn)
		if elapsed := time.Since(start); elapsed > 2500*time.Millisecond { // the answer takes 5 s
			t.Errorf("Get took %v with a 100ms request timeout", elapsed)
		}
		if provider.Code(err) != provider.Unavailable {
			t.Errorf("code %v (%v), want Unavailable", provider.Code(err), err)
		}
		// The emulator logs a request when its handler ends, which it
		// notices a little after the client gave up.
		deadline := time.Now().Add(2 * time.Second)
		for len(e.log.Requests()) < 2 && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		if n := len(e.log.Requests()); n != 2 {
			t.Errorf("%d requests, want 2 (retried once)", n)
		}
	})
}

// TestInvokeRetriesOnlyThrottling: a 5xx to an async invocation is not
// retried (the function may have run); throttling is.
func TestInvokeRetriesOnlyThrottling(t *testing.T) {
	for _, tc := range []struct {
		faults emukit.Faults
		code   provider.ErrorCode
	}{{emukit.Faults{ErrorRate: 1}, provider.Internal}, {emukit.Faults{ThrottleRate: 1}, provider.ResourceExhausted}} {
		e := newEnv(t, &fgemu.Options{Faults: &tc.faults})
		d := e.driver(t, nil)
		_, err := d.Invoke(context.Background(), model.FunctionRef{Function: "orders"}, nil)
		if d.ErrorCode(err) != tc.code {
			t.Errorf("Invoke: code %v (%v), want %v", d.ErrorCode(err), err, tc.code)
		}
		want := 1
		if tc.code == provider.ResourceExhausted {
			want = fastRetry.Attempts
		}
		if n := len(e.log.Requests()); n != want {
			t.Errorf("%v: %d requests, want %d", tc.code, n, want)
		}
	}
}
