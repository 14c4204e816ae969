// Package retry runs an operation again after retryable failures, waiting
// with exponential backoff and full jitter, bounded in attempts and never
// past the context's deadline. Both cloud adapters use it: neither SDK
// retries with backoff by itself.
package retry

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"
)

// Policy bounds the retries. The zero value is not useful; use Default or
// fill every field.
type Policy struct {
	// Attempts is the total number of tries, first included.
	Attempts int
	// Base is the backoff before the second try; it doubles each time.
	Base time.Duration
	// Max caps one backoff.
	Max time.Duration
	// MaxAfter caps the wait a server asks for (an error with a
	// RetryAfter hint, from a Retry-After header); 0 means Max. A hint
	// longer than the backoff replaces it, up to this cap.
	MaxAfter time.Duration
	// OnRetry, if set, is told of each failure that will be retried,
	// before the wait: the error, the try that failed (1 for the first)
	// and the wait. It must be safe for concurrent use.
	OnRetry func(err error, try int, wait time.Duration)
}

// Default is the policy the adapters use unless told otherwise: 12 tries,
// waits growing from 200ms up to 5s (at most about 36s of waiting in all,
// half that on average), or what the server asks for up to 10s. Twelve tries make a run of 1,000 requests against
// a cloud failing 30% of them at random converge all but about once in
// 2,000 runs (1,000 × 0.3¹²); eight tries would fail one run in 16.
var Default = Policy{Attempts: 12, Base: 200 * time.Millisecond, Max: 5 * time.Second, MaxAfter: 10 * time.Second}

// Hinted is an error that says how long to wait before trying again.
type Hinted interface {
	error
	RetryAfter() time.Duration
}

// WithAfter returns err carrying a wait hint d (e.g. a Retry-After
// header's); err's text and chain are kept. A nil err or d ≤ 0 returns
// err as it is.
func WithAfter(err error, d time.Duration) error {
	if err == nil || d <= 0 {
		return err
	}
	return &hinted{err: err, after: d}
}

// After returns the wait hint err carries, if any.
func After(err error) (time.Duration, bool) {
	var h Hinted
	if errors.As(err, &h) && h.RetryAfter() > 0 {
		return h.RetryAfter(), true
	}
	return 0, false
}

type hinted struct {
	err   error
	after time.Duration
}

func (h *hinted) Error() string             { return h.err.Error() }
func (h *hinted) Unwrap() error             { return h.err }
func (h *hinted) RetryAfter() time.Duration { return h.after }

// wait returns the wait before try n+1 after err: the backoff, or err's
// hint when it is longer, capped at MaxAfter (Max when 0).
func (p Policy) wait(n int, err error) time.Duration {
	w := p.Backoff(n)
	if hint, ok := After(err); ok && hint > w {
		limit := p.MaxAfter
		if limit <= 0 {
			limit = p.Max
		}
		w = max(w, min(hint, limit))
	}
	return w
}

// Backoff returns the wait before try n+1 (n ≥ 1): a uniformly random
// duration in [0, min(Max, Base·2^(n-1))] ("full jitter").
func (p Policy) Backoff(n int) time.Duration {
	ceil := p.Base << min(n-1, 30)
	if ceil > p.Max || ceil <= 0 {
		ceil = p.Max
	}
	if ceil <= 0 {
		return 0
	}
	return rand.N(ceil + 1)
}

// Do calls op until it succeeds, fails with an error retryable rejects, the
// attempts are used up or ctx ends. It waits the backoff between tries, or
// longer when the error carries a hint (WithAfter), up to MaxAfter. A wait
// that would pass ctx's deadline is
// not started: Do returns op's last error instead. It returns ctx's error if
// ctx ended before any attempt could finish, and otherwise op's last error.
func Do(ctx context.Context, p *Policy, retryable func(error) bool, op func(context.Context) error) error {
	if p == nil {
		p = &Default
	}
	var err error
	for n := 1; ; n++ {
		if cerr := ctx.Err(); cerr != nil {
			if err == nil {
				err = cerr
			}
			return err
		}
		err = op(ctx)
		if err == nil || n >= p.Attempts || ctx.Err() != nil || !retryable(err) {
			return err
		}
		wait := p.wait(n, err)
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
			return err
		}
		if p.OnRetry != nil {
			p.OnRetry(err, n, wait)
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
	}
}
