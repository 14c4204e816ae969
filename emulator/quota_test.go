package emulator_test

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/fnasync/fnasync/emulator"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	_ "github.com/fnasync/fnasync/provider/alifc"
	"github.com/fnasync/fnasync/provider/emukit"
	_ "github.com/fnasync/fnasync/provider/huaweifg"
	"github.com/fnasync/fnasync/provider/ratelimit"
	"github.com/fnasync/fnasync/provider/retry"
	"github.com/fnasync/fnasync/schemas"
)

// TestQuota: past its quota, a project or account is answered with its
// cloud's own throttling error, which the adapters classify as
// throttling, and the request log marks those requests; each project or
// account has its own bucket, FC 2.0 and 3.0 of one account share one.
func TestQuota(t *testing.T) {
	now := time.Now()
	doc := &model.Document{Version: 1,
		Providers: map[string]*model.Provider{
			"hw":   {Name: "hw", Type: model.TypeHuaweiFG, Region: "cn-north-4", ProjectID: "0123456789abcdef0123456789abcdef"},
			"ali":  {Name: "ali", Type: model.TypeAliFC2, Region: "cn-hangzhou", AccountID: "1234567890123456"},
			"ali3": {Name: "ali3", Type: model.TypeAliFC3, Region: "cn-hangzhou", AccountID: "1234567890123456"}},
		Functions: []*model.FunctionEntry{{Provider: "hw", Function: "orders"}, {Provider: "ali", Function: "shop/orders"},
			{Provider: "ali3", Function: "orders"}}}
	srv, err := emulator.New(&emulator.Options{Faults: emukit.Faults{Quota: &emukit.Quota{RPS: 2, Now: func() time.Time { return now }}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Seed(doc); err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	defer hs.Close()
	ak, sk := srv.Credentials()
	get := func(name string) error {
		p := doc.Providers[name]
		limits, err := schemas.ProviderLimits(p)
		if err != nil {
			t.Fatal(err)
		}
		c, err := provider.Open(context.Background(), p, limits, &provider.OpenOptions{Endpoint: hs.URL, Limiter: ratelimit.Fixed(0),
			Credentials: &provider.Credentials{AccessKey: ak, SecretKey: sk}, Retry: &retry.Policy{Attempts: 1}})
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		fn := model.FunctionRef{Function: doc.Functions[map[string]int{"hw": 0, "ali": 1, "ali3": 2}[name]].Function}
		_, err = c.Get(context.Background(), fn)
		if provider.Code(err) == provider.NotFound {
			return nil
		}
		return err
	}
	steps := []struct {
		provider  string
		throttled bool
	}{
		{"hw", false}, {"hw", false}, {"hw", true},
		{"ali", false}, {"ali3", false}, {"ali3", true}, {"ali", true},
	}
	for i, s := range steps {
		err := get(s.provider)
		if got := provider.Code(err) == provider.ResourceExhausted; got != s.throttled {
			t.Errorf("step %d (%s): %v, throttled %t, want %t", i, s.provider, err, got, s.throttled)
		}
	}
	reqs := srv.Log().Requests()
	if len(reqs) != len(steps) {
		t.Fatalf("logged %d requests, want %d", len(reqs), len(steps))
	}
	for i, r := range reqs {
		if r.Throttled != steps[i].throttled {
			t.Errorf("request %d (%s %s %d) marked throttled %t, want %t", i, r.Cloud, r.Operation, r.Status, r.Throttled, steps[i].throttled)
		}
	}
}
