package plan_test

import (
	"context"
	"fmt"
	"os"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/plan"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/memprovider"
	"github.com/fnasync/fnasync/schemas"
)

// Example plans a document against a provider, applies the plan, and
// plans again to find nothing left to do.
func Example() {
	ctx := context.Background()
	doc := &model.Document{Version: 1,
		Providers: map[string]*model.Provider{"mem": {Name: "mem", Type: model.TypeMemory}},
		Functions: []*model.FunctionEntry{{Provider: "mem", Function: "orders",
			AsyncConfig: model.AsyncConfig{MaxRetryAttempts: model.Int(0)}}}}
	limits, _ := schemas.Limits(model.TypeMemory)
	clients := map[string]*provider.Client{"mem": provider.NewClient(memprovider.New(limits, &memprovider.Options{AnyFunction: true}))}
	ps := plan.NewProviders(doc, clients)

	p, _ := plan.Make(ctx, ps, nil)
	fmt.Printf("%+v\n", p.Summary)
	if err := plan.Apply(ctx, ps, p, nil); err != nil {
		fmt.Println(err)
	}
	again, _ := plan.Make(ctx, ps, nil)
	_ = plan.WriteText(os.Stdout, again, nil)
	// Output:
	// {Create:1 Update:0 Replace:0 Delete:0 NoOp:0}
	// No changes. The live async configuration matches the document.
}
