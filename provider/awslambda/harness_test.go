package awslambda_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/awslambda"
	"github.com/fnasync/fnasync/provider/awslambda/lambdaemu"
	"github.com/fnasync/fnasync/provider/driver"
	"github.com/fnasync/fnasync/provider/drivertest"
	"github.com/fnasync/fnasync/provider/emukit"
	"github.com/fnasync/fnasync/schemas"
)

const (
	testRegion  = "us-east-1"
	testAccount = lambdaemu.DefaultAccountID
)

// env is an emulator on loopback and what drivers need to reach it.
type env struct {
	emu *lambdaemu.Server
	url string
	log *emukit.Log
}

func newEnv(t testing.TB, opts *lambdaemu.Options) *env {
	e := &env{log: &emukit.Log{}}
	o := lambdaemu.Options{}
	if opts != nil {
		o = *opts
	}
	o.Log = e.log
	if o.PageSize == 0 {
		o.PageSize = 2
	}
	e.emu, e.url = lambdaemu.NewTestServer(t, &o)
	return e
}

func limits() model.Limits {
	l, _ := schemas.Limits(model.TypeAWSLambda)
	return l
}

func testProvider() *model.Provider {
	return &model.Provider{Name: "aws", Type: model.TypeAWSLambda, Region: testRegion, AccountID: testAccount}
}

// driver opens a driver on the emulator; opts fields left zero get the
// emulator's URL, its default credentials and a page size of 2.
func (e *env) driver(t testing.TB, p *model.Provider, opts *awslambda.Options) *awslambda.Driver {
	t.Helper()
	o := awslambda.Options{}
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
	if p == nil {
		p = testProvider()
	}
	d, err := awslambda.New(context.Background(), p, limits(), &o)
	if err != nil {
		t.Fatalf("awslambda.New: %v", err)
	}
	t.Cleanup(func() { _ = d.Close() })
	return d
}

// harness implements drivertest.Harness over an env.
type harness struct {
	*env
	t *testing.T
	d *awslambda.Driver
}

func harnessMaker(_ context.Context, t *testing.T) (drivertest.Harness, error) {
	return &harness{env: newEnv(t, nil), t: t}, nil
}

func (h *harness) MakeDriver(context.Context) (driver.Driver, error) {
	h.d = h.driver(h.t, nil, nil)
	return h.d, nil
}

func (h *harness) CreateFunction(_ context.Context, base string) (model.FunctionRef, []string, error) {
	quals := []string{"1", "prod"}
	if err := h.emu.AddFunction(base, quals...); err != nil {
		return model.FunctionRef{}, nil, err
	}
	return model.FunctionRef{Provider: "aws", Function: base}, quals, nil
}

func (h *harness) NonexistentFunction() model.FunctionRef {
	return model.FunctionRef{Provider: "aws", Function: "missing"}
}

func (h *harness) Destination(k model.DestinationKind, n int) *model.Destination {
	d := &model.Destination{Kind: k, Name: fmt.Sprintf("%s-%d", k, n)}
	switch k {
	case model.KindFunction:
		d.Name = fmt.Sprintf("dest-%d", n)
	case model.KindBucket:
		d.Name, d.ExpireDays = fmt.Sprintf("bucket-%d", n), model.Int(0)
	case model.KindEventBus:
		d.Name = fmt.Sprintf("bus-%d", n)
	}
	return d
}

func (h *harness) Requests() int { return len(h.log.Requests()) }

// Invoke invokes through the driver; Lambda's Event invocations are not
// listed, so the outcome only shapes the payload.
func (h *harness) Invoke(ctx context.Context, fn model.FunctionRef, o drivertest.Outcome) (string, error) {
	payload, _ := json.Marshal(map[string]string{emukit.OutcomeField: map[drivertest.Outcome]string{
		drivertest.Succeed: "", drivertest.Fail: "fail", drivertest.Hang: "hang"}[o]})
	return h.d.Invoke(ctx, fn, payload)
}

func (h *harness) Close() {}
