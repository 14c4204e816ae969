package emulator_test

import (
	"context"
	"fmt"
	"net/url"

	"github.com/fnasync/fnasync/emulator"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	_ "github.com/fnasync/fnasync/provider/alifc"     // registers types "alifc" and "alifc3"
	_ "github.com/fnasync/fnasync/provider/awslambda" // registers type "awslambda"
	_ "github.com/fnasync/fnasync/provider/huaweifg"  // registers type "huaweifg"
	"github.com/fnasync/fnasync/schemas"
)

// Example serves both clouds' emulators on one loopback listener, as
// `fnasync emulate` does, seeds them from a document, and sets a config on
// each cloud through the portable client; the request log shows which
// emulator served what.
func Example() {
	doc := &model.Document{Version: 1,
		Providers: map[string]*model.Provider{
			"hw":   {Name: "hw", Type: model.TypeHuaweiFG, Region: "cn-north-4", ProjectID: "0123456789abcdef0123456789abcdef"},
			"ali3": {Name: "ali3", Type: model.TypeAliFC3, Region: "cn-hangzhou", AccountID: "1234567890123456"}},
		Functions: []*model.FunctionEntry{{Provider: "hw", Function: "orders"}, {Provider: "ali3", Function: "orders"}}}
	srv, err := emulator.New(nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := srv.Seed(doc); err != nil {
		fmt.Println(err)
		return
	}
	l, err := emulator.Listen("", srv, false) // 127.0.0.1, a free port
	if err != nil {
		fmt.Println(err)
		return
	}
	defer l.Close()
	u, _ := url.Parse(l.URL)
	fmt.Println(u.Scheme, provider.IsLoopback(u.Hostname()))

	ctx := context.Background()
	ak, sk := srv.Credentials()
	for _, name := range []string{"hw", "ali3"} {
		p := doc.Providers[name]
		limits, _ := schemas.ProviderLimits(p)
		c, err := provider.Open(ctx, p, limits, &provider.OpenOptions{Endpoint: l.URL,
			Credentials: &provider.Credentials{AccessKey: ak, SecretKey: sk}})
		if err != nil {
			fmt.Println(err)
			return
		}
		fn := model.FunctionRef{Provider: name, Function: "orders"}
		if err := c.Put(ctx, fn, &model.AsyncConfig{MaxRetryAttempts: model.Int(0)}, nil); err != nil {
			fmt.Println(err)
		}
		cfg, err := c.Get(ctx, fn)
		if err != nil {
			fmt.Println(err)
		} else {
			fmt.Println(name, *cfg.MaxEventAgeSeconds, *cfg.MaxRetryAttempts)
		}
		c.Close()
	}
	for _, r := range srv.Log().Requests() {
		fmt.Println(r.Cloud, r.Operation, r.Status)
	}
	// Output:
	// http true
	// hw 3600 0
	// ali3 86400 0
	// huaweifg UpdateFunctionAsyncInvokeConfig 200
	// huaweifg ShowFunctionAsyncInvokeConfig 200
	// alifc3 PutAsyncInvokeConfig 200
	// alifc3 GetAsyncInvokeConfig 200
}

// ExampleStart starts an emulator for a list of functions and opens a
// provider against it: its URL and credentials are all a provider needs.
func ExampleStart() {
	p := &model.Provider{Name: "ali3", Type: model.TypeAliFC3, Region: "cn-hangzhou", AccountID: "1234567890123456"}
	l, err := emulator.Start(nil, emulator.Functions(p, "orders", "billing@prod"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer l.Close()
	ctx := context.Background()
	limits, _ := schemas.ProviderLimits(p)
	emu := l.Endpoint()
	c, err := provider.Open(ctx, p, limits, &provider.OpenOptions{Endpoint: emu.URL, Credentials: &emu.Credentials})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()
	fns, err := c.ListFunctions(ctx)
	fmt.Println(fns, err)
	// Output:
	// [billing orders] <nil>
}
