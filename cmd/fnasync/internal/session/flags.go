package session

import (
	"context"

	"github.com/urfave/cli/v2"

	"github.com/fnasync/fnasync/cmd/fnasync/internal/cmdutil"
	"github.com/fnasync/fnasync/cmd/fnasync/internal/progress"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/plan"
)

// Common are what the commands that read a document and talk to its
// providers share: the streams, the loader and the flags.
type Common struct {
	IO   *cmdutil.IOStreams
	Load func(file string) (*model.Document, error)

	File             string
	Parallelism      int
	InsecureEndpoint bool
	// Lock is --lock (negated) and --lock-timeout.
	Lock Lock
}

// NewCommon returns the Common of a command built from f.
func NewCommon(f *cmdutil.Factory) Common {
	return Common{IO: f.IO, Load: Loader(f)}
}

// Loader returns a function that reads and checks a document with f,
// printing its diagnostics (see LoadDocument).
func Loader(f *cmdutil.Factory) func(file string) (*model.Document, error) {
	return func(file string) (*model.Document, error) { return LoadDocument(f, file) }
}

// Flags returns the flags bound to c.
func (c *Common) Flags() []cli.Flag {
	return append([]cli.Flag{
		&cli.StringFlag{Name: "file", Aliases: []string{"f"}, Usage: "the document (YAML or JSON; - for standard input)", Required: true, Destination: &c.File},
		&cli.IntFlag{Name: "parallelism", Value: plan.DefaultParallelism, Usage: "how many functions to read or write at once", Destination: &c.Parallelism},
		&cli.BoolFlag{Name: "insecure-endpoint", Usage: "allow plain http:// endpoints that are not loopback (warns)", Destination: &c.InsecureEndpoint},
	}, LockFlags(&c.Lock)...)
}

// LockFlags returns --lock and --lock-timeout, bound to l.
func LockFlags(l *Lock) []cli.Flag {
	return []cli.Flag{
		&cli.BoolFlag{Name: "lock", Value: true, Usage: "lock the emulator's state while running (--lock=false: don't)",
			Action: func(_ *cli.Context, v bool) error { l.Disabled = !v; return nil }},
		&cli.DurationFlag{Name: "lock-timeout", Usage: "wait this long for another process's state lock (e.g. 30s)", Destination: &l.Timeout},
	}
}

// Check rejects flag values that cannot work.
func (c *Common) Check() error {
	if c.Parallelism < 1 {
		return cmdutil.UsageErrorf("--parallelism must be at least 1, not %d", c.Parallelism)
	}
	if c.Lock.Timeout < 0 {
		return cmdutil.UsageErrorf("--lock-timeout must not be negative")
	}
	return nil
}

// Open loads the document named by --file and opens its providers.
func (c *Common) Open(ctx context.Context) (*Session, error) {
	doc, err := c.Load(c.File)
	if err != nil {
		return nil, err
	}
	return Open(ctx, doc, &Options{InsecureEndpoint: c.InsecureEndpoint, Warn: c.IO.ErrOut, Lock: c.Lock})
}

// PlanOptions returns the options of package plan for these flags.
func (c *Common) PlanOptions(prune bool) *plan.Options {
	return &plan.Options{Parallelism: c.Parallelism, Prune: prune, Progress: Progress(c.IO)}
}

// screenful is how many functions make a progress bar worth drawing.
const screenful = 40

// Progress returns a progress bar on standard error when it is a
// terminal and NO_COLOR is not set, else nil: like colour, the bar's
// redrawing is what NO_COLOR asks to leave out.
func Progress(io *cmdutil.IOStreams) plan.Progress {
	if !io.IsStderrTTY() || io.NoColor {
		return nil
	}
	return progress.New(io.ErrOut, screenful)
}

// LoadDocument reads and checks file with f, prints its diagnostics to
// standard error, and returns an *InvalidDocument when it has errors.
func LoadDocument(f *cmdutil.Factory, file string) (*model.Document, error) {
	doc, diags := f.LoadDocument(file)
	if len(diags) > 0 {
		if err := cmdutil.PrintDiagnostics(f.IO.ErrOut, cmdutil.OutputText, diags); err != nil {
			return nil, err
		}
	}
	if doc == nil || diags.HasErrors() {
		return nil, &InvalidDocument{Diagnostics: diags}
	}
	return doc, nil
}

// InvalidDocument is the error of a document that has errors. Its
// diagnostics have been printed to standard error; a command may report
// them in its own output too (the JSON plan). It exits 1 and prints
// nothing more.
type InvalidDocument struct {
	Diagnostics model.Diagnostics
}

func (e *InvalidDocument) Error() string { return "the document is not valid" }

// Unwrap returns the silent exit error that gives the exit code.
func (e *InvalidDocument) Unwrap() error { return cmdutil.Silent(cmdutil.CodeError) }
