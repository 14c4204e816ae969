package drivertest

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
)

// RunConformanceTests runs the suite against drivers from newHarness, and
// the asTests against them.
func RunConformanceTests(t *testing.T, newHarness HarnessMaker, asTests []AsTest) {
	t.Helper()
	cases := []struct {
		name string
		run  func(*testing.T, *fixture)
	}{
		{"GetWithoutConfig", testGetWithoutConfig},
		{"NonexistentFunction", testNonexistentFunction},
		{"RoundTripZeroAndFalse", testRoundTripZeroAndFalse},
		{"RoundTripMaximaAndTrue", testRoundTripMaxima},
		{"PutIsIdempotent", testPutIdempotent},
		{"PutReplacesNotMerges", testPutReplaces},
		{"Delete", testDelete},
		{"EachDestinationKind", testEachKind},
		{"UnsupportedKindsRefusedBeforeRequest", testUnsupportedKinds},
		{"FailureOnlyAndStatusLogRefusedBeforeRequest", testFailureOnlyAndStatusLog},
		{"OutOfRangeRefusedBeforeRequest", testOutOfRange},
		{"BadNamesRefusedBeforeRequest", testBadNames},
		{"ListConfigsEveryQualifierOnce", testListConfigs},
		{"ListFunctions", testListFunctions},
		{"CanceledContext", testCanceled},
		{"Invocations", testInvocations},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { tc.run(t, setup(t, newHarness)) })
	}
	for _, at := range asTests {
		t.Run("As/"+at.Name(), func(t *testing.T) { testAs(t, setup(t, newHarness), at) })
	}
}

func (f *fixture) roundTrip(t *testing.T, fn model.FunctionRef, cfg *model.AsyncConfig) {
	t.Helper()
	if err := f.c.Put(f.ctx, fn, cfg, nil); err != nil {
		t.Fatalf("Put(%v): %v", fn, err)
	}
	got, err := f.c.Get(f.ctx, fn)
	if err != nil {
		t.Fatalf("Get(%v): %v", fn, err)
	}
	want := model.Normalize(cfg, f.caps.Limits)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("Get after Put mismatch (-want +got):\n%s", diff)
	}
}

func testGetWithoutConfig(t *testing.T, f *fixture) {
	fn, _ := f.function(t, "conf-get")
	_, err := f.c.Get(f.ctx, fn)
	wantCode(t, "Get of a function without config", err, provider.NotFound)
}

func testNonexistentFunction(t *testing.T, f *fixture) {
	fn := f.h.NonexistentFunction()
	_, err := f.c.Get(f.ctx, fn)
	wantCode(t, "Get of a nonexistent function", err, provider.FunctionNotFound)
	err = f.c.Put(f.ctx, fn, &model.AsyncConfig{}, nil)
	wantCode(t, "Put to a nonexistent function", err, provider.FunctionNotFound)
}

func testRoundTripZeroAndFalse(t *testing.T, f *fixture) {
	fn, _ := f.function(t, "conf-zero")
	l := f.caps.Limits
	f.roundTrip(t, fn, &model.AsyncConfig{
		MaxEventAgeSeconds: model.Int(l.MaxEventAgeSeconds.Min),
		MaxRetryAttempts:   model.Int(0),
		StatusLog:          model.Bool(false),
	})
	f.roundTrip(t, fn, &model.AsyncConfig{}) // all defaults, sent explicitly
}

func testRoundTripMaxima(t *testing.T, f *fixture) {
	fn, quals := f.function(t, "conf-max")
	l := f.caps.Limits
	cfg := &model.AsyncConfig{
		MaxEventAgeSeconds: model.Int(l.MaxEventAgeSeconds.Max),
		MaxRetryAttempts:   model.Int(l.MaxRetryAttempts.Max),
		StatusLog:          model.Bool(l.HasStatusLog()),
		OnSuccess:          f.h.Destination(model.KindFunction, 1),
		OnFailure:          f.h.Destination(l.Destinations[len(l.Destinations)-1], 2),
	}
	f.roundTrip(t, fn, cfg)
	fn.Qualifier = quals[0]
	f.roundTrip(t, fn, cfg)
}

