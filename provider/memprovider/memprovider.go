// Package memprovider is the in-memory reference adapter: it implements
// driver.Driver exactly as the contract says, with no cloud behind it, and
// serves as the test double of everything above the provider layer.
//
// # As
//
// Client: **memprovider.Driver. Error: **memprovider.Error.
//
// # Errors
//
// Every error is a *Error carrying its driver.ErrorCode.
package memprovider

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/driver"
)

func init() {
	provider.Register(model.TypeMemory, func(_ context.Context, _ *model.Provider, l model.Limits, _ *provider.OpenOptions) (driver.Driver, error) {
		return New(l, &Options{AnyFunction: true}), nil
	})
}

// Options tune New; nil means defaults.
type Options struct {
	// Functions exist from the start.
	Functions []string
	// AnyFunction makes every function exist.
	AnyFunction bool
	// PageSize is the page size of lists (default 50).
	PageSize int
	// MergeOnPut makes a put keep destination halves it was not sent, as
	// FC 2.0 does.
	MergeOnPut bool
}

// Error is an error of this driver.
type Error struct {
	Code driver.ErrorCode
	Msg  string
}

func (e *Error) Error() string { return e.Msg }

// Driver is the in-memory driver.
type Driver struct {
	limits   model.Limits
	opts     Options
	calls    atomic.Int64
	mu       sync.Mutex
	funcs    map[string]bool
	configs  map[model.FunctionRef]*model.AsyncConfig
	invs     map[string][]model.Invocation // by function
	sequence int
}

var _ driver.Driver = (*Driver)(nil)

// New returns a driver under limits.
func New(limits model.Limits, opts *Options) *Driver {
	d := &Driver{limits: limits, funcs: map[string]bool{}, configs: map[model.FunctionRef]*model.AsyncConfig{}, invs: map[string][]model.Invocation{}}
	if opts != nil {
		d.opts = *opts
	}
	if d.opts.PageSize <= 0 {
		d.opts.PageSize = 50
	}
	for _, f := range d.opts.Functions {
		d.funcs[model.NormalizeFunctionName(f, limits)] = true
	}
	return d
}

// AddFunction makes a function exist.
func (d *Driver) AddFunction(name string) {
	d.mu.Lock()
	d.funcs[model.NormalizeFunctionName(name, d.limits)] = true
	d.mu.Unlock()
}

// Calls returns how many driver operations have been called, the way an
// emulator's request log counts requests.
func (d *Driver) Calls() int { return int(d.calls.Load()) }

// Capabilities implements driver.Driver.
func (d *Driver) Capabilities() driver.Capabilities {
	return driver.Capabilities{Limits: d.limits, StopInvocation: true, MergeOnPut: d.opts.MergeOnPut}
}

func (d *Driver) enter(ctx context.Context, fn string) error {
	d.calls.Add(1)
	if err := ctx.Err(); err != nil {
		return err
	}
	if fn != "" && !d.opts.AnyFunction && !d.funcs[fn] {
		return &Error{Code: driver.FunctionNotFound, Msg: fmt.Sprintf("function %s does not exist", fn)}
	}
	return nil
}

// GetAsyncConfig implements driver.Driver.
func (d *Driver) GetAsyncConfig(ctx context.Context, fn model.FunctionRef) (*model.AsyncConfig, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if err := d.enter(ctx, fn.Function); err != nil {
		return nil, err
	}
	c, ok := d.configs[key(fn)]
	if !ok {
		return nil, &Error{Code: driver.NotFound, Msg: fmt.Sprintf("%s has no async config", fn.Function)}
	}
	return c.Clone(), nil
}

// PutAsyncConfig implements driver.Driver.
func (d *Driver) PutAsyncConfig(ctx context.Context, fn model.FunctionRef, cfg *model.AsyncConfig) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if err := d.enter(ctx, fn.Function); err != nil {
		return err
	}
	next := cfg.Clone()
	if old, ok := d.configs[key(fn)]; ok && d.opts.MergeOnPut {
		if next.OnSuccess == nil {
			next.OnSuccess = old.OnSuccess
		}
		if next.OnFailure == nil {
			next.OnFailure = old.OnFailure
		}
	}
	d.configs[key(fn)] = next
	return nil
}

// DeleteAsyncConfig implements driver.Driver.
func (d *Driver) DeleteAsyncConfig(ctx context.Context, fn model.FunctionRef) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if err := d.enter(ctx, fn.Function); err != nil {
		return err
	}
	if _, ok := d.configs[key(fn)]; !ok {
		return &Error{Code: driver.NotFound, Msg: fmt.Sprintf("%s has no async config", fn.Function)}
	}
	delete(d.configs, key(fn))
	return nil
}

func key(fn model.FunctionRef) model.FunctionRef { fn.Provider = ""; return fn }

