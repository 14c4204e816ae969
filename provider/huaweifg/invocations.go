package huaweifg

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/def"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"
	v2 "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/functiongraph/v2"
	fgs "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/functiongraph/v2/model"

	"github.com/fnasync/fnasync/mapping"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider/driver"
)

// InvocationLookback is how far back ListInvocations looks when the
// options set no start: FunctionGraph's own default is the last hour.
const InvocationLookback = 30 * 24 * time.Hour

// listInvocationsRequest is the SDK's ListAsyncInvocationsRequest with the
// times as strings: the SDK's SdkTime would send "…Z", while the API
// documents "YYYY-MM-DDTHH:mm:ss" in UTC without a zone. The field names
// are the SDK's, which its request definition refers to.
type listInvocationsRequest struct {
	FunctionUrn    string  `json:"function_urn"`
	RequestId      *string `json:"request_id,omitempty"`
	Marker         *string `json:"marker,omitempty"`
	Limit          *string `json:"limit,omitempty"`
	Status         *string `json:"status,omitempty"`
	QueryBeginTime *string `json:"query_begin_time,omitempty"`
	QueryEndTime   *string `json:"query_end_time,omitempty"`
	ContentType    string  `json:"Content-Type"`
}

// listInvocationsResponse reads the records with mapping's structs: the
// SDK's SdkTime reads "…+08:00" as UTC and would lose the offset.
type listInvocationsResponse struct {
	mapping.FgsInvocationList
	HttpStatusCode int `json:"-"` // set by the SDK, by name
}

func listInvocationsDef() *def.HttpRequestDef {
	d := v2.GenReqDefForListAsyncInvocations()
	d.Response = new(listInvocationsResponse)
	return d
}

// ListInvocations implements driver.Driver (ListAsyncInvocations): one
// page, newest first as FunctionGraph lists them. A single FunctionGraph
// status word is sent as the status filter; the neutral statuses are then
// applied to the records (failed and stopped share FAIL). Times are sent
// to the second.
func (d *Driver) ListInvocations(ctx context.Context, fn model.FunctionRef, opts *driver.InvocationOptions) (*driver.InvocationPage, error) {
	word, possible := mapping.FgsStatusFilter(opts.Statuses)
	if !possible {
		return &driver.InvocationPage{}, nil
	}
	marker, err := d.marker(opts.PageToken)
	if err != nil {
		return nil, err
	}
	begin := opts.From
	if begin.IsZero() {
		begin = time.Now().Add(-InvocationLookback)
	}
	req := &listInvocationsRequest{Marker: strPtr(strconv.Itoa(marker)),
		Limit: strPtr(strconv.Itoa(d.limit(opts.PageSize, 500))), QueryBeginTime: strPtr(mapping.FgsQueryTime(begin))}
	if !opts.To.IsZero() {
		req.QueryEndTime = strPtr(mapping.FgsQueryTime(opts.To))
	}
	if word != "" {
		req.Status = &word
	}
	if opts.ID != "" {
		req.RequestId = &opts.ID
	}
	var resp any
	fn, err = d.qualified(fn, func(urn string) (err error) {
		req.FunctionUrn = urn
		resp, err = d.call(ctx, opListInvs, req, listInvocationsDef)
		return err
	})
	if err != nil {
		return nil, err
	}
	r, ok := resp.(*listInvocationsResponse)
	if !ok {
		return nil, errUnexpected
	}
	page := &driver.InvocationPage{}
	for _, w := range r.Invocations {
		inv, err := mapping.FgsInvocationToNeutral(w, fn.Qualifier)
		if err != nil {
			return nil, decodeFailed("ListAsyncInvocations", err)
		}
		if len(opts.Statuses) == 0 || slices.Contains(opts.Statuses, inv.Status) {
			page.Invocations = append(page.Invocations, inv)
		}
	}
	count := int64(-1)
	if r.Count != nil {
		count = int64(*r.Count)
	}
	page.NextToken = nextToken(marker, len(r.Invocations), int64(r.NextMarker), count)
	return page, nil
}

// stopNote explains a refused CancelAsyncInvocation.
const stopNote = "FunctionGraph refused to stop the invocation: it stops only invocations that are still " +
	"waiting or running, by force (recursive stopping is not supported), and stopping one also stops the " +
	"other requests running on the same function instance, which end with 4208 function invocation canceled"

// StopInvocation implements driver.Driver (CancelAsyncInvocation with type
// force, the only kind FunctionGraph supports). The stopped record reads
// FAIL with error code 4208, which ListInvocations maps to stopped. A
// refusal (400: the invocation has finished or is unknown) has code
// FailedPrecondition and a message that says what FunctionGraph can stop.
func (d *Driver) StopInvocation(ctx context.Context, fn model.FunctionRef, id string) error {
	force := fgs.GetCancelAsyncInvocationRequestBodyTypeEnum().FORCE
	_, err := d.qualified(fn, func(urn string) error {
		req := &fgs.CancelAsyncInvocationRequest{FunctionUrn: urn, Body: &fgs.CancelAsyncInvocationRequestBody{RequestId: id, Type: &force}}
		_, err := d.call(ctx, opCancel, req, v2.GenReqDefForCancelAsyncInvocation)
		return err
	})
	var se *sdkerr.ServiceResponseError
	if errors.As(err, &se) && se.StatusCode == http.StatusBadRequest {
		return &classified{code: driver.FailedPrecondition, note: stopNote, err: err}
	}
	return err
}

// Invoke starts an async invocation of fn (AsyncInvokeFunction, POST
// .../invocations-async) with payload, a JSON object (empty means {}), and
// returns its request id. Only throttling is retried: a request that
// failed otherwise may have run the function.
func (d *Driver) Invoke(ctx context.Context, fn model.FunctionRef, payload []byte) (requestID string, err error) {
	body := map[string]any{}
	if len(bytes.TrimSpace(payload)) > 0 {
		dec := json.NewDecoder(bytes.NewReader(payload))
		dec.UseNumber()
		if err := dec.Decode(&body); err != nil || body == nil {
			return "", invalid(fmt.Errorf("the payload of an async invocation must be a JSON object"))
		}
	}
	var resp any
	_, err = d.qualified(fn, func(urn string) (err error) {
		resp, err = d.call(ctx, opInvoke, &fgs.AsyncInvokeFunctionRequest{FunctionUrn: urn, Body: body}, v2.GenReqDefForAsyncInvokeFunction)
		return err
	})
	if err != nil {
		return "", err
	}
	r, ok := resp.(*fgs.AsyncInvokeFunctionResponse)
	if !ok || r.RequestId == nil || *r.RequestId == "" {
		return "", decodeFailed("AsyncInvokeFunction", errors.New("no request_id"))
	}
	if err := model.CheckName("invocationId", *r.RequestId, d.limits); err != nil {
		return "", decodeFailed("AsyncInvokeFunction", err)
	}
	return *r.RequestId, nil
}
