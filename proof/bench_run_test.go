package proof

import (
	"testing"
)

// TestBenchmarksRun runs the load benchmarks once each at a small size in
// every go test, so that their checks (a no-op plan and apply read each
// function at most once and write nothing; a plan of FC 3.0 functions
// sends a request per page of 100 configs) hold in CI and a broken
// benchmark is found before anyone measures with it. Time is not
// asserted: the figures come from go test -bench (BENCHMARKS.md).
func TestBenchmarksRun(t *testing.T) {
	t.Parallel()
	const n = 120
	res := testing.Benchmark(func(b *testing.B) { benchValidate(b, n) })
	if res.N == 0 || res.Extra["ns/function"] <= 0 {
		t.Errorf("validate benchmark did not run: %+v", res)
	}
	for name, c := range map[string]struct {
		gen docGen
		op  appliedOp
	}{"plan": {mixedDoc, planOp}, "no-op apply": {mixedDoc, noopApplyOp}, "plan on Lambda": {lambdaDoc, planOp}} {
		res := testing.Benchmark(func(b *testing.B) { benchAppliedAt(b, n, c.gen, c.op) })
		if res.N == 0 {
			t.Errorf("%s benchmark failed", name)
			continue
		}
		// One get per FunctionGraph and FC 2.0 function, and FC 3.0's
		// functions in one listing of every config (one page). Lambda's
		// document names three qualifiers of each function, read with
		// the function's list (and a get where a list cannot tell).
		if got, want := res.Extra["requests/function"], float64(2*n/3+1)/n; name != "plan on Lambda" && got != want {
			t.Errorf("%s: %v requests per function, want %v (a get each, FC 3.0's all in one page)", name, got, want)
		}
		if got := res.Extra["requests/function"]; name == "plan on Lambda" && (got <= 0 || got >= 1) {
			t.Errorf("%s: %v requests per function, want fewer than one (a list per function)", name, got)
		}
		if got := res.Extra["writes/function"]; got != 0 {
			t.Errorf("%s: %v writes per function, want none", name, got)
		}
	}
	res = testing.Benchmark(func(b *testing.B) { benchPlanBulk(b, 250) })
	if got := res.Extra["requests/run"]; got != 3 {
		t.Errorf("plan of 250 FC 3.0 functions: %v requests, want 3 (ceil(250/100) pages)", got)
	}
}
