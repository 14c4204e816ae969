// Package app assembles the fnasync command-line application: the command
// list, the help text, and the one mapping from errors to exit codes.
package app

import (
	"context"
	"errors"
	"log"
	"os"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/fnasync/fnasync/cmd/fnasync/internal/cmdutil"
	"github.com/fnasync/fnasync/cmd/fnasync/internal/commands/apply"
	"github.com/fnasync/fnasync/cmd/fnasync/internal/commands/completion"
	"github.com/fnasync/fnasync/cmd/fnasync/internal/commands/emulate"
	"github.com/fnasync/fnasync/cmd/fnasync/internal/commands/export"
	"github.com/fnasync/fnasync/cmd/fnasync/internal/commands/invocations"
	"github.com/fnasync/fnasync/cmd/fnasync/internal/commands/migrate"
	"github.com/fnasync/fnasync/cmd/fnasync/internal/commands/plan"
	"github.com/fnasync/fnasync/cmd/fnasync/internal/commands/schema"
	"github.com/fnasync/fnasync/cmd/fnasync/internal/commands/validate"
	"github.com/fnasync/fnasync/cmd/fnasync/internal/commands/version"
)

// description is the app's help text: what fnasync does, how to start,
// and the exit codes, a stable contract.
const description = `fnasync manages the asynchronous-invocation settings of serverless functions
(max event age, retry attempts, status log, success and failure destinations)
on Huawei Cloud FunctionGraph, Alibaba Cloud Function Compute 2.0 and 3.0
and AWS Lambda, from one declarative document (YAML or JSON).

Examples:
  fnasync validate fnasync.yaml                  check a document offline
  fnasync plan -f fnasync.yaml                   what apply would change
  fnasync apply -f fnasync.yaml                  make the clouds match
  fnasync export -f fnasync.yaml --provider hw --all > live.yaml
  fnasync migrate -f live.yaml --to ali3         rewrite onto another cloud
  fnasync invoke -f fnasync.yaml --function hw:orders   start one
  fnasync invocations list -f fnasync.yaml --function hw:orders
  fnasync emulate                                every cloud's API, locally
  fnasync schema > fnasync.schema.json           the JSON Schema, for editors

A provider with "endpoint: emulator" runs against an emulator inside the
fnasync process, its state kept in .fnasync/ beside the document: try
  fnasync apply -f examples/quickstart.yaml --auto-approve
--endpoint PROVIDER=URL (or FNASYNC_ENDPOINTS="hw=URL,ali=URL"; * for every
provider) overrides a document's endpoint, e.g. with the URL that
fnasync emulate prints. Shell completion: fnasync completion bash|zsh|fish;
the manual page: fnasync man.

Documents and standard input: every FILE may be - for standard input.
The product (a plan, a document, JSON) goes to standard output; diagnostics,
progress and warnings go to standard error. Colour only on a terminal, and
never with NO_COLOR set.

Exit codes:
  0  success (with plan --detailed-exitcode: no changes)
  1  any error: invalid input, provider failure, partial apply, usage
  2  only plan --detailed-exitcode: success, and there are changes`

// commands lists the commands in help order. To add one, append its
// NewCommand here.
func commands(f *cmdutil.Factory) []*cli.Command {
	return []*cli.Command{
		validate.NewCommand(f, nil),
		plan.NewCommand(f, nil),
		apply.NewCommand(f, nil),
		export.NewCommand(f, nil),
		migrate.NewCommand(f, nil),
		invocations.NewInvokeCommand(f, nil),
		invocations.NewCommand(f, nil, nil),
		emulate.NewCommand(f, nil),
		schema.NewCommand(f, nil),
		completion.NewCommand(f, nil),
		completion.NewManCommand(f, nil),
		version.NewCommand(f, nil),
	}
}

