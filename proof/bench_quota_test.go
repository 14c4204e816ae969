package proof

import (
	"context"
	"fmt"
	"math"
	"os"
	"testing"
	"time"

	"github.com/fnasync/fnasync/emulator"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/plan"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/emukit"
	"github.com/fnasync/fnasync/provider/ratelimit"
	"github.com/fnasync/fnasync/schemas"
)

// The bulk and quota benchmarks of BENCHMARKS.md.

// fc3Doc is a document of n FC 3.0 functions with a config each.
func fc3Doc(n int) []byte {
	doc := fmt.Appendf(nil, "version: 1\nproviders:\n  ali3:\n    type: alifc3\n    region: cn-north-4\n    accountId: %q\nfunctions:\n", accountID)
	for i := range n {
		doc = fmt.Appendf(doc, "  - {provider: ali3, function: %s, maxEventAgeSeconds: %d, onSuccess: {eventBus: bus-%d}}\n", fnName(i), 60+i, i%3)
	}
	return doc
}

// fcPageSize is the page of FC's listings the adapter asks for (its
// largest, "limit" 100).
const fcPageSize = 100

// BenchmarkPlanBulk plans n FC 3.0 functions, applied beforehand: FC 3.0
// lists every function's configs in pages, so the plan sends
// ceil(n / 100) requests, against a bound of ceil(n / page size) + 2.
// x-bound is requests sent over that bound (target at most 1).
func BenchmarkPlanBulk(b *testing.B) {
	for _, n := range []int{120, 1_000} {
		b.Run(fmt.Sprintf("functions=%d", n), func(b *testing.B) { benchPlanBulk(b, n) })
	}
}

func benchPlanBulk(b *testing.B, n int) {
	doc := parseDoc(b, fc3Doc(n))
	e := startEmu(b, nil, doc, nil)
	ps := openProviders(b, doc, e.URL, fast)
	popts := &plan.Options{Parallelism: 16}
	p, err := plan.Make(b.Context(), ps, popts)
	if err == nil {
		err = plan.Apply(b.Context(), ps, p, popts)
	}
	if err != nil {
		b.Fatal(err)
	}
	e.Log().Reset()
	for b.Loop() {
		p, err := plan.Make(b.Context(), ps, popts)
		if err != nil || p.HasChanges() || len(p.Diagnostics) > 0 || p.Summary.NoOp != n {
			b.Fatalf("plan: %v, summary %+v, %v", err, p.Summary, p.Diagnostics)
		}
	}
	bound := math.Ceil(float64(n)/fcPageSize) + 2
	reqs := float64(len(e.Log().Requests())) / float64(b.N)
	b.ReportMetric(reqs, "requests/run")
	b.ReportMetric(reqs/bound, "x-bound")
}

// BenchmarkApplyQuota applies n generated functions (FunctionGraph, FC
// 2.0 and FC 3.0 in turn, none configured yet) at parallelism 16 against
// an emulator with --quota 50: the time of plan and apply over the quota
// bound, the requests each project or account was sent divided by 50 a
// second (the larger: FC 2.0 and 3.0 share the account's bucket), and the
// share of requests throttled; x-answered-bound counts only the requests
// answered, which compares runs that sent different numbers. "adaptive" is fnasync's limiter, "fixed"
// today's retry loop alone (no rateLimit: no pacing). Opt-in, as each run
// takes about half a minute: FNASYNC_BENCH_QUOTA=1.
func BenchmarkApplyQuota(b *testing.B) {
	if os.Getenv("FNASYNC_BENCH_QUOTA") == "" {
		b.Skip("set FNASYNC_BENCH_QUOTA=1 to run (about a minute)")
	}
	for _, mode := range []string{"adaptive", "fixed"} {
		b.Run(fmt.Sprintf("limiter=%s/functions=1000", mode), func(b *testing.B) {
			benchApplyQuota(b, 1_000, 50, mode == "fixed")
		})
	}
}

func benchApplyQuota(b *testing.B, n int, quota float64, fixed bool) {
	var ratio, answeredRatio, throttled, failed, reqs float64
	for range b.N {
		r := applyAgainstQuota(b, n, quota, fixed)
		ratio += r.elapsed.Seconds() / r.bound.Seconds()
		answeredRatio += r.elapsed.Seconds() / r.answeredBound.Seconds()
		throttled += float64(r.throttled) / float64(r.requests)
		failed += float64(r.failed)
		reqs += float64(r.requests)
	}
	nf := float64(b.N)
	b.ReportMetric(ratio/nf, "x-bound")
	b.ReportMetric(answeredRatio/nf, "x-answered-bound")
	b.ReportMetric(100*throttled/nf, "%throttled")
	b.ReportMetric(failed/nf, "failed")
	b.ReportMetric(reqs/nf, "requests/run")
}

// quotaRun is one run's figures: bound is the time the requests sent take
// at the quota, answeredBound that of those answered (not throttled).
type quotaRun struct {
	elapsed, bound, answeredBound time.Duration
	requests, throttled, failed   int
}

// applyAgainstQuota plans and applies n generated functions against a
// fresh emulator with the quota, with the adapters' default retry policy
// and either the default limiter or none (fixed).
func applyAgainstQuota(tb testing.TB, n int, quota float64, fixed bool) quotaRun {
	doc := parseDoc(tb, genDoc(n, "", 0))
	e := startEmu(tb, &emulator.Options{Faults: emukit.Faults{Quota: &emukit.Quota{RPS: quota}}}, doc, nil)
	clients := map[string]*provider.Client{}
	var limiters provider.Limiters
	for name, p := range doc.Providers {
		limits, err := schemas.ProviderLimits(p)
		if err != nil {
			tb.Fatal(err)
		}
		oo := &provider.OpenOptions{Endpoint: e.URL,
			Credentials: &provider.Credentials{AccessKey: emukit.DefaultAccessKey, SecretKey: emukit.DefaultSecretKey}}
		if fixed {
			oo.Limiter = ratelimit.Fixed(p.RateLimit)
		} else {
			oo.Limiter = limiters.For(p, e.URL) // as the CLI's session does
		}
		c, err := provider.Open(context.Background(), p, limits, oo)
		if err != nil {
			tb.Fatal(err)
		}
		defer c.Close()
		clients[name] = c
	}
	ps := plan.NewProviders(doc, clients)
	opts := &plan.Options{Parallelism: 16}
	start := time.Now()
	p, err := plan.Make(context.Background(), ps, opts)
	if err != nil || len(p.Diagnostics) > 0 {
		tb.Fatalf("plan: %v %v", err, p.Diagnostics)
	}
	err = plan.Apply(context.Background(), ps, p, opts)
	elapsed := time.Since(start)
	var r quotaRun
	if ae, ok := err.(*plan.ApplyError); ok {
		r.failed = ae.Failed + ae.Skipped
	} else if err != nil {
		tb.Fatal(err)
	}
	perBucket, answered := map[string]int{}, map[string]int{}
	for _, q := range e.Log().Requests() {
		bucket := q.Cloud
		if bucket == model.TypeAliFC3 {
			bucket = model.TypeAliFC2 // one account
		}
		r.requests++
		perBucket[bucket]++
		if q.Throttled {
			r.throttled++
		} else {
			answered[bucket]++
		}
	}
	at := func(k int) time.Duration { return time.Duration(float64(k) / quota * float64(time.Second)) }
	for b, k := range perBucket {
		r.bound, r.answeredBound = max(r.bound, at(k)), max(r.answeredBound, at(answered[b]))
	}
	r.elapsed = elapsed
	return r
}
