package huaweifg

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"

	v2 "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/functiongraph/v2"
	fgs "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/functiongraph/v2/model"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider/driver"
)

// The driver starts async invocations.
var _ driver.Invoker = (*Driver)(nil)

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
