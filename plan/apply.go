package plan

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/fnasync/fnasync/provider"
)

// ApplyError says how many changes of an apply were not carried out.
type ApplyError struct {
	Failed, Skipped int
}

func (e *ApplyError) Error() string {
	return fmt.Sprintf("apply incomplete: %d failed, %d not attempted", e.Failed, e.Skipped)
}

// Apply carries out p's changes and records each one's Result and Error.
// Writes to one function are serialized; different functions run in
// parallel up to opts.Parallelism and each provider's rate limit. When ctx
// ends (cancelled, or at its deadline), no new change starts (the rest are
// Skipped, saying which) and the changes in flight get opts.Grace to
// finish. A failed change does not stop the others. The error is an
// *ApplyError when some change failed or was skipped.
func Apply(ctx context.Context, ps *Providers, p *Plan, opts *Options) error {
	o := opts.withDefaults()
	var todo []*Change
	for _, c := range p.Changes {
		if c.Action != NoOp {
			todo = append(todo, c)
		}
	}
	work := byFunction(todo, (*Change).Ref)
	o.Progress.Start("applying", len(todo))
	defer o.Progress.Finish()

	reqCtx, cancel := context.WithCancel(provider.WithInFlight(context.WithoutCancel(ctx), make(chan struct{}, o.Parallelism)))
	defer cancel()
	stop := context.AfterFunc(ctx, func() { time.AfterFunc(o.Grace, cancel) })
	defer stop()

	byProvider(work, func(c *Change) string { return c.Provider }, o.Parallelism, func(changes []*Change) {
		for _, c := range changes {
			if ctx.Err() != nil {
				skip(ctx, []*Change{c})
				continue
			}
			cp, lines := o.Progress.(ChangeProgress)
			if lines {
				cp.Begin(c)
			}
			err := ps.apply(reqCtx, c)
			if err != nil {
				c.Result, c.Error = Failed, err.Error()
				if ctx.Err() != nil && reqCtx.Err() != nil && errors.Is(err, context.Canceled) {
					c.Error = cutInFlight(ctx)
				}
				c.lasting = !transient(err)
			} else {
				c.Result = Applied
			}
			if lines {
				cp.End(c, err)
			}
			o.Progress.Step()
		}
	})
	var ae ApplyError
	for _, c := range p.Changes {
		switch c.Result {
		case Failed:
			ae.Failed++
		case Skipped:
			ae.Skipped++
		}
	}
	if ae.Failed+ae.Skipped > 0 {
		return &ae
	}
	return nil
}

// transient reports whether err may go away by itself: throttling, a
// cloud failure, an unreachable endpoint, a deadline or an interruption.
func transient(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || provider.Code(err).Retryable()
}

// cutInFlight says why a change in flight was cut off when ctx ended
// (after the grace): the request may have reached the cloud, so whether
// it was applied is unknown, not "context canceled".
func cutInFlight(ctx context.Context) string {
	why := "interrupted"
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		why = "the deadline passed"
	}
	return why + " while it was in flight: whether the cloud applied it is unknown; run plan to see"
}

// skip marks the changes that ctx's end kept from starting, saying
// whether it was cancelled (Ctrl-C) or its deadline passed.
func skip(ctx context.Context, cs []*Change) {
	why := "interrupted before it started"
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		why = "the deadline passed before it started"
	}
	for _, c := range cs {
		if c.Result == "" {
			c.Result, c.Error = Skipped, why
		}
	}
}

func (ps *Providers) apply(ctx context.Context, c *Change) error {
	client, ok := ps.clients[c.Provider]
	if !ok {
		return fmt.Errorf("no client for provider %q", c.Provider)
	}
	ref := c.Ref()
	switch c.Action {
	case Create, Update:
		return client.Put(ctx, ref, c.After, &provider.PutOptions{Before: c.Before, BeforeKnown: true})
	case Replace:
		return client.Replace(ctx, ref, c.After)
	case Delete:
		// Gone already, with or without its function: what delete wants.
		err := client.Delete(ctx, ref)
		if errors.Is(err, provider.ErrNotFound) || errors.Is(err, provider.ErrFunctionNotFound) {
			return nil
		}
		return err
	}
	return nil
}
