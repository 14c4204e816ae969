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
	page, err := manApp(opts.App).ToManWithSection(1)
	if err != nil {
		return fmt.Errorf("man page: %w", err)
	}
	_, err = fmt.Fprint(opts.IO.Out, page)
	return err
}

// manApp returns a copy of app for its manual page, whose generator
// takes text as Markdown and shows commands' Usage but not their
// Description: each description follows its command's usage, and the
// indented lines of every description (examples, tables) stay lines.
func manApp(app *cli.App) *cli.App {
	page := *app
	page.Description = markdown(app.Description)
	page.Commands = manCommands(app.Commands)
	return &page
}

func manCommands(commands []*cli.Command) []*cli.Command {
	out := make([]*cli.Command, len(commands))
	for i, c := range commands {
		page := *c
		if c.Description != "" {
			page.Usage = c.Usage + "\n\n" + markdown(c.Description)
		}
		page.Subcommands = manCommands(c.Subcommands)
		out[i] = &page
	}
	return out
}

// markdown turns help text into Markdown that reads the same: indented
// lines become a code block (set apart by blank lines, as Markdown needs),
// and the characters Markdown would take as markup are escaped elsewhere.
func markdown(text string) string {
	var b strings.Builder
	block := false
	for _, line := range strings.Split(text, "\n") {
		indented := strings.HasPrefix(line, "  ")
		switch {
		case indented && !block:
			b.WriteString("\n")
			block = true
		case !indented && block && line != "":
			b.WriteString("\n")
			block = false
		}
		if indented {
			b.WriteString("    " + line + "\n")
			continue
		}
		b.WriteString(markup.Replace(line) + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// markup escapes what Markdown reads as emphasis, code, links or HTML.
var markup = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`)
