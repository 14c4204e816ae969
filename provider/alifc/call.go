package alifc

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"

	"github.com/fnasync/fnasync/mapping"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider/retry"
)

// request is one FC API call, before signing.
type request struct {
	action  string // x-acs-action
	method  string
	path    string // concrete: every name in it has been checked
	query   map[string]string
	headers map[string]string
	body    []byte
	// retryable decides which errors are retried; nil means throttling,
	// 5xx and network errors.
	retryable func(error) bool
}

// response is what a successful call returned.
type response struct {
	status int
	header http.Header
	body   []byte
}

// do sends r, retrying what r.retryable accepts (by default throttling,
// 5xx and network errors).
func (d *Driver) do(ctx context.Context, r *request) (*response, error) {
	retryable := r.retryable
	if retryable == nil {
		retryable = func(err error) bool { return classify(err).Retryable() }
	}
	var out *response
	err := retry.Do(ctx, d.retry, retryable, func(ctx context.Context) error {
		resp, err := d.once(ctx, r)
		out = resp
		return err
	})
	return out, err
}

// once sends r one time. The SDK mutates its requests, so each try
// builds a new one.
func (d *Driver) once(ctx context.Context, r *request) (*response, error) {
	req := requests.NewCommonRequest()
	req.Method = r.method
	req.Scheme = d.scheme
	req.Domain = d.domain
	req.Port = d.port
	req.Product = "FC"
	req.Version = string(d.scope.Version)
	req.ApiName = r.action
	req.PathPattern = r.path
	for k, v := range r.query {
		req.QueryParams[k] = v
	}
	req.Headers["X-Fc-Account-Id"] = d.scope.AccountID
	for k, v := range r.headers {
		req.Headers[k] = v
	}
	req.SetContentType("application/json")
	req.Content = r.body
	key, done := d.transport.Register(ctx)
	defer done()
	req.Headers[callHeader] = key
	client, err := d.sdkClient()
	if err != nil {
		return nil, err
	}
	resp, err := client.ProcessCommonRequest(req)
	d.release(client)
	if err != nil {
		if cerr := ctx.Err(); cerr != nil {
			return nil, cerr
		}
		var se *sdkerrors.ServerError
		if errors.As(err, &se) {
			return nil, apiError(resp, se)
		}
		return nil, err
	}
	return &response{status: resp.GetHttpStatus(), header: http.Header(resp.GetHttpHeaders()), body: resp.GetHttpContentBytes()}, nil
}

// decode reads a JSON success body into v.
func decode(r *response, v any, what string) error {
	if err := json.Unmarshal(r.body, v); err != nil {
		return &decodeError{err: fmt.Errorf("decode %s response (HTTP %d): %w", what, r.status, err)}
	}
	return nil
}

// ref normalizes fn and checks its names, so that nothing unchecked
// reaches a URL path.
func (d *Driver) ref(fn model.FunctionRef) (model.FunctionRef, error) {
	fn = model.NormalizeRef(fn, d.limits)
	if err := model.CheckRef(fn, d.limits); err != nil {
		return fn, &invalidError{err: err}
	}
	return fn, nil
}

// functionPath returns the path of a function: FC 2.0
// /2021-04-06/services/S/functions/F, FC 3.0 /2023-03-30/functions/F.
func (d *Driver) functionPath(function string) (string, error) {
	if d.scope.Version == mapping.FC2 {
		svc, fn, err := mapping.SplitFC2Function(function)
		if err != nil {
			return "", &invalidError{err: err}
		}
		return "/" + string(mapping.FC2) + "/services/" + svc + "/functions/" + fn, nil
	}
	if err := model.CheckFunction(function, d.limits); err != nil {
		return "", &invalidError{err: err}
	}
	return "/" + string(mapping.FC3) + "/functions/" + function, nil
}

// action returns the version's name of an operation.
func (d *Driver) action(fc2, fc3 string) string {
	if d.scope.Version == mapping.FC2 {
		return fc2
	}
	return fc3
}

func (d *Driver) limit(n int) string {
	if n <= 0 || n > 100 {
		n = d.pageSize
	}
	return strconv.Itoa(n)
}
