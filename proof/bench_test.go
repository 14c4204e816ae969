package proof

import (
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/fnasync/fnasync/document"
	"github.com/fnasync/fnasync/emulator"
	"github.com/fnasync/fnasync/plan"
	"github.com/fnasync/fnasync/provider/emukit"
)

// The benchmarks of BENCHMARKS.md. Each reports its time per function
// and the peak heap of the process (emulator included) next to the
// allocation figures, and checks its result, so that a broken benchmark
// fails rather than measures nothing. Run them with
//
//	go test -run '^$' -bench . -benchtime 1x ./proof/

var sizes = []int{1_000, 10_000}

// BenchmarkValidate parses and checks a document of n functions over
// three clouds: what `fnasync validate` does before printing.
func BenchmarkValidate(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("functions=%d", n), func(b *testing.B) { benchValidate(b, n) })
	}
}

func benchValidate(b *testing.B, n int) {
	data := genDoc(n, "", 0)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	peak := watchMemory()
	for b.Loop() {
		doc, diags := document.Parse("bench.yaml", data, nil)
		if doc == nil || len(diags) > 0 || len(doc.Functions) != n {
			b.Fatalf("generated document: %d functions, %v", len(doc.Functions), diags)
		}
	}
	heap, sys := peak()
	report(b, n, heap, sys)
}

// BenchmarkPlan plans n functions, applied beforehand, against the
// emulator on loopback: one read each, no write.
func BenchmarkPlan(b *testing.B) { benchApplied(b, mixedDoc, planOp) }

func planOp(b *testing.B, n int, ps *plan.Providers, opts *plan.Options) {
	p, err := plan.Make(b.Context(), ps, opts)
	if err != nil || p.HasChanges() || len(p.Diagnostics) > 0 || p.Summary.NoOp != n {
		b.Fatalf("plan: %v, summary %+v, %v", err, p.Summary, p.Diagnostics)
	}
}

// BenchmarkNoopApply applies n functions that already match: apply plans
// afresh and sends no write.
func BenchmarkNoopApply(b *testing.B) { benchApplied(b, mixedDoc, noopApplyOp) }

func noopApplyOp(b *testing.B, _ int, ps *plan.Providers, opts *plan.Options) {
	p, err := plan.Make(b.Context(), ps, opts)
	if err != nil || len(p.Diagnostics) > 0 {
		b.Fatalf("plan: %v %v", err, p.Diagnostics)
	}
	if err := plan.Apply(b.Context(), ps, p, opts); err != nil {
		b.Fatal(err)
	}
}

// benchApplied runs op at each size against an emulator holding the
// generated functions with their configs applied, at parallelism 16, and
// reports time, memory, requests and writes per function; a write fails
// the benchmark.
func benchApplied(b *testing.B, gen docGen, op appliedOp) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("functions=%d", n), func(b *testing.B) { benchAppliedAt(b, n, gen, op) })
	}
}

// docGen generates a valid document of n functions.
type docGen func(n int) []byte

// mixedDoc spreads the functions over FunctionGraph, FC 2.0 and FC 3.0.
func mixedDoc(n int) []byte { return genDoc(n, "", 0) }

type appliedOp func(b *testing.B, n int, ps *plan.Providers, opts *plan.Options)

func benchAppliedAt(b *testing.B, n int, gen docGen, op appliedOp) {
	e, ps := applied(b, gen(n), nil)
	opts := &plan.Options{Parallelism: 16}
	b.ReportAllocs()
	peak := watchMemory()
	for b.Loop() {
		op(b, n, ps, opts)
	}
	heap, sys := peak()
	report(b, n, heap, sys)
	if writes := reportRequests(b, e, n); writes > 0 {
		b.Fatalf("sent %d writes, want none", writes)
	}
}

// BenchmarkPlanLatency is the design's target: plan 1,000 functions with
// 20ms of latency per request at parallelism 16. x-bound is the time
// against the latency bound, 1,000 × 20ms / 16 = 1.25s; the target is
// at most 1.3.
func BenchmarkPlanLatency(b *testing.B) { benchPlanLatency(b, mixedDoc) }

func benchPlanLatency(b *testing.B, gen docGen) {
	const (
		n, parallelism = 1_000, 16
		latency        = 20 * time.Millisecond
	)
	bound := time.Duration(n) * latency / parallelism
	e, ps := applied(b, gen(n), &emulator.Options{Faults: emukit.Faults{Latency: latency}})
	opts := &plan.Options{Parallelism: parallelism}
	for b.Loop() {
		p, err := plan.Make(b.Context(), ps, opts)
		if err != nil || p.HasChanges() || len(p.Diagnostics) > 0 {
			b.Fatalf("plan: %v, summary %+v, %v", err, p.Summary, p.Diagnostics)
		}
	}
	b.ReportMetric(float64(b.Elapsed())/float64(b.N)/float64(bound), "x-bound")
	reportRequests(b, e, n)
}

// applied serves an emulator (opts may be nil) with the functions of a
// generated document and their configs applied, and returns it with its
// providers.
func applied(b *testing.B, data []byte, opts *emulator.Options) (*emu, *plan.Providers) {
	b.Helper()
	doc := parseDoc(b, data)
	e := startEmu(b, opts, doc, nil)
	ps := openProviders(b, doc, e.URL, fast)
	popts := &plan.Options{Parallelism: 32}
	p, err := plan.Make(b.Context(), ps, popts)
	if err == nil {
		err = plan.Apply(b.Context(), ps, p, popts)
	}
	if err != nil {
		b.Fatal(err)
	}
	e.Log().Reset()
	return e, ps
}

// report reports the time per function and the peak heap and system
// memory.
func report(b *testing.B, n int, peakHeap, sys uint64) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/function")
	b.ReportMetric(float64(peakHeap), "peak-heap-B")
	b.ReportMetric(float64(sys), "sys-B")
}

// reportRequests reports the requests and writes per function the
// emulator logged during the benchmark and returns the writes.
func reportRequests(b *testing.B, e *emu, n int) (writes int) {
	reqs := e.Log().Requests()
	for _, r := range reqs {
		if r.Mutating() {
			writes++
		}
	}
	per := float64(b.N * n)
	b.ReportMetric(float64(len(reqs))/per, "requests/function")
	b.ReportMetric(float64(writes)/per, "writes/function")
	return writes
}

// watchMemory samples the heap in use every 2ms until the returned
// function is called, which gives the peak and the memory obtained from
// the system.
func watchMemory() func() (peakHeap, sys uint64) {
	var (
		mu   sync.Mutex
		peak uint64
		done = make(chan struct{})
		wg   sync.WaitGroup
	)
	sample := func() {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		mu.Lock()
		peak = max(peak, m.HeapInuse)
		mu.Unlock()
	}
	runtime.GC()
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				sample()
			}
		}
	}()
	return func() (uint64, uint64) {
		close(done)
		wg.Wait()
		sample()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return peak, m.Sys
	}
}
