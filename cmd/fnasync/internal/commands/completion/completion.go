// Package completion implements `fnasync completion bash|zsh|fish` and
// `fnasync man`: shell completion and the manual page, both generated from
// the application's own command definitions.
package completion

import (
	"context"
	_ "embed"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/fnasync/fnasync/cmd/fnasync/internal/cmdutil"
)

// The bash and zsh scripts ask fnasync itself for the words that fit (its
// hidden --generate-bash-completion flag), so they follow the commands
// and flags of the binary they run.
var (
	//go:embed bash.sh
	bashScript string
	//go:embed zsh.zsh
	zshScript string
)

// Shells are the shells completion supports.
var Shells = []string{"bash", "zsh", "fish"}

// Options are the inputs of one completion or man run.
type Options struct {
	IO    *cmdutil.IOStreams
	Shell string
	// App is the application whose commands are described.
	App *cli.App
}

// NewCommand returns the completion command; runF replaces the run in
// tests.
func NewCommand(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cli.Command {
	opts := &Options{IO: f.IO}
	return &cli.Command{
		Name:      "completion",
		Usage:     "Print a shell completion script (bash, zsh or fish)",
		UsageText: "fnasync completion bash|zsh|fish",
		Description: `Prints a script that completes fnasync's commands and flags in the shell.

  bash:  source <(fnasync completion bash)
         or save it as ~/.local/share/bash-completion/completions/fnasync
  zsh:   source <(fnasync completion zsh)
         or save it as _fnasync in a directory of your $fpath
  fish:  fnasync completion fish > ~/.config/fish/completions/fnasync.fish`,
		Action: cmdutil.Action(opts, func(cCtx *cli.Context, opts *Options) error {
			if cCtx.NArg() != 1 {
				return cmdutil.UsageErrorf("completion takes the shell: fnasync completion %s", strings.Join(Shells, "|"))
			}
			opts.Shell, opts.App = cCtx.Args().First(), cCtx.App
			for _, s := range Shells {
				if s == opts.Shell {
					return nil
				}
			}
			return cmdutil.UsageErrorf("completion: unknown shell %q (known: %s)", opts.Shell, strings.Join(Shells, ", "))
		}, runF, run),
	}
}

func run(_ context.Context, opts *Options) error {
	script := bashScript
	switch opts.Shell {
	case "zsh":
		script = zshScript
	case "fish":
		var err error
		if script, err = opts.App.ToFishCompletion(); err != nil {
			return fmt.Errorf("fish completion: %w", err)
		}
	}
	_, err := fmt.Fprint(opts.IO.Out, script)
	return err
}

// NewManCommand returns the man command; runF replaces the run in tests.
func NewManCommand(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cli.Command {
	opts := &Options{IO: f.IO}
	return &cli.Command{
		Name:      "man",
		Usage:     "Print the manual page (roff, section 1)",
		UsageText: "fnasync man > fnasync.1",
		Description: `Prints fnasync's manual page, generated from the same definitions as
--help. Read it with man ./fnasync.1, or install it in a man1 directory
of your MANPATH.`,
		Action: cmdutil.Action(opts, func(cCtx *cli.Context, opts *Options) error {
			opts.App = cCtx.App
			return cmdutil.NoArgs(cCtx, opts)
		}, runF, man),
	}
}

func man(_ context.Context, opts *Options) error {
	page, err := opts.App.ToManWithSection(1)
	if err != nil {
		return fmt.Errorf("man page: %w", err)
	}
	_, err = fmt.Fprint(opts.IO.Out, page)
	return err
}
