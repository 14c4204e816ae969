package invocations

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/fnasync/fnasync/cmd/fnasync/internal/cmdutil"
	"github.com/fnasync/fnasync/cmd/fnasync/internal/session"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
)

// InvokeOptions are the inputs of one invoke run.
type InvokeOptions struct {
	Target
	// Payload is --payload: JSON, or @FILE (@- for standard input).
	Payload string
	Output  string
}

// Invoked is invoke's product: the invocation started, as -o json prints
// it.
type Invoked struct {
	Provider  string `json:"provider"`
	Function  string `json:"function"`
	Qualifier string `json:"qualifier"`
	ID        string `json:"id"`
}

// NewInvokeCommand returns the invoke command; runF replaces the run in
// tests.
func NewInvokeCommand(f *cmdutil.Factory, runF func(context.Context, *InvokeOptions) error) *cli.Command {
	opts := &InvokeOptions{Target: Target{IO: f.IO, Load: session.Loader(f)}}
	return &cli.Command{
		Name:      "invoke",
		Usage:     "Start an async invocation of a function",
		UsageText: "fnasync invoke -f FILE --function PROVIDER:FUNCTION [--qualifier Q]\n  [--payload JSON|@FILE] [-o text|json]",
		Description: `Starts an async invocation of the function on its cloud (FunctionGraph's
AsyncInvokeFunction, Function Compute's InvokeFunction with
X-Fc-Invocation-Type: Async) and prints its id, the id that invocations
list --id and invocations stop take; with -o json, an object with
provider, function, qualifier and id. The payload is a JSON object, given
inline or read from a file (@FILE, @- for standard input); the default
is {}. Only throttling is retried: after any other failure the function
may have run.

Examples:
  fnasync invoke -f fnasync.yaml --function hw:orders \
    --payload '{"orderId": 42}'
  fnasync invoke -f fnasync.yaml --function ali3:orders --payload @event.json`,
		Flags: append(opts.flags(),
			&cli.StringFlag{Name: "payload", Usage: "a JSON object, or @FILE to read one (default {})", Destination: &opts.Payload},
			cmdutil.OutputFlag(&opts.Output, cmdutil.OutputText, cmdutil.OutputJSON),
		),
		Action: cmdutil.Action(opts, func(cCtx *cli.Context, opts *InvokeOptions) error {
			if err := cmdutil.NoArgs(cCtx, opts); err != nil {
				return err
			}
			return cmdutil.CheckOutput(opts.Output, cmdutil.OutputText, cmdutil.OutputJSON)
		}, runF, invoke),
	}
}

// payload returns --payload's bytes, checked.
func (o *InvokeOptions) payload() ([]byte, error) {
	b := []byte(o.Payload)
	if file, ok := strings.CutPrefix(o.Payload, "@"); ok {
		var err error
		if file == "-" {
			b, err = io.ReadAll(io.LimitReader(o.IO.In, provider.MaxPayload+1))
		} else {
			b, err = os.ReadFile(file)
		}
		if err != nil {
			return nil, fmt.Errorf("--payload %s: %w", o.Payload, err)
		}
	}
	if err := provider.CheckPayload(b); err != nil {
		return nil, cmdutil.UsageErrorf("--payload: %w", err)
	}
	return b, nil
}

func invoke(ctx context.Context, opts *InvokeOptions) error {
	return cmdutil.Within(ctx, opts.Timeout, func(ctx context.Context) error { return invoke1(ctx, opts) })
}

func invoke1(ctx context.Context, opts *InvokeOptions) error {
	payload, err := opts.payload()
	if err != nil {
		return err
	}
	s, c, ref, err := opts.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	id, err := c.Invoke(ctx, ref, payload)
	if err != nil {
		return err
	}
	return writeInvoked(opts.IO, opts.Output, ref, id)
}

// writeInvoked prints the id alone on standard output (for $(...)) and
// what was started on standard error, or the JSON object.
func writeInvoked(streams *cmdutil.IOStreams, output string, ref model.FunctionRef, id string) error {
	if output == cmdutil.OutputJSON {
		enc := json.NewEncoder(streams.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(Invoked{Provider: ref.Provider, Function: ref.Function, Qualifier: ref.Qualifier, ID: id})
	}
	fmt.Fprintf(streams.ErrOut, "Started an async invocation of %s:\n", ref)
	_, err := fmt.Fprintln(streams.Out, id)
	return err
}
