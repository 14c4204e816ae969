package drivertest_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/emulator"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/alifc"
	"github.com/fnasync/fnasync/provider/driver"
	"github.com/fnasync/fnasync/provider/drivertest"
	"github.com/fnasync/fnasync/provider/emukit"
	"github.com/fnasync/fnasync/provider/huaweifg"
	"github.com/fnasync/fnasync/schemas"
)

var liveTypes = []string{model.TypeHuaweiFG, model.TypeAliFC2, model.TypeAliFC3}

// open opens an adapter's driver with the SDK's own credential chain.
func open(_ context.Context, p *model.Provider, limits model.Limits) (driver.Driver, error) {
	if p.Type == model.TypeHuaweiFG {
		return huaweifg.New(p, limits, nil)
	}
	return alifc.New(p, limits, nil)
}

// TestLive runs the conformance suite against a real account, for each
// cloud whose FNASYNC_LIVE_<TYPE>_FUNCTION is set (see the README's live
// check); it is skipped otherwise.
func TestLive(t *testing.T) {
	for _, typ := range liveTypes {
		t.Run(typ, func(t *testing.T) {
			cfg, err := drivertest.LiveFromEnv(typ)
			if err != nil {
				t.Fatal(err)
			}
			if cfg == nil {
				t.Skipf("set %s (and the README's other live-check variables) to run the suite against your account", drivertest.LiveEnv(typ, "FUNCTION"))
			}
			cfg.Open = open
			drivertest.RunConformanceTests(t, drivertest.LiveHarness(cfg), nil)
		})
	}
}

// TestLiveAgainstEmulator runs the live check's own code, configured by
// its environment variables and with credentials from the SDKs' chains,
// against the emulator's URL as if it were a real account: the suite
// passes, and afterwards the function has exactly the configs it had
// before (one qualifier with a config, the others none).
func TestLiveAgainstEmulator(t *testing.T) {
	srv, err := emulator.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	l, err := emulator.Listen("", srv, false)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	t.Setenv("HUAWEICLOUD_SDK_AK", emukit.DefaultAccessKey)
	t.Setenv("HUAWEICLOUD_SDK_SK", emukit.DefaultSecretKey)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", emukit.DefaultAccessKey)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", emukit.DefaultSecretKey)
	functions := map[string]string{model.TypeHuaweiFG: "shop/orders", model.TypeAliFC2: "shop/orders", model.TypeAliFC3: "orders"}
	quals := map[string][]string{model.TypeHuaweiFG: {"v20240101-000000", "prod"}, model.TypeAliFC2: {"1", "prod"}, model.TypeAliFC3: {"1", "prod"}}
	for _, typ := range liveTypes {
		t.Run(typ, func(t *testing.T) {
			set := func(key, v string) { t.Setenv(drivertest.LiveEnv(typ, key), v) }
			set("FUNCTION", functions[typ])
			set("REGION", "cn-north-4")
			set("PROJECT_ID", "0123456789abcdef0123456789abcdef")
			set("ACCOUNT_ID", "1234567890123456")
			set("QUALIFIERS", strings.Join(quals[typ], ","))
			set("ENDPOINT", l.URL)
			cfg, err := drivertest.LiveFromEnv(typ)
			if err != nil || cfg == nil {
				t.Fatalf("LiveFromEnv: %v, %v", cfg, err)
			}
			cfg.Open = open
			doc := &model.Document{Version: 1, Providers: map[string]*model.Provider{"live": cfg.Provider}}
			for _, q := range append([]string{""}, quals[typ]...) {
				doc.Functions = append(doc.Functions, &model.FunctionEntry{Provider: "live", Function: functions[typ], Qualifier: q})
			}
			if err := srv.Seed(doc); err != nil {
				t.Fatal(err)
			}
			limits, _ := schemas.ProviderLimits(cfg.Provider)
			d, err := open(context.Background(), cfg.Provider, limits)
			if err != nil {
				t.Fatal(err)
			}
			c := provider.NewClient(d)
			defer c.Close()
			ctx := context.Background()
			before := model.FunctionRef{Provider: "live", Function: functions[typ], Qualifier: quals[typ][1]}
			if err := c.Put(ctx, before, &model.AsyncConfig{MaxRetryAttempts: model.Int(2), StatusLog: model.Bool(true)}, nil); err != nil {
				t.Fatal(err)
			}
			want, err := c.ListConfigs(ctx, functions[typ])
			if err != nil || len(want) != 1 {
				t.Fatalf("the config before: %+v, %v", want, err)
			}

			t.Run("suite", func(t *testing.T) { drivertest.RunConformanceTests(t, drivertest.LiveHarness(cfg), nil) })

			got, err := c.ListConfigs(ctx, functions[typ])
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("the function's configs after the live check (-before +after):\n%s", diff)
			}
		})
	}
}

