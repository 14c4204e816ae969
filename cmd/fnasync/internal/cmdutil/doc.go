// Package cmdutil holds what every fnasync command shares: the IOStreams
// it writes to (never os.Stdout directly), the Factory it is built from,
// the ExitError and UsageError types by which it asks for an exit code,
// and helpers for the -o flag and for printing diagnostics.
//
// # Writing a command
//
// A command lives in its own package under commands/ and follows one
// shape, so that flag parsing and behaviour are tested apart:
//
//	type Options struct { IO *cmdutil.IOStreams; File string; Output string }
//	func NewCommand(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cli.Command
//	func run(ctx context.Context, opts *Options) error
//
// NewCommand binds flags to Options (Destination:) and calls runF, or run
// when runF is nil. A command returns errors and never exits: return
// cmdutil.UsageErrorf for bad arguments, an *ExitError to choose a code
// (Err nil when the command has already reported the problem), any other
// error for exit status 1. It is registered with one line in app.New.
package cmdutil
