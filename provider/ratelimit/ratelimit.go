// Package ratelimit paces the requests of one provider. Every request a
// provider.Client sends passes one Limiter, retried tries included: a
// request waits its turn (Wait) or, when it cannot wait, is counted
// (Take), and how the cloud answered it is reported (Observe).
//
// Adaptive cuts its rate when the cloud throttles and raises it again
// while the cloud answers, under the provider's rateLimit as a ceiling, so
// that a run against a quota settles near the quota instead of hammering
// it with retries. Fixed is a plain token bucket that ignores the
// answers.
package ratelimit

import (
	"context"
	"math"
	"time"

	"golang.org/x/time/rate"
)

// Outcome is how the cloud answered one request, as far as its rate is
// concerned.
type Outcome int

// The outcomes.
const (
	// Answered: the cloud answered, with a result or an error other than
	// throttling (a not-found is an answer).
	Answered Outcome = iota
	// Throttled: the cloud refused the request for its rate.
	Throttled
	// Unanswered: nothing to judge the rate by: a network error, a 5xx,
	// a cancelled request.
	Unanswered
)

// Limiter paces the requests of one provider. It must be safe for
// concurrent use.
type Limiter interface {
	// Wait blocks until one request may be sent, or ctx ends (then it
	// returns ctx's error).
	Wait(ctx context.Context) error
	// Take reserves the next turn for a request that cannot wait here
	// (a retried try, whose wait is its backoff), so that the requests
	// after it wait longer, and returns how long from now the turn is.
	Take() time.Duration
	// Observe reports how the cloud answered one request.
	Observe(o Outcome)
}

// Fixed returns a limiter of rps requests per second that ignores the
// answers; rps ≤ 0 means no limit.
func Fixed(rps float64) Limiter {
	lim := rate.Limit(rps)
	if rps <= 0 || math.IsInf(rps, 1) {
		lim = rate.Inf
	}
	return fixed{rate.NewLimiter(lim, 1)}
}

type fixed struct{ l *rate.Limiter }

func (f fixed) Wait(ctx context.Context) error { return f.l.Wait(ctx) }
func (f fixed) Take() time.Duration            { return f.l.Reserve().Delay() }
func (f fixed) Observe(Outcome)                {}
