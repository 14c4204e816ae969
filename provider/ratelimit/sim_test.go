package ratelimit

import (
	"container/heap"
	"math/rand/v2"
	"time"
)

// The simulated provider and quota of TestAdaptiveConverges.
const (
	simQuota    = 50 // requests a second, with a burst of as many
	simInFlight = 16
	simLatency  = 20 * time.Millisecond
	simTries    = 12 // retry.Default's
	simBase     = 200 * time.Millisecond
	simMax      = 5 * time.Second
)

type simResult struct {
	sent, throttled, completed int
	elapsed                    time.Duration
}

// event is something that happens at a time in the simulation.
type event struct {
	at        time.Time
	kind      int // ready for the next job, arrive at the quota, answered
	try       int
	throttled bool
}

const (
	ready = iota
	arrive
	answered
)

type events []event

func (e events) Len() int           { return len(e) }
func (e events) Less(i, j int) bool { return e[i].at.Before(e[j].at) }
func (e events) Swap(i, j int)      { e[i], e[j] = e[j], e[i] }
func (e *events) Push(x any)        { *e = append(*e, x.(event)) }
func (e *events) Pop() any {
	old := *e
	x := old[len(old)-1]
	*e = old[:len(old)-1]
	return x
}

// simulate runs n jobs of one request each through simInFlight workers,
// each job waiting its turn at the limiter (with adaptive) or not, and
// each throttled try retried after the adapters' backoff (full jitter) as
// a Take, the way provider.Client and its retry policy use a Limiter.
//
// The cloud admits a request when its quota (simQuota a second, burst as
// many; none when random is set) has a token, and throttles a share random
// of the requests whatever the rate.
func simulate(n int, adaptive bool, random float64) simResult {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := &clock{t: start}
	var a *Adaptive
	if adaptive {
		a = New(&Options{Now: c.now})
	}
	rng := rand.New(rand.NewPCG(1, 2))
	tokens, last := float64(simQuota), start
	admit := func() bool {
		if random > 0 {
			return rng.Float64() >= random
		}
		tokens = min(simQuota, tokens+c.t.Sub(last).Seconds()*simQuota)
		last = c.t
		if tokens >= 1 {
			tokens--
			return true
		}
		return false
	}
	var res simResult
	q := &events{}
	send := func(delay time.Duration, try int) {
		heap.Push(q, event{at: c.t.Add(delay), kind: arrive, try: try})
	}
	jobs := n
	for range simInFlight {
		heap.Push(q, event{at: start})
	}
	for q.Len() > 0 {
		e := heap.Pop(q).(event)
		c.t = e.at
		switch {
		case e.kind == arrive: // the request reaches the quota when sent
			res.sent++
			ok := admit()
			if !ok {
				res.throttled++
			}
			heap.Push(q, event{at: c.t.Add(simLatency), kind: answered, try: e.try, throttled: !ok})
		case e.kind == ready:
			if jobs == 0 {
				continue
			}
			jobs--
			var delay time.Duration
			if a != nil {
				_, delay = a.reserve()
			}
			send(delay, 1)
		case e.throttled && e.try < simTries:
			if a != nil {
				a.Observe(Throttled)
				a.Take()
			}
			ceil := min(simMax, simBase<<(e.try-1))
			send(time.Duration(rng.Int64N(int64(ceil)+1)), e.try+1)
		default:
			if a != nil {
				if e.throttled {
					a.Observe(Throttled)
				} else {
					a.Observe(Answered)
				}
			}
			if !e.throttled {
				res.completed++
			}
			res.elapsed = c.t.Sub(start)
			heap.Push(q, event{at: c.t, kind: ready})
		}
	}
	return res
}
