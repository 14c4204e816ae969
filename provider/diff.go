package provider

import (
	"context"

	"github.com/fnasync/fnasync/model"
)

// Diff reads fn's live config and returns the fields where it differs
// from want, normalized with the provider's defaults (Normalize): none
// when applying want would change nothing. No config reads as none, so
// every field of want differs.
func (c *Client) Diff(ctx context.Context, fn model.FunctionRef, want *model.AsyncConfig) ([]model.FieldChange, error) {
	live, err := c.Get(ctx, fn)
	if err != nil && Code(err) != NotFound {
		return nil, err
	}
	return model.Diff(live, c.Normalize(want)), nil
}
