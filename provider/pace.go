package provider

import (
	"context"
	"time"

	"github.com/fnasync/fnasync/provider/driver"
	"github.com/fnasync/fnasync/provider/ratelimit"
	"github.com/fnasync/fnasync/provider/retry"
)

// send makes one driver call under the provider's limiter: it waits for
// its turn, then reports how the call's last try was answered. The tries
// before it are counted and reported by the retry policy Open gives the
// driver (pacedPolicy), so the limiter sees every try.
func send[T any](ctx context.Context, c *Client, call func() (T, error)) (T, error) {
	var zero T
	if c.pace != nil {
		if err := c.pace.Wait(ctx); err != nil {
			return zero, err
		}
	}
	if sem, _ := ctx.Value(inFlightKey{}).(chan struct{}); sem != nil {
		select {
		case sem <- struct{}{}:
			defer func() { <-sem }()
		case <-ctx.Done():
			return zero, ctx.Err()
		}
	}
	v, err := call()
	if c.pace != nil {
		c.pace.Observe(c.outcome(err))
	}
	return v, err
}

type inFlightKey struct{}

// WithInFlight returns ctx under which every Client request holds one of
// sem's slots while in flight (its retries included), taken after the
// limiter's wait: a cap on requests in flight (plan's parallelism) is not
// used up by requests waiting for their provider's turn.
func WithInFlight(ctx context.Context, sem chan struct{}) context.Context {
	return context.WithValue(ctx, inFlightKey{}, sem)
}

// sendErr is send for a call that returns only an error.
func sendErr(ctx context.Context, c *Client, call func() error) error {
	_, err := send(ctx, c, func() (struct{}, error) { return struct{}{}, call() })
	return err
}

// outcome classifies a try's error for the limiter, by the driver's code.
func (c *Client) outcome(err error) ratelimit.Outcome {
	if err == nil {
		return ratelimit.Answered
	}
	switch c.d.ErrorCode(err) {
	case driver.ResourceExhausted:
		return ratelimit.Throttled
	case driver.Internal, driver.Unavailable, driver.Canceled, driver.DeadlineExceeded, driver.Unknown:
		return ratelimit.Unanswered
	}
	return ratelimit.Answered
}

// maxRetryPause bounds how long OnRetry holds a retried try back.
const maxRetryPause = 5 * time.Second

// pacedPolicy returns p (nil: retry.Default) with an OnRetry that reports
// each retried try's failure to c's limiter and reserves the limiter's
// next turn for the try that follows; when that turn comes after the
// backoff, OnRetry sleeps the difference (at most maxRetryPause: it has no
// context to end it), so the retried try goes out at its turn. Then it
// calls p's own OnRetry.
func pacedPolicy(p *retry.Policy, c *Client) *retry.Policy {
	q := retry.Default
	if p != nil {
		q = *p
	}
	inner := q.OnRetry
	q.OnRetry = func(err error, try int, wait time.Duration) {
		c.pace.Observe(c.outcome(err))
		if d := c.pace.Take() - wait; d > 0 {
			time.Sleep(min(d, maxRetryPause))
		}
		if inner != nil {
			inner(err, try, wait)
		}
	}
	return &q
}
