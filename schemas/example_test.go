package schemas_test

import (
	"encoding/json"
	"fmt"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/schemas"
)

// ExampleValidate checks a document decoded to plain values against the
// document schema: every structural mistake is reported at its JSON
// pointer (a misspelt key at the key itself, with the closest known key),
// sorted by pointer.
func ExampleValidate() {
	var doc any
	_ = json.Unmarshal([]byte(`{
	  "version": 1,
	  "providers": {"hw": {"type": "huaweifg", "region": "cn-north-4", "projectId": "0123456789abcdef0123456789abcdef"}},
	  "functions": [{"provider": "hw", "function": "orders", "maxRetryAttempts": "two", "onFailur": {"topic": "alerts"}}]
	}`), &doc)
	for _, e := range schemas.Validate(doc) {
		fmt.Println(e)
	}
	// Output:
	// /functions/0/maxRetryAttempts: must be an integer, not a string
	// /functions/0/onFailur: unknown key "onFailur": did you mean "onFailure"?
}

// ExampleProviderLimits returns what a provider's cloud accepts, with the
// document's per-provider override applied: here FunctionGraph's table
// with retries narrowed to 0..2.
func ExampleProviderLimits() {
	p := &model.Provider{Name: "hw", Type: model.TypeHuaweiFG,
		Limits: &model.LimitsOverride{MaxRetryAttempts: &model.Range{Min: 0, Max: 2}}}
	l, err := schemas.ProviderLimits(p)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(l.Type, l.MaxEventAgeSeconds, l.DefaultMaxEventAgeSeconds)
	fmt.Println(l.MaxRetryAttempts, l.DefaultMaxRetryAttempts)
	fmt.Println(l.Destinations, l.Accepts(model.KindQueue))

	_, err = schemas.ProviderLimits(&model.Provider{Name: "x", Type: "lambda"})
	fmt.Println(err)
	// Output:
	// huaweifg {1 86400} 3600
	// {0 2} 1
	// [function topic stream bucket] false
	// unknown provider type "lambda" (known: [alifc alifc3 awslambda huaweifg memory])
}
