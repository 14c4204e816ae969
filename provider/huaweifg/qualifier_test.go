package huaweifg_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
)

// TestCustomVersionNames: a qualifier the URN rule takes for an alias but
// that names a version published under a custom name ("v1") is found
// after FunctionGraph answers that no such alias exists, and from then on
// addressed as a version directly; an alias is addressed as one at once;
// a name that is neither is FunctionNotFound and says so.
func TestCustomVersionNames(t *testing.T) {
	e := newEnv(t, nil)
	e.srv.AddVersion(testPID, "orders", "v1")
	e.srv.AddFunction(testPID, "orders", "prod")
	c := provider.NewClient(e.driver(t, nil))
	ctx := context.Background()
	paths := func() []string {
		var out []string
		for _, r := range e.log.Requests() {
			_, last, _ := strings.Cut(r.Path, ":orders:")
			out = append(out, r.Method+" "+strings.TrimSuffix(last, "/async-invoke-config"))
		}
		e.log.Reset()
		return out
	}

	v1 := model.FunctionRef{Function: "orders", Qualifier: "v1"}
	if err := c.Put(ctx, v1, &model.AsyncConfig{MaxRetryAttempts: model.Int(0)}, nil); err != nil {
		t.Fatalf("Put on version v1: %v", err)
	}
	if diff := cmp.Diff([]string{"PUT !v1", "PUT v1"}, paths()); diff != "" {
		t.Errorf("first write to v1: requests (-want +got):\n%s", diff)
	}
	got, err := c.Get(ctx, v1)
	if err != nil || *got.MaxRetryAttempts != 0 {
		t.Fatalf("Get on version v1 = %+v, %v", got, err)
	}
	if diff := cmp.Diff([]string{"GET v1"}, paths()); diff != "" {
		t.Errorf("a later read of v1 goes to the version at once: requests (-want +got):\n%s", diff)
	}

	if _, err := c.Get(ctx, model.FunctionRef{Function: "orders", Qualifier: "prod"}); provider.Code(err) != provider.NotFound {
		t.Errorf("Get on alias prod without a config: %v, want NotFound", err)
	}
	if diff := cmp.Diff([]string{"GET !prod"}, paths()); diff != "" {
		t.Errorf("an alias is addressed as one: requests (-want +got):\n%s", diff)
	}

	_, err = c.Get(ctx, model.FunctionRef{Function: "orders", Qualifier: "nope"})
	if provider.Code(err) != provider.FunctionNotFound || !strings.Contains(err.Error(), "neither an alias nor a version named nope") {
		t.Errorf("Get on a qualifier that does not exist: %v (code %v), want FunctionNotFound saying so", err, provider.Code(err))
	}

	configs, err := c.ListConfigs(ctx, "orders")
	if err != nil || len(configs) != 1 || configs[0].Ref.Qualifier != "v1" {
		t.Errorf("ListConfigs = %+v, %v; want the config of v1", configs, err)
	}
}
