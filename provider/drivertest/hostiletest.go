package drivertest

import (
	"context"
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/driver"
	"github.com/fnasync/fnasync/provider/drivertest/hostile"
	"github.com/fnasync/fnasync/provider/retry"
)

// HostileTarget points an adapter at the hostile server.
type HostileTarget struct {
	// Open returns a new driver whose endpoint is url, with HostileRetry
	// and HostileTransport, and credentials that carry a security token
	// where the cloud has them (so that the suite can check none leaks).
	Open func(t *testing.T, url string) (driver.Driver, error)
	// Function is a function in the cloud's form.
	Function model.FunctionRef
	// Throttling are the cloud's throttling answers, one per documented
	// code.
	Throttling []hostile.Answer
	// Page returns page n of a listing that never ends, in the cloud's
	// form, whatever r lists (see hostile.Server.Page).
	Page func(r *http.Request, n int) string
}

// HostileRetry is the retry policy HostileTarget.Open passes: short waits,
// a Retry-After honoured up to 20ms, so that the suite takes seconds.
var HostileRetry = retry.Policy{Attempts: 4, Base: time.Millisecond, Max: 5 * time.Millisecond, MaxAfter: 20 * time.Millisecond}

// HostileTransport are the transport settings HostileTarget.Open passes:
// a short timeout and small caps.
var HostileTransport = provider.TransportOptions{Timeout: 300 * time.Millisecond, MaxBody: 256 << 10, MaxPageBody: 1 << 20}

// hostileBounds are what every operation against the hostile server must
// stay within: generous, for a loaded machine under -race.
const (
	hostileTime   = 15 * time.Second
	hostileMemory = 64 << 20
)

type hostileOp struct {
	name        string
	write, list bool
	run         func(context.Context, *hostileDriver, model.FunctionRef) error
}

// hostileDriver is the Client under test and its driver, for the
// operations only drivers have (Invoke).
type hostileDriver struct {
	*provider.Client
	d driver.Driver
}

// invoker is a driver that starts async invocations (both cloud adapters).
type invoker interface {
	Invoke(ctx context.Context, fn model.FunctionRef, payload []byte) (string, error)
}

var hostileOps = []hostileOp{
	{"Get", false, false, func(ctx context.Context, c *hostileDriver, fn model.FunctionRef) error {
		_, err := c.Get(ctx, fn)
		return err
	}},
	{"Put", true, false, func(ctx context.Context, c *hostileDriver, fn model.FunctionRef) error {
		return c.Put(ctx, fn, &model.AsyncConfig{MaxRetryAttempts: model.Int(0)}, nil)
	}},
	{"Delete", true, false, func(ctx context.Context, c *hostileDriver, fn model.FunctionRef) error {
		return c.Delete(ctx, fn)
	}},
	{"ListConfigs", false, true, func(ctx context.Context, c *hostileDriver, fn model.FunctionRef) error {
		_, err := c.ListConfigs(ctx, fn.Function)
		return err
	}},
	{"ListFunctions", false, true, func(ctx context.Context, c *hostileDriver, _ model.FunctionRef) error {
		_, err := c.ListFunctions(ctx)
		return err
	}},
	{"ListInvocations", false, true, func(ctx context.Context, c *hostileDriver, fn model.FunctionRef) error {
		_, err := c.ListInvocations(ctx, fn, nil)
		return err
	}},
	{"Invoke", true, false, func(ctx context.Context, c *hostileDriver, fn model.FunctionRef) error {
		inv, ok := c.d.(invoker)
		if !ok {
			return &provider.Error{Code: provider.Unimplemented, Op: "invoke", Err: ErrUnsupported}
		}
		_, err := inv.Invoke(ctx, c.Ref(fn), []byte(`{"n":1}`))
		if err != nil {
			return &provider.Error{Code: c.d.ErrorCode(err), Op: "invoke", Ref: fn, Err: err}
		}
		return nil
	}},
}

