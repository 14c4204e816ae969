package alifc_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/alifc"
	"github.com/fnasync/fnasync/provider/alifc/fcemu"
	"github.com/fnasync/fnasync/provider/emukit"
	"github.com/fnasync/fnasync/provider/retry"
)

var types = []string{model.TypeAliFC2, model.TypeAliFC3}

// TestRefusedCredentials: a wrong secret or a stale date is refused with
// PermissionDenied, and the secret appears in no error or log.
func TestRefusedCredentials(t *testing.T) {
	const wrongSecret = "not-the-emulator-secret-0123456789"
	for _, typ := range types {
		for _, tt := range []struct {
			name     string
			secret   string
			skew     time.Duration
			wantCode string
		}{
			{"wrong secret", wrongSecret, 0, "SignatureNotMatch"},
			{"stale date", emukit.DefaultSecretKey, time.Hour, "RequestTimeTooSkewed"},
			{"date ahead", emukit.DefaultSecretKey, -16 * time.Minute, "RequestTimeTooSkewed"},
		} {
			t.Run(typ+"/"+tt.name, func(t *testing.T) {
				e := newEnv(t, typ, nil)
				e.addFunction(t, e.name("fn"))
				e.clock.Advance(tt.skew)
				c := provider.NewClient(e.driver(t, &alifc.Options{Credentials: &provider.Credentials{AccessKey: emukit.DefaultAccessKey, SecretKey: tt.secret}}))
				_, err := c.Get(context.Background(), model.FunctionRef{Function: e.name("fn")})
				if provider.Code(err) != provider.PermissionDenied {
					t.Fatalf("Get: code %v (err %v), want PermissionDenied", provider.Code(err), err)
				}
				var ae *alifc.APIError
				if !c.ErrorAs(err, &ae) || ae.Code != tt.wantCode || ae.Status != 403 {
					t.Errorf("APIError = %+v, want 403 %s", ae, tt.wantCode)
				}
				logged, _ := json.Marshal(e.log.Requests())
				for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", ae), string(logged)} {
					if strings.Contains(s, tt.secret) {
						t.Errorf("secret leaked into %q", s)
					}
				}
			})
		}
	}
}

// TestDestinationRefusedBeforeRequest: FC takes no bucket or stream
// destination, and neither the client nor the driver sends one.
func TestDestinationRefusedBeforeRequest(t *testing.T) {
	for _, typ := range types {
		e := newEnv(t, typ, nil)
		e.addFunction(t, e.name("fn"))
		d := e.driver(t, nil)
		c := provider.NewClient(d)
		fn := model.FunctionRef{Function: e.name("fn")}
		for _, k := range []model.DestinationKind{model.KindBucket, model.KindStream} {
			dest := &model.Destination{Kind: k, Name: "x1"}
			before := len(e.log.Requests())
			err := c.Put(context.Background(), fn, &model.AsyncConfig{OnSuccess: dest}, nil)
			if provider.Code(err) != provider.InvalidArgument {
				t.Errorf("%s: client Put with a %s: %v, want InvalidArgument", typ, k, err)
			}
			cfg := model.Normalize(&model.AsyncConfig{OnFailure: dest}, e.limits())
			err = d.PutAsyncConfig(context.Background(), model.NormalizeRef(fn, e.limits()), cfg)
			if d.ErrorCode(err) != provider.InvalidArgument || !strings.Contains(fmt.Sprint(err), string(k)) {
				t.Errorf("%s: driver Put with a %s: %v, want InvalidArgument naming it", typ, k, err)
			}
			if n := len(e.log.Requests()) - before; n != 0 {
				t.Errorf("%s: %d requests sent for a %s destination, want 0", typ, n, k)
			}
		}
	}
}

// TestZeroAndFalseSurvive: 0 retries and a false status flag survive
// put → get on both versions, over a config that had other values.
func TestZeroAndFalseSurvive(t *testing.T) {
	for _, typ := range types {
		e := newEnv(t, typ, nil)
		e.addFunction(t, e.name("fn"))
		c := provider.NewClient(e.driver(t, nil))
		fn := model.FunctionRef{Function: e.name("fn")}
		ctx := context.Background()
		for _, cfg := range []*model.AsyncConfig{
			{MaxRetryAttempts: model.Int(5), StatusLog: model.Bool(true)},
			{MaxRetryAttempts: model.Int(0), StatusLog: model.Bool(false)},
		} {
			if err := c.Put(ctx, fn, cfg, nil); err != nil {
				t.Fatalf("%s: Put: %v", typ, err)
			}
		}
		got, err := c.Get(ctx, fn)
		if err != nil || *got.MaxRetryAttempts != 0 || *got.StatusLog {
			t.Errorf("%s: Get after putting 0 and false = %+v, %v", typ, got, err)
		}
	}
}