// TestRestoreConfigs puts back, on each cloud's emulator, configs that a
// live case changed: a destination the case added is gone (FC 2.0's PUT
// merges, so putting the saved config over it is not enough), a field
// the case changed is back, a qualifier that had no config has none, and
// one the case deleted has its config again.
func TestRestoreConfigs(t *testing.T) {
	srv, err := emulator.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	l, err := emulator.Listen("", srv, false)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	ak, sk := srv.Credentials()
	functions := map[string]string{model.TypeHuaweiFG: "shop/orders", model.TypeAliFC2: "shop/orders", model.TypeAliFC3: "orders"}
	dest := map[string]*model.Destination{model.TypeHuaweiFG: {Kind: model.KindTopic, Name: "t"},
		model.TypeAliFC2: {Kind: model.KindQueue, Name: "q"}, model.TypeAliFC3: {Kind: model.KindQueue, Name: "q"}}
	for _, typ := range liveTypes {
		t.Run(typ, func(t *testing.T) {
			p := &model.Provider{Name: "live", Type: typ, Region: "cn-north-4", ProjectID: "0123456789abcdef0123456789abcdef", AccountID: "1234567890123456"}
			fn := functions[typ]
			doc := &model.Document{Version: 1, Providers: map[string]*model.Provider{"live": p}}
			for _, q := range []string{"", "1", "prod"} {
				doc.Functions = append(doc.Functions, &model.FunctionEntry{Provider: "live", Function: fn, Qualifier: q})
			}
			if err := srv.Seed(doc); err != nil {
				t.Fatal(err)
			}
			limits, _ := schemas.ProviderLimits(p)
			c, err := provider.Open(t.Context(), p, limits, &provider.OpenOptions{Endpoint: l.URL,
				Credentials: &provider.Credentials{AccessKey: ak, SecretKey: sk}})
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			ref := func(q string) model.FunctionRef {
				return model.FunctionRef{Provider: "live", Function: fn, Qualifier: q}
			}
			put := func(q string, cfg *model.AsyncConfig) {
				t.Helper()
				if err := c.Put(t.Context(), ref(q), cfg, nil); err != nil {
					t.Fatal(err)
				}
			}
			put("1", &model.AsyncConfig{MaxRetryAttempts: model.Int(2)})
			put("prod", &model.AsyncConfig{MaxRetryAttempts: model.Int(1), OnSuccess: dest[typ]})
			saved, err := c.ListConfigs(t.Context(), fn)
			if err != nil || len(saved) != 2 {
				t.Fatalf("the configs before: %+v, %v", saved, err)
			}
			// What a case leaves behind.
			put("1", &model.AsyncConfig{MaxRetryAttempts: model.Int(0), OnFailure: dest[typ]})
			if err := c.Delete(t.Context(), ref("prod")); err != nil {
				t.Fatal(err)
			}
			put("", &model.AsyncConfig{MaxRetryAttempts: model.Int(3)})

			if err := drivertest.RestoreConfigs(t.Context(), c, fn, saved); err != nil {
				t.Fatal(err)
			}
			got, err := c.ListConfigs(t.Context(), fn)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(saved, got); diff != "" {
				t.Errorf("the configs after RestoreConfigs (-saved +got):\n%s", diff)
			}
		})
	}
}
