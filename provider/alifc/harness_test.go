package alifc_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/alifc"
	"github.com/fnasync/fnasync/provider/alifc/fcemu"
	"github.com/fnasync/fnasync/provider/driver"
	"github.com/fnasync/fnasync/provider/drivertest"
	"github.com/fnasync/fnasync/provider/emukit"
	"github.com/fnasync/fnasync/provider/retry"
	"github.com/fnasync/fnasync/schemas"
)

const (
	testAccount = "1234567890123456"
	testRegion  = "cn-hangzhou"
)

// fakeClock is the emulator's clock: real time plus an offset that
// Advance grows, so that signed dates stay within the 15-minute window.
type fakeClock struct {
	mu     sync.Mutex
	offset time.Duration
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.offset += d
	c.mu.Unlock()
}

// env is an emulator on loopback and what drivers need to reach it.
type env struct {
	typ     string
	version string // fcemu.Version2 or fcemu.Version3
	emu     *fcemu.Server
	url     string
	log     *emukit.Log
	clock   *fakeClock
}

func newEnv(t testing.TB, typ string, opts *fcemu.Options) *env {
	e := &env{typ: typ, version: fcemu.Version2, log: &emukit.Log{}, clock: &fakeClock{}}
	if typ == model.TypeAliFC3 {
		e.version = fcemu.Version3
	}
	o := fcemu.Options{}
	if opts != nil {
		o = *opts
	}
	o.Log, o.Clock = e.log, e.clock.Now
	if o.PageSize == 0 {
		o.PageSize = 2
	}
	e.emu, e.url = fcemu.NewTestServer(t, &o)
	return e
}

// name maps a base name to the version's function form.
func (e *env) name(base string) string {
	if e.version == fcemu.Version2 {
		return "svc/" + base
	}
	return base
}

func (e *env) limits() model.Limits {
	l, _ := schemas.Limits(e.typ)
	return l
}

func (e *env) provider() *model.Provider {
	return &model.Provider{Name: "ali", Type: e.typ, Region: testRegion, AccountID: testAccount}
}

// driver opens a driver on the emulator; opts fields left zero get the
// emulator's URL, its default credentials and a page size of 2.
func (e *env) driver(t testing.TB, opts *alifc.Options) *alifc.Driver {
	t.Helper()
	o := alifc.Options{}
	if opts != nil {
		o = *opts
	}
	if o.Endpoint == "" {
		o.Endpoint = e.url
	}
	if o.Credentials == nil {
		o.Credentials = &provider.Credentials{AccessKey: emukit.DefaultAccessKey, SecretKey: emukit.DefaultSecretKey}
	}
	if o.PageSize == 0 {
		o.PageSize = 2
	}
	d, err := alifc.New(e.provider(), e.limits(), &o)
	if err != nil {
		t.Fatalf("alifc.New: %v", err)
	}
	t.Cleanup(func() { _ = d.Close() })
	return d
}

func (e *env) addFunction(t testing.TB, name string, qualifiers ...string) {
	t.Helper()
	if err := e.emu.AddFunction(e.version, testAccount, name, qualifiers...); err != nil {
		t.Fatal(err)
	}
}

// harness implements drivertest.Harness over an env.
type harness struct {
	*env
	t *testing.T
	d *alifc.Driver
}

func harnessMaker(typ string) drivertest.HarnessMaker {
	return func(_ context.Context, t *testing.T) (drivertest.Harness, error) {
		e := newEnv(t, typ, nil)
		if e.version == fcemu.Version2 {
			// A second service, so that listing functions crosses services.
			e.addFunction(t, "other/decoy")
		}
		return &harness{env: e, t: t}, nil
	}
}

func (h *harness) MakeDriver(context.Context) (driver.Driver, error) {
	h.d = h.driver(h.t, nil)
	return h.d, nil
}

func (h *harness) CreateFunction(_ context.Context, base string) (model.FunctionRef, []string, error) {
	quals := []string{"1", "prod"}
	if err := h.emu.AddFunction(h.version, testAccount, h.name(base), quals...); err != nil {
		return model.FunctionRef{}, nil, err
	}
	return model.FunctionRef{Provider: "ali", Function: h.name(base)}, quals, nil
}

func (h *harness) NonexistentFunction() model.FunctionRef {
	return model.FunctionRef{Provider: "ali", Function: h.name("missing")}
}

func (h *harness) Destination(k model.DestinationKind, n int) *model.Destination {
	name := fmt.Sprintf("%s-%d", k, n)
	if k == model.KindFunction {
		name = h.name(fmt.Sprintf("dest-%d", n))
	}
	return &model.Destination{Kind: k, Name: name}
}

func (h *harness) Requests() int { return len(h.log.Requests()) }

func (h *harness) Invoke(ctx context.Context, fn model.FunctionRef, o drivertest.Outcome) (string, error) {
	if err := keepRecords(ctx, provider.NewClient(h.d), fn); err != nil {
		return "", err
	}
	payload, _ := json.Marshal(map[string]string{emukit.OutcomeField: map[drivertest.Outcome]string{
		drivertest.Succeed: "", drivertest.Fail: "fail", drivertest.Hang: "hang"}[o]})
	id, err := h.d.Invoke(ctx, fn, payload)
	if err != nil {
		return "", err
	}
	h.clock.Advance(emukit.QueuedFor + emukit.RunningFor + time.Millisecond)
	return id, nil
}

func (h *harness) Close() {}

// retryOnce is a policy without retries.
var retryOnce = retry.Policy{Attempts: 1}

// keepRecords turns statusLog (statefulInvocation, asyncTask) on in fn's
// config, keeping the rest: FC keeps invocation records only then.
func keepRecords(ctx context.Context, c *provider.Client, fn model.FunctionRef) error {
	cfg, err := c.Get(ctx, fn)
	if provider.Code(err) == provider.NotFound {
		cfg, err = &model.AsyncConfig{}, nil
	}
	if err != nil || (cfg.StatusLog != nil && *cfg.StatusLog) {
		return err
	}
	cfg.StatusLog = model.Bool(true)
	return c.Put(ctx, fn, cfg, nil)
}