// TestRetriesConverge: with half the requests failing (5xx or throttled)
// every operation still succeeds, and the faults did happen (seeded, so
// the same faults in every run).
func TestRetriesConverge(t *testing.T) {
	for _, typ := range types {
		e := newEnv(t, typ, &fcemu.Options{Faults: &emukit.Faults{ErrorRate: 0.3, ThrottleRate: 0.2, Rand: emukit.SeededRand(1)}})
		e.addFunction(t, e.name("fn"))
		c := provider.NewClient(e.driver(t, &alifc.Options{Retry: &retry.Policy{Attempts: 40, Base: time.Millisecond, Max: 4 * time.Millisecond}}))
		fn := model.FunctionRef{Function: e.name("fn")}
		ctx := context.Background()
		for i := range 10 {
			cfg := &model.AsyncConfig{MaxRetryAttempts: model.Int(i % 9)}
			if err := c.Put(ctx, fn, cfg, nil); err != nil {
				t.Fatalf("%s: Put %d: %v", typ, i, err)
			}
			got, err := c.Get(ctx, fn)
			if err != nil || *got.MaxRetryAttempts != i%9 {
				t.Fatalf("%s: Get %d: %+v, %v", typ, i, got, err)
			}
		}
		statuses := map[int]int{}
		for _, r := range e.log.Requests() {
			statuses[r.Status]++
		}
		if statuses[500] == 0 || statuses[429] == 0 {
			t.Errorf("%s: statuses %v: expected injected 500s and 429s", typ, statuses)
		}
	}
}

// TestRetriesHonourDeadline: an endpoint that always fails makes the
// driver give up by the context's deadline, not after its backoffs; a
// slow one is abandoned in flight.
func TestRetriesHonourDeadline(t *testing.T) {
	for _, tt := range []struct {
		name   string
		faults *emukit.Faults
		codes  []provider.ErrorCode
	}{
		{"always 5xx", &emukit.Faults{ErrorRate: 1}, []provider.ErrorCode{provider.Internal, provider.DeadlineExceeded}},
		{"slow", &emukit.Faults{Latency: 10 * time.Second}, []provider.ErrorCode{provider.DeadlineExceeded}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, model.TypeAliFC3, &fcemu.Options{Faults: tt.faults})
			e.addFunction(t, "fn")
			c := provider.NewClient(e.driver(t, &alifc.Options{Retry: &retry.Policy{Attempts: 100, Base: 150 * time.Millisecond, Max: time.Second}}))
			ctx, cancel := context.WithTimeout(context.Background(), 400*time.Millisecond)
			defer cancel()
			start := time.Now()
			_, err := c.Get(ctx, model.FunctionRef{Function: "fn"})
			// Without the deadline rule this takes many seconds (100
			// backoffs, or a 10 s answer); the bound leaves room for a
			// loaded CI machine under -race.
			if el := time.Since(start); el > 3*time.Second {
				t.Errorf("Get returned after %v, long past the 400ms deadline", el)
			}
			code := provider.Code(err)
			ok := false
			for _, w := range tt.codes {
				ok = ok || code == w
			}
			if !ok {
				t.Errorf("Get: code %v (err %v), want one of %v", code, err, tt.codes)
			}
			if code == provider.DeadlineExceeded && !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("the context error is wrapped: %v", err)
			}
		})
	}
}

// TestInvokeRetriesOnlyThrottling: a 5xx to an async invocation is not
// retried (the function may have run, and FC keeps invocations by id only
// with the status flag on); throttling is.
func TestInvokeRetriesOnlyThrottling(t *testing.T) {
	fast := &retry.Policy{Attempts: 4, Base: time.Millisecond, Max: 2 * time.Millisecond}
	for _, typ := range types {
		for _, tt := range []struct {
			faults   emukit.Faults
			code     provider.ErrorCode
			requests int
		}{
			{emukit.Faults{ErrorRate: 1}, provider.Internal, 1},
			{emukit.Faults{ThrottleRate: 1}, provider.ResourceExhausted, fast.Attempts},
		} {
			e := newEnv(t, typ, &fcemu.Options{Faults: &tt.faults})
			e.addFunction(t, e.name("fn"))
			d := e.driver(t, &alifc.Options{Retry: fast})
			_, err := d.Invoke(context.Background(), model.FunctionRef{Function: e.name("fn")}, nil)
			if d.ErrorCode(err) != tt.code {
				t.Errorf("%s: Invoke: code %v (%v), want %v", typ, d.ErrorCode(err), err, tt.code)
			}
			if n := len(e.log.Requests()); n != tt.requests {
				t.Errorf("%s: %v: %d requests, want %d", typ, tt.code, n, tt.requests)
			}
		}
	}
}
