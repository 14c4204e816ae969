// Package apply implements `fnasync apply`: plan afresh, show the plan,
// confirm, and make the live async configs match the document.
package apply

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/fnasync/fnasync/cmd/fnasync/internal/cmdutil"
	plancmd "github.com/fnasync/fnasync/cmd/fnasync/internal/commands/plan"
	"github.com/fnasync/fnasync/cmd/fnasync/internal/session"
	"github.com/fnasync/fnasync/plan"
)

// Options are the inputs of one apply run.
type Options struct {
	session.Common
	Output      string
	AutoApprove bool
	Prune       bool
}

// NewCommand returns the apply command; runF replaces the run in tests.
func NewCommand(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cli.Command {
	opts := &Options{Common: session.NewCommon(f)}
	return &cli.Command{
		Name:      "apply",
		Usage:     "Make the live async configs match the document",
		UsageText: "fnasync apply -f FILE [--auto-approve] [-o text|json]\n  [--parallelism N] [--prune]",
		Description: `Plans afresh against the live state (see fnasync plan), shows the plan and,
on a terminal, asks for "yes"; without a terminal it needs --auto-approve.
Every write sends the complete config. Writes to one function are serialized,
different functions run in parallel (--parallelism, each provider's
rateLimit); throttling, 5xx and network errors are retried with backoff.
A failed function does not stop the others: each result is reported and
the exit code is 1 if any change was not applied. Ctrl-C stops starting new
changes, lets the ones in flight finish, and says what was and was not
applied; running apply again converges. So does --timeout (default 30m):
past it no change starts, and those in flight get up to 5s to finish.

--prune also deletes the configs of qualifiers the document does not name,
on the functions it names; functions it does not name are never touched.

Examples:
  fnasync apply -f fnasync.yaml
  fnasync export -f old.yaml --provider hw --all |
    fnasync apply -f - --auto-approve`,
		Flags: append(opts.Common.Flags(),
			cmdutil.OutputFlag(&opts.Output, cmdutil.OutputText, cmdutil.OutputJSON),
			&cli.BoolFlag{Name: "auto-approve", Usage: "apply without asking", Destination: &opts.AutoApprove},
			&cli.BoolFlag{Name: "prune", Usage: "also delete the configs of other qualifiers of the named functions", Destination: &opts.Prune},
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
	if !opts.AutoApprove && (opts.File == "-" || !opts.IO.IsStdinTTY()) {
		return cmdutil.UsageErrorf("apply asks for confirmation on a terminal; standard input is not one, so pass --auto-approve")
	}
	return opts.Common.Check()
}

func run(ctx context.Context, opts *Options) error {
	return cmdutil.Within(ctx, opts.Timeout, func(ctx context.Context) error { return apply(ctx, opts) })
}

func apply(ctx context.Context, opts *Options) error {
	s, err := opts.Common.Open(ctx)
	if err != nil {
		return plancmd.Invalid(opts.IO, opts.Output, err)
	}
	defer s.Close()
	p, err := plancmd.Make(ctx, opts.IO, s, &opts.Common, opts.Prune)
	if err != nil {
		if ctx.Err() != nil {
			fmt.Fprintf(opts.IO.ErrOut, "%s while reading the live state: nothing was applied.\n", stopped(ctx))
			return cmdutil.Silent(cmdutil.CodeError)
		}
		return err
	}
	if opts.Output == cmdutil.OutputText {
		if err := plancmd.Write(opts.IO, p, opts.Output); err != nil {
			return err
		}
	} else if err := cmdutil.PrintDiagnostics(opts.IO.ErrOut, cmdutil.OutputText, p.Diagnostics); err != nil {
		return err
	}
	if p.Diagnostics.HasErrors() {
		fmt.Fprintln(opts.IO.ErrOut, "Nothing applied: the live state of some functions could not be read.")
		if opts.Output == cmdutil.OutputJSON {
			// The plan, no change applied, with the diagnostics saying why.
			if err := plancmd.JSON(opts.IO, p); err != nil {
				return err
			}
		}
		return cmdutil.Silent(cmdutil.CodeError)
	}
	if p.HasChanges() && !opts.AutoApprove {
		yes, err := confirm(opts.IO)
		if err != nil && ctx.Err() != nil {
			fmt.Fprintf(opts.IO.ErrOut, "\n%s: nothing was applied.\n", stopped(ctx))
			return cmdutil.Silent(cmdutil.CodeError)
		}
		if !yes {
			fmt.Fprintln(opts.IO.ErrOut, "Apply cancelled.")
			return cmdutil.Silent(cmdutil.CodeError)
		}
	}
	if err := s.CreateMissing(opts.IO.ErrOut, p); err != nil {
		return err
	}
	err = plan.Apply(ctx, s.Providers(), p, opts.Common.PlanOptions(opts.Prune))
	var ae *plan.ApplyError
	if err != nil && !errors.As(err, &ae) {
		return err
	}
	if opts.Output == cmdutil.OutputJSON {
		if err := plancmd.JSON(opts.IO, p); err != nil {
			return err
		}
	} else if p.HasChanges() {
		fmt.Fprintln(opts.IO.Out)
		if err := plan.WriteApplyText(opts.IO.Out, cmdutil.Clean(p)); err != nil {
			return err
		}
	}
	if ae != nil {
		if ctx.Err() != nil {
			fmt.Fprintf(opts.IO.ErrOut, "%s: the changes above marked \"not applied\" were not started.\n", stopped(ctx))
		}
		return cmdutil.Silent(cmdutil.CodeError)
	}
	return nil
}

// stopped says why ctx ended: Ctrl-C, or the deadline.
func stopped(ctx context.Context) string {
	if de := cmdutil.Deadline(ctx); de != nil {
		return fmt.Sprintf("Stopped at the deadline (--timeout %s)", de.Timeout)
	}
	return "Interrupted"
}

// confirm asks on the terminal and accepts only "yes"; the error is the
// reading's (an interrupt, or the end of the input).
func confirm(io *cmdutil.IOStreams) (bool, error) {
	fmt.Fprint(io.ErrOut, "\nDo you want to apply these changes?\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: ")
	line, err := bufio.NewReader(io.In).ReadString('\n')
	return strings.TrimSpace(line) == "yes", err
}