// RunHostileTests runs every operation of a driver (Get, Put, Delete, the
// three listings and, where the driver has it, Invoke) against every mode
// of the hostile server and checks that each fails (a write never reports
// success), within bounded time and memory, with an error that carries no
// credential, signature or token and no terminal escape, classified right:
// throttling is ResourceExhausted and retried, an endpoint that does not
// answer is Unavailable, and a redirect is never followed.
func RunHostileTests(t *testing.T, target HostileTarget) {
	t.Helper()
	srv := hostile.New(t)
	srv.Throttling, srv.Page = target.Throttling, target.Page
	for _, mode := range hostile.Modes {
		t.Run(string(mode), func(t *testing.T) {
			c := hostileClient(t, target, srv.URL)
			for _, op := range hostileOps {
				if mode == hostile.Pages && !op.list {
					continue
				}
				if op.name == "ListInvocations" && c.Capabilities().NoInvocationList != "" {
					continue // answered Unimplemented without a request
				}
				srv.Set(mode)
				elapsed, grew, err := measure(func() error { return op.run(context.Background(), c, target.Function) })
				checkHostile(t, srv, mode, op, err)
				if elapsed > hostileTime {
					t.Errorf("%s: took %v, want under %v", op.name, elapsed, hostileTime)
				}
				if grew > hostileMemory {
					t.Errorf("%s: the heap grew by %d MiB, want under %d MiB", op.name, grew>>20, hostileMemory>>20)
				}
			}
		})
	}
}

// hostileClient opens a Client on a new driver, its listings limited to
// 30 pages so that an endless listing ends in the suite's time.
func hostileClient(t *testing.T, target HostileTarget, url string) *hostileDriver {
	t.Helper()
	mux := &provider.Mux{}
	var d driver.Driver
	mux.Register("hostile", func(context.Context, *model.Provider, model.Limits, *provider.OpenOptions) (driver.Driver, error) {
		var err error
		d, err = target.Open(t, url)
		return d, err
	})
	c, err := mux.Open(context.Background(), &model.Provider{Name: "hostile", Type: "hostile"}, model.Limits{},
		&provider.OpenOptions{List: &provider.ListLimits{Pages: 30}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return &hostileDriver{Client: c, d: d}
}

func checkHostile(t *testing.T, srv *hostile.Server, mode hostile.Mode, op hostileOp, err error) {
	t.Helper()
	if err == nil {
		what := "succeeded"
		if op.write {
			what = "reported a write as done"
		}
		t.Errorf("%s %s against a %s server", op.name, what, mode)
		return
	}
	text := err.Error() + "\n" + fmt.Sprintf("%+v", err)
	for _, s := range srv.Secrets() {
		if strings.Contains(text, s) {
			t.Errorf("%s: the error carries a credential, signature or token (%.6s...): %v", op.name, s, err)
		}
	}
	if strings.ContainsAny(text, "\x1b\u009b") {
		t.Errorf("%s: the error carries a terminal escape: %q", op.name, text)
	}
	code := provider.Code(err)
	switch mode {
	case hostile.Throttle:
		if code != provider.ResourceExhausted || srv.Requests() < 2 {
			t.Errorf("%s: %v (code %v) after %d requests, want ResourceExhausted, retried", op.name, err, code, srv.Requests())
		}
	case hostile.Silent, hostile.Drip:
		if code != provider.Unavailable {
			t.Errorf("%s: %v (code %v), want Unavailable", op.name, err, code)
		}
	case hostile.RedirectPort, hostile.RedirectHost:
		if srv.Leaked() != 0 || !strings.Contains(err.Error(), "redirect") {
			t.Errorf("%s: %v; %d requests followed the redirect", op.name, err, srv.Leaked())
		}
	}
}

// measure runs f and returns how long it took, how much the heap in use
// grew at most meanwhile (sampled every 5ms) and f's error.
func measure(f func() error) (time.Duration, uint64, error) {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base, peak := ms.HeapInuse, ms.HeapInuse
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapInuse)
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	start := time.Now()
	err := f()
	elapsed := time.Since(start)
	close(done)
	wg.Wait()
	return elapsed, peak - base, err
}
