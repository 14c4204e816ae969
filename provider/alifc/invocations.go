package alifc

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"github.com/fnasync/fnasync/mapping"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider/driver"
)

// The async invocation headers: the invocation type and the id the
// caller chooses (FC 2.0 stateful async invocation id, FC 3.0 async task
// id).
const (
	headerInvocationType = "X-Fc-Invocation-Type"
	headerInvocationID2  = "X-Fc-Stateful-Async-Invocation-Id"
	headerInvocationID3  = "X-Fc-Async-Task-Id"
)

func (d *Driver) idHeader() string {
	return d.action(headerInvocationID2, headerInvocationID3)
}

// ListInvocations implements driver.Driver: FC 2.0
// ListStatefulAsyncInvocations, FC 3.0 ListAsyncTasks, newest first. One
// status is filtered by FC; several (or one with two FC words) are
// filtered here, so a page may hold fewer records than the limit. opts.ID
// is an id prefix.
func (d *Driver) ListInvocations(ctx context.Context, fn model.FunctionRef, opts *driver.InvocationOptions) (*driver.InvocationPage, error) {
	fn, err := d.ref(fn)
	if err != nil {
		return nil, err
	}
	p, err := d.functionPath(fn.Function)
	if err != nil {
		return nil, err
	}
	r := &request{action: d.action("ListStatefulAsyncInvocations", "ListAsyncTasks"), method: "GET",
		path:  p + d.action("/stateful-async-invocations", "/async-tasks"),
		query: map[string]string{"qualifier": fn.Qualifier, "limit": d.limit(opts.PageSize), "sortOrderByTime": "desc"},
		page:  true, keys: []string{"invocations", "tasks"}, what: "a page of invocations"}
	if opts.PageToken != "" {
		r.query["nextToken"] = opts.PageToken
	}
	if opts.ID != "" {
		if err := model.CheckName("invocationId", opts.ID, d.limits); err != nil {
			return nil, &invalidError{err: err}
		}
		r.query[d.action("invocationIdPrefix", "prefix")] = opts.ID
	}
	if ms := mapping.FCMillis(opts.From); ms > 0 {
		r.query["startedTimeBegin"] = strconv.FormatInt(ms, 10)
	}
	if ms := mapping.FCMillis(opts.To); ms > 0 {
		r.query["startedTimeEnd"] = strconv.FormatInt(ms, 10)
	}
	if len(opts.Statuses) == 1 {
		if words := mapping.NeutralToFCStatuses(d.scope.Version, opts.Statuses[0]); len(words) == 1 {
			r.query["status"] = words[0]
		}
	}
	resp, err := d.do(ctx, r)
	if err != nil {
		return nil, err
	}
	var l mapping.FCInvocationList
	if err := decode(resp, &l, r.action); err != nil {
		return nil, err
	}
	out := &driver.InvocationPage{NextToken: l.NextToken}
	for _, w := range l.Records() {
		inv := mapping.FCInvocationToNeutral(w)
		if len(opts.Statuses) == 0 || slices.Contains(opts.Statuses, inv.Status) {
			out.Invocations = append(out.Invocations, inv)
		}
	}
	return out, nil
}

// stopNote explains a refused stop; %s is the version's status flag.
const stopNote = "Function Compute refused to stop the invocation: it stops only invocations that are " +
	"still queued, running or retrying, of a function whose async config has %s on"

// StopInvocation implements driver.Driver: FC 2.0 PUT
// .../stateful-async-invocations/{id}, FC 3.0 PUT .../async-tasks/{id}/stop.
// A refusal (a 400 InvalidArgument: the invocation has finished, or the
// status flag is off) has code FailedPrecondition and a note that says
// what FC can stop.
func (d *Driver) StopInvocation(ctx context.Context, fn model.FunctionRef, id string) error {
	fn, err := d.ref(fn)
	if err != nil {
		return err
	}
	if err := model.CheckName("invocationId", id, d.limits); err != nil {
		return &invalidError{err: err}
	}
	p, err := d.functionPath(fn.Function)
	if err != nil {
		return err
	}
	r := &request{action: d.action("StopStatefulAsyncInvocation", "StopAsyncTask"), method: "PUT",
		path:  p + d.action("/stateful-async-invocations/"+id, "/async-tasks/"+id+"/stop"),
		query: map[string]string{"qualifier": fn.Qualifier}, success: []int{http.StatusOK, http.StatusNoContent}}
	_, err = d.do(ctx, r)
	var ae *APIError
	if errors.As(err, &ae) && ae.Status == http.StatusBadRequest && classifyAPI(ae) == driver.InvalidArgument {
		return &notedError{code: driver.FailedPrecondition, note: fmt.Sprintf(stopNote, d.action("statefulInvocation", "asyncTask")), err: err}
	}
	return err
}

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
