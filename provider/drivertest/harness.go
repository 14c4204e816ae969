// Package drivertest is the conformance suite every driver must pass. It
// runs through the portable *provider.Client, so it checks the driver and
// the client's promises together: 0 and false survive a round trip, a put
// replaces and never merges, bad input is refused before any request, and
// errors carry the right codes.
package drivertest

import (
	"context"
	"errors"
	"testing"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/driver"
)

// Outcome is how an async invocation made by Harness.Invoke ends.
type Outcome int

// The outcomes.
const (
	// Succeed: the invocation finishes successfully.
	Succeed Outcome = iota
	// Fail: the invocation finishes with an error.
	Fail
	// Hang: the invocation stays running (so that it can be stopped).
	Hang
)

// ErrUnsupported is returned by optional Harness methods to skip a case.
var ErrUnsupported = errors.New("drivertest: not supported by this harness")

// Harness sets up one driver and the cloud state the cases need.
type Harness interface {
	// MakeDriver returns a new driver. Its lists should use a small page
	// size (2 or 3) so that paging is exercised.
	MakeDriver(ctx context.Context) (driver.Driver, error)
	// CreateFunction makes a function exist. base is a short name valid on
	// every cloud ("conf-get"); the harness maps it to the cloud's form
	// (e.g. "svc/conf-get" on FC 2.0). It returns the function with an
	// empty qualifier and at least two other qualifiers that exist, or an
	// error wrapping ErrUnsupported to skip the case.
	CreateFunction(ctx context.Context, base string) (fn model.FunctionRef, qualifiers []string, err error)
	// NonexistentFunction returns a valid name of a function that does not
	// exist.
	NonexistentFunction() model.FunctionRef
	// Destination returns a valid destination of a kind the cloud accepts,
	// in the form Get returns after normalization; n varies the name.
	Destination(kind model.DestinationKind, n int) *model.Destination
	// Requests returns how many requests have reached the backend so far,
	// or -1 when it cannot tell (a real cloud): the checks that nothing was
	// sent are then skipped.
	Requests() int
	// Invoke makes an async invocation of fn that ends as outcome and,
	// before returning, lets it reach that state. It may return
	// ErrUnsupported.
	Invoke(ctx context.Context, fn model.FunctionRef, outcome Outcome) (id string, err error)
	// Close releases the harness.
	Close()
}

// HarnessMaker makes a Harness for one test.
type HarnessMaker func(ctx context.Context, t *testing.T) (Harness, error)

// AsTest checks a driver's As and ErrorAs conversions.
type AsTest interface {
	// Name names the test.
	Name() string
	// ClientCheck checks c.As.
	ClientCheck(c *provider.Client) error
	// ErrorCheck checks c.ErrorAs on err, an error of code NotFound.
	ErrorCheck(c *provider.Client, err error) error
}

type fixture struct {
	h    Harness
	c    *provider.Client
	ctx  context.Context
	caps driver.Capabilities
}

func setup(t *testing.T, newHarness HarnessMaker) *fixture {
	t.Helper()
	ctx := context.Background()
	h, err := newHarness(ctx, t)
	if err != nil {
		t.Fatalf("making harness: %v", err)
	}
	t.Cleanup(h.Close)
	d, err := h.MakeDriver(ctx)
	if err != nil {
		t.Fatalf("making driver: %v", err)
	}
	c := provider.NewClient(d)
	t.Cleanup(func() { _ = c.Close() })
	return &fixture{h: h, c: c, ctx: ctx, caps: c.Capabilities()}
}

func (f *fixture) function(t *testing.T, base string) (model.FunctionRef, []string) {
	t.Helper()
	fn, quals, err := f.h.CreateFunction(f.ctx, base)
	if errors.Is(err, ErrUnsupported) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatalf("creating function %s: %v", base, err)
	}
	if len(quals) < 2 {
		t.Fatalf("harness gave %d extra qualifiers, want at least 2", len(quals))
	}
	return fn, quals
}

func wantCode(t *testing.T, what string, err error, want provider.ErrorCode) {
	t.Helper()
	if got := provider.Code(err); got != want {
		t.Fatalf("%s: got code %v (err %v), want %v", what, got, err, want)
	}
}

// noRequest runs op and fails if it reached the backend.
func (f *fixture) noRequest(t *testing.T, what string, op func() error) error {
	t.Helper()
	before := f.h.Requests()
	err := op()
	if after := f.h.Requests(); before >= 0 && after != before {
		t.Errorf("%s: %d requests reached the backend, want none", what, after-before)
	}
	return err
}
