package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/fnasync/fnasync/internal/safetext"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider/driver"
)

// ListLimits bound a listing that follows pages: a cloud (or something
// answering in its place) that keeps returning a next page token, or more
// items than any real account holds, ends the listing with an error rather
// than with unbounded time and memory.
type ListLimits struct {
	// Pages is the most pages one listing reads (default 1,000).
	Pages int
	// Items is the most items one listing holds (default 100,000).
	Items int
	// Configs is the most configs all the ListConfigs calls of one Client
	// return together (default 10,000): an export of many functions, each
	// listing as many qualifiers as a page holds, would otherwise hold
	// millions of configs (gigabytes) before it printed any.
	Configs int
}

// DefaultListLimits are the limits of a Client unless OpenOptions.List
// says otherwise.
var DefaultListLimits = ListLimits{Pages: 1000, Items: 100000, Configs: 10000}

func (l *ListLimits) withDefaults() ListLimits {
	out := DefaultListLimits
	if l != nil && l.Pages > 0 {
		out.Pages = l.Pages
	}
	if l != nil && l.Items > 0 {
		out.Items = l.Items
	}
	if l != nil && l.Configs > 0 {
		out.Configs = l.Configs
	}
	return out
}

type progressKey struct{}

// WithListProgress returns ctx carrying f, which the Client's listings
// call after each page with the pages and items read so far (e.g. to show
// progress on a terminal). f must be safe for concurrent use.
func WithListProgress(ctx context.Context, f func(pages, items int)) context.Context {
	return context.WithValue(ctx, progressKey{}, f)
}

// listPages follows the pages fetch returns from the first token ("")
// until a page has no next token (or repeats the one asked for), within
// the Client's ListLimits and ctx; keep adds a page's items and returns
// how many the listing holds. It returns the error of fetch or keep as it
// is, ctx's error when ctx ends between pages, and an Internal error past
// a limit.
func (c *Client) listPages(ctx context.Context, op string, fn model.FunctionRef, fetch func(token string) (next string, n int, err error)) error {
	progress, _ := ctx.Value(progressKey{}).(func(pages, items int))
	token := ""
	for pages := 1; ; pages++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		next, n, err := fetch(token)
		if err != nil {
			return err
		}
		if progress != nil {
			progress(pages, n)
		}
		switch {
		case n > c.list.Items:
			return &Error{Code: Internal, Op: op, Ref: fn, Err: fmt.Errorf("gave up after %d items: more than a listing may hold "+
				"(ListLimits.Items); what was read is incomplete, so none of it is returned", c.list.Items)}
		case next == "" || next == token:
			return nil
		case pages >= c.list.Pages:
			return &Error{Code: Internal, Op: op, Ref: fn, Err: fmt.Errorf("gave up after %d pages: the cloud keeps returning "+
				"a next page token (ListLimits.Pages); what was read is incomplete, so none of it is returned", pages)}
		}
		token = next
	}
}

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
	err = c.listPages(ctx, op, fn, func(token string) (string, int, error) {
		page, err := send(ctx, c, func() (*driver.ConfigPage, error) {
			return c.d.ListAsyncConfigs(ctx, fn.Function, &driver.ListOptions{PageToken: token})
		})
		if err != nil {
			return "", 0, c.wrap(op, fn, err)
		}
		if total := c.configs.Add(int64(len(page.Configs))); total > int64(c.list.Configs) {
			return "", 0, &Error{Code: Internal, Op: op, Ref: fn, Err: fmt.Errorf("gave up after %d configs: more than the "+
				"provider's listings may hold together (ListLimits.Configs); what was read is incomplete, so none of it is returned", c.list.Configs)}
		}
		for _, qc := range page.Configs {
			q := c.Ref(qc.Ref).Qualifier
			if seen[q] {
				return "", 0, &Error{Code: Internal, Op: op, Ref: fn, Err: fmt.Errorf("the cloud listed two configs for qualifier %s", q)}
			}
			seen[q] = true
			qc.Config = model.Normalize(qc.Config, c.caps.Limits)
			out = append(out, qc)
		}
		return page.NextToken, len(out), nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ListFunctions returns the names of all the provider's functions,
// within the Client's ListLimits.
func (c *Client) ListFunctions(ctx context.Context) ([]string, error) {
	op := "list functions of provider " + c.name
	var out []string
	err := c.listPages(ctx, op, model.FunctionRef{}, func(token string) (string, int, error) {
		page, err := send(ctx, c, func() (*driver.FunctionPage, error) {
			return c.d.ListFunctions(ctx, &driver.ListOptions{PageToken: token})
		})
		if err != nil {
			return "", 0, c.wrap(op, model.FunctionRef{}, err)
		}
		out = append(out, page.Functions...)
		return page.NextToken, len(out), nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
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
	err = c.listPages(ctx, op, fn, func(token string) (string, int, error) {
		io.PageToken = token
		page, err := send(ctx, c, func() (*driver.InvocationPage, error) { return c.d.ListInvocations(ctx, fn, &io) })
		if err != nil {
			return "", 0, c.wrap(op, fn, err)
		}
		for _, inv := range page.Invocations {
			out = append(out, clipInvocation(inv))
		}
		if opts.Limit > 0 && len(out) >= opts.Limit {
			out = out[:opts.Limit]
			return "", len(out), nil
		}
		return page.NextToken, len(out), nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
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
	return c.wrap(op, fn, sendErr(ctx, c, func() error { return c.d.StopInvocation(ctx, fn, id) }))
}

// clipInvocation returns inv with its text clipped, in copies that do not
// keep the page's strings alive: a record's error message is printed
// clipped to safetext.MaxMessage anyway, and a listing of up to
// ListLimits.Items records must not hold megabytes of each (100 records
// of 80 KB a page, for 1,000 pages, held 14 GB).
func clipInvocation(inv model.Invocation) model.Invocation {
	clip := func(s string, n int) string { return strings.Clone(safetext.Clip(s, n)) }
	inv.ID, inv.Qualifier, inv.CloudStatus = clip(inv.ID, 256), clip(inv.Qualifier, 256), clip(inv.CloudStatus, 64)
	inv.Error = clip(inv.Error, safetext.MaxMessage)
	return inv
}
