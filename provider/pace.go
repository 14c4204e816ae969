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
	if c.pace == nil {
		return call()
	}
	if err := c.pace.Wait(ctx); err != nil {
		var zero T
		return zero, err
	}
	v, err := call()
	c.pace.Observe(c.outcome(err))
	return v, err
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

// pacedPolicy returns p (nil: retry.Default) with an OnRetry that reports
// each retried try's failure to c's limiter and counts the try that
// follows it (which waits out its backoff, not the limiter), before
// calling p's own OnRetry.
func pacedPolicy(p *retry.Policy, c *Client) *retry.Policy {
	q := retry.Default
	if p != nil {
		q = *p
	}
	inner := q.OnRetry
	q.OnRetry = func(err error, try int, wait time.Duration) {
		c.pace.Observe(c.outcome(err))
		c.pace.Take()
		if inner != nil {
			inner(err, try, wait)
		}
	}
	return &q
}
