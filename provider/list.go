package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider/driver"
)

// maxPages stops a list whose cloud keeps returning a next token.
const maxPages = 100000

// errEndless is the error of a listing that reached maxPages: what was
// read is incomplete, so it is not returned as if it were all.
var errEndless = fmt.Errorf("gave up after %d pages: the cloud keeps returning a next page token", maxPages)

// ListConfigs returns the configs of every qualifier of function, following
// all pages. A listing that names one qualifier twice, or whose pages never
// end, is an Internal error rather than a list that cannot be trusted.
func (c *Client) ListConfigs(ctx context.Context, function string) ([]driver.QualifiedConfig, error) {
	const op = "list async configs of"
	fn, err := c.checkRef(op, model.FunctionRef{Function: function})
	if err != nil {
		return nil, err
	}
	fn.Qualifier = "" // every qualifier
	var out []driver.QualifiedConfig
	seen := map[string]bool{}
	opts := &driver.ListOptions{}
	for range maxPages {
		page, err := c.d.ListAsyncConfigs(ctx, fn.Function, opts)
		if err != nil {
			return nil, c.wrap(op, fn, err)
		}
		for _, qc := range page.Configs {
			q := c.Ref(qc.Ref).Qualifier
			if seen[q] {
				return nil, &Error{Code: Internal, Op: op, Ref: fn, Err: fmt.Errorf("the cloud listed two configs for qualifier %s", q)}
			}
			seen[q] = true
			qc.Config = model.Normalize(qc.Config, c.caps.Limits)
			out = append(out, qc)
		}
		if page.NextToken == "" || page.NextToken == opts.PageToken {
			return out, nil
		}
		opts = &driver.ListOptions{PageToken: page.NextToken}
	}
	return nil, &Error{Code: Internal, Op: op, Ref: fn, Err: errEndless}
}

// ListFunctions returns the names of all the provider's functions.
func (c *Client) ListFunctions(ctx context.Context) ([]string, error) {
	var out []string
	opts := &driver.ListOptions{}
	for range maxPages {
		page, err := c.d.ListFunctions(ctx, opts)
		if err != nil {
			return nil, c.wrap("list functions of provider "+c.name, model.FunctionRef{}, err)
		}
		out = append(out, page.Functions...)
		if page.NextToken == "" || page.NextToken == opts.PageToken {
			return out, nil
		}
		opts = &driver.ListOptions{PageToken: page.NextToken}
	}
	return nil, &Error{Code: Internal, Op: "list functions of provider " + c.name, Err: errEndless}
}

// InvocationListOptions filter ListInvocations; the zero value lists
// everything.
type InvocationListOptions struct {
	driver.InvocationOptions
	// Limit stops after this many records; 0 means no limit.
	Limit int
}

// ListInvocations returns fn's async invocation records matching opts
// (which may be nil), following pages up to opts.Limit.
func (c *Client) ListInvocations(ctx context.Context, fn model.FunctionRef, opts *InvocationListOptions) ([]model.Invocation, error) {
	const op = "list async invocations of"
	fn, err := c.checkRef(op, fn)
	if err != nil {
		return nil, err
	}
	if opts == nil {
		opts = &InvocationListOptions{}
	}
	if !opts.From.IsZero() && !opts.To.IsZero() && opts.To.Before(opts.From) {
		return nil, invalid(op, fn, errors.New("the end of the time range is before its start"))
	}
	if opts.ID != "" {
		if err := model.CheckName("invocationId", opts.ID, c.caps.Limits); err != nil {
			return nil, invalid(op, fn, err)
		}
	}
	if c.caps.NoInvocationList != "" {
		return nil, &Error{Code: Unimplemented, Op: op, Ref: fn, Err: errors.New(c.caps.NoInvocationList)}
	}
	var out []model.Invocation
	io := opts.InvocationOptions
	for range maxPages {
		page, err := c.d.ListInvocations(ctx, fn, &io)
		if err != nil {
			return nil, c.wrap(op, fn, err)
		}
		out = append(out, page.Invocations...)
		if opts.Limit > 0 && len(out) >= opts.Limit {
			return out[:opts.Limit], nil
		}
		if page.NextToken == "" || page.NextToken == io.PageToken {
			return out, nil
		}
		io.PageToken = page.NextToken
	}
	return nil, &Error{Code: Internal, Op: op, Ref: fn, Err: errEndless}
}

// StopInvocation stops fn's async invocation id. Where the cloud cannot
// stop invocations the code is Unimplemented and the message says why.
func (c *Client) StopInvocation(ctx context.Context, fn model.FunctionRef, id string) error {
	const op = "stop async invocation of"
	fn, err := c.checkRef(op, fn)
	if err != nil {
		return err
	}
	if !c.caps.StopInvocation {
		return &Error{Code: Unimplemented, Op: op, Ref: fn, Err: errors.New(c.caps.StopNote)}
	}
	if err := model.CheckName("invocationId", id, c.caps.Limits); err != nil {
		return invalid(op, fn, err)
	}
	return c.wrap(op, fn, c.d.StopInvocation(ctx, fn, id))
}
