// Package plan implements `fnasync plan`: the read-only difference between
// a document and the live async configs, in Terraform's grammar or as
// JSON.
package plan

import (
	"context"
	"errors"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/fnasync/fnasync/cmd/fnasync/internal/cmdutil"
	"github.com/fnasync/fnasync/cmd/fnasync/internal/session"
	"github.com/fnasync/fnasync/plan"
)

// Options are the inputs of one plan run.
type Options struct {
	session.Common
	Output           string
	DetailedExitCode bool
	Prune            bool
}

// NewCommand returns the plan command; runF replaces the run in tests.
func NewCommand(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cli.Command {
	opts := &Options{Common: session.NewCommon(f)}
	opts.ReadOnly = true
	return &cli.Command{
		Name:      "plan",
		Usage:     "Show what apply would change (read-only)",
		UsageText: "fnasync plan -f FILE [-o text|json] [--detailed-exitcode]\n  [--parallelism N] [--prune]",
		Description: `Reads the live async config of every function qualifier the document names,
concurrently, and shows how apply would make it match: + create, ~ update
in-place, -/+ replace (delete then create: FC 2.0 cannot drop a destination
in place), - destroy. Omitted settings mean the cloud's documented default
and are compared as such. Nothing is written.

With --detailed-exitcode the exit code is 0 for no changes, 2 for changes
and 1 for errors, for CI that must fail on drift. With -o json the plan is
the stable JSON format (format_version 1.0). --timeout bounds the whole run
(default 30m): past it the run stops and says the deadline passed.

Examples:
  fnasync plan -f fnasync.yaml
  fnasync plan -f fnasync.yaml --detailed-exitcode -o json > plan.json`,
		Flags: append(opts.Common.Flags(),
			cmdutil.OutputFlag(&opts.Output, cmdutil.OutputText, cmdutil.OutputJSON),
			&cli.BoolFlag{Name: "detailed-exitcode", Usage: "exit 2 when there are changes, 0 when there are none", Destination: &opts.DetailedExitCode},
			&cli.BoolFlag{Name: "prune", Usage: "also plan deleting the configs of other qualifiers of the named functions", Destination: &opts.Prune},
		),
		Action: cmdutil.Action(opts, prepare, runF, run),
	}
}

func prepare(cCtx *cli.Context, opts *Options) error {
	if err := cmdutil.NoArgs(cCtx, opts); err != nil {
		return err
	}
	if err := cmdutil.CheckOutput(opts.Output, cmdutil.OutputText, cmdutil.OutputJSON); err != nil {
		return err
	}
	return opts.Common.Check()
}

func run(ctx context.Context, opts *Options) error {
	return cmdutil.Within(ctx, opts.Timeout, func(ctx context.Context) error { return plan1(ctx, opts) })
}

func plan1(ctx context.Context, opts *Options) error {
	s, err := opts.Common.Open(ctx)
	if err != nil {
		return Invalid(opts.IO, opts.Output, err)
	}
	defer s.Close()
	p, err := Make(ctx, opts.IO, s, &opts.Common, opts.Prune)
	if err != nil {
		return err
	}
	if err := Write(opts.IO, p, opts.Output); err != nil {
		return err
	}
	switch {
	case p.Diagnostics.HasErrors():
		if opts.Output == cmdutil.OutputText {
			fmt.Fprintln(opts.IO.ErrOut, "Plan incomplete: the live state of some functions could not be read.")
		}
		return cmdutil.Silent(cmdutil.CodeError)
	case opts.DetailedExitCode && p.HasChanges():
		return cmdutil.Silent(cmdutil.CodeChanges)
	}
	return nil
}

// Make plans the session's document; apply shares it. A function the
// embedded emulator has never seen is planned as a create, with a warning
// that apply will create the function there.
func Make(ctx context.Context, io *cmdutil.IOStreams, s *session.Session, c *session.Common, prune bool) (*plan.Plan, error) {
	o := c.PlanOptions(prune)
	o.WillCreate = s.WillCreate
	p, err := plan.Make(ctx, s.Providers(), o)
	if err != nil {
		return nil, err
	}
	if notes := s.MissingNotes(p); len(notes) > 0 {
		p.Diagnostics = append(p.Diagnostics, notes...)
		p.Diagnostics.Sort()
	}
	return p, nil
}

// Invalid returns err, having written with -o json the plan of an
// invalid document (no changes, its diagnostics) when err says the
// document is invalid: the JSON a caller reads is there whatever failed.
// The diagnostics are on standard error in text too.
func Invalid(io *cmdutil.IOStreams, output string, err error) error {
	var inv *session.InvalidDocument
	if output == cmdutil.OutputJSON && errors.As(err, &inv) {
		if werr := JSON(io, plan.Empty(inv.Diagnostics)); werr != nil {
			return werr
		}
	}
	return err
}

// JSON prints p as the JSON plan, its server text made safe to print
// (cmdutil.Clean), as every plan fnasync prints is.
func JSON(io *cmdutil.IOStreams, p *plan.Plan) error { return plan.WriteJSON(io.Out, cmdutil.Clean(p)) }

// Write prints p: text to stdout with read errors on stderr, or JSON.
func Write(io *cmdutil.IOStreams, p *plan.Plan, output string) error {
	if output == cmdutil.OutputJSON {
		return JSON(io, p)
	}
	p = cmdutil.Clean(p)
	if err := cmdutil.PrintDiagnostics(io.ErrOut, cmdutil.OutputText, p.Diagnostics); err != nil {
		return err
	}
	if p.Diagnostics.HasErrors() && !p.HasChanges() {
		// "No changes. The live async configuration matches the
		// document." is not known of the functions that could not be read.
		return nil
	}
	return plan.WriteText(io.Out, p, &plan.TextOptions{Color: io.ColorEnabled()})
}
