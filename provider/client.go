// Package provider is the portable API to the async-invocation settings of
// serverless functions on every supported cloud. Callers use *Client; each
// cloud adapter (huaweifg, alifc, awslambda, memprovider) implements
// driver.Driver and is reached through Open, or for every provider of a
// document at once through OpenFile and OpenDocument. Import
// "github.com/fnasync/fnasync/provider/all" for its side effect to register
// every adapter.
//
// The Client checks arguments and the driver's capabilities before any
// request, so a bad name or an unsupported destination kind never reaches a
// cloud, and it classifies every driver error once into an ErrorCode
// (provider.Code, errors.Is with the Err sentinels). Context errors are
// returned as they are.
package provider

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider/driver"
	"github.com/fnasync/fnasync/provider/ratelimit"
)

// Client is the portable client of one provider.
type Client struct {
	d    driver.Driver
	caps driver.Capabilities
	name string // the provider's name in its document, for messages
	list ListLimits
	// pace paces every request (nil: none); see send.
	pace ratelimit.Limiter
	// configs counts the configs ListConfigs returned, for ListLimits.Configs.
	configs atomic.Int64
}

// NewClient wraps a driver. It is for use by drivers' Open functions and
// tests; everyone else uses Open.
func NewClient(d driver.Driver) *Client {
	c := &Client{d: d, caps: d.Capabilities(), list: DefaultListLimits}
	_, c.caps.Invoke = d.(driver.Invoker)
	return c
}

// Capabilities returns what the provider supports, with its limits.
func (c *Client) Capabilities() driver.Capabilities { return c.caps }

// Limits returns the provider's limits (Capabilities().Limits).
func (c *Client) Limits() model.Limits { return c.caps.Limits }

// Ref returns fn with the cloud's default package and qualifier filled.
func (c *Client) Ref(fn model.FunctionRef) model.FunctionRef {
	return model.NormalizeRef(fn, c.caps.Limits)
}

func (c *Client) wrap(op string, fn model.FunctionRef, err error) error {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	return &Error{Code: c.d.ErrorCode(err), Op: op, Ref: fn, Err: err}
}

func invalid(op string, fn model.FunctionRef, err error) error {
	return &Error{Code: InvalidArgument, Op: op, Ref: fn, Err: err}
}

func (c *Client) checkRef(op string, fn model.FunctionRef) (model.FunctionRef, error) {
	fn = c.Ref(fn)
	if fn.Provider == "" {
		fn.Provider = c.name
	}
	if err := model.CheckRef(fn, c.caps.Limits); err != nil {
		return fn, invalid(op, fn, err)
	}
	return fn, nil
}

// Normalize returns cfg with the provider's defaults filled, empty halves
// dropped and destinations in the form the cloud reads them back, so that
// it compares with what Get returns.
func (c *Client) Normalize(cfg *model.AsyncConfig) *model.AsyncConfig {
	out := model.Normalize(cfg, c.caps.Limits)
	if cz, ok := c.d.(driver.Canonicalizer); ok {
		out.OnSuccess = cz.CanonicalDestination(out.OnSuccess)
		out.OnFailure = cz.CanonicalDestination(out.OnFailure)
	}
	return out
}

// Get returns fn's async config, normalized. The error's code is NotFound
// when the function has no config and FunctionNotFound when the function
// does not exist.
func (c *Client) Get(ctx context.Context, fn model.FunctionRef) (*model.AsyncConfig, error) {
	const op = "get async config of"
	fn, err := c.checkRef(op, fn)
	if err != nil {
		return nil, err
	}
	cfg, err := send(ctx, c, func() (*model.AsyncConfig, error) { return c.d.GetAsyncConfig(ctx, fn) })
	if err != nil {
		return nil, c.wrap(op, fn, err)
	}
	return model.Normalize(cfg, c.caps.Limits), nil
}

// PutOptions tune Put.
type PutOptions struct {
	// Before is the live config if the caller has just read it; with
	// BeforeKnown, nil means "none". Without BeforeKnown, Put reads it
	// itself where the cloud needs it (FC 2.0's merging PUT).
	Before      *model.AsyncConfig
	BeforeKnown bool
}

// Put sets fn's async config to cfg, replacing whatever was there: omitted
// fields take the cloud's defaults and are sent explicitly. On a cloud whose
// PUT merges, a destination that cfg drops is removed by deleting the
// config first. cfg is checked against the provider's limits before any
// request; opts may be nil.
func (c *Client) Put(ctx context.Context, fn model.FunctionRef, cfg *model.AsyncConfig, opts *PutOptions) error {
	const op = "put async config of"
	fn, err := c.checkRef(op, fn)
	if err != nil {
		return err
	}
	want := c.Normalize(cfg)
	if err := c.CheckConfig(want); err != nil {
		return invalid(op, fn, err)
	}
	if c.caps.MergeOnPut {
		if err := c.clearRemoved(ctx, fn, want, opts); err != nil {
			return err
		}
	}
	return c.wrap(op, fn, sendErr(ctx, c, func() error { return c.d.PutAsyncConfig(ctx, fn, want) }))
}

