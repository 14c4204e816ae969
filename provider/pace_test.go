package provider_test

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/alifc/fcemu"
	"github.com/fnasync/fnasync/provider/emukit"
	"github.com/fnasync/fnasync/provider/ratelimit"
	"github.com/fnasync/fnasync/provider/retry"
	"github.com/fnasync/fnasync/schemas"

	_ "github.com/fnasync/fnasync/provider/alifc"
	_ "github.com/fnasync/fnasync/provider/memprovider"
)

// recorder is a Limiter that counts what it is told.
type recorder struct {
	mu           sync.Mutex
	waits, takes int
	outcomes     map[ratelimit.Outcome]int
}

func (r *recorder) Wait(context.Context) error { r.mu.Lock(); r.waits++; r.mu.Unlock(); return nil }
func (r *recorder) Take() time.Duration        { r.mu.Lock(); r.takes++; r.mu.Unlock(); return 0 }
func (r *recorder) Observe(o ratelimit.Outcome) {
	r.mu.Lock()
	r.outcomes[o]++
	r.mu.Unlock()
}

// TestClientPacesEveryTry: against an emulator throttling half of the
// requests, the client's limiter is told of every request sent, retried
// tries included (a wait or a take each), and of how each was answered,
// as the emulator's log tells.
func TestClientPacesEveryTry(t *testing.T) {
	log := &emukit.Log{}
	emu, url := fcemu.NewTestServer(t, &fcemu.Options{Log: log,
		Faults: &emukit.Faults{ThrottleRate: 0.5, Rand: emukit.SeededRand(7)}})
	p := &model.Provider{Name: "ali3", Type: model.TypeAliFC3, Region: "cn-hangzhou", AccountID: fcemu.DefaultAccountID}
	limits, err := schemas.ProviderLimits(p)
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{outcomes: map[ratelimit.Outcome]int{}}
	var retried int
	c, err := provider.Open(context.Background(), p, limits, &provider.OpenOptions{Endpoint: url, Limiter: rec,
		Credentials: &provider.Credentials{AccessKey: emukit.DefaultAccessKey, SecretKey: emukit.DefaultSecretKey},
		Retry: &retry.Policy{Attempts: 12, Base: time.Microsecond, Max: time.Microsecond,
			OnRetry: func(error, int, time.Duration) { retried++ }}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	const n = 20
	for i := range n {
		name := fmt.Sprintf("fn%d", i)
		if err := emu.AddFunction(fcemu.Version3, fcemu.DefaultAccountID, name); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Get(context.Background(), model.FunctionRef{Function: name}); provider.Code(err) != provider.NotFound {
			t.Fatalf("get %s: %v, want NotFound", name, err)
		}
	}
	var throttled int
	reqs := log.Requests()
	for _, r := range reqs {
		if r.Status == http.StatusTooManyRequests {
			throttled++
		}
	}
	if throttled == 0 {
		t.Fatal("the emulator throttled nothing: the test proves nothing")
	}
	if rec.waits != n || rec.takes != len(reqs)-n || rec.takes != retried {
		t.Errorf("limiter: %d waits and %d takes, want %d and %d (the retried tries; OnRetry of the caller's policy saw %d)", rec.waits, rec.takes, n, len(reqs)-n, retried)
	}
	want := map[ratelimit.Outcome]int{ratelimit.Throttled: throttled, ratelimit.Answered: len(reqs) - throttled}
	if rec.outcomes[ratelimit.Throttled] != want[ratelimit.Throttled] || rec.outcomes[ratelimit.Answered] != want[ratelimit.Answered] {
		t.Errorf("limiter told %v, want %v", rec.outcomes, want)
	}
}

// TestOpenLimiter: a provider's client paces under its rateLimit, and
// with none is unlimited until the cloud throttles.
func TestOpenLimiter(t *testing.T) {
	for _, tc := range []struct {
		rateLimit float64
		want      float64
	}{{0, math.Inf(1)}, {7.5, 7.5}} {
		p := &model.Provider{Name: "m", Type: model.TypeMemory, RateLimit: tc.rateLimit}
		limits, err := schemas.ProviderLimits(p)
		if err != nil {
			t.Fatal(err)
		}
		c, err := provider.Open(context.Background(), p, limits, nil)
		if err != nil {
			t.Fatal(err)
		}
		a, ok := c.Pace().(*ratelimit.Adaptive)
		if !ok || a.Rate() != tc.want {
			t.Errorf("rateLimit %g: limiter %T, want *ratelimit.Adaptive at %g", tc.rateLimit, c.Pace(), tc.want)
		}
	}
}

// TestLimitersShareQuota: providers of one FC account and region (2.0
// and 3.0) share one adaptive rate, other accounts and projects do not,
// and a provider's rateLimit still caps its own requests.
func TestLimitersShareQuota(t *testing.T) {
	var l provider.Limiters
	fc2 := &model.Provider{Name: "a", Type: model.TypeAliFC2, Region: "cn-hangzhou", AccountID: "1"}
	fc3 := &model.Provider{Name: "b", Type: model.TypeAliFC3, Region: "cn-hangzhou", AccountID: "1"}
	other := &model.Provider{Name: "c", Type: model.TypeAliFC3, Region: "cn-hangzhou", AccountID: "2"}
	fg := &model.Provider{Name: "d", Type: model.TypeHuaweiFG, Region: "cn-hangzhou", ProjectID: "1"}
	mem1, mem2 := &model.Provider{Name: "m1", Type: model.TypeMemory}, &model.Provider{Name: "m2", Type: model.TypeMemory}
	if l.For(fc2, "") != l.For(fc3, "") {
		t.Error("FC 2.0 and 3.0 of one account do not share a limiter")
	}
	for _, p := range []*model.Provider{other, fg, mem1} {
		if l.For(p, "") == l.For(fc2, "") {
			t.Errorf("%s shares FC account 1's limiter", p.Name)
		}
	}
	if l.For(mem1, "") == l.For(mem2, "") || l.For(fc3, "http://127.0.0.1:1") == l.For(fc3, "") {
		t.Error("providers of no known quota, or at another endpoint, share a limiter")
	}
	capped := *fc3
	capped.RateLimit = 0.001
	lim := l.For(&capped, "")
	lim.Take()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if err := lim.Wait(ctx); err == nil {
		t.Error("a provider's rateLimit of 0.001/s does not cap its requests")
	}
	if err := l.For(fc2, "").Wait(context.Background()); err != nil {
		t.Errorf("the shared rate is capped by another provider's rateLimit: %v", err)
	}
}
