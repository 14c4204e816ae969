package ratelimit

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"
)

// clock is a fake time for the limiter.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

func newAt(ceiling float64) (*Adaptive, *clock) {
	c := &clock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	return New(&Options{Ceiling: ceiling, Now: c.now}), c
}

// throttle sends n requests at once, all throttled.
func throttle(a *Adaptive, n int) {
	for range n {
		a.Take()
		a.Observe(Throttled)
	}
}

// answer sends and answers n requests spread evenly over d.
func answer(a *Adaptive, c *clock, n int, d time.Duration) {
	for range n {
		a.Take()
		a.Observe(Answered)
		c.advance(d / time.Duration(n))
	}
}

func TestAdaptiveRate(t *testing.T) {
	tests := []struct {
		name    string
		ceiling float64
		run     func(a *Adaptive, c *clock)
		want    float64 // the rate afterwards
		within  float64
	}{
		{name: "no ceiling: unlimited while answered", run: func(a *Adaptive, c *clock) { answer(a, c, 500, time.Second) },
			want: math.Inf(1)},
		{name: "the ceiling is the start and the top", ceiling: 10, run: func(a *Adaptive, c *clock) { answer(a, c, 50, 5*time.Second) },
			want: 10},
		{name: "a first cut from no limit halves what was answered in the last second", run: func(a *Adaptive, c *clock) {
			answer(a, c, 200, 2*time.Second) // 100 a second
			throttle(a, 50)
		}, want: 50, within: 1},
		{name: "a few throttles among many answers do not cut", run: func(a *Adaptive, c *clock) {
			answer(a, c, 200, 2*time.Second)
			throttle(a, 10)
		}, want: math.Inf(1)},
		{name: "throttles with nothing answered yet cut to half of what was sent, once 10 were", run: func(a *Adaptive, c *clock) {
			throttle(a, 16)
		}, want: 5},
		{name: "throttles within the cooldown cut once", ceiling: 50, run: func(a *Adaptive, c *clock) {
			answer(a, c, 100, 2*time.Second)
			for range 10 {
				throttle(a, 20)
				c.advance(40 * time.Millisecond)
			}
		}, want: 40, within: 0.5},
		{name: "throttles past the cooldown cut again", ceiling: 50, run: func(a *Adaptive, c *clock) {
			answer(a, c, 100, 2*time.Second)
			throttle(a, 20) // 80% of 50
			answer(a, c, 30, 600*time.Millisecond)
			a.Observe(Throttled) // 80% of 40 and the growth since: settled, one is enough
		}, want: 32.93, within: 0.05},
		{name: "answers raise the rate by 2.5% (boosted) and 0.5 a second", ceiling: 100, run: func(a *Adaptive, c *clock) {
			answer(a, c, 200, 2*time.Second)
			throttle(a, 50) // 80
			answer(a, c, 80, time.Second)
		}, want: 82.67, within: 0.05}, // 80 + 80×2.5%×(the boost, 1 to 1.19) + 0.5
		{name: "the floor holds", ceiling: 1.1, run: func(a *Adaptive, c *clock) {
			throttle(a, 20)
		}, want: floor},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a, c := newAt(tc.ceiling)
			tc.run(a, c)
			if got := a.Rate(); math.Abs(got-tc.want) > tc.within && got != tc.want {
				t.Errorf("rate %.3f, want %.3f ± %.1f", got, tc.want, tc.within)
			}
		})
	}
}

// TestAdaptiveConverges runs a simulated provider (16 requests in flight,
// 20ms each, the adapters' retry backoff) against a simulated token-bucket
// quota of 50 a second with a burst of 50, on a fake clock, and checks
// that the limiter keeps the throughput near the quota with few
// throttles, where sending at will (the old retry loop alone) gets
// throttled over and over.
func TestAdaptiveConverges(t *testing.T) {
	const n = 3000
	for _, tc := range []struct {
		name          string
		adaptive      bool
		maxRatio      float64 // time / (requests sent / quota)
		maxThrottled  float64 // of requests sent
		minThrottled  float64
		wantCompleted int
	}{
		{name: "adaptive", adaptive: true, maxRatio: 1.1, maxThrottled: 0.05, wantCompleted: n},
		{name: "no limiter", minThrottled: 0.1, maxRatio: 2, maxThrottled: 1, wantCompleted: -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := simulate(n, tc.adaptive, 0)
			ratio := res.elapsed.Seconds() / (float64(res.sent) / simQuota)
			throttled := float64(res.throttled) / float64(res.sent)
			t.Logf("%d sent, %.1f%% throttled, %v, %.3f × the quota bound", res.sent, 100*throttled, res.elapsed, ratio)
			if tc.wantCompleted >= 0 && res.completed != tc.wantCompleted {
				t.Errorf("%d completed, want %d", res.completed, tc.wantCompleted)
			}
			if ratio > tc.maxRatio {
				t.Errorf("took %.3f × the quota bound, want at most %.2f", ratio, tc.maxRatio)
			}
			if throttled > tc.maxThrottled || throttled < tc.minThrottled {
				t.Errorf("%.1f%% throttled, want %.0f%%..%.0f%%", 100*throttled, 100*tc.minThrottled, 100*tc.maxThrottled)
			}
		})
	}
}

// TestAdaptiveRandomThrottles: a cloud that throttles 30% of the requests
// whatever the rate does not drag the limiter down: the run takes at most
// twice as long as sending at will.
func TestAdaptiveRandomThrottles(t *testing.T) {
	const n = 3000
	free := simulate(n, false, 0.3)
	paced := simulate(n, true, 0.3)
	t.Logf("at will: %v; paced: %v", free.elapsed, paced.elapsed)
	if paced.elapsed > 2*free.elapsed {
		t.Errorf("paced run took %v, more than twice the %v of sending at will", paced.elapsed, free.elapsed)
	}
}

func TestAdaptiveWaitEndsWithContext(t *testing.T) {
	a := New(&Options{Ceiling: 0.001})
	a.Take() // the next turn is 1000s away
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := a.Wait(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Wait with a cancelled context: %v, want context.Canceled", err)
	}
	ctx, cancel = context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if err := a.Wait(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Wait past the deadline: %v, want context.DeadlineExceeded", err)
	}
}

func TestFixed(t *testing.T) {
	l := Fixed(0)
	for range 1000 {
		if err := l.Wait(context.Background()); err != nil {
			t.Fatal(err)
		}
		l.Observe(Throttled)
	}
	l = Fixed(0.001)
	l.Take()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if err := l.Wait(ctx); err == nil {
		t.Fatal("Wait of a fixed 0.001/s limiter after a Take returned at once")
	}
}
