package driver

import "context"

// BulkLister is implemented by drivers whose cloud lists the async configs
// of every function of the provider in one paged listing (Function
// Compute 3.0's ListAsyncInvokeConfigs without functionName), so that
// reading many functions takes a request per page rather than one per
// function.
type BulkLister interface {
	// ListsAllAsyncConfigs reports whether ListAllAsyncConfigs works for
	// this provider (one driver may serve API versions that differ).
	ListsAllAsyncConfigs() bool

	// ListAllAsyncConfigs returns one page of the configs of every
	// qualifier of every function of the provider, each with its Ref
	// (function and qualifier) set. opts is never nil; an empty PageToken
	// is the first page and an empty NextToken in the result the last.
	// A function without a config is not listed, and neither is one that
	// does not exist.
	ListAllAsyncConfigs(ctx context.Context, opts *ListOptions) (*ConfigPage, error)
}
