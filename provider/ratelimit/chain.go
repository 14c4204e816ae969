package ratelimit

import (
	"context"
	"time"
)

// Chain returns a limiter that passes each request through every one of
// ls in turn (e.g. a provider's own fixed ceiling and the adaptive rate
// it shares with the other providers of its cloud account).
func Chain(ls ...Limiter) Limiter { return chain(ls) }

type chain []Limiter

func (c chain) Wait(ctx context.Context) error {
	for _, l := range c {
		if err := l.Wait(ctx); err != nil {
			return err
		}
	}
	return nil
}

func (c chain) Take() time.Duration {
	var d time.Duration
	for _, l := range c {
		d = max(d, l.Take())
	}
	return d
}

func (c chain) Observe(o Outcome) {
	for _, l := range c {
		l.Observe(o)
	}
}
