package huaweifg_test

import (
	"context"
	"fmt"
	"net/http/httptest"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/emukit"
	"github.com/fnasync/fnasync/provider/huaweifg/fgemu"
	"github.com/fnasync/fnasync/schemas"
)

// Example opens a FunctionGraph provider against the emulator, sets an
// async config with no retries and reads it back.
func Example() {
	emu := fgemu.New(nil)
	emu.AddFunction("0123456789abcdef0123456789abcdef", "orders")
	ts := httptest.NewServer(emu)
	defer ts.Close()

	p := &model.Provider{Name: "hw", Type: model.TypeHuaweiFG, Region: "cn-north-4", ProjectID: "0123456789abcdef0123456789abcdef"}
	limits, _ := schemas.ProviderLimits(p)
	ctx := context.Background()
	c, err := provider.Open(ctx, p, limits, &provider.OpenOptions{Endpoint: ts.URL,
		Credentials: &provider.Credentials{AccessKey: emukit.DefaultAccessKey, SecretKey: emukit.DefaultSecretKey}})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()
	fn := model.FunctionRef{Function: "orders"}
	err = c.Put(ctx, fn, &model.AsyncConfig{MaxRetryAttempts: model.Int(0), OnFailure: &model.Destination{Kind: model.KindTopic, Name: "alerts"}}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	cfg, err := c.Get(ctx, fn)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(*cfg.MaxEventAgeSeconds, *cfg.MaxRetryAttempts, *cfg.StatusLog, cfg.OnFailure)
	// Output: 3600 0 false topic:alerts
}
