package huaweifg

import (
	"context"
	"errors"
	"net/http"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/def"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/exchange"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"

	"github.com/fnasync/fnasync/provider/driver"
	"github.com/fnasync/fnasync/provider/internal/httpx"
)

// callHeader carries a request's key from the driver through the SDK to
// the transport, which removes it before the request leaves. The SDK's
// signer skips header names with "_", so the signature does not cover it.
const callHeader = "X-Fnasync_Call"

// The keys a config answer holds (at least one of them).
var configKeys = []string{"func_urn", "max_async_event_age_in_seconds", "max_async_retry_attempts",
	"destination_config", "enable_async_status_log", "created_time", "last_modified"}

// The operations, with their documented success statuses and answers.
var (
	opGetConfig     = &httpx.Call{Op: "ShowFunctionAsyncInvokeConfig", Keys: configKeys, What: "a config"}
	opPutConfig     = &httpx.Call{Op: "UpdateFunctionAsyncInvokeConfig", Keys: configKeys, What: "a config"}
	opDeleteConfig  = &httpx.Call{Op: "DeleteFunctionAsyncInvokeConfig", Success: []int{http.StatusNoContent}}
	opListConfigs   = &httpx.Call{Op: "ListFunctionAsyncInvokeConfig", Page: true, Keys: []string{"async_invoke_configs", "count", "page_info"}, What: "a page of configs"}
	opListFunctions = &httpx.Call{Op: "ListFunctions", Page: true, Keys: []string{"functions", "count", "next_marker"}, What: "a page of functions"}
	opListInvs      = &httpx.Call{Op: "ListAsyncInvocations", Page: true, Keys: []string{"invocations", "count", "next_marker"}, What: "a page of invocations"}
	opCancel        = &httpx.Call{Op: "CancelAsyncInvocation", Success: []int{http.StatusOK, http.StatusNoContent}}
	// Only throttling is retried: a request that failed otherwise may
	// have run the function.
	opInvoke = &httpx.Call{Op: "AsyncInvokeFunction", Success: []int{http.StatusAccepted}, Keys: []string{"request_id"},
		What: "an invocation", Retryable: func(err error) bool { return classify(err) == driver.ResourceExhausted }}
)

// call sends one request of operation op: req with the SDK's request
// definition for it (newDef, e.g. v2.GenReqDefForShowFunctionAsyncInvokeConfig,
// called for every try, since the SDK decodes into the definition's
// response), through the transport's Do: retried under the driver's
// policy, each try bounded by the transport's timeout.
func (d *Driver) call(ctx context.Context, op *httpx.Call, req any, newDef func() *def.HttpRequestDef) (any, error) {
	var out any
	err := d.transport.Do(ctx, op, func(_ context.Context, key string) error {
		resp, err := d.client.HcClient.SyncInvokeWithExtraHeaders(req, newDef(),
			&exchange.SdkExchange{ApiReference: &exchange.ApiReference{}, Attributes: map[string]any{}},
			map[string]string{callHeader: key})
		if err != nil {
			return sdkError(err)
		}
		out = resp
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// sdkError converts an error of the SDK: an answer FunctionGraph sent
// becomes a *serviceError; anything else (the transport's errors replace
// these) a generic one whose text is cleaned.
func sdkError(err error) error {
	var se *sdkerr.ServiceResponseError
	if errors.As(err, &se) {
		return &serviceError{se: se}
	}
	return &sdkFailure{err: err}
}

var errUnexpected = errors.New("huaweifg: the SDK returned an unexpected response type (internal error)")