func testPutIdempotent(t *testing.T, f *fixture) {
	fn, _ := f.function(t, "conf-idem")
	cfg := &model.AsyncConfig{MaxRetryAttempts: model.Int(1), OnFailure: f.h.Destination(model.KindFunction, 1)}
	f.roundTrip(t, fn, cfg)
	f.roundTrip(t, fn, cfg)
}

func testPutReplaces(t *testing.T, f *fixture) {
	fn, _ := f.function(t, "conf-replace")
	l := f.caps.Limits
	f.roundTrip(t, fn, &model.AsyncConfig{
		MaxEventAgeSeconds: model.Int(l.MaxEventAgeSeconds.Min + 1),
		MaxRetryAttempts:   model.Int(l.MaxRetryAttempts.Max),
		StatusLog:          model.Bool(l.HasStatusLog()),
		OnSuccess:          f.h.Destination(model.KindFunction, 1),
		OnFailure:          f.h.Destination(model.KindFunction, 2),
	})
	// Only onSuccess now: onFailure must go, the rest return to defaults.
	f.roundTrip(t, fn, &model.AsyncConfig{OnSuccess: f.h.Destination(model.KindFunction, 3)})
	f.roundTrip(t, fn, &model.AsyncConfig{OnFailure: f.h.Destination(model.KindFunction, 2)})
	f.roundTrip(t, fn, &model.AsyncConfig{MaxRetryAttempts: model.Int(0)})
}

func testDelete(t *testing.T, f *fixture) {
	fn, _ := f.function(t, "conf-delete")
	err := f.c.Delete(f.ctx, fn)
	wantCode(t, "Delete without config", err, provider.NotFound)
	f.roundTrip(t, fn, &model.AsyncConfig{MaxRetryAttempts: model.Int(0)})
	if err := f.c.Delete(f.ctx, fn); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	_, err = f.c.Get(f.ctx, fn)
	wantCode(t, "Get after Delete", err, provider.NotFound)
}

func testEachKind(t *testing.T, f *fixture) {
	fn, _ := f.function(t, "conf-kinds")
	for i, k := range f.caps.Limits.Destinations {
		t.Run(string(k), func(t *testing.T) {
			cfg := &model.AsyncConfig{OnSuccess: f.h.Destination(k, i), OnFailure: f.h.Destination(k, i+10)}
			if !f.caps.Limits.AcceptsOn(model.FieldOnSuccess, k) {
				cfg.OnSuccess = nil // taken on failure only (Lambda's S3 buckets)
			}
			f.roundTrip(t, fn, cfg)
		})
	}
}

func testUnsupportedKinds(t *testing.T, f *fixture) {
	fn, _ := f.function(t, "conf-unsupported")
	for _, k := range model.AllKinds {
		if f.caps.Limits.Accepts(k) {
			continue
		}
		dest := &model.Destination{Kind: k, Name: "x1"}
		err := f.noRequest(t, string(k), func() error {
			return f.c.Put(f.ctx, fn, &model.AsyncConfig{OnFailure: dest}, nil)
		})
		wantCode(t, "Put with a "+string(k)+" destination", err, provider.InvalidArgument)
	}
}

// testFailureOnlyAndStatusLog: a kind taken on failure only is refused
// in onSuccess, and statusLog true where the cloud has no status flag,
// both before any request.
func testFailureOnlyAndStatusLog(t *testing.T, f *fixture) {
	fn, _ := f.function(t, "conf-halves")
	l := f.caps.Limits
	for _, k := range l.FailureOnly {
		err := f.noRequest(t, string(k)+" on success", func() error {
			return f.c.Put(f.ctx, fn, &model.AsyncConfig{OnSuccess: f.h.Destination(k, 1)}, nil)
		})
		wantCode(t, "Put with a "+string(k)+" destination on success", err, provider.InvalidArgument)
	}
	if !l.HasStatusLog() {
		err := f.noRequest(t, "statusLog true", func() error {
			return f.c.Put(f.ctx, fn, &model.AsyncConfig{StatusLog: model.Bool(true)}, nil)
		})
		wantCode(t, "Put with statusLog true", err, provider.InvalidArgument)
	}
}

