package model_test

import (
	"fmt"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/schemas"
)

// ExampleNormalize fills a FunctionGraph config as a document declares it:
// the omitted settings take the cloud's defaults, the 0 retries and the
// false flag are kept, the empty onSuccess half is dropped and the
// function destination gets its package and qualifier.
func ExampleNormalize() {
	hw, _ := schemas.Limits(model.TypeHuaweiFG)
	cfg := model.Normalize(&model.AsyncConfig{
		MaxRetryAttempts: model.Int(0),
		StatusLog:        model.Bool(false),
		OnSuccess:        &model.Destination{},
		OnFailure:        &model.Destination{Kind: model.KindFunction, Name: "notify"},
	}, hw)
	fmt.Println(*cfg.MaxEventAgeSeconds, *cfg.MaxRetryAttempts, *cfg.StatusLog)
	fmt.Println(cfg.OnSuccess, cfg.OnFailure)
	// Output:
	// 3600 0 false
	// (none) function:default/notify@latest
}

// ExampleDiff compares a live config with the one a document wants, both
// normalized with the same limits: only the fields that differ are listed,
// in the document's field order, a missing destination as nil.
func ExampleDiff() {
	fc, _ := schemas.Limits(model.TypeAliFC3)
	live := model.Normalize(&model.AsyncConfig{
		MaxEventAgeSeconds: model.Int(86400),
		OnFailure:          &model.Destination{Kind: model.KindQueue, Name: "dead-letters"},
	}, fc)
	want := model.Normalize(&model.AsyncConfig{
		MaxRetryAttempts: model.Int(0),
		OnSuccess:        &model.Destination{Kind: model.KindEventBus, Name: "orders"},
		OnFailure:        &model.Destination{Kind: model.KindQueue, Name: "dead-letters"},
	}, fc)
	for _, c := range model.Diff(live, want) {
		fmt.Printf("%s: %v → %v\n", c.Path, c.Before, c.After)
	}
	fmt.Println(len(model.Diff(want, want.Clone())), "changes against itself")
	// Output:
	// maxRetryAttempts: 3 → 0
	// onSuccess: <nil> → eventBus:orders
	// 0 changes against itself
}
