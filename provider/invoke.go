package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider/driver"
)

// MaxPayload is the largest payload Invoke sends: the smaller of the
// clouds' async invocation limits (FC's 128 KiB; FunctionGraph takes more).
const MaxPayload = 128 << 10

// Invoke starts an async invocation of fn with payload, a JSON object
// (empty means {}), and returns the id the cloud records it under: the id
// that ListInvocations filters by and StopInvocation takes. Where the
// driver cannot invoke (Capabilities().Invoke is false) the code is
// Unimplemented. Only throttling is retried: after another failure the
// function may have run.
func (c *Client) Invoke(ctx context.Context, fn model.FunctionRef, payload []byte) (string, error) {
	const op = "invoke"
	fn, err := c.checkRef(op, fn)
	if err != nil {
		return "", err
	}
	inv, ok := c.d.(driver.Invoker)
	if !ok {
		return "", &Error{Code: Unimplemented, Op: op, Ref: fn, Err: errors.New(c.caps.Limits.Type + " cannot start invocations")}
	}
	if err := CheckPayload(payload); err != nil {
		return "", invalid(op, fn, err)
	}
	id, err := send(ctx, c, func() (string, error) { return inv.Invoke(ctx, fn, payload) })
	if err != nil {
		return "", c.wrap(op, fn, err)
	}
	return id, nil
}

// CheckPayload reports why payload cannot be an async invocation's: not
// a JSON object, or larger than MaxPayload. An empty payload is {}.
func CheckPayload(payload []byte) error {
	if len(payload) > MaxPayload {
		return errors.New("the payload is larger than 128 KiB, the most an async invocation takes on Function Compute")
	}
	t := bytes.TrimSpace(payload)
	if len(t) == 0 {
		return nil
	}
	var obj map[string]json.RawMessage
	if t[0] != '{' || json.Unmarshal(t, &obj) != nil {
		return errors.New("the payload must be a JSON object, e.g. {\"orderId\": 1}")
	}
	return nil
}
