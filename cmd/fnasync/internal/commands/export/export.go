// Package export implements `fnasync export`: the live async configs of
// functions as a valid document, ready for `apply -f -` or `migrate`.
package export

import (
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
The output feeds apply -f - and migrate.

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
	doc, err := opts.Load(opts.File)
	if err != nil {
		return err
	}
	p := doc.Providers[opts.Provider]
	if p == nil {
		return cmdutil.UsageErrorf("provider %q is not declared in %s (it declares %v)", opts.Provider, opts.File, providerNames(doc))
	}
	s, err := session.Open(ctx, doc, &session.Options{InsecureEndpoint: opts.InsecureEndpoint, Warn: opts.IO.ErrOut, Only: []string{opts.Provider}, Lock: opts.Lock})
	if err != nil {
		return err
	}
	defer s.Close()
	c := s.Clients[opts.Provider]
	functions := opts.Functions
	if opts.All {
		if functions, err = c.ListFunctions(ctx); err != nil {
			return err
		}
	}
	functions = unique(c, functions)
	entries, err := read(ctx, c, opts, functions)
	if err != nil {
		return err
	}
	// Every provider of FILE is kept, so that the output can be migrated
	// to one of the others.
	out := &model.Document{Version: 1, Providers: doc.Providers, Functions: entries}
	if diags := document.Validate(out); diags.HasErrors() {
		_ = cmdutil.PrintDiagnostics(opts.IO.ErrOut, cmdutil.OutputText, diags)
		return fmt.Errorf("the exported document is not valid (a cloud holds values outside fnasync's limits): widen the provider's limits in %s", opts.File)
	}
	fmt.Fprintf(opts.IO.ErrOut, "Exported %s of %s from %s.\n", plural(len(entries), "config"), plural(len(functions), "function"), opts.Provider)
	return document.Encode(opts.IO.Out, out, opts.Output)
}

// read lists the configs of every function, concurrently, keeping the
// functions' order.
func read(ctx context.Context, c *provider.Client, opts *Options, functions []string) ([]*model.FunctionEntry, error) {
	results := make([][]*model.FunctionEntry, len(functions))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(opts.Parallelism)
	l := c.Limits()
	for i, fn := range functions {
		g.Go(func() error {
			configs, err := c.ListConfigs(gctx, fn)
			if err != nil {
				return err
			}
			for _, qc := range configs {
				e := &model.FunctionEntry{Provider: opts.Provider, Function: qc.Ref.Function, AsyncConfig: *qc.Config}
				if qc.Ref.Qualifier != l.DefaultQualifier {
					e.Qualifier = qc.Ref.Qualifier
				}
				results[i] = append(results[i], e)
			}
			slices.SortFunc(results[i], func(a, b *model.FunctionEntry) int { return strings.Compare(a.Qualifier, b.Qualifier) })
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

// plural returns "1 word" or "N words".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func providerNames(doc *model.Document) []string {
	var out []string
	for name := range doc.Providers {
		out = append(out, name)
	}
	slices.Sort(out)
	return out
}
