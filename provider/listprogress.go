package provider

import "context"

// ListProgress is told, after each page of a listing, how many items the
// listing has read so far; so one call is one page.
type ListProgress func(items int)

type listProgressKey struct{}

// WithListProgress returns ctx carrying f: the Client's listings
// (ListFunctions, ListConfigs, ListInvocations) under it call f after
// each page, so that a long listing can show that it moves.
func WithListProgress(ctx context.Context, f ListProgress) context.Context {
	return context.WithValue(ctx, listProgressKey{}, f)
}

// pageRead tells ctx's ListProgress, if any, that a page was read.
func pageRead(ctx context.Context, items int) {
	if f, ok := ctx.Value(listProgressKey{}).(ListProgress); ok && f != nil {
		f(items)
	}
}
