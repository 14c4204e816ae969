// Package export implements `fnasync export`: the live async configs of
// functions as a valid document, ready for `apply -f -` or `migrate`.
package export

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"
	"golang.org/x/sync/errgroup"

	"github.com/fnasync/fnasync/cmd/fnasync/internal/cmdutil"
	"github.com/fnasync/fnasync/cmd/fnasync/internal/session"
	"github.com/fnasync/fnasync/document"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
)

// Options are the inputs of one export run.
type Options struct {
	session.Common
	Provider  string
	Functions []string
	All       bool
	Output    string
}

// NewCommand returns the export command; runF replaces the run in tests.
func NewCommand(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cli.Command {
	opts := &Options{Common: session.NewCommon(f)}
	var functions cli.StringSlice
	return &cli.Command{
		Name:      "export",
		Usage:     "Write the live async configs of functions as a document",
		UsageText: "fnasync export -f FILE --provider NAME (--function F... | --all)\n  [-o yaml|json]",
		Description: `Reads the async configs of every qualifier of the named functions
(--function, repeatable) or of every function of the provider (--all), and
writes them to standard output as a valid document with FILE's provider
declarations (all of them, so that migrate --to can name another). Every
setting is written explicitly, so the document says exactly what is live.
The output feeds apply -f - and migrate. On a terminal, --all shows the
pages and functions listed so far; --timeout (default 30m) stops the run.

Examples:
  fnasync export -f fnasync.yaml --provider hw --function orders \
    --function billing
  fnasync export -f fnasync.yaml --provider ali --all -o json > live.json`,
		Flags: append(opts.Common.Flags(),
			&cli.StringFlag{Name: "provider", Usage: "the provider (a key under providers in FILE)", Required: true, Destination: &opts.Provider},
			&cli.StringSliceFlag{Name: "function", Usage: "a function to export, all its qualifiers (repeatable)", Destination: &functions},
			&cli.BoolFlag{Name: "all", Usage: "export every function of the provider", Destination: &opts.All},
			cmdutil.OutputFlag(&opts.Output, document.FormatYAML, document.FormatJSON),
		),
		Action: cmdutil.Action(opts, func(cCtx *cli.Context, opts *Options) error {
			opts.Functions = functions.Value()
			return prepare(cCtx, opts)
		}, runF, run),
	}
}

func prepare(cCtx *cli.Context, opts *Options) error {
	if err := cmdutil.NoArgs(cCtx, opts); err != nil {
		return err
	}
	if opts.Output == cmdutil.OutputText {
		opts.Output = document.FormatYAML
	}
	if err := cmdutil.CheckOutput(opts.Output, document.FormatYAML, document.FormatJSON); err != nil {
		return err
	}
	if opts.All == (len(opts.Functions) > 0) {
		return cmdutil.UsageErrorf("name the functions with --function, or export them all with --all (one of the two)")
	}
	return opts.Common.Check()
}

func run(ctx context.Context, opts *Options) error {
	return cmdutil.Within(ctx, opts.Timeout, func(ctx context.Context) error { return export(ctx, opts) })
}

func export(ctx context.Context, opts *Options) error {
	doc, err := opts.Load(opts.File, session.DocOptions(opts.InsecureEndpoint))
	if err != nil {
		return err
	}
	p := doc.Providers[opts.Provider]
	if p == nil {
		return cmdutil.UndeclaredProvider(opts.Provider, opts.File, doc)
	}
	so, err := opts.Common.Options(opts.Provider)
	if err != nil {
		return err
	}
	so.ReadOnly = true
	s, err := session.Open(ctx, doc, so)
	if err != nil {
		return err
	}
	defer s.Close()
	c := s.Clients[opts.Provider]
	functions := opts.Functions
	if opts.All {
		lctx, done := session.Listing(ctx, opts.IO, "listing the functions of "+opts.Provider, "functions")
		functions, err = c.ListFunctions(lctx)
		done()
		if err != nil {
			return err
		}
		slices.SortFunc(functions, natural)
	}
	functions = unique(c, functions)
	entries, err := read(ctx, c, opts, functions)
	if err != nil {
		return err
	}
	// Every provider of FILE is kept, so that the output can be migrated
	// to one of the others.
	out := &model.Document{Version: 1, Providers: doc.Providers, Functions: entries}
	if diags := document.ValidateWith(out, session.DocOptions(opts.InsecureEndpoint)); diags.HasErrors() {
		_ = cmdutil.PrintDiagnostics(opts.IO.ErrOut, cmdutil.OutputText, diags)
		return fmt.Errorf("the exported document is not valid (a cloud holds values outside fnasync's limits): widen the provider's limits in %s", opts.File)
	}
	fmt.Fprintln(opts.IO.ErrOut, summary(opts, entries, len(functions)))
	return document.Encode(opts.IO.Out, out, opts.Output)
}

// read lists the configs of every function, concurrently, keeping the
// functions' order: from one listing of every function's configs where
// the provider has one and it sends fewer requests (provider.BulkPages),
// else one list per function. A function the listing lacks has no
// config if it was just listed itself (--all); a named one is listed on
// its own, which tells whether it exists.
func read(ctx context.Context, c *provider.Client, opts *Options, functions []string) ([]*model.FunctionEntry, error) {
	var all provider.AllConfigs
	if pages := provider.BulkPages(len(functions)); pages > 0 && c.CanListAll() {
		a, ok, err := c.ListAllConfigs(ctx, pages)
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if ok && err == nil {
			all = a
		}
	}
	results := make([][]*model.FunctionEntry, len(functions))
	// On a terminal: a line saying it reads, or a bar past a screenful.
	bar := session.Progress(opts.IO)
	if bar != nil {
		bar.Start("exporting", len(functions))
		defer bar.Finish()
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(opts.Parallelism)
	l := c.Limits()
	for i, fn := range functions {
		g.Go(func() error {
			configs, listed := all[c.Ref(model.FunctionRef{Function: fn}).Function]
			if all == nil || !(listed || opts.All) {
				var err error
				if configs, err = c.ListConfigs(gctx, fn); err != nil {
					return err
				}
			}
			if bar != nil {
				bar.Step()
			}
			for _, qc := range configs {
				e := &model.FunctionEntry{Provider: opts.Provider, Function: qc.Ref.Function, AsyncConfig: *qc.Config}
				if qc.Ref.Qualifier != l.DefaultQualifier {
					e.Qualifier = qc.Ref.Qualifier
				}
				results[i] = append(results[i], e)
			}
			slices.SortFunc(results[i], func(a, b *model.FunctionEntry) int { return natural(a.Qualifier, b.Qualifier) })
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	var out []*model.FunctionEntry
	for _, r := range results {
		out = append(out, r...)
	}
	return out, nil
}

// natural orders names as a person does: runs of digits by their value
// (fn2 before fn10, version 2 before 10), the rest as text.
func natural(a, b string) int {
	for a != "" && b != "" {
		da, db := digits(a), digits(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if c := cmp.Or(cmp.Compare(len(na), len(nb)), strings.Compare(na, nb)); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return cmp.Compare(a[0], b[0])
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

// digits returns the length of the run of ASCII digits s starts with.
func digits(s string) int {
	n := 0
	for n < len(s) && '0' <= s[n] && s[n] <= '9' {
		n++
	}
	return n
}

// unique drops the functions named again, in any spelling (orders and
// default/orders are one FunctionGraph function): each would be exported
// twice, and the document declare its configs twice.
func unique(c *provider.Client, functions []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, fn := range functions {
		if full := c.Ref(model.FunctionRef{Function: fn}).Function; !seen[full] {
			seen[full] = true
			out = append(out, fn)
		}
	}
	return out
}

// summary says what was exported, counting the functions that have
// configs apart from those listed or named.
func summary(opts *Options, entries []*model.FunctionEntry, looked int) string {
	with := map[string]bool{}
	for _, e := range entries {
		with[e.Function] = true
	}
	s := fmt.Sprintf("Exported %s of %s from %s", plural(len(entries), "config"), plural(len(with), "function"), opts.Provider)
	how := "named"
	if opts.All {
		how = "listed"
	}
	if len(with) < looked {
		s += fmt.Sprintf(" (%d %s, %d with no config)", looked, how, looked-len(with))
	}
	return s + "."
}

// plural returns "1 word" or "N words".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