func testOutOfRange(t *testing.T, f *fixture) {
	fn, _ := f.function(t, "conf-range")
	l := f.caps.Limits
	for _, cfg := range []*model.AsyncConfig{
		{MaxEventAgeSeconds: model.Int(l.MaxEventAgeSeconds.Max + 1)},
		{MaxEventAgeSeconds: model.Int(l.MaxEventAgeSeconds.Min - 1)},
		{MaxRetryAttempts: model.Int(l.MaxRetryAttempts.Max + 1)},
		{MaxRetryAttempts: model.Int(-1)},
	} {
		err := f.noRequest(t, "out of range", func() error { return f.c.Put(f.ctx, fn, cfg, nil) })
		wantCode(t, "Put out of range", err, provider.InvalidArgument)
	}
}

func testBadNames(t *testing.T, f *fixture) {
	fn, _ := f.function(t, "conf-names")
	prefix := fn.Function[:strings.LastIndex(fn.Function, "/")+1]
	for _, name := range []string{"../x", "a%2Fb", "a b", "a\x00b", "x\n", strings.Repeat("a", 300), ".", ""} {
		bad := fn
		bad.Function = prefix + name
		err := f.noRequest(t, "bad function "+name, func() error { _, err := f.c.Get(f.ctx, bad); return err })
		wantCode(t, "Get with function "+name, err, provider.InvalidArgument)
		bad = fn
		bad.Qualifier = "../" + name
		err = f.noRequest(t, "bad qualifier", func() error { return f.c.Put(f.ctx, bad, &model.AsyncConfig{}, nil) })
		wantCode(t, "Put with qualifier ../"+name, err, provider.InvalidArgument)
	}
}

func testListConfigs(t *testing.T, f *fixture) {
	fn, quals := f.function(t, "conf-list")
	want := map[string]*model.AsyncConfig{}
	for i, q := range append([]string{""}, quals...) {
		ref := fn
		ref.Qualifier = q
		cfg := &model.AsyncConfig{MaxRetryAttempts: model.Int(i % 2), OnFailure: f.h.Destination(model.KindFunction, i)}
		f.roundTrip(t, ref, cfg)
		want[f.c.Ref(ref).Qualifier] = model.Normalize(cfg, f.caps.Limits)
	}
	got, err := f.c.ListConfigs(f.ctx, fn.Function)
	if err != nil {
		t.Fatalf("ListConfigs: %v", err)
	}
	gotMap := map[string]*model.AsyncConfig{}
	for _, qc := range got {
		if _, dup := gotMap[qc.Ref.Qualifier]; dup {
			t.Errorf("qualifier %q listed twice", qc.Ref.Qualifier)
		}
		gotMap[qc.Ref.Qualifier] = qc.Config
	}
	if diff := cmp.Diff(want, gotMap); diff != "" {
		t.Errorf("ListConfigs mismatch (-want +got):\n%s", diff)
	}
}

func testListFunctions(t *testing.T, f *fixture) {
	a, _ := f.function(t, "conf-lf-a")
	b, _ := f.function(t, "conf-lf-b")
	got, err := f.c.ListFunctions(f.ctx)
	if err != nil {
		t.Fatalf("ListFunctions: %v", err)
	}
	seen := map[string]int{}
	for _, name := range got {
		seen[name]++
	}
	for _, fn := range []model.FunctionRef{a, b} {
		if n := seen[f.c.Ref(fn).Function]; n != 1 {
			t.Errorf("ListFunctions lists %s %d times, want once (got %v)", fn.Function, n, got)
		}
	}
}

func testCanceled(t *testing.T, f *fixture) {
	fn, _ := f.function(t, "conf-cancel")
	ctx, cancel := context.WithCancel(f.ctx)
	cancel()
	_, err := f.c.Get(ctx, fn)
	wantCode(t, "Get with a cancelled context", err, provider.Canceled)
	err = f.c.Put(ctx, fn, &model.AsyncConfig{}, nil)
	wantCode(t, "Put with a cancelled context", err, provider.Canceled)
}

func testAs(t *testing.T, f *fixture, at AsTest) {
	if err := at.ClientCheck(f.c); err != nil {
		t.Error(err)
	}
	fn, _ := f.function(t, "conf-as")
	_, err := f.c.Get(f.ctx, fn)
	wantCode(t, "Get without config", err, provider.NotFound)
	if err := at.ErrorCheck(f.c, err); err != nil {
		t.Error(err)
	}
}
