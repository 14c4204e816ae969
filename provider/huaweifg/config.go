package huaweifg

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	v2 "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/functiongraph/v2"
	fgs "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/functiongraph/v2/model"

	"github.com/fnasync/fnasync/mapping"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider/driver"
)

// urn returns the full function URN of fn (default package and qualifier
// filled), after checking its names. Operations on one qualifier go
// through qualified, which tells versions with custom names.
func (d *Driver) urn(fn model.FunctionRef) (string, model.FunctionRef, error) {
	fn = model.NormalizeRef(fn, d.limits)
	if err := model.CheckRef(fn, d.limits); err != nil {
		return "", fn, invalid(err)
	}
	if d.isVersion(fn) {
		return d.versionURN(fn), fn, nil
	}
	return mapping.FgsFunctionURN(d.scope.Region, d.scope.ProjectID, fn.Function, fn.Qualifier), fn, nil
}

// convert copies between the SDK's models and mapping's wire structs
// through their JSON, which both spell as the API does.
func convert(from, to any) error {
	b, err := json.Marshal(from)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, to)
}

// decodeFailed is an answer the driver could not read.
func decodeFailed(what string, err error) error {
	return &classified{code: driver.Unknown, err: fmt.Errorf("huaweifg: read %s answer: %w", what, err)}
}

// GetAsyncConfig implements driver.Driver (ShowFunctionAsyncInvokeConfig).
func (d *Driver) GetAsyncConfig(ctx context.Context, fn model.FunctionRef) (*model.AsyncConfig, error) {
	var resp any
	_, err := d.qualified(fn, func(urn string) (err error) {
		resp, err = d.call(ctx, opGetConfig, &fgs.ShowFunctionAsyncInvokeConfigRequest{FunctionUrn: urn}, v2.GenReqDefForShowFunctionAsyncInvokeConfig)
		return err
	})
	if err != nil {
		return nil, err
	}
	var w mapping.FgsConfig
	if err := convert(resp, &w); err != nil {
		return nil, decodeFailed("ShowFunctionAsyncInvokeConfig", err)
	}
	cfg, err := mapping.FgsToNeutral(d.scope, &w)
	if err != nil {
		return nil, decodeFailed("ShowFunctionAsyncInvokeConfig", err)
	}
	return model.Normalize(cfg, d.limits), nil
}

// PutAsyncConfig implements driver.Driver (UpdateFunctionAsyncInvokeConfig)
// with the complete body: every setting explicit, 0 and false included,
// and destination_config with the halves cfg has.
func (d *Driver) PutAsyncConfig(ctx context.Context, fn model.FunctionRef, cfg *model.AsyncConfig) error {
	w, err := mapping.NeutralToFgs(d.scope, model.Normalize(cfg, d.limits))
	if err != nil {
		return invalid(err)
	}
	var body fgs.UpdateFunctionAsyncInvokeConfigRequestBody
	if err := convert(w, &body); err != nil {
		return invalid(err)
	}
	_, err = d.qualified(fn, func(urn string) error {
		req := &fgs.UpdateFunctionAsyncInvokeConfigRequest{FunctionUrn: urn, Body: &body}
		_, err := d.call(ctx, opPutConfig, req, v2.GenReqDefForUpdateFunctionAsyncInvokeConfig)
		return err
	})
	return err
}

// DeleteAsyncConfig implements driver.Driver
// (DeleteFunctionAsyncInvokeConfig).
func (d *Driver) DeleteAsyncConfig(ctx context.Context, fn model.FunctionRef) error {
	_, err := d.qualified(fn, func(urn string) error {
		_, err := d.call(ctx, opDeleteConfig, &fgs.DeleteFunctionAsyncInvokeConfigRequest{FunctionUrn: urn}, v2.GenReqDefForDeleteFunctionAsyncInvokeConfig)
		return err
	})
	return err
}

// ListAsyncConfigs implements driver.Driver (ListFunctionAsyncInvokeConfig
// with the version-less URN; the page token is the marker).
func (d *Driver) ListAsyncConfigs(ctx context.Context, function string, opts *driver.ListOptions) (*driver.ConfigPage, error) {
	_, fn, err := d.urn(model.FunctionRef{Function: function})
	if err != nil {
		return nil, err
	}
	marker, err := d.marker(opts.PageToken)
	if err != nil {
		return nil, err
	}
	req := &fgs.ListFunctionAsyncInvokeConfigRequest{
		FunctionUrn: mapping.FgsFunctionURN(d.scope.Region, d.scope.ProjectID, fn.Function, ""),
		Marker:      strPtr(strconv.Itoa(marker)),
		Limit:       strPtr(strconv.Itoa(d.limit(opts.PageSize, 100))),
	}
	resp, err := d.call(ctx, opListConfigs, req, v2.GenReqDefForListFunctionAsyncInvokeConfig)
	if err != nil {
		return nil, err
	}
	r, ok := resp.(*fgs.ListFunctionAsyncInvokeConfigResponse)
	if !ok {
		return nil, errUnexpected
	}
	var items []fgs.ListFunctionAsyncInvokeConfigResult
	if r.AsyncInvokeConfigs != nil {
		items = *r.AsyncInvokeConfigs
	}
	page := &driver.ConfigPage{}
	for _, item := range items {
		var w mapping.FgsConfig
		if err := convert(item, &w); err != nil {
			return nil, decodeFailed("ListFunctionAsyncInvokeConfig", err)
		}
		u, err := mapping.ParseFgsURN(w.FuncURN)
		if err != nil {
			return nil, decodeFailed("ListFunctionAsyncInvokeConfig", err)
		}
		cfg, err := mapping.FgsToNeutral(d.scope, &w)
		if err != nil {
			return nil, decodeFailed("ListFunctionAsyncInvokeConfig", err)
		}
		ref := model.FunctionRef{Provider: d.name, Function: fn.Function, Qualifier: u.Qualifier()}
		page.Configs = append(page.Configs, driver.QualifiedConfig{Ref: model.NormalizeRef(ref, d.limits), Config: model.Normalize(cfg, d.limits)})
	}
	var next, count int64 = 0, -1
	if r.PageInfo != nil {
		next = r.PageInfo.NextMarker
	}
	if r.Count != nil {
		count = *r.Count
	}
	page.NextToken = nextToken(marker, len(items), next, count)
	return page, nil
}

// marker reads a page token: empty is the first page (marker 0).
func (d *Driver) marker(token string) (int, error) {
	if token == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(token)
	if err != nil || n < 0 {
		return 0, invalid(fmt.Errorf("invalid page token %q", token))
	}
	return n, nil
}

// limit is the page size to ask for: the caller's, the driver's, or the
// API's maximum.
func (d *Driver) limit(asked, apiMax int) int {
	for _, n := range []int{asked, d.pageSize} {
		if n > 0 {
			return min(n, apiMax)
		}
	}
	return apiMax
}

// nextToken returns the token of the page after one that started at
// marker and held n items, given the answer's next marker and total count
// (-1 when unknown); empty when that page was the last. FunctionGraph does
// not document how the last page is marked, so any of an empty page, a
// marker that does not advance or one at the count ends the list.
func nextToken(marker, n int, next, count int64) string {
	if n == 0 || next <= int64(marker) || (count >= 0 && next >= count) {
		return ""
	}
	return strconv.FormatInt(next, 10)
}

func strPtr(s string) *string { return &s }
