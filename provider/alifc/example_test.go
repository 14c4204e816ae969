package alifc_test

import (
	"context"
	"fmt"
	"net/http/httptest"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	_ "github.com/fnasync/fnasync/provider/alifc" // registers types "alifc" and "alifc3"
	"github.com/fnasync/fnasync/provider/alifc/fcemu"
	"github.com/fnasync/fnasync/provider/emukit"
	"github.com/fnasync/fnasync/schemas"
)

// Example opens a Function Compute 2.0 provider against the emulator, sets
// an async config with no retries and a queue for failures, and reads it
// back: the omitted settings come back as FC's defaults.
func Example() {
	emu := fcemu.New(nil)
	if err := emu.AddFunction(fcemu.Version2, "1234567890123456", "shop/orders"); err != nil {
		fmt.Println(err)
		return
	}
	ts := httptest.NewServer(emu)
	defer ts.Close()

	p := &model.Provider{Name: "ali", Type: model.TypeAliFC2, Region: "cn-hangzhou", AccountID: "1234567890123456"}
	limits, _ := schemas.ProviderLimits(p)
	ctx := context.Background()
	c, err := provider.Open(ctx, p, limits, &provider.OpenOptions{Endpoint: ts.URL,
		Credentials: &provider.Credentials{AccessKey: emukit.DefaultAccessKey, SecretKey: emukit.DefaultSecretKey}})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()
	fn := model.FunctionRef{Function: "shop/orders"}
	err = c.Put(ctx, fn, &model.AsyncConfig{MaxRetryAttempts: model.Int(0), OnFailure: &model.Destination{Kind: model.KindQueue, Name: "dead-letters"}}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	cfg, err := c.Get(ctx, fn)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(*cfg.MaxEventAgeSeconds, *cfg.MaxRetryAttempts, *cfg.StatusLog, cfg.OnSuccess, cfg.OnFailure)
	// Output: 86400 0 false (none) queue:dead-letters
}
