package provider_test

import (
	"context"
	"fmt"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	_ "github.com/fnasync/fnasync/provider/memprovider" // registers type "memory"
	"github.com/fnasync/fnasync/schemas"
)

// Example opens a provider declared in a document, sets a function's async
// config and reads it back: 0 retries and a false status flag survive.
func Example() {
	ctx := context.Background()
	p := &model.Provider{Name: "mem", Type: model.TypeMemory}
	limits, _ := schemas.ProviderLimits(p)
	c, err := provider.Open(ctx, p, limits, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()

	fn := model.FunctionRef{Provider: "mem", Function: "orders"}
	err = c.Put(ctx, fn, &model.AsyncConfig{
		MaxRetryAttempts: model.Int(0),
		StatusLog:        model.Bool(false),
		OnFailure:        &model.Destination{Kind: model.KindTopic, Name: "alerts"},
	}, nil)
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

// ExampleCode shows the portable classification of errors: a bad name is
// refused before any request.
func ExampleCode() {
	ctx := context.Background()
	p := &model.Provider{Name: "mem", Type: model.TypeMemory}
	limits, _ := schemas.ProviderLimits(p)
	c, _ := provider.Open(ctx, p, limits, nil)
	_, err := c.Get(ctx, model.FunctionRef{Provider: "mem", Function: "../etc"})
	fmt.Println(provider.Code(err))
	// Output: InvalidArgument
}
