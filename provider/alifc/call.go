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
	"github.com/fnasync/fnasync/provider/internal/httpx"
)

// request is one FC API call, before signing.
type request struct {
	action  string // x-acs-action
	method  string
	path    string // concrete: every name in it has been checked
	query   map[string]string
	headers map[string]string
	body    []byte
	// success lists the documented success statuses (default 200).
	success []int
	// page marks a list page (capped at MaxPageBody, not MaxBody).
	page bool
	// keys are the keys of the answer (one must be there); what names
	// it ("a config"). None: the body is not checked.
	keys []string
	what string
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

// do sends r through the transport's Do: retried under the driver's
// policy (by default throttling, 5xx and unanswered tries), each try
// bounded by the transport's timeout.
func (d *Driver) do(ctx context.Context, r *request) (*response, error) {
	call := &httpx.Call{Op: r.action, Success: r.success, Page: r.page, Keys: r.keys, What: r.what, Retryable: r.retryable}
	var out *response
	err := d.transport.Do(ctx, call, func(_ context.Context, key string) error {
		resp, err := d.once(r, key)
		out = resp
		return err
	})
	return out, err
}

// once sends r one time, its try's key in callHeader. The SDK mutates
// its requests, so each try builds a new one.
func (d *Driver) once(r *request, key string) (*response, error) {
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
	req.Headers[callHeader] = key
	client, err := d.sdkClient()
	if err != nil {
		return nil, err
	}
	resp, err := client.ProcessCommonRequest(req)
	d.release(client)
	if err != nil {
		var se *sdkerrors.ServerError
		if errors.As(err, &se) {
			return nil, apiError(resp, se)
		}
		return nil, &sdkFailure{err: err}
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
