// Package invocations implements `fnasync invocations list|stop`: async
// invocation records of a function on either cloud, in one neutral shape.
package invocations

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/fnasync/fnasync/cmd/fnasync/internal/cmdutil"
	"github.com/fnasync/fnasync/cmd/fnasync/internal/session"
	"github.com/fnasync/fnasync/document"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
)

// Target is what list and stop share: the document and the function.
type Target struct {
	IO               *cmdutil.IOStreams
	Load             func(file string, opts *document.Options) (*model.Document, error)
	File             string
	Function         string // PROVIDER:FUNCTION
	Qualifier        string
	InsecureEndpoint bool
	Endpoints        session.Endpoints
	Timeout          time.Duration
	Lock             session.Lock
	// ReadOnly is set by the commands that change nothing (list): the
	// embedded emulator's state is then never written.
	ReadOnly bool
}

func (t *Target) flags() []cli.Flag {
	return append([]cli.Flag{
		&cli.StringFlag{Name: "file", Aliases: []string{"f"}, Usage: "the document declaring the provider (- for standard input)", Required: true, TakesFile: true, Destination: &t.File},
		&cli.StringFlag{Name: "function", Usage: "PROVIDER:FUNCTION, e.g. hw:orders or ali:shop/orders", Required: true, Destination: &t.Function},
		&cli.StringFlag{Name: "qualifier", Usage: "version or alias (default: the cloud's latest)", Destination: &t.Qualifier},
		&cli.BoolFlag{Name: "insecure-endpoint", Usage: "allow plain http:// endpoints that are not loopback (warns)", Destination: &t.InsecureEndpoint},
		session.EndpointFlag(&t.Endpoints),
		cmdutil.TimeoutFlag(&t.Timeout),
	}, session.LockFlags(&t.Lock)...)
}

// ref parses --function.
func (t *Target) ref() (model.FunctionRef, error) {
	p, fn, ok := strings.Cut(t.Function, ":")
	if !ok || p == "" || fn == "" {
		return model.FunctionRef{}, cmdutil.UsageErrorf("--function must be PROVIDER:FUNCTION (e.g. hw:orders), not %q", t.Function)
	}
	return model.FunctionRef{Provider: p, Function: fn, Qualifier: t.Qualifier}, nil
}

// open loads the document and opens the function's provider.
func (t *Target) open(ctx context.Context) (*session.Session, *provider.Client, model.FunctionRef, error) {
	ref, err := t.ref()
	if err != nil {
		return nil, nil, ref, err
	}
	doc, err := t.Load(t.File, session.DocOptions(t.InsecureEndpoint))
	if err != nil {
		return nil, nil, ref, err
	}
	if doc.Providers[ref.Provider] == nil {
		return nil, nil, ref, cmdutil.UndeclaredProvider(ref.Provider, t.File, doc)
	}
	env, eps, err := t.Endpoints.Resolve(nil, t.InsecureEndpoint)
	if err != nil {
		return nil, nil, ref, err
	}
	s, err := session.Open(ctx, doc, &session.Options{InsecureEndpoint: t.InsecureEndpoint, Warn: t.IO.ErrOut, Only: []string{ref.Provider}, Endpoints: eps, EnvEndpoints: env, Lock: t.Lock, ReadOnly: t.ReadOnly})
	if err != nil {
		return nil, nil, ref, err
	}
	c := s.Clients[ref.Provider]
	return s, c, c.Ref(ref), nil
}

// NewCommand returns the invocations command with its list and stop
// subcommands; the run functions replace the runs in tests.
func NewCommand(f *cmdutil.Factory, listF func(context.Context, *ListOptions) error, stopF func(context.Context, *StopOptions) error) *cli.Command {
	subcommands := []*cli.Command{newList(f, listF), newStop(f, stopF)}
	// The app names the command in usage errors and reports flag errors
	// its own way for top-level commands only; do the same for these.
	for _, c := range subcommands {
		action, path := c.Action, "fnasync invocations "+c.Name
		c.Action = func(cCtx *cli.Context) error { return cmdutil.WithCommand(action(cCtx), path) }
		c.OnUsageError = func(cCtx *cli.Context, err error, isSubcommand bool) error {
			err = cmdutil.OnUsageError(cCtx, err, isSubcommand)
			var ue *cmdutil.UsageError
			if errors.As(err, &ue) {
				ue.Command = path
			}
			return err
		}
	}
	return &cli.Command{
		Name:      "invocations",
		Usage:     "List and stop async invocations on FunctionGraph and FC",
		UsageText: "fnasync invocations list|stop -f FILE --function PROVIDER:FUNCTION ...",
		Description: `Async invocation records of one function, from FunctionGraph or Function
Compute, in one neutral shape: id, status (queued, running, succeeded,
failed, expired, stopped, stopping, retrying, invalid) beside the cloud's own
word, error, start and end in UTC, qualifier. AWS Lambda keeps no such
records and cannot stop an invocation: there the commands say so, and where
to look instead (CloudWatch Logs, destinations).`,
		Subcommands: subcommands,
		// Reached without a subcommand, or with one that does not exist.
		Action: func(cCtx *cli.Context) error {
			if !cCtx.Args().Present() {
				return cli.ShowSubcommandHelp(cCtx)
			}
			var names []string
			for _, c := range subcommands {
				names = append(names, c.Name)
			}
			return cmdutil.UnknownCommand("invocations", cCtx.Args().First(), names)
		},
	}
}

// StopOptions are the inputs of one stop run.
type StopOptions struct {
	Target
	ID string
}

func newStop(f *cmdutil.Factory, runF func(context.Context, *StopOptions) error) *cli.Command {
	opts := &StopOptions{Target: Target{IO: f.IO, Load: session.Loader(f)}}
	return &cli.Command{
		Name:      "stop",
		Usage:     "Stop one async invocation",
		UsageText: "fnasync invocations stop -f FILE --function PROVIDER:FUNCTION [--qualifier Q] ID",
		Description: `Stops the async invocation ID. FunctionGraph cancels it by force (other
requests on the same instance are stopped too); Function Compute stops a
stateful invocation or async task. Where the cloud refuses (a finished
invocation, status recording off), the error says why.

Example:
  fnasync invocations stop -f fnasync.yaml --function ali3:orders \
    fnasync-0a1b2c`,
		Flags: opts.flags(),
		Action: func(cCtx *cli.Context) error {
			if cCtx.NArg() != 1 {
				return cmdutil.UsageErrorf("invocations stop takes exactly one invocation ID (after the flags)")
			}
			opts.ID = cCtx.Args().First()
			if err := cmdutil.CheckTimeout(opts.Timeout); err != nil {
				return err
			}
			if runF != nil {
				return runF(cCtx.Context, opts)
			}
			return stop(cCtx.Context, opts)
		},
	}
}

func stop(ctx context.Context, opts *StopOptions) error {
	return cmdutil.Within(ctx, opts.Timeout, func(ctx context.Context) error { return stop1(ctx, opts) })
}

func stop1(ctx context.Context, opts *StopOptions) error {
	s, c, ref, err := opts.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := c.StopInvocation(ctx, ref, opts.ID); err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.Out, "Stopped %s of %s.\n", opts.ID, ref)
	return nil
}
