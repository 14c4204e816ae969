package drivertest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/driver"
	"github.com/fnasync/fnasync/schemas"
)

// LiveConfig is what the live check needs to run the suite against a real
// account: the provider (type, region, project or account, and an
// optional endpoint), one function the user owns there, and at least two
// of its qualifiers (versions or aliases) for the cases that need them.
type LiveConfig struct {
	Provider   *model.Provider
	Function   string
	Qualifiers []string
	// Open opens a driver for Provider under limits with the SDK's own
	// credential chain; the test that runs the check supplies it, since
	// this package imports no adapter.
	Open func(ctx context.Context, p *model.Provider, limits model.Limits) (driver.Driver, error)
}

// The environment of the live check, per provider type T (HUAWEIFG,
// ALIFC, ALIFC3): FNASYNC_LIVE_T_FUNCTION (the function; without it the
// check of T is skipped), _REGION, _PROJECT_ID (FunctionGraph) or
// _ACCOUNT_ID (Function Compute), _QUALIFIERS (comma-separated, two that
// exist) and _ENDPOINT (optional). Credentials come from each SDK's chain.
const liveEnvPrefix = "FNASYNC_LIVE_"

// LiveEnv returns the name of the live check's variable key for typ.
func LiveEnv(typ, key string) string {
	return liveEnvPrefix + strings.ToUpper(typ) + "_" + key
}

// LiveFromEnv reads the live check's config for provider type typ from
// the environment. It returns nil when LiveEnv(typ, "FUNCTION") is unset:
// the check of typ is then skipped.
func LiveFromEnv(typ string) (*LiveConfig, error) {
	get := func(key string) string { return strings.TrimSpace(os.Getenv(LiveEnv(typ, key))) }
	fn := get("FUNCTION")
	if fn == "" {
		return nil, nil
	}
	p := &model.Provider{Name: "live", Type: typ, Region: get("REGION"), Endpoint: get("ENDPOINT")}
	need := []string{"REGION"}
	if typ == model.TypeHuaweiFG {
		p.ProjectID = get("PROJECT_ID")
		need = append(need, "PROJECT_ID")
	} else {
		p.AccountID = get("ACCOUNT_ID")
		need = append(need, "ACCOUNT_ID")
	}
	for _, k := range need {
		if get(k) == "" {
			return nil, fmt.Errorf("%s is set but %s is not", LiveEnv(typ, "FUNCTION"), LiveEnv(typ, k))
		}
	}
	cfg := &LiveConfig{Provider: p, Function: fn}
	for _, q := range strings.Split(get("QUALIFIERS"), ",") {
		if q = strings.TrimSpace(q); q != "" {
			cfg.Qualifiers = append(cfg.Qualifiers, q)
		}
	}
	return cfg, nil
}

// LiveHarness returns a HarnessMaker for cfg. Each case writes only to
// cfg.Function (its unqualified config and those of cfg.Qualifiers): it
// first records every config the function has (logged as JSON, so that
// an interrupted run can be undone by hand) and deletes them, so that the
// case starts from none, and at its end puts back each recorded config and
// deletes any other. Invocations are not made (they would run the user's
// code), and requests are not counted, so the "refused before any
// request" checks hold only on the emulators.
func LiveHarness(cfg *LiveConfig) HarnessMaker {
	return func(ctx context.Context, t *testing.T) (Harness, error) {
		limits, err := schemas.ProviderLimits(cfg.Provider)
		if err != nil {
			return nil, err
		}
		d, err := cfg.Open(ctx, cfg.Provider, limits)
		if err != nil {
			return nil, err
		}
		return &liveHarness{cfg: cfg, t: t, limits: limits, c: provider.NewClient(d)}, nil
	}
}

// liveHarness implements Harness on a real account.
type liveHarness struct {
	cfg    *LiveConfig
	t      *testing.T
	limits model.Limits
	c      *provider.Client // the harness's own, for recording and restoring
	saved  []driver.QualifiedConfig
	taken  bool // saved holds the function's configs
}

func (h *liveHarness) MakeDriver(ctx context.Context) (driver.Driver, error) {
	return h.cfg.Open(ctx, h.cfg.Provider, h.limits)
}

func (h *liveHarness) fn() model.FunctionRef {
	return model.FunctionRef{Provider: h.cfg.Provider.Name, Function: h.cfg.Function}
}

