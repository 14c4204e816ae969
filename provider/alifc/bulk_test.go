package alifc_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
)

// TestListAllConfigs: FC 3.0 lists every function's configs in pages
// (here of 2) with what each function's own list gives; a listing that
// does not end within its pages is not returned; FC 2.0 has no such
// listing and sends nothing.
func TestListAllConfigs(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, model.TypeAliFC3, nil)
	e.addFunction(t, "a", "prod")
	e.addFunction(t, "b")
	e.addFunction(t, "c")
	c := provider.NewClient(e.driver(t, nil))
	for _, ref := range []model.FunctionRef{{Function: "a"}, {Function: "a", Qualifier: "prod"}, {Function: "c"}} {
		if err := c.Put(ctx, ref, &model.AsyncConfig{MaxRetryAttempts: model.Int(len(ref.Qualifier))}, nil); err != nil {
			t.Fatal(err)
		}
	}
	if !c.CanListAll() {
		t.Fatal("FC 3.0 cannot list every function's configs")
	}
	before := len(e.log.Requests())
	all, ok, err := c.ListAllConfigs(ctx, 10)
	if err != nil || !ok {
		t.Fatalf("ListAllConfigs: %v, complete %t", err, ok)
	}
	if n := len(e.log.Requests()) - before; n != 2 {
		t.Errorf("listing 3 configs in pages of 2 sent %d requests, want 2", n)
	}
	want := provider.AllConfigs{}
	for _, fn := range []string{"a", "b", "c"} {
		l, err := c.ListConfigs(ctx, fn)
		if err != nil {
			t.Fatal(err)
		}
		if len(l) > 0 {
			want[fn] = l
		}
	}
	if diff := cmp.Diff(want, all); diff != "" {
		t.Errorf("ListAllConfigs differs from each function's list (-each +all):\n%s", diff)
	}
	if _, ok, err := c.ListAllConfigs(ctx, 1); ok || err != nil {
		t.Errorf("a listing cut at 1 page of 2: complete %t, %v; want incomplete", ok, err)
	}

	e2 := newEnv(t, model.TypeAliFC2, nil)
	c2 := provider.NewClient(e2.driver(t, nil))
	if c2.CanListAll() {
		t.Error("FC 2.0 claims to list every function's configs")
	}
	if _, ok, err := c2.ListAllConfigs(ctx, 10); ok || err != nil || len(e2.log.Requests()) > 0 {
		t.Errorf("FC 2.0 ListAllConfigs: complete %t, %v, %d requests; want nothing", ok, err, len(e2.log.Requests()))
	}
}
