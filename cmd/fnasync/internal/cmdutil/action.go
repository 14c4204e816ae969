package cmdutil

import (
	"context"

	"github.com/urfave/cli/v2"
)

// Action returns a command's action: prepare fills and checks opts from
// the command line (nil for nothing to do), then runF is called when set
// (tests of flag parsing capture opts there), else run.
func Action[O any](opts *O, prepare func(*cli.Context, *O) error, runF, run func(context.Context, *O) error) cli.ActionFunc {
	return func(cCtx *cli.Context) error {
		if prepare != nil {
			if err := prepare(cCtx, opts); err != nil {
				return err
			}
		}
		if runF != nil {
			return runF(cCtx.Context, opts)
		}
		return run(cCtx.Context, opts)
	}
}

// NoArgs is a prepare function for Action that rejects arguments.
func NoArgs[O any](cCtx *cli.Context, _ *O) error {
	if cCtx.Args().Present() {
		return UsageErrorf("%s takes no arguments", cCtx.Command.Name)
	}
	return nil
}