// ListAsyncConfigs implements driver.Driver.
func (d *Driver) ListAsyncConfigs(ctx context.Context, function string, opts *driver.ListOptions) (*driver.ConfigPage, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if err := d.enter(ctx, function); err != nil {
		return nil, err
	}
	var all []driver.QualifiedConfig
	for r, c := range d.configs {
		if r.Function == function {
			all = append(all, driver.QualifiedConfig{Ref: r, Config: c.Clone()})
		}
	}
	slices.SortFunc(all, func(a, b driver.QualifiedConfig) int { return compare(a.Ref.Qualifier, b.Ref.Qualifier) })
	items, next, err := page(all, opts.PageToken, d.pageSize(opts.PageSize))
	return &driver.ConfigPage{Configs: items, NextToken: next}, err
}

// ListFunctions implements driver.Driver.
func (d *Driver) ListFunctions(ctx context.Context, opts *driver.ListOptions) (*driver.FunctionPage, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if err := d.enter(ctx, ""); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for f := range d.funcs {
		seen[f] = true
	}
	for r := range d.configs {
		seen[r.Function] = true
	}
	var all []string
	for f := range seen {
		all = append(all, f)
	}
	slices.Sort(all)
	items, next, err := page(all, opts.PageToken, d.pageSize(opts.PageSize))
	return &driver.FunctionPage{Functions: items, NextToken: next}, err
}

func (d *Driver) pageSize(n int) int {
	if n > 0 {
		return n
	}
	return d.opts.PageSize
}

func page[T any](all []T, token string, size int) ([]T, string, error) {
	start := 0
	if token != "" {
		n, err := strconv.Atoi(token)
		if err != nil || n < 0 || n > len(all) {
			return nil, "", &Error{Code: driver.InvalidArgument, Msg: fmt.Sprintf("invalid page token %q", token)}
		}
		start = n
	}
	end := min(start+size, len(all))
	next := ""
	if end < len(all) {
		next = strconv.Itoa(end)
	}
	return all[start:end], next, nil
}

func compare(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Invoke records an async invocation of fn in the given status and returns
// its id.
func (d *Driver) Invoke(fn model.FunctionRef, status model.InvocationStatus) string {
	fn = model.NormalizeRef(fn, d.limits)
	d.mu.Lock()
	defer d.mu.Unlock()
	d.sequence++
	inv := model.Invocation{ID: fmt.Sprintf("inv-%06d", d.sequence), Qualifier: fn.Qualifier,
		Status: status, CloudStatus: string(status), Start: time.Now().UTC()}
	if status == model.StatusFailed {
		inv.Error = "function failed"
	}
	d.invs[fn.Function] = append([]model.Invocation{inv}, d.invs[fn.Function]...)
	return inv.ID
}

// ListInvocations implements driver.Driver.
func (d *Driver) ListInvocations(ctx context.Context, fn model.FunctionRef, opts *driver.InvocationOptions) (*driver.InvocationPage, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if err := d.enter(ctx, fn.Function); err != nil {
		return nil, err
	}
	var all []model.Invocation
	for _, inv := range d.invs[fn.Function] {
		if inv.Qualifier == fn.Qualifier && matches(inv, opts) {
			all = append(all, inv)
		}
	}
	items, next, err := page(all, opts.PageToken, d.pageSize(opts.PageSize))
	return &driver.InvocationPage{Invocations: items, NextToken: next}, err
}

func matches(inv model.Invocation, o *driver.InvocationOptions) bool {
	return (len(o.Statuses) == 0 || slices.Contains(o.Statuses, inv.Status)) &&
		(o.ID == "" || inv.ID == o.ID) &&
		(o.From.IsZero() || !inv.Start.Before(o.From)) &&
		(o.To.IsZero() || !inv.Start.After(o.To))
}

// StopInvocation implements driver.Driver: a finished invocation cannot be
// stopped (FailedPrecondition).
func (d *Driver) StopInvocation(ctx context.Context, fn model.FunctionRef, id string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if err := d.enter(ctx, fn.Function); err != nil {
		return err
	}
	for i, inv := range d.invs[fn.Function] {
		if inv.ID != id {
			continue
		}
		if inv.Status != model.StatusRunning && inv.Status != model.StatusQueued {
			return &Error{Code: driver.FailedPrecondition, Msg: fmt.Sprintf("invocation %s is %s and cannot be stopped", id, inv.Status)}
		}
		d.invs[fn.Function][i].Status, d.invs[fn.Function][i].CloudStatus = model.StatusStopped, "stopped"
		return nil
	}
	return &Error{Code: driver.NotFound, Msg: fmt.Sprintf("invocation %s does not exist", id)}
}

// ErrorCode implements driver.Driver.
func (d *Driver) ErrorCode(err error) driver.ErrorCode {
	if e, ok := err.(*Error); ok {
		return e.Code
	}
	return driver.Unknown
}

// As implements driver.Driver.
func (d *Driver) As(i any) bool {
	p, ok := i.(**Driver)
	if ok {
		*p = d
	}
	return ok
}

// ErrorAs implements driver.Driver.
func (d *Driver) ErrorAs(err error, i any) bool {
	e, ok := err.(*Error)
	p, ok2 := i.(**Error)
	if ok && ok2 {
		*p = e
	}
	return ok && ok2
}

// Close implements driver.Driver.
func (d *Driver) Close() error { return nil }
