package alifc

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/fnasync/fnasync/mapping"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider/driver"
)

// configRequest builds a request on fn's async-invoke-config, with the
// qualifier in the query (the Tea SDK's and current documents' style).
func (d *Driver) configRequest(fn model.FunctionRef, method, fc2, fc3 string) (*request, error) {
	fn, err := d.ref(fn)
	if err != nil {
		return nil, err
	}
	p, err := d.functionPath(fn.Function)
	if err != nil {
		return nil, err
	}
	r := &request{action: d.action(fc2, fc3), method: method, path: p + "/async-invoke-config",
		query: map[string]string{"qualifier": fn.Qualifier}}
	if method == "DELETE" {
		r.success = []int{http.StatusNoContent}
	} else {
		r.keys, r.what = configKeys, "a config"
	}
	return r, nil
}

// configKeys are the keys of a config answer (at least one is there).
var configKeys = []string{"maxAsyncEventAgeInSeconds", "maxAsyncRetryAttempts", "destinationConfig",
	"statefulInvocation", "asyncTask", "functionArn", "function", "qualifier", "createdTime", "lastModifiedTime"}

// GetAsyncConfig implements driver.Driver.
func (d *Driver) GetAsyncConfig(ctx context.Context, fn model.FunctionRef) (*model.AsyncConfig, error) {
	r, err := d.configRequest(fn, "GET", "GetFunctionAsyncInvokeConfig", "GetAsyncInvokeConfig")
	if err != nil {
		return nil, err
	}
	resp, err := d.do(ctx, r)
	if err != nil {
		return nil, err
	}
	var w mapping.FCAsyncConfig
	if err := decode(resp, &w, r.action); err != nil {
		return nil, err
	}
	return model.Normalize(mapping.FCToNeutral(d.scope, &w), d.limits), nil
}

// PutAsyncConfig implements driver.Driver. The body is complete: both
// numbers, the status flag and both destination halves (null for none)
// are always sent. A destination FC cannot take is refused before any
// request.
func (d *Driver) PutAsyncConfig(ctx context.Context, fn model.FunctionRef, cfg *model.AsyncConfig) error {
	r, err := d.configRequest(fn, "PUT", "PutFunctionAsyncInvokeConfig", "PutAsyncInvokeConfig")
	if err != nil {
		return err
	}
	w, err := mapping.NeutralToFC(d.scope, model.Normalize(cfg, d.limits))
	if err != nil {
		return &invalidError{err: err}
	}
	if r.body, err = json.Marshal(w); err != nil {
		return &invalidError{err: err}
	}
	_, err = d.do(ctx, r)
	return err
}

// DeleteAsyncConfig implements driver.Driver.
func (d *Driver) DeleteAsyncConfig(ctx context.Context, fn model.FunctionRef) error {
	r, err := d.configRequest(fn, "DELETE", "DeleteFunctionAsyncInvokeConfig", "DeleteAsyncInvokeConfig")
	if err != nil {
		return err
	}
	_, err = d.do(ctx, r)
	return err
}

// ListAsyncConfigs implements driver.Driver: FC 2.0
// ListFunctionAsyncInvokeConfigs, FC 3.0 ListAsyncInvokeConfigs
// ?functionName=.
func (d *Driver) ListAsyncConfigs(ctx context.Context, function string, opts *driver.ListOptions) (*driver.ConfigPage, error) {
	fn, err := d.ref(model.FunctionRef{Function: function})
	if err != nil {
		return nil, err
	}
	r := &request{method: "GET", query: map[string]string{"limit": d.limit(opts.PageSize)},
		page: true, keys: []string{"configs"}, what: "a page of configs"}
	if opts.PageToken != "" {
		r.query["nextToken"] = opts.PageToken
	}
	if d.scope.Version == mapping.FC2 {
		p, err := d.functionPath(fn.Function)
		if err != nil {
			return nil, err
		}
		r.action, r.path = "ListFunctionAsyncInvokeConfigs", p+"/async-invoke-configs"
	} else {
		r.action, r.path = "ListAsyncInvokeConfigs", "/"+string(mapping.FC3)+"/async-invoke-configs"
		r.query["functionName"] = fn.Function
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
		q, mine, err := d.listedQualifier(fn.Function, &l.Configs[i], r.action)
		if err != nil {
			return nil, err
		}
		if !mine {
			continue // FC 3.0 listed another function's config
		}
		ref := model.NormalizeRef(model.FunctionRef{Provider: d.name, Function: fn.Function, Qualifier: q}, d.limits)
		out.Configs = append(out.Configs, driver.QualifiedConfig{Ref: ref,
			Config: model.Normalize(mapping.FCToNeutral(d.scope, &l.Configs[i]), d.limits)})
	}
	return out, nil
}

// listedQualifier returns the qualifier of w, a config listed for
// function, and false if w is another function's. FC 2.0 names it in
// qualifier. FC 3.0 has only functionArn (read with
// mapping.FC3ConfigIdentity); a qualifier field, if a server sends one,
// still wins. An empty qualifier means the default (LATEST).
func (d *Driver) listedQualifier(function string, w *mapping.FCAsyncConfig, action string) (string, bool, error) {
	if d.scope.Version == mapping.FC2 || w.FunctionArn == "" {
		return w.Qualifier, true, nil
	}
	fn, q, ok := mapping.FC3ConfigIdentity(w.FunctionArn)
	if !ok {
		return "", false, &decodeError{err: fmt.Errorf("decode %s response: functionArn %.200q names no FC 3.0 function", action, w.FunctionArn)}
	}
	if w.Qualifier != "" {
		q = w.Qualifier
	}
	return q, fn == function, nil
}
