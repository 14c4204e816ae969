package plan_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/plan"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/memprovider"
	"github.com/fnasync/fnasync/schemas"
)

var update = flag.Bool("update", false, "rewrite golden files")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading golden file (run with -update to create): %v", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", name, diff)
	}
}

// fixture is a document on two memory providers (one with FC 2.0's
// merging put) and their drivers with some live configs.
type fixture struct {
	doc     *model.Document
	drivers map[string]*memprovider.Driver
	ps      *plan.Providers
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	l, _ := schemas.Limits(model.TypeMemory)
	doc := &model.Document{Version: 1, Providers: map[string]*model.Provider{
		"mem":   {Name: "mem", Type: model.TypeMemory},
		"merge": {Name: "merge", Type: model.TypeMemory},
	}}
	add := func(p, fn, q string, cfg model.AsyncConfig, absent bool) {
		doc.Functions = append(doc.Functions, &model.FunctionEntry{Provider: p, Function: fn, Qualifier: q, AsyncConfig: cfg, Absent: absent})
	}
	add("mem", "orders", "", model.AsyncConfig{MaxRetryAttempts: model.Int(0), StatusLog: model.Bool(true),
		OnFailure: &model.Destination{Kind: model.KindTopic, Name: "alerts"}}, false) // create
	add("mem", "billing", "prod", model.AsyncConfig{MaxEventAgeSeconds: model.Int(600)}, false) // update
	add("mem", "billing", "v1", model.AsyncConfig{}, false)                                     // no-op
	add("mem", "legacy", "", model.AsyncConfig{}, true)                                         // delete
	add("merge", "shop", "", model.AsyncConfig{OnSuccess: &model.Destination{Kind: model.KindFunction, Name: "notify"}}, false)
	f := &fixture{doc: doc, drivers: map[string]*memprovider.Driver{
		"mem":   memprovider.New(l, &memprovider.Options{Functions: []string{"orders", "billing", "legacy"}}),
		"merge": memprovider.New(l, &memprovider.Options{Functions: []string{"shop"}, MergeOnPut: true}),
	}}
	clients := map[string]*provider.Client{}
	for name, d := range f.drivers {
		clients[name] = provider.NewClient(d)
	}
	ctx := context.Background()
	put := func(p, fn, q string, cfg *model.AsyncConfig) {
		if err := clients[p].Put(ctx, model.FunctionRef{Provider: p, Function: fn, Qualifier: q}, cfg, nil); err != nil {
			t.Fatal(err)
		}
	}
	put("mem", "billing", "prod", &model.AsyncConfig{MaxEventAgeSeconds: model.Int(60), MaxRetryAttempts: model.Int(1)})
	put("mem", "billing", "v1", &model.AsyncConfig{})
	put("mem", "billing", "old", &model.AsyncConfig{}) // only --prune touches it
	put("mem", "legacy", "", &model.AsyncConfig{MaxRetryAttempts: model.Int(2)})
	put("merge", "shop", "", &model.AsyncConfig{
		OnSuccess: &model.Destination{Kind: model.KindFunction, Name: "notify"},
		OnFailure: &model.Destination{Kind: model.KindQueue, Name: "dead"}}) // removal → replace
	f.ps = plan.NewProviders(doc, clients)
	return f
}

func (f *fixture) calls() int {
	n := 0
	for _, d := range f.drivers {
		n += d.Calls()
	}
	return n
}

