package ratelimit

import (
	"context"
	"math"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// The adaptive limiter's constants.
const (
	// decrease cuts the rate on a throttle: to this fraction of the lower
	// of the rate and the requests answered in the last second (what the
	// cloud let through).
	decrease = 0.9
	// growth and step raise the rate on each answer by growth + step/rate,
	// so that a provider sending at its rate gains 2.5% of it plus 0.5
	// requests per second every second.
	growth = 0.025
	step   = 0.5
	// boostDoubling and maxBoost speed the growth up the longer no
	// throttle has cut the rate (see boost).
	boostDoubling = 3 * time.Second
	maxBoost      = 16
	// floor is the lowest rate a throttle cuts to, in requests per second.
	floor = 1.0
	// cooldown is the least time between two cuts (or two requests at the
	// new rate, if that is longer): the throttles that follow a cut answer
	// requests sent before it.
	cooldown = 500 * time.Millisecond
	// reviewAfter is when a cut is reviewed; keptShare is the share of the
	// answered rate a cut must keep to stand; backgroundMargin is how many
	// more throttles than the background cut again.
	reviewAfter      = 2 * time.Second
	keptShare        = 0.8
	backgroundMargin = 0.1
	// slotLen × slots is the window the answered rate is measured over.
	slotLen = 100 * time.Millisecond
	slots   = 10
)

// Options tune New; nil means defaults.
type Options struct {
	// Ceiling is the highest rate in requests per second (the provider's
	// rateLimit). 0 means none: the rate is unlimited until the cloud
	// first throttles, then starts from what the cloud let through.
	Ceiling float64
	// Now is the clock the rate is adapted by (default time.Now).
	Now func() time.Time
}

// Adaptive is a limiter whose rate follows the cloud: each throttle cuts
// it to 90% of the lower of the rate and the requests answered in the
// last second (at most one cut per 500ms, the answers to requests sent
// before a cut being old news), and each answer raises it by 0.025 + 0.5/
// rate requests per second (at its rate, +2.5% and +0.5 every second),
// the 2.5% doubling every 3s without a cut (up to 40%), up to the
// ceiling. A cut that cost throughput is undone: 2s after it, the
// cloud must answer at least 80% of the requests a second it answered
// before, as it does when it throttles for the rate; otherwise it
// throttles at random, and only a share of throttles 10 points above that
// background cuts again. Requests are spaced evenly at the rate: no
// burst.
type Adaptive struct {
	mu      sync.Mutex
	ceiling float64 // +Inf for none
	rate    float64 // +Inf until the first throttle when there is no ceiling
	lim     *rate.Limiter
	now     func() time.Time
	lastCut time.Time
	// check is the review of the last cut, if due (see review).
	check *cutCheck
	// background is the share of requests the cloud throttles whatever
	// the rate, once a cut proved it so; 0 when none.
	background float64
	window     [slots + 1]slot
}

// cutCheck is what review needs of a cut: when to look, the rate before
// it and the rate of answered requests then.
type cutCheck struct {
	at             time.Time
	rate, answered float64
}

// slot counts the requests sent and answered in one slotLen of time.
type slot struct {
	at             int64 // the slot's number: UnixNano / slotLen
	sent, answered int
}

// New returns an adaptive limiter; opts may be nil.
func New(opts *Options) *Adaptive {
	var o Options
	if opts != nil {
		o = *opts
	}
	a := &Adaptive{ceiling: math.Inf(1), now: o.Now}
	if o.Ceiling > 0 {
		a.ceiling = o.Ceiling
	}
	if a.now == nil {
		a.now = time.Now
	}
	a.rate = a.ceiling
	a.lim = rate.NewLimiter(limit(a.rate), 1)
	return a
}

func limit(r float64) rate.Limit {
	if math.IsInf(r, 1) {
		return rate.Inf
	}
	return rate.Limit(r)
}

// Rate returns the current rate in requests per second (+Inf: none).
func (a *Adaptive) Rate() float64 {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.rate
}

// Wait implements Limiter.
func (a *Adaptive) Wait(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	r, delay := a.reserve()
	if delay <= 0 {
		return nil
	}
	t := time.NewTimer(delay)
	defer t.Stop()
	select {
	case <-ctx.Done():
		r.Cancel()
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Take implements Limiter.
func (a *Adaptive) Take() { a.reserve() }

// reserve takes the next turn and returns how long to wait for it.
func (a *Adaptive) reserve() (*rate.Reservation, time.Duration) {
	a.mu.Lock()
	defer a.mu.Unlock()
	now := a.now()
	r := a.lim.ReserveN(now, 1)
	delay := r.DelayFrom(now)
	a.count(now, 1, 0)
	return r, delay
}

// Observe implements Limiter.
func (a *Adaptive) Observe(o Outcome) {
	a.mu.Lock()
	defer a.mu.Unlock()
	now := a.now()
	if o == Answered {
		a.count(now, 0, 1)
	}
	a.review(now)
	switch o {
	case Answered:
		if !math.IsInf(a.rate, 1) {
			a.set(min(a.ceiling, a.rate+growth*a.boost(now)+step/a.rate))
		}
	case Throttled:
		if !a.lastCut.IsZero() && now.Sub(a.lastCut) < max(cooldown, time.Duration(2*float64(time.Second)/a.rate)) {
			return
		}
		sent, answered := a.lastSecond(now)
		if a.background > 0 && sent > 0 {
			share := 1 - answered/sent
			if share <= a.background+backgroundMargin {
				return // as many throttles as at any rate: not about this one
			}
			a.background = 0
		}
		base := a.rate
		switch {
		case answered > 0:
			base = min(base, answered)
		case math.IsInf(base, 1):
			// Nothing answered yet: half of what was sent.
			base = sent / 2
		}
		if a.check == nil { // a series of cuts is reviewed against its start
			a.check = &cutCheck{at: now.Add(reviewAfter), rate: a.rate, answered: answered}
		}
		a.set(min(a.ceiling, max(floor, base*decrease)))
		a.lastCut = now
	}
}

// review undoes the last cut if, reviewAfter later, the cloud answers
// markedly fewer requests than before it: had the cloud throttled for the
// rate, it would have let through as many as before. The throttles are
// then taken as background (a cloud throttling at random): only a larger
// share of throttles cuts the rate again. a.mu is held.
func (a *Adaptive) review(now time.Time) {
	if a.check == nil || now.Before(a.check.at) {
		return
	}
	c := a.check
	a.check = nil
	sent, answered := a.lastSecond(now)
	if answered >= keptShare*c.answered || sent == 0 {
		return
	}
	a.set(min(a.ceiling, c.rate))
	a.background = 1 - answered/sent
}

// boost is how much faster than growth the rate rises: doubling every
// boostDoubling since the last cut, up to maxBoost, so that a rate far
// under what the cloud now allows (another provider sharing the quota
// has finished) catches up in seconds, while one just cut creeps back.
// a.mu is held.
func (a *Adaptive) boost(now time.Time) float64 {
	if a.lastCut.IsZero() {
		return 1
	}
	return min(maxBoost, math.Exp2(float64(now.Sub(a.lastCut))/float64(boostDoubling)))
}

// set changes the rate; a.mu is held.
func (a *Adaptive) set(r float64) {
	if r == a.rate {
		return
	}
	a.rate = r
	a.lim.SetLimitAt(a.now(), limit(r))
}

// count adds to the slot of now; a.mu is held.
func (a *Adaptive) count(now time.Time, sent, answered int) {
	at := now.UnixNano() / int64(slotLen)
	s := &a.window[at%(slots+1)]
	if s.at != at {
		*s = slot{at: at}
	}
	s.sent += sent
	s.answered += answered
}

// lastSecond returns the rates of requests sent and answered over the
// last second (the slots before now's) and the part of now's slot gone by;
// a.mu is held.
func (a *Adaptive) lastSecond(now time.Time) (sent, answered float64) {
	at := now.UnixNano() / int64(slotLen)
	var ns, na int
	for _, s := range a.window {
		if s.at >= at-slots && s.at <= at {
			ns += s.sent
			na += s.answered
		}
	}
	span := (slots*slotLen + time.Duration(now.UnixNano()%int64(slotLen))).Seconds()
	return float64(ns) / span, float64(na) / span
}
