package cmdutil

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/urfave/cli/v2"
)

// DefaultTimeout is the default of --timeout: long enough for an apply of
// thousands of functions at a modest rate limit, short enough that a run
// against an endpoint that never answers ends on its own.
const DefaultTimeout = 30 * time.Minute

// maxGrace is the most time changes in flight get, within the deadline,
// to finish once no new one may start.
const maxGrace = 5 * time.Second

// TimeoutFlag returns the --timeout flag bound to dest, the overall
// deadline of a command that talks to providers.
func TimeoutFlag(dest *time.Duration) *cli.DurationFlag {
	return &cli.DurationFlag{
		Name:        "timeout",
		Value:       DefaultTimeout,
		Usage:       "stop the run cleanly after this long (e.g. 90s, 1h; 0: no deadline)",
		Destination: dest,
	}
}

// CheckTimeout rejects a negative --timeout.
func CheckTimeout(d time.Duration) error {
	if d < 0 {
		return UsageErrorf("--timeout must not be negative (0 means no deadline), not %s", d)
	}
	return nil
}

// DeadlineError is the error of a run stopped by its --timeout, and the
// cause of its context ending.
type DeadlineError struct {
	Timeout time.Duration
}

// Error says that the deadline passed and what to do about it.
func (e *DeadlineError) Error() string {
	return fmt.Sprintf("the run's deadline passed (--timeout %s) and it stopped: run it again with a longer --timeout, or --timeout 0 for none", e.Timeout)
}

// Grace is how long, within a deadline of d, changes already in flight
// may go on once no new one starts: a tenth of d, at most 5 seconds.
func Grace(d time.Duration) time.Duration { return min(maxGrace, d/10) }

// WithTimeout returns ctx ending Grace(d) before d from now, so that what
// is in flight can finish within d; its cause is a *DeadlineError. With
// d ≤ 0 ctx has no deadline of its own.
func WithTimeout(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	if d <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeoutCause(ctx, d-Grace(d), &DeadlineError{Timeout: d})
}

// Deadline returns the *DeadlineError of a ctx from WithTimeout whose
// deadline has passed, else nil (also when ctx was cancelled, by Ctrl-C).
func Deadline(ctx context.Context) *DeadlineError {
	var de *DeadlineError
	if errors.As(context.Cause(ctx), &de) {
		return de
	}
	return nil
}

// Within runs run under a deadline of d (see WithTimeout). When the
// deadline passed and run failed, what it returns in place of that
// failure (some "context deadline exceeded" from deep inside) is the
// *DeadlineError; a failure the command has reported itself (an
// *ExitError without Err) is kept.
func Within(ctx context.Context, d time.Duration, run func(context.Context) error) error {
	ctx, cancel := WithTimeout(ctx, d)
	defer cancel()
	err := run(ctx)
	if de := Deadline(ctx); de != nil && err != nil {
		var ee *ExitError
		if errors.As(err, &ee) && ee.Err == nil {
			return err
		}
		return de
	}
	return err
}
