package mapping_test

import (
	"fmt"

	"github.com/fnasync/fnasync/mapping"
	"github.com/fnasync/fnasync/model"
)

// ExampleMigrate moves a FunctionGraph entry onto Function Compute 3.0:
// the package is dropped, the function destination carries over, and the
// FunctionGraph defaults are written out explicitly.
func ExampleMigrate() {
	doc := &model.Document{Version: 1,
		Providers: map[string]*model.Provider{
			"hw":   {Name: "hw", Type: model.TypeHuaweiFG, Region: "cn-north-4", ProjectID: "0123456789abcdef0123456789abcdef"},
			"ali3": {Name: "ali3", Type: model.TypeAliFC3, Region: "cn-hangzhou", AccountID: "1234567890123456"}},
		Functions: []*model.FunctionEntry{{Provider: "hw", Function: "orders",
			AsyncConfig: model.AsyncConfig{MaxRetryAttempts: model.Int(0),
				OnSuccess: &model.Destination{Kind: model.KindFunction, Name: "notify"}}}}}
	out, diags := mapping.Migrate(doc, "ali3", nil)
	for _, d := range diags {
		fmt.Println(d)
	}
	e := out.Functions[0]
	fmt.Println(e.Provider, e.Function, *e.MaxEventAgeSeconds, *e.MaxRetryAttempts, e.OnSuccess)
	// Output: ali3 orders 3600 0 function:notify
}