// CreateFunction returns the configured function, whatever base is, after
// recording and clearing its configs once.
func (h *liveHarness) CreateFunction(ctx context.Context, _ string) (model.FunctionRef, []string, error) {
	if len(h.cfg.Qualifiers) < 2 {
		return model.FunctionRef{}, nil, fmt.Errorf("%w: set %s to two qualifiers of %s",
			ErrUnsupported, LiveEnv(h.cfg.Provider.Type, "QUALIFIERS"), h.cfg.Function)
	}
	if !h.taken {
		saved, err := h.c.ListConfigs(ctx, h.cfg.Function)
		if err != nil {
			return model.FunctionRef{}, nil, fmt.Errorf("recording the configs of %s: %w", h.cfg.Function, err)
		}
		h.saved, h.taken = saved, true
		b, _ := json.Marshal(saved)
		h.t.Logf("live check: the configs of %s before this case (restored at its end): %s", h.cfg.Function, b)
		for _, qc := range saved {
			if err := h.c.Delete(ctx, qc.Ref); err != nil && provider.Code(err) != provider.NotFound {
				return model.FunctionRef{}, nil, fmt.Errorf("clearing %s: %w", qc.Ref, err)
			}
		}
	}
	return h.fn(), h.cfg.Qualifiers, nil
}

// Close restores what CreateFunction recorded: every recorded config is
// put back and every other config of the function deleted.
func (h *liveHarness) Close() {
	defer h.c.Close()
	if !h.taken {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := RestoreConfigs(ctx, h.c, h.cfg.Function, h.saved); err != nil {
		h.t.Errorf("live check: restoring %s: %v (its configs before the case are logged above)", h.cfg.Function, err)
	}
}

// RestoreConfigs makes the configs of function exactly saved (as
// ListConfigs returned them): each is put back, and the configs of other
// qualifiers are deleted.
func RestoreConfigs(ctx context.Context, c *provider.Client, function string, saved []driver.QualifiedConfig) error {
	now, err := c.ListConfigs(ctx, function)
	if err != nil {
		return err
	}
	keep := map[string]bool{}
	for _, qc := range saved {
		keep[qc.Ref.Qualifier] = true
	}
	for _, qc := range now {
		if !keep[qc.Ref.Qualifier] {
			if err := c.Delete(ctx, qc.Ref); err != nil && provider.Code(err) != provider.NotFound {
				return err
			}
		}
	}
	for _, qc := range saved {
		if err := c.Put(ctx, qc.Ref, qc.Config, nil); err != nil {
			return err
		}
	}
	return nil
}

// NonexistentFunction returns a random name beside the function (in its
// package or service), which does not exist.
func (h *liveHarness) NonexistentFunction() model.FunctionRef {
	fn := h.fn()
	fn.Function = h.beside("fnasync-live-missing-" + randomHex())
	return fn
}

// beside returns name in the package or service of the function.
func (h *liveHarness) beside(name string) string {
	return h.cfg.Function[:strings.LastIndex(h.cfg.Function, "/")+1] + name
}

// Destination returns destinations in the form Get returns them. They
// name resources that need not exist: whether the cloud checks is one of
// the things the live check tells.
func (h *liveHarness) Destination(k model.DestinationKind, n int) *model.Destination {
	switch k {
	case model.KindFunction:
		d := &model.Destination{Kind: k, Name: h.beside(fmt.Sprintf("fnasync-live-dest-%d", n))}
		if h.cfg.Provider.Type == model.TypeHuaweiFG {
			if !strings.Contains(d.Name, "/") {
				d.Name = "default/" + d.Name
			}
			d.Qualifier = "latest"
		}
		return d
	case model.KindBucket:
		return &model.Destination{Kind: k, Name: fmt.Sprintf("fnasync-live-bucket-%d", n), Prefix: "async/", ExpireDays: model.Int(n % 366)}
	}
	return &model.Destination{Kind: k, Name: fmt.Sprintf("fnasync-live-%s-%d", strings.ToLower(string(k)), n)}
}

// Requests cannot count a real cloud's requests.
func (h *liveHarness) Requests() int { return -1 }

// Invoke is not done on a real account: it would run the user's code.
func (h *liveHarness) Invoke(context.Context, model.FunctionRef, Outcome) (string, error) {
	return "", ErrUnsupported
}

func randomHex() string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
