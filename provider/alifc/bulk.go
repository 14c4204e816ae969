package alifc

import (
	"context"
	"fmt"

	"github.com/fnasync/fnasync/mapping"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider/driver"
)

var _ driver.BulkLister = (*Driver)(nil)

// ListsAllAsyncConfigs implements driver.BulkLister: FC 3.0 lists every
// function's configs at once, FC 2.0 only one function's.
func (d *Driver) ListsAllAsyncConfigs() bool { return d.scope.Version == mapping.FC3 }

// ListAllAsyncConfigs implements driver.BulkLister: FC 3.0's
// ListAsyncInvokeConfigs without functionName, each config named by its
// functionArn.
func (d *Driver) ListAllAsyncConfigs(ctx context.Context, opts *driver.ListOptions) (*driver.ConfigPage, error) {
	if !d.ListsAllAsyncConfigs() {
		return nil, invalid("FC 2.0 cannot list the async configs of every function at once")
	}
	r := &request{action: "ListAsyncInvokeConfigs", method: "GET", path: "/" + string(mapping.FC3) + "/async-invoke-configs",
		query: map[string]string{"limit": d.limit(opts.PageSize)}}
	if opts.PageToken != "" {
		r.query["nextToken"] = opts.PageToken
	}
	resp, err := d.do(ctx, r)
	if err != nil {
		return nil, err
	}
	var l mapping.FCConfigList
	if err := decode(resp, &l, r.action); err != nil {
		return nil, err
	}
	out := &driver.ConfigPage{NextToken: l.NextToken}
	for i := range l.Configs {
		w := &l.Configs[i]
		fn, q, ok := mapping.FC3ConfigIdentity(w.FunctionArn)
		if !ok {
			return nil, &decodeError{err: fmt.Errorf("decode %s response: functionArn %.200q names no FC 3.0 function", r.action, w.FunctionArn)}
		}
		if err := model.CheckFunction(fn, d.limits); err != nil {
			return nil, &decodeError{err: fmt.Errorf("decode %s response: %w", r.action, err)}
		}
		if w.Qualifier != "" {
			q = w.Qualifier
		}
		ref := model.NormalizeRef(model.FunctionRef{Provider: d.name, Function: fn, Qualifier: q}, d.limits)
		out.Configs = append(out.Configs, driver.QualifiedConfig{Ref: ref,
			Config: model.Normalize(mapping.FCToNeutral(d.scope, w), d.limits)})
	}
	return out, nil
}
