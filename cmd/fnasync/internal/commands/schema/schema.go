// Package schema implements `fnasync schema`: it prints the document's
// JSON Schema, for editors and other tools.
package schema

import (
	"context"

	"github.com/urfave/cli/v2"

	"github.com/fnasync/fnasync/cmd/fnasync/internal/cmdutil"
	"github.com/fnasync/fnasync/schemas"
)

// Options are the inputs of one schema run.
type Options struct {
	IO *cmdutil.IOStreams
}

// NewCommand returns the schema command. runF replaces the run for tests
// of argument parsing; nil runs it.
func NewCommand(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cli.Command {
	opts := &Options{IO: f.IO}
	return &cli.Command{
		Name:  "schema",
		Usage: "Print the document's JSON Schema (draft 2020-12) for editors",
		Description: `Prints the JSON Schema of a version 1 document to standard output. Editors
use it to complete and document keys as you type. With the VS Code YAML
extension, save it and point your documents at it:

  fnasync schema > fnasync.schema.json

and put this first line in a document:

  # yaml-language-server: $schema=./fnasync.schema.json`,
		Action: cmdutil.Action(opts, cmdutil.NoArgs[Options], runF, run),
	}
}

func run(_ context.Context, opts *Options) error {
	_, err := opts.IO.Out.Write(schemas.DocumentSchema())
	return err
}
