package huaweifg_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/driver"
	"github.com/fnasync/fnasync/provider/drivertest"
	"github.com/fnasync/fnasync/provider/emukit"
	"github.com/fnasync/fnasync/provider/huaweifg"
	"github.com/fnasync/fnasync/provider/huaweifg/fgemu"
	"github.com/fnasync/fnasync/provider/retry"
	"github.com/fnasync/fnasync/schemas"
)

const (
	testPID    = "0123456789abcdef0123456789abcdef"
	testRegion = "cn-north-4"
)

// fastRetry keeps retrying tests quick.
var fastRetry = &retry.Policy{Attempts: 6, Base: time.Millisecond, Max: 5 * time.Millisecond}

// fakeClock is the emulator's clock: it starts at the real time (the
// signature check allows 15 minutes of skew) and moves when told.
type fakeClock struct {
	mu  sync.Mutex
	off time.Duration
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.off)
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.off += d
	c.mu.Unlock()
}

// env is an emulator on loopback with its log and clock.
type env struct {
	srv   *fgemu.Server
	url   string
	log   *emukit.Log
	clock *fakeClock
}

func newEnv(t testing.TB, opts *fgemu.Options) *env {
	t.Helper()
	e := &env{log: &emukit.Log{}, clock: &fakeClock{}}
	o := fgemu.Options{}
	if opts != nil {
		o = *opts
	}
	o.Log, o.Clock = e.log, e.clock.Now
	e.srv, e.url = fgemu.NewTestServer(t, &o)
	return e
}

func limits() model.Limits {
	l, _ := schemas.Limits(model.TypeHuaweiFG)
	return l
}

func testProvider() *model.Provider {
	return &model.Provider{Name: "hw", Type: model.TypeHuaweiFG, Region: testRegion, ProjectID: testPID}
}

// driver opens a driver on the emulator with its keys (or opts'
// credentials) and fast retries.
func (e *env) driver(t testing.TB, opts *huaweifg.Options) *huaweifg.Driver {
	t.Helper()
	o := huaweifg.Options{}
	if opts != nil {
		o = *opts
	}
	if o.Endpoint == "" {
		o.Endpoint = e.url
	}
	if o.Credentials == nil {
		o.Credentials = &provider.Credentials{AccessKey: emukit.DefaultAccessKey, SecretKey: emukit.DefaultSecretKey}
	}
	if o.Retry == nil {
		o.Retry = fastRetry
	}
	d, err := huaweifg.New(testProvider(), limits(), &o)
	if err != nil {
		t.Fatalf("huaweifg.New: %v", err)
	}
	t.Cleanup(func() { _ = d.Close() })
	return d
}

// harness runs the conformance suite against the emulator with page size
// 2, so that every list pages.
type harness struct {
	e *env
	d *huaweifg.Driver
}

func newHarness(_ context.Context, t *testing.T) (drivertest.Harness, error) {
	e := newEnv(t, &fgemu.Options{PageSize: 2})
	return &harness{e: e, d: e.driver(t, nil)}, nil
}

func (h *harness) MakeDriver(context.Context) (driver.Driver, error) { return h.d, nil }

// testQualifiers are a published version and an alias.
var testQualifiers = []string{"v20240101-000000", "prod"}

func (h *harness) CreateFunction(_ context.Context, base string) (model.FunctionRef, []string, error) {
	h.e.srv.AddFunction(testPID, base, testQualifiers...)
	return model.FunctionRef{Provider: "hw", Function: base}, testQualifiers, nil
}

func (h *harness) NonexistentFunction() model.FunctionRef {
	return model.FunctionRef{Provider: "hw", Function: "missing"}
}

// Destination returns destinations in the form Get returns: function
// destinations with their package and a version or an alias.
func (h *harness) Destination(k model.DestinationKind, n int) *model.Destination {
	switch k {
	case model.KindFunction:
		return &model.Destination{Kind: k, Name: fmt.Sprintf("default/dest-%d", n), Qualifier: []string{"latest", "prod"}[n%2]}
	case model.KindBucket:
		return &model.Destination{Kind: k, Name: fmt.Sprintf("bucket-%d", n), Prefix: "async/", ExpireDays: model.Int(n % 366)}
	}
	return &model.Destination{Kind: k, Name: fmt.Sprintf("%s-%d", k, n)}
}

func (h *harness) Requests() int { return len(h.e.log.Requests()) }

// Invoke makes the invocation with the driver's Invoke and moves the
// emulator's clock past its queued and running time.
func (h *harness) Invoke(ctx context.Context, fn model.FunctionRef, o drivertest.Outcome) (string, error) {
	payload := map[drivertest.Outcome]string{drivertest.Succeed: `{"n":1}`,
		drivertest.Fail: `{"` + emukit.OutcomeField + `":"fail"}`, drivertest.Hang: `{"` + emukit.OutcomeField + `":"hang"}`}[o]
	id, err := h.d.Invoke(ctx, fn, []byte(payload))
	h.e.clock.Advance(emukit.QueuedFor + emukit.RunningFor)
	return id, err
}

func (h *harness) Close() {}