func (c *Client) clearRemoved(ctx context.Context, fn model.FunctionRef, want *model.AsyncConfig, opts *PutOptions) error {
	if want.OnSuccess != nil && want.OnFailure != nil {
		return nil
	}
	var before *model.AsyncConfig
	if opts != nil && opts.BeforeKnown {
		before = opts.Before
	} else {
		b, err := c.Get(ctx, fn)
		if err != nil && Code(err) != NotFound {
			return err
		}
		before = b
	}
	if !model.RemovesDestination(before, want) {
		return nil
	}
	if err := c.Delete(ctx, fn); err != nil && Code(err) != NotFound {
		return err
	}
	return nil
}

// CheckConfig reports the first way a normalized cfg breaks the provider's
// limits: a value out of range, a destination kind the cloud cannot take or
// an invalid destination name.
func (c *Client) CheckConfig(cfg *model.AsyncConfig) error {
	l := c.caps.Limits
	if v := cfg.MaxEventAgeSeconds; v != nil && !l.MaxEventAgeSeconds.Contains(*v) {
		return fmt.Errorf("maxEventAgeSeconds %d is outside %d..%d on %s", *v, l.MaxEventAgeSeconds.Min, l.MaxEventAgeSeconds.Max, l.Type)
	}
	if v := cfg.MaxRetryAttempts; v != nil && !l.MaxRetryAttempts.Contains(*v) {
		return fmt.Errorf("maxRetryAttempts %d is outside %d..%d on %s", *v, l.MaxRetryAttempts.Min, l.MaxRetryAttempts.Max, l.Type)
	}
	if cfg.StatusLog != nil && *cfg.StatusLog && !l.HasStatusLog() {
		return fmt.Errorf("statusLog: %s has no async status log", l.Type)
	}
	for _, d := range []struct {
		field string
		dest  *model.Destination
	}{{model.FieldOnSuccess, cfg.OnSuccess}, {model.FieldOnFailure, cfg.OnFailure}} {
		if d.dest.IsEmpty() {
			continue
		}
		if !l.Accepts(d.dest.Kind) {
			return fmt.Errorf("%s: %s cannot take %s destinations (it takes %v)", d.field, l.Type, d.dest.Kind, l.Destinations)
		}
		if !l.AcceptsOn(d.field, d.dest.Kind) {
			return fmt.Errorf("%s: %s takes %s destinations in onFailure only", d.field, l.Type, d.dest.Kind)
		}
		if d.dest.Kind == model.KindFunction {
			if err := model.CheckFunction(d.dest.Name, l); err != nil {
				return fmt.Errorf("%s: %w", d.field, err)
			}
		}
	}
	return nil
}

// Delete removes fn's async config. The error's code is NotFound when there
// is none.
func (c *Client) Delete(ctx context.Context, fn model.FunctionRef) error {
	const op = "delete async config of"
	fn, err := c.checkRef(op, fn)
	if err != nil {
		return err
	}
	return c.wrap(op, fn, sendErr(ctx, c, func() error { return c.d.DeleteAsyncConfig(ctx, fn) }))
}

// Replace deletes fn's config (if any) and puts cfg: the way to remove a
// destination on a cloud whose PUT merges. Between the two requests the
// function has no config.
func (c *Client) Replace(ctx context.Context, fn model.FunctionRef, cfg *model.AsyncConfig) error {
	if err := c.Delete(ctx, fn); err != nil && Code(err) != NotFound {
		return err
	}
	return c.Put(ctx, fn, cfg, &PutOptions{BeforeKnown: true})
}

// As converts i to the driver's client type; see the driver's package doc.
// It panics if i is nil.
func (c *Client) As(i any) bool {
	if i == nil {
		panic("provider: As called with nil interface")
	}
	return c.d.As(i)
}

// ErrorAs converts err to the driver's error type. It panics if i is nil.
func (c *Client) ErrorAs(err error, i any) bool {
	if i == nil {
		panic("provider: ErrorAs called with nil interface")
	}
	if err == nil {
		return false
	}
	var e *Error
	if errors.As(err, &e) {
		err = e.Err
	}
	return c.d.ErrorAs(err, i)
}

// Close releases the driver.
func (c *Client) Close() error { return c.d.Close() }
