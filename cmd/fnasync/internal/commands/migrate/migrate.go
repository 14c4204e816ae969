// Package migrate implements `fnasync migrate`: an offline rewrite of a
// document's functions onto another cloud's provider.
package migrate

import (
	"context"

	"github.com/urfave/cli/v2"

	"github.com/fnasync/fnasync/cmd/fnasync/internal/cmdutil"
	"github.com/fnasync/fnasync/document"
	"github.com/fnasync/fnasync/mapping"
	"github.com/fnasync/fnasync/model"
)

// Options are the inputs of one migrate run.
type Options struct {
	IO      *cmdutil.IOStreams
	Load    func(file string) (*model.Document, model.Diagnostics)
	File    string
	To      string
	MapFile string
	Clamp   bool
	Output  string
}

// NewCommand returns the migrate command; runF replaces the run in tests.
func NewCommand(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cli.Command {
	opts := &Options{IO: f.IO, Load: f.Loader(cmdutil.Offline)}
	return &cli.Command{
		Name:      "migrate",
		Usage:     "Rewrite a document's functions onto another cloud (offline)",
		UsageText: "fnasync migrate -f FILE --to PROVIDER [--map FILE] [--clamp] [-o yaml|json]",
		Description: `Rewrites every function entry of FILE onto PROVIDER (declared under FILE's
providers) and writes the result, a valid document holding only PROVIDER,
to standard output. Nothing is sent to any cloud.

Identity: FunctionGraph package/name ⇄ FC 2.0 service/function ⇄ FC 3.0
and Lambda function; the map file may rename functions and qualifiers and
names the FC 2.0 service. Destinations both clouds have carry over
(function; topic: SMN, MNS, SNS; queue: MNS, SQS; event bus; bucket: OBS,
S3); one the target lacks (a DIS stream, a bucket on Lambda's onSuccess) is
an error at its line unless the map file gives a replacement, keyed
KIND:NAME. statusLog true cannot go to Lambda, which has none: an error,
or dropped with a warning under --clamp. A ref
(a native ARN or URN) in the source provider's own account or project and
region is read as its kind first and then treated as that kind; a ref
elsewhere is an error unless the map file replaces it, keyed ref:ARN
(between two Function Compute providers, or two Lambda providers, an ARN
carries over as is, with a warning, but an FC function ARN only between the
same API version). A value
outside the target's range is an error, or with --clamp is moved into
range with a warning. Omitted settings are written out with the
source cloud's defaults, so behaviour is kept. Every lossy or assumed
change is reported on standard error.

Map file (YAML or JSON, its schema checked like a document's):
  version: 1
  service: shop                  # FC 2.0 service of FunctionGraph and
                                 # FC 3.0 functions (replaces the
                                 # FunctionGraph package)
  functions: {orders: orders-v2} # renames
  qualifiers: {blue: prod}
  destinations:
    "bucket:async-logs": {queue: async-logs}

Examples:
  fnasync migrate -f huawei.yaml --to ali3 > ali3.yaml
  fnasync export -f hw.yaml --provider hw --all |
    fnasync migrate -f - --to ali --map map.yaml |
    fnasync apply -f - --auto-approve`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "file", Aliases: []string{"f"}, Usage: "the document (- for standard input)", Required: true, TakesFile: true, Destination: &opts.File},
			&cli.StringFlag{Name: "to", Usage: "the target provider (a key under providers)", Required: true, Destination: &opts.To},
			&cli.StringFlag{Name: "map", Usage: "a migration map file", TakesFile: true, Destination: &opts.MapFile},
			&cli.BoolFlag{Name: "clamp", Usage: "move out-of-range values into the target's range, with a warning", Destination: &opts.Clamp},
			cmdutil.OutputFlag(&opts.Output, document.FormatYAML, document.FormatJSON),
		},
		Action: cmdutil.Action(opts, prepare, runF, run),
	}
}

func prepare(cCtx *cli.Context, opts *Options) error {
	if err := cmdutil.NoArgs(cCtx, opts); err != nil {
		return err
	}
	if opts.Output == cmdutil.OutputText {
		opts.Output = document.FormatYAML
	}
	return cmdutil.CheckOutput(opts.Output, document.FormatYAML, document.FormatJSON)
}

func run(ctx context.Context, opts *Options) error {
	doc, diags := opts.Load(opts.File)
	if err := ctx.Err(); err != nil {
		return err // while reading standard input: not a finding
	}
	mopts := &mapping.MigrateOptions{Clamp: opts.Clamp}
	if opts.MapFile != "" {
		m, mdiags := document.LoadMap(opts.MapFile, nil)
		diags = append(diags, mdiags...)
		mopts.Map = m
	}
	if doc == nil || diags.HasErrors() {
		return report(opts, diags)
	}
	out, mdiags := mapping.Migrate(doc, opts.To, mopts)
	diags = append(diags, mdiags...)
	if out != nil && !diags.HasErrors() {
		// The rewrite must itself be a valid document; if it is not, that
		// is migrate's fault, not a mistake in the user's file.
		for _, d := range document.ValidateWith(out, cmdutil.Offline) {
			diags = append(diags, internalError(d))
		}
	}
	if diags.HasErrors() {
		return report(opts, diags)
	}
	if err := cmdutil.PrintDiagnostics(opts.IO.ErrOut, cmdutil.OutputText, diags); err != nil {
		return err
	}
	return document.Encode(opts.IO.Out, out, opts.Output)
}

// internalError turns a finding about migrate's own output, whose
// positions point into a document the user never saw, into an unlocated
// internal error.
func internalError(d model.Diagnostic) model.Diagnostic {
	if d.Severity != model.SeverityError {
		return model.Diagnostic{Severity: d.Severity, Summary: "migrated document: " + d.Pointer + ": " + d.Summary}
	}
	return model.Diagnostic{Severity: d.Severity,
		Summary: "internal error: migrate produced an invalid document (please report it): " + d.Pointer + ": " + d.Summary}
}

func report(opts *Options, diags model.Diagnostics) error {
	if err := cmdutil.PrintDiagnostics(opts.IO.ErrOut, cmdutil.OutputText, diags); err != nil {
		return err
	}
	return cmdutil.Silent(cmdutil.CodeError)
}
