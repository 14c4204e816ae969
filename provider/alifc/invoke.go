package alifc

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider/driver"
)

// The driver starts async invocations.
var _ driver.Invoker = (*Driver)(nil)

// Invoke starts an async invocation of fn with payload (FC's
// InvokeFunction with X-Fc-Invocation-Type: Async) and returns its id.
// The driver chooses the id and sends it in X-Fc-Stateful-Async-
// Invocation-Id (2.0) or X-Fc-Async-Task-Id (3.0); if FC's 202 names
// another id in that header, that one is returned. Only throttling is
// retried: FC keeps invocations by id only while statefulInvocation /
// asyncTask is on, so after a 5xx or a network error the function may
// have run and a retry could run it again.
func (d *Driver) Invoke(ctx context.Context, fn model.FunctionRef, payload []byte) (id string, err error) {
	fn, err = d.ref(fn)
	if err != nil {
		return "", err
	}
	p, err := d.functionPath(fn.Function)
	if err != nil {
		return "", err
	}
	var b [12]byte
	_, _ = rand.Read(b[:])
	id = "fnasync-" + hex.EncodeToString(b[:])
	r := &request{action: "InvokeFunction", method: "POST", path: p + "/invocations",
		query:     map[string]string{"qualifier": fn.Qualifier},
		headers:   map[string]string{headerInvocationType: "Async", d.idHeader(): id},
		body:      payload,
		success:   []int{http.StatusAccepted},
		retryable: func(err error) bool { return classify(err) == driver.ResourceExhausted }}
	resp, err := d.do(ctx, r)
	if err != nil {
		return "", err
	}
	if got := resp.header.Get(d.idHeader()); got != "" {
		if err := model.CheckName("invocationId", got, d.limits); err != nil {
			return "", &decodeError{err: fmt.Errorf("InvokeFunction answered an invocation id that is not valid: %w", err)}
		}
		return got, nil
	}
	return id, nil // the transport let only a 202 through
}