// New returns the application writing to f.IO. It never exits the
// process: RunContext returns every error, for Main to map to a code.
func New(f *cmdutil.Factory) *cli.App {
	var showVersion bool
	app := &cli.App{
		Name:                 "fnasync",
		Usage:                "async-invocation settings of serverless functions",
		UsageText:            "fnasync [--version] COMMAND [flags] [arguments...]",
		Description:          description,
		Commands:             commands(f),
		Reader:               f.IO.In,
		Writer:               f.IO.Out,
		ErrWriter:            f.IO.ErrOut,
		HideVersion:          true,
		Suggest:              true,
		EnableBashCompletion: true,
		Flags:                []cli.Flag{&cli.BoolFlag{Name: "version", Usage: "print the version and exit", Destination: &showVersion}},
		// urfave/cli would call os.Exit for errors implementing ExitCoder;
		// Main maps every error to a code itself.
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError:   cmdutil.OnUsageError,
		Action: func(cCtx *cli.Context) error {
			switch {
			case showVersion:
				_, err := cCtx.App.Writer.Write([]byte(version.String(debug.ReadBuildInfo) + "\n"))
				return err
			case cCtx.Args().Present():
				return unknownCommand(cCtx)
			}
			return cli.ShowAppHelp(cCtx)
		},
	}
	for _, c := range app.Commands {
		cmdutil.CheckRequired(app.Name, c)
		if c.OnUsageError == nil {
			c.OnUsageError = cmdutil.OnUsageError
		}
		if action := c.Action; action != nil {
			path := app.Name + " " + c.Name
			c.Action = func(cCtx *cli.Context) error { return cmdutil.WithCommand(action(cCtx), path) }
		}
	}
	return app
}

// readOnly are the commands (with subcommand) that change nothing.
var readOnly = []string{"plan", "export", "invocations list", "validate", "migrate"}

// interrupted is the message of a command stopped by an interrupt before
// it finished.
func interrupted(args []string) string {
	var words []string
	for _, a := range args[1:] {
		if strings.HasPrefix(a, "-") || len(words) == 2 {
			break
		}
		words = append(words, a)
	}
	cmd := strings.Join(words, " ")
	if slices.Contains(readOnly, cmd) || (len(words) > 0 && slices.Contains(readOnly, words[0])) {
		return "Interrupted: fnasync " + cmd + " stopped before it finished; it changes nothing, so nothing was changed."
	}
	return "Interrupted: fnasync " + cmd + " stopped before it finished."
}

func unknownCommand(cCtx *cli.Context) error {
	name := cCtx.Args().First()
	var names []string
	for _, c := range cCtx.App.VisibleCommands() {
		if c.Name != "help" {
			names = append(names, c.Name)
		}
	}
	return cmdutil.UnknownCommand("", name, names)
}

// Main runs the application with args (args[0] being the program name)
// and returns the process's exit code, having printed any error to
// streams.ErrOut.
func Main(ctx context.Context, args []string, streams *cmdutil.IOStreams) int {
	// The last line of defence: nothing written carries a credential of
	// the environment or a control sequence other than colour.
	safe := *streams
	secrets := cmdutil.Secrets(os.Getenv)
	safe.Out, safe.ErrOut = cmdutil.SafeWriter(streams.Out, secrets), cmdutil.SafeWriter(streams.ErrOut, secrets)
	streams = cmdutil.Colored(&safe).WithContext(ctx)
	log.SetOutput(cmdutil.LogWriter(safe.ErrOut))
	err := New(cmdutil.New(streams)).RunContext(ctx, args)
	if ctx.Err() != nil && errors.Is(err, context.Canceled) {
		// Ctrl-C or SIGTERM: say so as apply does, not "context canceled".
		_, _ = streams.ErrOut.Write([]byte(interrupted(args) + "\n"))
		err = cmdutil.Silent(cmdutil.CodeError)
	}
	if msg := cmdutil.Message("fnasync", err); msg != "" {
		if p := cmdutil.ErrorPrefix(streams.ErrOut); p != "" {
			msg = strings.Replace(msg, "fnasync: ", "fnasync: "+p, 1)
		}
		_, _ = streams.ErrOut.Write([]byte(msg + "\n"))
	}
	return ExitCode(err)
}
