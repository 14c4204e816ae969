package plan

import (
	"time"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
)

// Defaults of Options.
const (
	// DefaultParallelism bounds concurrent requests.
	DefaultParallelism = 10
	// DefaultGrace is how long changes in flight may go on after Apply's
	// context ends.
	DefaultGrace = 5 * time.Second
)

// Options tune Make and Apply; nil means defaults.
type Options struct {
	// Parallelism bounds how many requests are in flight at once (each
	// provider also works on up to as many functions at once, waiting
	// for its rate: provider.WithInFlight).
	Parallelism int
	// Prune also deletes the configs of qualifiers the document does not
	// name, on the functions it names (never on other functions).
	Prune bool
	// Progress, if set, is told about long work.
	Progress Progress
	// Grace is how long requests already in flight may go on after the
	// context passed to Apply ends; then they are cancelled too.
	Grace time.Duration
	// WillCreate, if set, names the functions that do not exist but will
	// be created before Apply writes (the embedded emulator's, on a
	// function it has never seen): Make plans their configs as creates
	// instead of reporting that the function does not exist.
	WillCreate func(ref model.FunctionRef) bool
}

// Progress receives progress reports. Calls may come from several
// goroutines at once.
type Progress interface {
	// Start begins a phase ("reading", "applying") of total steps.
	Start(phase string, total int)
	// Step reports one step done.
	Step()
	// Finish ends the phase.
	Finish()
}

// ChangeProgress is a Progress that is also told when each change of an
// apply starts and ends (err is nil when it was applied), to print a line
// for each as Terraform does. Calls may come from several goroutines.
type ChangeProgress interface {
	Progress
	Begin(c *Change)
	End(c *Change, err error)
}

type nopProgress struct{}

func (nopProgress) Start(string, int) {}
func (nopProgress) Step()             {}
func (nopProgress) Finish()           {}

func (o *Options) withDefaults() Options {
	var out Options
	if o != nil {
		out = *o
	}
	if out.Parallelism <= 0 {
		out.Parallelism = DefaultParallelism
	}
	if out.Grace <= 0 {
		out.Grace = DefaultGrace
	}
	if out.Progress == nil {
		out.Progress = nopProgress{}
	}
	return out
}

// Providers are the opened clients of a document's providers, by name.
// Each client paces its own requests under its provider's rateLimit
// (provider.Open).
type Providers struct {
	doc     *model.Document
	clients map[string]*provider.Client
}

// NewProviders pairs a document with clients of its providers (by name).
func NewProviders(doc *model.Document, clients map[string]*provider.Client) *Providers {
	return &Providers{doc: doc, clients: clients}
}

// Client returns the client of provider name.
func (ps *Providers) Client(name string) (*provider.Client, bool) {
	c, ok := ps.clients[name]
	return c, ok
}

func (ps *Providers) typeOf(name string) string {
	if p := ps.doc.Providers[name]; p != nil {
		return p.Type
	}
	return ""
}
