package proof

import (
	"testing"
)

// TestBenchmarksRun runs the load benchmarks once each at a small size in
// every go test, so that their checks (a no-op plan and apply read each
// function once and write nothing) hold in CI and a broken benchmark is
// found before anyone measures with it. Time is not asserted: the figures
// come from go test -bench (BENCHMARKS.md).
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
		if got := res.Extra["requests/function"]; got != 1 {
			t.Errorf("%s: %v requests per function, want 1 (one read each)", name, got)
		}
		if got := res.Extra["writes/function"]; got != 0 {
			t.Errorf("%s: %v writes per function, want none", name, got)
		}
	}
}