func TestPlanOutput(t *testing.T) {
	f := newFixture(t)
	p, err := plan.Make(context.Background(), f.ps, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := plan.Summary{Create: 1, Update: 1, Replace: 1, Delete: 1, NoOp: 1}
	if diff := cmp.Diff(want, p.Summary); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
	var text, js bytes.Buffer
	if err := plan.WriteText(&text, p, nil); err != nil {
		t.Fatal(err)
	}
	golden(t, "plan.txt", text.Bytes())
	if err := plan.WriteJSON(&js, p); err != nil {
		t.Fatal(err)
	}
	golden(t, "plan.json", js.Bytes())
	var color bytes.Buffer
	_ = plan.WriteText(&color, p, &plan.TextOptions{Color: true})
	if !bytes.Contains(color.Bytes(), []byte("\x1b[32m")) || bytes.Contains(text.Bytes(), []byte("\x1b[")) {
		t.Errorf("colour must appear only when asked for")
	}
}

func TestApplyConverges(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	p, err := plan.Make(ctx, f.ps, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := plan.Apply(ctx, f.ps, p, &plan.Options{Parallelism: 3}); err != nil {
		t.Fatalf("Apply: %v", err)
	}
	var out bytes.Buffer
	_ = plan.WriteApplyText(&out, p)
	golden(t, "apply.txt", out.Bytes())

	again, err := plan.Make(ctx, f.ps, nil)
	if err != nil {
		t.Fatal(err)
	}
	if again.HasChanges() {
		var b bytes.Buffer
		_ = plan.WriteText(&b, again, nil)
		t.Fatalf("second plan has changes:\n%s", b.String())
	}
	before := f.calls()
	if err := plan.Apply(ctx, f.ps, again, nil); err != nil {
		t.Fatal(err)
	}
	if n := f.calls() - before; n != 0 {
		t.Errorf("no-op apply made %d calls, want 0", n)
	}
	var nochange bytes.Buffer
	_ = plan.WriteText(&nochange, again, nil)
	golden(t, "nochange.txt", nochange.Bytes())
}

// TestPlanReadsOncePerFunctionAndNeverWrites: one get per function named
// with one qualifier (orders, legacy, shop), one list for billing's two
// qualifiers, both of which have a config; nothing else.
func TestPlanReadsOncePerFunctionAndNeverWrites(t *testing.T) {
	f := newFixture(t)
	before := f.calls()
	if _, err := plan.Make(context.Background(), f.ps, nil); err != nil {
		t.Fatal(err)
	}
	if n := f.calls() - before; n != 4 {
		t.Errorf("plan made %d calls, want 4: a get for each of 3 functions, a list for billing's 2 qualifiers", n)
	}
}

func TestPruneOnlyNamedFunctions(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	other := model.FunctionRef{Provider: "mem", Function: "other"}
	f.drivers["mem"].AddFunction("other")
	c, _ := f.ps.Client("mem")
	if err := c.Put(ctx, other, &model.AsyncConfig{}, nil); err != nil {
		t.Fatal(err)
	}
	p, err := plan.Make(ctx, f.ps, &plan.Options{Prune: true})
	if err != nil {
		t.Fatal(err)
	}
	var deletes []string
	for _, ch := range p.Changes {
		if ch.Action == plan.Delete {
			deletes = append(deletes, ch.Ref().String())
		}
	}
	want := []string{"mem:billing@old", "mem:legacy@latest"}
	if diff := cmp.Diff(want, deletes); diff != "" {
		t.Errorf("prune deletes (-want +got):\n%s", diff)
	}
	if err := plan.Apply(ctx, f.ps, p, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Get(ctx, other); err != nil {
		t.Errorf("prune touched a function the document does not name: %v", err)
	}
}

func TestReadFailureIsLocatedAndOthersPlanned(t *testing.T) {
	f := newFixture(t)
	f.doc.Functions = append(f.doc.Functions, &model.FunctionEntry{Provider: "mem", Function: "ghost"})
	f.doc.File = "doc.yaml"
	f.doc.Positions = model.Positions{"/functions/5": {Line: 30, Column: 5}}
	p, err := plan.Make(context.Background(), f.ps, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Diagnostics) != 1 || p.Diagnostics[0].Line != 30 || p.Diagnostics[0].Pointer != "/functions/5" {
		t.Fatalf("diagnostics = %+v, want one at line 30 for /functions/5", p.Diagnostics)
	}
	if len(p.Changes) != 5 {
		t.Errorf("got %d changes, want the 5 readable ones", len(p.Changes))
	}
}

// TestApplyInterruptedSkipsRest: a context that has ended starts no
// change, and each skipped change says whether Ctrl-C or the deadline
// stopped it.
func TestApplyInterruptedSkipsRest(t *testing.T) {
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	expired, cancel2 := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel2()
	for _, tt := range []struct {
		name string
		ctx  context.Context
		why  string
	}{
		{"cancelled", cancelled, "interrupted before it started"},
		{"deadline", expired, "the deadline passed before it started"},
	} {
		f := newFixture(t)
		p, err := plan.Make(context.Background(), f.ps, nil)
		if err != nil {
			t.Fatal(err)
		}
		err = plan.Apply(tt.ctx, f.ps, p, nil)
		var ae *plan.ApplyError
		if !errors.As(err, &ae) || ae.Skipped != 4 || ae.Failed != 0 {
			t.Fatalf("%s: Apply with a stopped context: %v, want 4 skipped", tt.name, err)
		}
		for _, c := range p.Changes {
			if c.Action != plan.NoOp && (c.Result != plan.Skipped || c.Error != tt.why) {
				t.Errorf("%s: %s: result %q (%s), want skipped (%s)", tt.name, c.Ref(), c.Result, c.Error, tt.why)
			}
		}
	}
}

// TestAbsentOnMissingFunction checks that a config that must not exist is
// satisfied when its function does not exist either, with and without
// --prune, while settings for a missing function stay an error.
func TestAbsentOnMissingFunction(t *testing.T) {
	for _, prune := range []bool{false, true} {
		f := newFixture(t)
		f.doc.Functions = append(f.doc.Functions,
			&model.FunctionEntry{Provider: "mem", Function: "gone", Absent: true},
			&model.FunctionEntry{Provider: "mem", Function: "gone", Qualifier: "prod", Absent: true},
			&model.FunctionEntry{Provider: "mem", Function: "ghost", Absent: true},
			&model.FunctionEntry{Provider: "mem", Function: "ghost", Qualifier: "prod"})
		ctx := context.Background()
		p, err := plan.Make(ctx, f.ps, &plan.Options{Prune: prune})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range p.Changes {
			if c.Function == "gone" || c.Function == "ghost" {
				got = append(got, c.Ref().String()+" "+string(c.Action))
			}
		}
		want := []string{"mem:gone@latest no-op", "mem:gone@prod no-op", "mem:ghost@latest no-op"} // document order
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("prune %v: changes of missing functions (-want +got):\n%s", prune, diff)
		}
		if len(p.Diagnostics) != 1 || p.Diagnostics[0].Pointer != "/functions/8" {
			t.Errorf("prune %v: diagnostics = %+v, want one for ghost@prod (/functions/8)", prune, p.Diagnostics)
		}
	}
}

// TestApplyDeleteOfMissingFunction checks that deleting the config of a
// function that has gone since the plan succeeds: the config is gone.
func TestApplyDeleteOfMissingFunction(t *testing.T) {
	f := newFixture(t)
	p := &plan.Plan{Changes: []*plan.Change{{Provider: "mem", Function: "gone", Qualifier: "latest", Action: plan.Delete}}}
	if err := plan.Apply(context.Background(), f.ps, p, nil); err != nil {
		t.Fatalf("Apply: %v (%s)", err, p.Changes[0].Error)
	}
}

// TestJSONDiagnosticsHaveEveryKey checks that the JSON plan's diagnostics
// have every key DESIGN.md lists, empty ones included.
func TestJSONDiagnosticsHaveEveryKey(t *testing.T) {
	p := plan.Empty(model.Diagnostics{model.Errorf("", "cannot read the document")})
	var b bytes.Buffer
	if err := plan.WriteJSON(&b, p); err != nil {
		t.Fatal(err)
	}
	golden(t, "empty.json", b.Bytes())
}

// TestDocumentOrder checks that changes come in the order the document
// names them, not sorted (fn1, fn10, fn2), and that a qualifier only
// --prune finds follows its function's entries.
func TestDocumentOrder(t *testing.T) {
	limits, err := schemas.ProviderLimits(&model.Provider{Name: "m", Type: model.TypeMemory})
	if err != nil {
		t.Fatal(err)
	}
	d := memprovider.New(limits, &memprovider.Options{AnyFunction: true})
	doc := &model.Document{Version: 1, Providers: map[string]*model.Provider{"m": {Name: "m", Type: model.TypeMemory}}}
	var want []string
	for _, fn := range []string{"fn2", "fn10", "fn1"} {
		doc.Functions = append(doc.Functions, &model.FunctionEntry{Provider: "m", Function: fn})
		want = append(want, "m:"+fn+"@latest")
		if fn == "fn10" {
			want = append(want, "m:fn10@old")
		}
	}
	ctx := context.Background()
	c := provider.NewClient(d)
	if err := c.Put(ctx, model.FunctionRef{Provider: "m", Function: "fn10", Qualifier: "old"}, &model.AsyncConfig{}, nil); err != nil {
		t.Fatal(err)
	}
	p, err := plan.Make(ctx, plan.NewProviders(doc, map[string]*provider.Client{"m": c}), &plan.Options{Prune: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ch := range p.Changes {
		got = append(got, ch.Ref().String())
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
}
