// Package validate implements `fnasync validate`: the offline checks of
// one or more documents (syntax, schema, semantics, per-cloud limits).
package validate

import (
	"context"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/fnasync/fnasync/cmd/fnasync/internal/cmdutil"
	"github.com/fnasync/fnasync/document"
	"github.com/fnasync/fnasync/model"
)

// Options are the inputs of one validate run.
type Options struct {
	IO *cmdutil.IOStreams
	// Load reads and checks one document ("-" = standard input).
	Load func(file string) (*model.Document, model.Diagnostics)
	// Files are the documents to check, in order.
	Files []string
	// Output is "text" (diagnostics on stderr) or "json" (an array on
	// stdout).
	Output string
	// InsecureEndpoint accepts plain http:// endpoints to hosts that are
	// not loopback, as plan does with the same flag.
	InsecureEndpoint bool
}

// NewCommand returns the validate command. runF replaces the run for
// tests of flag parsing; nil runs it.
func NewCommand(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cli.Command {
	opts := &Options{IO: f.IO, Load: f.LoadDocument}
	return &cli.Command{
		Name:      "validate",
		Usage:     "Check documents offline: schema, semantics, cloud limits",
		ArgsUsage: "FILE...",
		Description: `Reads each FILE (YAML or JSON; - for standard input) and reports every
mistake at once, each located as
FILE:LINE:COL: error: /json/pointer: message.
Nothing is sent to any cloud. Exits 1 if any document has an error.
An endpoint of plain http:// to a host that is not loopback is an error,
as for plan, unless --insecure-endpoint allows it.

Text diagnostics and a summary go to standard error; with -o json, a JSON
array of {severity, summary, detail, pointer, file, line, column} goes to
standard output instead. Flags come before the files.

Examples:
  fnasync validate examples/huaweifg.yaml
  fnasync validate -o json fnasync.yaml other.json
  fnasync export -f fnasync.yaml --provider hw --all | fnasync validate -`,
		Flags: []cli.Flag{
			cmdutil.OutputFlag(&opts.Output, cmdutil.OutputText, cmdutil.OutputJSON),
			&cli.BoolFlag{Name: "insecure-endpoint", Usage: "accept plain http:// endpoints that are not loopback", Destination: &opts.InsecureEndpoint},
		},
		Action: cmdutil.Action(opts, func(cCtx *cli.Context, opts *Options) error {
			if opts.InsecureEndpoint {
				opts.Load = f.Loader(&document.Options{InsecureEndpoint: true})
			}
			return prepare(cCtx, opts)
		}, runF, run),
	}
}

// prepare takes the files and rejects calls that cannot work, before
// anything is read.
func prepare(cCtx *cli.Context, opts *Options) error {
	opts.Files = cCtx.Args().Slice()
	if err := cmdutil.CheckOutput(opts.Output, cmdutil.OutputText, cmdutil.OutputJSON); err != nil {
		return err
	}
	if len(opts.Files) == 0 {
		return cmdutil.UsageErrorf("validate needs at least one FILE (- for standard input)")
	}
	stdin := 0
	for _, f := range opts.Files {
		switch {
		case f == "-":
			stdin++
		case strings.HasPrefix(f, "-"):
			return cmdutil.UsageErrorf("%s comes after a file: put flags before the files (fnasync validate [-o text|json] FILE...)", f)
		}
	}
	if stdin > 1 {
		return cmdutil.UsageErrorf("standard input (-) can be read only once")
	}
	return nil
}

func run(ctx context.Context, opts *Options) error {
	var all model.Diagnostics
	bad, errs := 0, 0
	for _, file := range opts.Files {
		if err := ctx.Err(); err != nil {
			return err
		}
		_, diags := opts.Load(file)
		if err := ctx.Err(); err != nil {
			return err // while reading standard input: not a finding
		}
		all = append(all, diags...)
		n := countErrors(diags)
		if n > 0 {
			bad++
			errs += n
		}
		if opts.Output == cmdutil.OutputText {
			if err := cmdutil.PrintDiagnostics(opts.IO.ErrOut, cmdutil.OutputText, diags); err != nil {
				return err
			}
		}
	}
	if opts.Output == cmdutil.OutputJSON {
		if err := cmdutil.PrintDiagnostics(opts.IO.Out, cmdutil.OutputJSON, all); err != nil {
			return err
		}
	}
	fmt.Fprintln(opts.IO.ErrOut, summary(len(opts.Files), bad, errs))
	if errs > 0 {
		return cmdutil.Silent(cmdutil.CodeError)
	}
	return nil
}

func countErrors(diags model.Diagnostics) int {
	n := 0
	for _, d := range diags {
		if d.Severity == model.SeverityError {
			n++
		}
	}
	return n
}

// summary renders "2 files valid", "3 errors in 1 file" or
// "3 errors in 1 file; 1 file valid".
func summary(files, bad, errs int) string {
	if errs == 0 {
		return plural(files, "file") + " valid"
	}
	s := fmt.Sprintf("%s in %s", plural(errs, "error"), plural(bad, "file"))
	if good := files - bad; good > 0 {
		s += "; " + plural(good, "file") + " valid"
	}
	return s
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
