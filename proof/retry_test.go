package proof

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/fnasync/fnasync/provider/retry"
)

var errTransient, errFinal = errors.New("transient"), errors.New("final")

func isTransient(err error) bool { return errors.Is(err, errTransient) }

// forever is longer than any test: a wait of this policy that starts is
// a wait that never ends (the chance of a draw under an hour is 1e-6).
var forever = &retry.Policy{Attempts: 5, Base: 1_000_000 * time.Hour, Max: 1_000_000 * time.Hour}

// TestRetryDo holds retry.Do's contract, case by case: the attempts
// bound, non-retryable errors stop at once, no wait is started that would
// end past the context's deadline, cancelling the context ends a wait,
// and a context that has ended is never waited on.
func TestRetryDo(t *testing.T) {
	t.Parallel()
	tiny := &retry.Policy{Attempts: 4, Base: time.Microsecond, Max: 10 * time.Microsecond}
	tests := []struct {
		name    string
		policy  *retry.Policy
		ctx     func() (context.Context, context.CancelFunc)
		results []error // what each call returns; the last repeats
		cancel  int     // cancel the context during call number cancel (0: never)
		calls   int
		want    error
	}{
		{"success", tiny, background, []error{nil}, 0, 1, nil},
		{"success after retries", tiny, background, []error{errTransient, errTransient, nil}, 0, 3, nil},
		{"attempts bound", tiny, background, []error{errTransient}, 0, tiny.Attempts, errTransient},
		{"default attempts bound", &retry.Policy{Attempts: retry.Default.Attempts, Base: time.Microsecond, Max: time.Microsecond},
			background, []error{errTransient}, 0, retry.Default.Attempts, errTransient},
		{"non-retryable stops", tiny, background, []error{errTransient, errFinal}, 0, 2, errFinal},
		{"no wait past the deadline", forever, within(time.Hour), []error{errTransient}, 0, 1, errTransient},
		{"cancel ends the wait", forever, cancelLater, []error{errTransient}, 0, 1, errTransient},
		{"ended during a call", tiny, background, []error{errTransient}, 2, 2, errTransient},
		{"ended before the first call", tiny, cancelled, []error{nil}, 0, 0, context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := tt.ctx()
			defer cancel()
			calls := 0
			done := make(chan error, 1)
			go func() {
				done <- retry.Do(ctx, tt.policy, isTransient, func(context.Context) error {
					calls++
					if calls == tt.cancel {
						cancel()
					}
					return tt.results[min(calls, len(tt.results))-1]
				})
			}()
			select {
			case err := <-done:
				if calls != tt.calls || !errors.Is(err, tt.want) {
					t.Errorf("%d calls, error %v; want %d calls, %v", calls, err, tt.calls, tt.want)
				}
			case <-time.After(time.Minute):
				t.Fatal("Do is still waiting after a minute: it started a wait it should not have, or a cancel did not end it")
			}
		})
	}
}

func background() (context.Context, context.CancelFunc) {
	return context.WithCancel(context.Background())
}

func within(d time.Duration) func() (context.Context, context.CancelFunc) {
	return func() (context.Context, context.CancelFunc) { return context.WithTimeout(context.Background(), d) }
}

func cancelLater() (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	return ctx, cancel
}

func cancelled() (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx, cancel
}

// TestRetryBackoff: every wait of the default policy and of the fast test
// policy is within [0, min(Max, Base·2^(n-1))], and the waits spread up
// to that cap (full jitter), so later waits are longer.
func TestRetryBackoff(t *testing.T) {
	t.Parallel()
	for _, p := range []*retry.Policy{&retry.Default, fast} {
		for n := 1; n <= 12; n++ {
			ceil := min(p.Base<<(n-1), p.Max)
			var most time.Duration
			for range 200 {
				d := p.Backoff(n)
				if d < 0 || d > ceil {
					t.Fatalf("%+v: Backoff(%d) = %v, outside [0, %v]", *p, n, d, ceil)
				}
				most = max(most, d)
			}
			if most < ceil/2 {
				t.Errorf("%+v: 200 draws of Backoff(%d) all under %v: the waits do not spread to the cap %v", *p, n, ceil/2, ceil)
			}
		}
	}
}
