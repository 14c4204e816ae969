package huaweifg

import (
	"context"
	"strconv"

	v2 "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/functiongraph/v2"
	fgs "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/functiongraph/v2/model"

	"github.com/fnasync/fnasync/provider/driver"
)

// ListFunctions implements driver.Driver (ListFunctions, paged by marker
// and maxitems); names are "package/name".
func (d *Driver) ListFunctions(ctx context.Context, opts *driver.ListOptions) (*driver.FunctionPage, error) {
	marker, err := d.marker(opts.PageToken)
	if err != nil {
		return nil, err
	}
	req := &fgs.ListFunctionsRequest{Marker: strPtr(strconv.Itoa(marker)), Maxitems: strPtr(strconv.Itoa(d.limit(opts.PageSize, 400)))}
	resp, err := d.call(ctx, opListFunctions, req, v2.GenReqDefForListFunctions)
	if err != nil {
		return nil, err
	}
	r, ok := resp.(*fgs.ListFunctionsResponse)
	if !ok {
		return nil, errUnexpected
	}
	page := &driver.FunctionPage{}
	var items []fgs.ListFunctionResult
	if r.Functions != nil {
		items = *r.Functions
	}
	for _, f := range items {
		pkg := f.Package
		if pkg == "" {
			pkg = d.limits.DefaultPackage
		}
		page.Functions = append(page.Functions, pkg+"/"+f.FuncName)
	}
	var next, count int64 = 0, -1
	if r.NextMarker != nil {
		next = int64(*r.NextMarker)
	}
	if r.Count != nil {
		count = *r.Count
	}
	page.NextToken = nextToken(marker, len(items), next, count)
	return page, nil
}
