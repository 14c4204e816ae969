package retry

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
)

var errRetry, errFinal = errors.New("retry me"), errors.New("final")

func retryable(err error) bool { return errors.Is(err, errRetry) }

func TestDo(t *testing.T) {
	fast := &Policy{Attempts: 4, Base: time.Millisecond, Max: 2 * time.Millisecond}
	tests := []struct {
		name      string
		results   []error // what each attempt returns; the last repeats
		wantCalls int
		wantErr   error
	}{
		{"success first", []error{nil}, 1, nil},
		{"success after retries", []error{errRetry, errRetry, nil}, 3, nil},
		{"attempts bound", []error{errRetry}, 4, errRetry},
		{"non-retryable stops", []error{errRetry, errFinal}, 2, errFinal},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			calls := 0
			var told []int // the tries OnRetry was told of
			p := *fast
			p.OnRetry = func(err error, try int, wait time.Duration) {
				if !errors.Is(err, errRetry) || wait > p.Max {
					t.Errorf("OnRetry(%v, %d, %v): want errRetry and a wait within %v", err, try, wait, p.Max)
				}
				told = append(told, try)
			}
			err := Do(context.Background(), &p, retryable, func(context.Context) error {
				r := tc.results[min(calls, len(tc.results)-1)]
				calls++
				return r
			})
			if calls != tc.wantCalls || !errors.Is(err, tc.wantErr) {
				t.Fatalf("calls %d, err %v; want %d, %v", calls, err, tc.wantCalls, tc.wantErr)
			}
			// Every try but the last was retried, and OnRetry heard of it.
			if len(told) != calls-1 || (len(told) > 0 && told[len(told)-1] != calls-1) {
				t.Errorf("OnRetry told of tries %v after %d calls, want 1..%d", told, calls, calls-1)
			}
		})
	}
}

func TestDoNeverWaitsPastDeadline(t *testing.T) {
	slow := &Policy{Attempts: 10, Base: time.Hour, Max: time.Hour}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	calls := 0
	done := make(chan error, 1)
	go func() {
		done <- Do(ctx, slow, retryable, func(context.Context) error { calls++; return errRetry })
	}()
	select {
	case err := <-done:
		// Either the wait did not start (backoff > deadline) or it was cut
		// short by the deadline; both return the operation's last error.
		if !errors.Is(err, errRetry) || calls != 1 {
			t.Fatalf("err %v after %d calls, want the last operation error after 1", err, calls)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Do waited past the context's deadline")
	}
}

func TestDoCancelledBeforeStart(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	calls := 0
	err := Do(ctx, nil, retryable, func(context.Context) error { calls++; return nil })
	if calls != 0 || !errors.Is(err, context.Canceled) {
		t.Fatalf("calls %d, err %v; want no call and context.Canceled", calls, err)
	}
}

func TestBackoffWithinBounds(t *testing.T) {
	p := Policy{Attempts: 8, Base: 100 * time.Millisecond, Max: time.Second}
	for n := 1; n <= 40; n++ {
		ceil := min(p.Base<<min(n-1, 30), p.Max)
		for range 50 {
			if d := p.Backoff(n); d < 0 || d > ceil {
				t.Fatalf("Backoff(%d) = %v, want within [0, %v]", n, d, ceil)
			}
		}
	}
}

// TestRetryAfterHint: a hint longer than the backoff replaces it, capped
// at MaxAfter (Max when MaxAfter is 0); a shorter one changes nothing.
func TestRetryAfterHint(t *testing.T) {
	p := Policy{Attempts: 2, Base: time.Millisecond, Max: 2 * time.Millisecond, MaxAfter: 50 * time.Millisecond}
	noCap := Policy{Attempts: 2, Base: time.Millisecond, Max: 2 * time.Millisecond}
	tests := []struct {
		name     string
		p        Policy
		hint     time.Duration
		min, max time.Duration
	}{
		{"no hint", p, 0, 0, 2 * time.Millisecond},
		{"hint within the cap", p, 30 * time.Millisecond, 30 * time.Millisecond, 30 * time.Millisecond},
		{"hint past the cap", p, time.Hour, 50 * time.Millisecond, 50 * time.Millisecond},
		{"no MaxAfter: Max caps", noCap, time.Hour, 2 * time.Millisecond, 2 * time.Millisecond},
	}
	for _, tc := range tests {
		var waits []time.Duration
		tc.p.OnRetry = func(_ error, _ int, w time.Duration) { waits = append(waits, w) }
		err := Do(context.Background(), &tc.p, retryable, func(context.Context) error { return WithAfter(errRetry, tc.hint) })
		if !errors.Is(err, errRetry) || len(waits) != 1 {
			t.Fatalf("%s: err %v, waits %v", tc.name, err, waits)
		}
		if w := waits[0]; w < tc.min || w > tc.max {
			t.Errorf("%s: waited %v, want %v..%v", tc.name, w, tc.min, tc.max)
		}
	}
	if d, ok := After(fmt.Errorf("wrapped: %w", WithAfter(errRetry, time.Second))); !ok || d != time.Second {
		t.Errorf("After through a wrap = %v, %v", d, ok)
	}
}
