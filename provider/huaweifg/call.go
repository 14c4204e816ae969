package huaweifg

import (
	"context"
	"errors"
	"fmt"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/def"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/exchange"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"

	"github.com/fnasync/fnasync/provider/retry"
)

// callHeader carries a request's key from the driver through the SDK to
// the context transport, which removes it before the request leaves. The SDK's
// signer skips header names with "_", so the signature does not cover it.
const callHeader = "X-Fnasync_Call"

// try runs one SDK call under ctx with the driver's per-request timeout.
// The SDK reads the whole response before returning, so the context can
// end with the call.
func (d *Driver) try(ctx context.Context, req any, reqDef *def.HttpRequestDef) (any, error) {
	tctx, cancel := context.WithTimeout(ctx, d.timeout)
	defer cancel()
	key, done := d.transport.Register(tctx)
	defer done()
	resp, err := d.client.HcClient.SyncInvokeWithExtraHeaders(req, reqDef,
		&exchange.SdkExchange{ApiReference: &exchange.ApiReference{}, Attributes: map[string]any{}},
		map[string]string{callHeader: key})
	switch {
	case err == nil:
		return resp, nil
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case tctx.Err() != nil:
		return nil, &timeoutError{timeout: d.timeout.String()}
	}
	var se *sdkerr.ServiceResponseError
	if errors.As(err, &se) {
		return nil, &serviceError{se: se}
	}
	return nil, err
}

// call sends one request: req with the SDK's request definition for its
// operation (newDef, e.g. v2.GenReqDefForShowFunctionAsyncInvokeConfig,
// called for every try, since the SDK decodes into the definition's
// response). It retries what retryable accepts (throttling, 5xx and
// network errors when nil) under the driver's policy within ctx.
func (d *Driver) call(ctx context.Context, req any, newDef func() *def.HttpRequestDef, retryable func(error) bool) (any, error) {
	if retryable == nil {
		retryable = func(err error) bool { return classify(err).Retryable() }
	}
	var out any
	err := retry.Do(ctx, d.retry, retryable, func(ctx context.Context) error {
		resp, err := d.try(ctx, req, newDef())
		out = resp
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// timeoutError is a request that got no answer within the driver's
// timeout while the caller's context was still live: the cloud is
// unreachable or slow (Unavailable), not the caller's deadline.
type timeoutError struct{ timeout string }

func (e *timeoutError) Error() string {
	return fmt.Sprintf("huaweifg: no answer within %s", e.timeout)
}

var errUnexpected = errors.New("huaweifg: the SDK returned an unexpected response type (internal error)")
