package provider

import (
	"context"
	"fmt"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider/driver"
)

// AllConfigs are the configs of every function of a provider, by function
// (in FunctionRef.Function's form, defaults filled).
type AllConfigs map[string][]driver.QualifiedConfig

// CanListAll reports whether the provider lists the configs of every
// function at once (driver.BulkLister), which ListAllConfigs needs.
func (c *Client) CanListAll() bool {
	b, ok := c.d.(driver.BulkLister)
	return ok && b.ListsAllAsyncConfigs()
}

// BulkPages returns how many pages of a listing of every function's
// configs are worth reading in place of perFunction requests (one per
// function or qualifier): a tenth of them, at least 1, or 0 when
// perFunction is under 2. The number of pages is not known before the
// listing ends (the provider may hold many more functions than a
// document names), so a listing that has not ended within that budget is
// abandoned: it then costs at most a tenth more requests than reading
// each function, and it wins whenever the provider holds fewer than ten
// times as many configs, per page, as there are reads to replace.
func BulkPages(perFunction int) int {
	if perFunction < 2 {
		return 0
	}
	return max(1, perFunction/10)
}

// ListAllConfigs lists the configs of every function of the provider,
// reading at most maxPages pages. ok is false when the listing did not end
// within them (what was read is dropped, to be read another way) or the
// provider cannot list every function at once. A function without a
// config is not listed, nor one that does not exist: telling those apart
// takes a read of the function. A listing that names one qualifier twice
// is an Internal error.
func (c *Client) ListAllConfigs(ctx context.Context, maxPages int) (all AllConfigs, ok bool, err error) {
	const op = "list the async configs of every function of"
	b, can := c.d.(driver.BulkLister)
	if !can || !b.ListsAllAsyncConfigs() {
		return nil, false, nil
	}
	all = AllConfigs{}
	seen := map[model.FunctionRef]bool{}
	opts := &driver.ListOptions{}
	for range maxPages {
		page, err := send(ctx, c, func() (*driver.ConfigPage, error) { return b.ListAllAsyncConfigs(ctx, opts) })
		if err != nil {
			return nil, false, c.wrap(op+" provider "+c.name, model.FunctionRef{}, err)
		}
		for _, qc := range page.Configs {
			qc.Ref = c.Ref(qc.Ref)
			key := model.FunctionRef{Function: qc.Ref.Function, Qualifier: qc.Ref.Qualifier}
			if seen[key] {
				return nil, false, &Error{Code: Internal, Op: op + " provider " + c.name,
					Err: fmt.Errorf("the cloud listed two configs for %s qualifier %s", key.Function, key.Qualifier)}
			}
			seen[key] = true
			qc.Config = model.Normalize(qc.Config, c.caps.Limits)
			all[qc.Ref.Function] = append(all[qc.Ref.Function], qc)
		}
		if page.NextToken == "" || page.NextToken == opts.PageToken {
			return all, true, nil
		}
		opts = &driver.ListOptions{PageToken: page.NextToken}
	}
	return nil, false, nil
}
