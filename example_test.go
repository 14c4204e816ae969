package fnasync_test

import (
	"context"
	"fmt"

	"github.com/fnasync/fnasync/emulator"
	"github.com/fnasync/fnasync/provider"
	_ "github.com/fnasync/fnasync/provider/all" // registers every provider type
)

// Example opens the providers of the quickstart document (whose endpoint is
// "emulator") against an in-process emulator, puts each function's config,
// reads it back and diffs it against the document. It is the README's
// library section.
func Example() {
	// library: begin
	ctx := context.Background()
	ps, err := provider.OpenFile(ctx, "examples/quickstart.yaml",
		&provider.DocumentOptions{Emulator: emulator.Ephemeral}) // emulator.Embedded keeps state as the CLI does
	if err != nil {
		fmt.Println(err)
		return
	}
	defer ps.Close()
	for _, e := range ps.Doc.Functions {
		c := ps.Clients[e.Provider]
		before, _ := c.Diff(ctx, e.Ref(), &e.AsyncConfig) // the fields a put would change
		if err := c.Put(ctx, e.Ref(), &e.AsyncConfig, nil); err != nil {
			fmt.Println(err)
			continue
		}
		live, _ := c.Get(ctx, e.Ref()) // normalized: every field set
		after, _ := c.Diff(ctx, e.Ref(), &e.AsyncConfig)
		fmt.Printf("%s: %d fields differed, %d now; maxRetryAttempts %d\n",
			c.Ref(e.Ref()), len(before), len(after), *live.MaxRetryAttempts)
	}
	// library: end

	// Output:
	// hw:default/orders@latest: 5 fields differed, 0 now; maxRetryAttempts 0
	// hw:billing/invoices@prod: 4 fields differed, 0 now; maxRetryAttempts 1
	// ali:shop/orders@LATEST: 4 fields differed, 0 now; maxRetryAttempts 2
	// ali3:orders@LATEST: 5 fields differed, 0 now; maxRetryAttempts 3
	// aws:orders@$LATEST: 4 fields differed, 0 now; maxRetryAttempts 1
}
