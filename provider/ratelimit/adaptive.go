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
	decrease = 0.8
	// firstDecrease is decrease for the first cut from no limit.
	firstDecrease = 0.5
	// growth and step raise the rate on each answer by growth + step/rate,
	// so that a provider sending at its rate gains 2.5% of it plus 0.5
	// requests per second every second.
	growth = 0.025
	step   = 0.5
	// boostDoubling and maxBoost speed the growth up the longer no
	// throttle has cut the rate (see boost).
	boostDoubling = 4 * time.Second
	maxBoost      = 2
	// floor is the lowest rate a throttle cuts to, in requests per second.
	floor = 1.0
	// cooldown is the least time between two cuts (or two requests at the
	// new rate, if that is longer): the throttles that follow a cut answer
	// requests sent before it.
	cooldown = 500 * time.Millisecond
	// reviewAfter is when a cut is reviewed; a cut is undone if the
	// answered rate fell under keptAnswered of what it was while the cloud
	// still throttles at least keptShare of the requests;
	// backgroundMargin is how many more throttles than the background cut
	// again.
	reviewAfter      = 2 * time.Second
	keptShare        = 0.02
	keptAnswered     = 0.8
	backgroundMargin = 0.1
	// minEvidence and firstCutShare: until throttling has proved to be
	// about the rate, a throttle cuts only when at least minEvidence
	// requests were sent in the last second and at least firstCutShare of
	// them throttled (a cloud throttling at random throttles fewer).
	minEvidence   = 10
	firstCutShare = 0.15
	// windowSeconds is the window's length, in seconds.
	windowSeconds = float64(slots*slotLen) / float64(time.Second)
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

// Adaptive is a limiter whose rate follows the cloud. Each throttle cuts
// it to 80% of the lower of the rate and the requests answered in the
// last second (the first cut from no limit to 50%, since what was
// answered then includes the cloud's burst), at most once per 500ms (the
// answers to requests sent before a cut are old news). Each answer raises
// it by 0.025 + 0.5/rate requests per second (at its rate, +2.5% and +0.5
// every second; the 2.5% doubles every 4s without a cut, up to 5%), up to
// the ceiling. Until throttling proves to be about the rate, a throttle
// cuts only when 15% of the last second's requests (at least 10) were
// throttled; and a cut that did not help is undone: if 2s later the cloud
// still throttles and answers under 80% of what it did, it throttles at
// random, and only a share of throttles 10 points above that background
// cuts again. Requests are spaced evenly at the rate: no burst.
type Adaptive struct {
	mu      sync.Mutex
	ceiling float64 // +Inf for none
	rate    float64 // +Inf until the first throttle when there is no ceiling
	lim     *rate.Limiter
	now     func() time.Time
	lastCut time.Time
	// check is the review of the last cut, if due (see review).
	check *cutCheck
	// settled is whether throttling has proved to be about the rate: a
	// throttle cut the rate, and the cut was not undone.
	settled bool
	// background is the share of requests the cloud throttles whatever
	// the rate, once a cut proved it so; 0 when none.
	background float64
	window     [slots + 1]slot
}

// cutCheck is what review needs of a cut: when to look, the rate before
// it and the rate of requests answered then.
type cutCheck struct {
	at             time.Time
	rate, answered float64
}

// slot counts the requests sent and answered in one slotLen of time.
type slot struct {
	at                        int64 // the slot's number: UnixNano / slotLen
	sent, answered, throttled int
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
func (a *Adaptive) Take() time.Duration {
	_, d := a.reserve()
	return d
}

// reserve takes the next turn and returns how long to wait for it.
func (a *Adaptive) reserve() (*rate.Reservation, time.Duration) {
	a.mu.Lock()
	defer a.mu.Unlock()
	now := a.now()
	r := a.lim.ReserveN(now, 1)
	delay := r.DelayFrom(now)
	a.count(now, 1, 0, 0)
	return r, delay
}

// Observe implements Limiter.
func (a *Adaptive) Observe(o Outcome) {
	a.mu.Lock()
	defer a.mu.Unlock()
	now := a.now()
	switch o {
	case Answered:
		a.count(now, 0, 1, 0)
	case Throttled:
		a.count(now, 0, 0, 1)
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
		sent, answered, throttled := a.lastSecond(now)
		if !a.settled {
			// Until throttling has proved to be about the rate, only a
			// large share of throttles (over the background's, if one
			// was seen) is taken as a sign of it.
			if sent*windowSeconds < minEvidence || throttled < max(firstCutShare, a.background+backgroundMargin)*sent {
				return
			}
			a.settled = true
		}
		base, factor := a.rate, decrease
		if math.IsInf(base, 1) {
			// The first cut from no limit: what was answered includes
			// whatever burst the cloud allows on top of its rate.
			factor = firstDecrease
		}
		switch {
		case answered > 0:
			base = min(base, answered)
		case math.IsInf(base, 1):
			// Nothing answered yet: what was sent.
			base = sent
		}
		if a.check == nil && sent > 0 { // a series of cuts is reviewed against its start
			a.check = &cutCheck{at: now.Add(reviewAfter), rate: a.rate, answered: answered}
		}
		a.set(min(a.ceiling, max(floor, base*factor)))
		a.lastCut = now
	}
}

// review undoes the last cut (or series of cuts) if, reviewAfter later,
// the cloud answers under 80% of the requests a second it did and still
// throttles (2% or more): had it throttled for the rate, sending less
// would have cost no answers, or (demand fell) stopped the throttles. The throttles
// are then taken as background (a cloud throttling at random): only a
// larger share of throttles cuts the rate again. a.mu is held.
func (a *Adaptive) review(now time.Time) {
	if a.check == nil || now.Before(a.check.at) {
		return
	}
	c := a.check
	a.check = nil
	sent, answered, throttled := a.lastSecond(now)
	if sent == 0 || throttled < keptShare*sent || answered >= keptAnswered*c.answered {
		return
	}
	a.set(min(a.ceiling, c.rate))
	a.background, a.settled = throttled/sent, false
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
func (a *Adaptive) count(now time.Time, sent, answered, throttled int) {
	at := now.UnixNano() / int64(slotLen)
	s := &a.window[at%(slots+1)]
	if s.at != at {
		*s = slot{at: at}
	}
	s.sent += sent
	s.answered += answered
	s.throttled += throttled
}

// lastSecond returns the rates of requests sent, answered and throttled
// over the last second (the slots before now's) and the part of now's slot
// gone by; a.mu is held.
func (a *Adaptive) lastSecond(now time.Time) (sent, answered, throttled float64) {
	at := now.UnixNano() / int64(slotLen)
	var ns, na, nt int
	for _, s := range a.window {
		if s.at >= at-slots && s.at <= at {
			ns += s.sent
			na += s.answered
			nt += s.throttled
		}
	}
	span := (slots*slotLen + time.Duration(now.UnixNano()%int64(slotLen))).Seconds()
	return float64(ns) / span, float64(na) / span, float64(nt) / span
}
