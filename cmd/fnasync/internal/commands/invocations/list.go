package invocations

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/fnasync/fnasync/cmd/fnasync/internal/cmdutil"
	"github.com/fnasync/fnasync/cmd/fnasync/internal/session"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
)

// ListOptions are the inputs of one list run.
type ListOptions struct {
	Target
	Statuses []string
	Since    string
	From, To string
	ID       string
	Limit    int
	Output   string
	// Now is the clock for --since; time.Now when nil.
	Now func() time.Time
}

func newList(f *cmdutil.Factory, runF func(context.Context, *ListOptions) error) *cli.Command {
	opts := &ListOptions{Target: Target{IO: f.IO, Load: session.Loader(f), ReadOnly: true}}
	var statuses cli.StringSlice
	var names []string
	for _, s := range model.AllStatuses {
		names = append(names, string(s))
	}
	return &cli.Command{
		Name:      "list",
		Usage:     "List async invocations, newest first",
		UsageText: "fnasync invocations list -f FILE --function PROVIDER:FUNCTION [--qualifier Q] [--status S]... [--since D | --from T --to T] [--id ID] [--limit N] [-o text|json]",
		Description: `Lists the function's async invocation records, following every page up to
--limit. Times are UTC; --from and --to take RFC 3339 (2026-11-23T10:00:00Z)
or "2026-11-23 10:00:00" (UTC); --since takes a duration (90m, 6h, 2d).
On a terminal it shows the pages read so far; --timeout (default 30m)
stops the run.

Examples:
  fnasync invocations list -f fnasync.yaml --function hw:orders \
    --status failed --since 1d
  fnasync invocations list -f fnasync.yaml --function ali:shop/orders \
    --id job- -o json`,
		Flags: append(opts.flags(),
			&cli.StringSliceFlag{Name: "status", Usage: "only this neutral status (repeatable): " + strings.Join(names, ", "), Destination: &statuses},
			&cli.StringFlag{Name: "since", Usage: "only invocations started within this duration (e.g. 6h, 2d)", Destination: &opts.Since},
			&cli.StringFlag{Name: "from", Usage: "only invocations started at or after this time", Destination: &opts.From},
			&cli.StringFlag{Name: "to", Usage: "only invocations started at or before this time", Destination: &opts.To},
			&cli.StringFlag{Name: "id", Usage: "one invocation (FunctionGraph request id; on Function Compute an id prefix)", Destination: &opts.ID},
			&cli.IntFlag{Name: "limit", Value: 100, Usage: "at most this many records (0: all)", Destination: &opts.Limit},
			cmdutil.OutputFlag(&opts.Output, cmdutil.OutputText, cmdutil.OutputJSON),
		),
		Action: func(cCtx *cli.Context) error {
			opts.Statuses = statuses.Value()
			if _, err := opts.filter(); err != nil {
				return err
			}
			if runF != nil {
				return runF(cCtx.Context, opts)
			}
			return list(cCtx.Context, opts)
		},
	}
}

// filter checks the flags and turns them into the provider's options.
func (o *ListOptions) filter() (*provider.InvocationListOptions, error) {
	if err := cmdutil.CheckOutput(o.Output, cmdutil.OutputText, cmdutil.OutputJSON); err != nil {
		return nil, err
	}
	if o.Limit < 0 {
		return nil, cmdutil.UsageErrorf("--limit must not be negative")
	}
	if err := cmdutil.CheckTimeout(o.Timeout); err != nil {
		return nil, err
	}
	f := &provider.InvocationListOptions{Limit: o.Limit}
	f.ID = o.ID
	for _, s := range o.Statuses {
		st := model.InvocationStatus(strings.ToLower(s))
		if !slices.Contains(model.AllStatuses, st) {
			return nil, cmdutil.UsageErrorf("--status %q is not a neutral status (use one of %v)", s, model.AllStatuses)
		}
		f.Statuses = append(f.Statuses, st)
	}
	if o.Since != "" && (o.From != "" || o.To != "") {
		return nil, cmdutil.UsageErrorf("use --since, or --from and --to, not both")
	}
	var err error
	if o.Since != "" {
		d, err := parseSince(o.Since)
		if err != nil {
			return nil, err
		}
		now := time.Now
		if o.Now != nil {
			now = o.Now
		}
		f.From = now().Add(-d).UTC()
	}
	if f.From.IsZero() && o.From != "" {
		if f.From, err = parseTime("--from", o.From); err != nil {
			return nil, err
		}
	}
	if o.To != "" {
		if f.To, err = parseTime("--to", o.To); err != nil {
			return nil, err
		}
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return nil, cmdutil.UsageErrorf("--to is before --from")
	}
	return f, nil
}

func parseSince(s string) (time.Duration, error) {
	if n, ok := strings.CutSuffix(s, "d"); ok {
		days, err := strconv.Atoi(n)
		if err == nil && days > 0 {
			return time.Duration(days) * 24 * time.Hour, nil
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, cmdutil.UsageErrorf("--since %q is not a positive duration such as 90m, 6h or 2d", s)
	}
	return d, nil
}

func parseTime(flag, s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339, "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, cmdutil.UsageErrorf("%s %q is not a time: use RFC 3339 (2026-11-23T10:00:00Z) or \"2026-11-23 10:00:00\" (UTC)", flag, s)
}

func list(ctx context.Context, opts *ListOptions) error {
	return cmdutil.Within(ctx, opts.Timeout, func(ctx context.Context) error { return list1(ctx, opts) })
}

func list1(ctx context.Context, opts *ListOptions) error {
	f, err := opts.filter()
	if err != nil {
		return err
	}
	s, c, ref, err := opts.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	lctx, done := session.Listing(ctx, opts.IO, "listing the invocations of "+ref.String(), "records")
	invs, err := c.ListInvocations(lctx, ref, f)
	done()
	if err != nil {
		return err
	}
	if invs == nil {
		invs = []model.Invocation{}
	}
	invs = cmdutil.Clean(invs) // ids, statuses and errors are the cloud's text
	if opts.Output == cmdutil.OutputJSON {
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(invs)
	}
	if len(invs) == 0 {
		fmt.Fprintf(opts.IO.ErrOut, "No async invocations of %s match.\n", ref)
		return nil
	}
	tw := tabwriter.NewWriter(opts.IO.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTATUS\tCLOUD STATUS\tQUALIFIER\tSTART (UTC)\tEND (UTC)\tERROR")
	for _, inv := range invs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", inv.ID, inv.Status, inv.CloudStatus, inv.Qualifier,
			stamp(inv.Start), stamp(inv.End), oneLine(inv.Error))
	}
	return tw.Flush()
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04:05")
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 80 {
		s = s[:77] + "..."
	}
	return s
}
