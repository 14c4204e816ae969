package proof

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/fnasync/fnasync/emulator"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/plan"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/emukit"
	"github.com/fnasync/fnasync/provider/ratelimit"
	"github.com/fnasync/fnasync/provider/retry"
)

// TestApplyConvergesUnderFaults: with 20% of requests answered 5xx and
// 10% throttled, one apply of 500 functions on three cloud types
// converges: every change applied, each written exactly once, and every
// function reads back as the document says.
func TestApplyConvergesUnderFaults(t *testing.T) {
	t.Parallel()
	const n = 500
	doc := parseDoc(t, genDoc(n, "", 0))
	e := startEmu(t, &emulator.Options{Faults: emukit.Faults{ErrorRate: 0.2, ThrottleRate: 0.1}}, doc, nil)
	ps := openProviders(t, doc, e.URL, fast)
	opts := &plan.Options{Parallelism: 16}
	p, err := plan.Make(t.Context(), ps, opts)
	if err != nil || len(p.Diagnostics) > 0 || p.Summary.Create != n {
		t.Fatalf("plan under faults: %v, %v, summary %+v; want %d creates", err, p.Diagnostics, p.Summary, n)
	}
	if err := plan.Apply(t.Context(), ps, p, opts); err != nil {
		t.Fatalf("apply under faults: %v\n%s", err, strings.Join(notApplied(p), "\n"))
	}

	statuses := map[int]int{}
	writes := 0
	for _, r := range e.Log().Requests() {
		statuses[r.Status]++
		if r.Mutating() && r.Status < 300 {
			writes++
		}
	}
	if statuses[http.StatusInternalServerError] == 0 || statuses[http.StatusTooManyRequests] == 0 {
		t.Errorf("statuses %v: want injected 500s and 429s", statuses)
	}
	if writes != n {
		t.Errorf("%d successful writes for %d changes: a retry repeated a write or one is missing", writes, n)
	}
	// Reading back is observation, not part of the run: it retries long
	// enough that the same faults cannot fail it.
	// Its clients do not pace (ratelimit.Fixed(0)): one request at a
	// time against random throttles gives the adaptive limiter too few
	// answers a second to tell them from a rate limit.
	ps = openProvidersWith(t, doc, e.URL, &provider.OpenOptions{Limiter: ratelimit.Fixed(0),
		Retry: &retry.Policy{Attempts: 40, Base: time.Millisecond, Max: 4 * time.Millisecond}})
	for _, c := range p.Changes {
		client, _ := ps.Client(c.Provider)
		got, err := client.Get(t.Context(), c.Ref())
		if err != nil {
			t.Errorf("%s: %v", c.Ref(), err)
		} else if d := model.Diff(got, c.After); len(d) > 0 {
			t.Errorf("%s reads back with differences %v", c.Ref(), d)
		}
	}
	again, err := plan.Make(t.Context(), ps, opts)
	if err != nil || again.HasChanges() || len(again.Diagnostics) > 0 {
		t.Errorf("plan after apply: %v, summary %+v, %v; want no changes", err, again.Summary, again.Diagnostics)
	}
}

// TestApplyNamesWhatFailed: when some functions refuse every write, apply
// applies the others, returns an *ApplyError counting exactly those, marks
// exactly those failed, stops each after the policy's attempts, and a
// second apply once they recover converges.
func TestApplyNamesWhatFailed(t *testing.T) {
	t.Parallel()
	const n = 60
	doc := parseDoc(t, genDoc(n, "", 0))
	chosen := map[string]bool{}
	for i := 0; i < n; i += 7 {
		chosen[fnName(i)] = true
	}
	var f *failing
	e := startEmu(t, nil, doc, func(h http.Handler) http.Handler { f = newFailing(h, chosen); return f })
	ps := openProviders(t, doc, e.URL, fast)
	p, err := plan.Make(t.Context(), ps, nil)
	if err != nil || p.Summary.Create != n {
		t.Fatalf("plan: %v, summary %+v", err, p.Summary)
	}
	err = plan.Apply(t.Context(), ps, p, nil)
	var ae *plan.ApplyError
	if !errors.As(err, &ae) || ae.Failed != len(chosen) || ae.Skipped != 0 {
		t.Fatalf("apply = %v, want an ApplyError with %d failed and none skipped", err, len(chosen))
	}
	for _, c := range p.Changes {
		want := plan.Applied
		if chosen[fnRE.FindString(c.Function)] {
			want = plan.Failed
		}
		if c.Result != want || (want == plan.Failed) != (c.Error != "") {
			t.Errorf("%s: result %q (error %q), want %q", c.Ref(), c.Result, c.Error, want)
		}
	}
	for key, times := range f.attempts() {
		if chosen[fnRE.FindString(key)] && len(times) != fast.Attempts {
			t.Errorf("%s: %d attempts, want the policy's %d", key, len(times), fast.Attempts)
		}
	}

	f.on.Store(false)
	p, err = plan.Make(t.Context(), ps, nil)
	if err != nil || p.Summary.Create != len(chosen) || p.Summary.NoOp != n-len(chosen) {
		t.Fatalf("second plan: %v, summary %+v; want %d creates, the rest no-ops", err, p.Summary, len(chosen))
	}
	if err := plan.Apply(t.Context(), ps, p, nil); err != nil {
		t.Fatalf("second apply: %v", err)
	}
	if p, err := plan.Make(t.Context(), ps, nil); err != nil || p.HasChanges() {
		t.Errorf("plan after the second apply: %v, summary %+v; want no changes", err, p.Summary)
	}
}

// notApplied lists the changes of p that were not applied, with why.
func notApplied(p *plan.Plan) []string {
	var out []string
	for _, c := range p.Changes {
		if c.Action != plan.NoOp && c.Result != plan.Applied {
			out = append(out, c.Ref().String()+": "+string(c.Result)+": "+c.Error)
		}
	}
	slices.Sort(out)
	return out
}
