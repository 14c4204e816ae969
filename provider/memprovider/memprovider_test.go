package memprovider_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/driver"
	"github.com/fnasync/fnasync/provider/drivertest"
	"github.com/fnasync/fnasync/provider/memprovider"
	"github.com/fnasync/fnasync/schemas"
)

type harness struct{ d *memprovider.Driver }

func newHarness(_ context.Context, _ *testing.T) (drivertest.Harness, error) {
	l, _ := schemas.Limits(model.TypeMemory)
	return &harness{d: memprovider.New(l, &memprovider.Options{PageSize: 2})}, nil
}

func (h *harness) MakeDriver(context.Context) (driver.Driver, error) { return h.d, nil }

func (h *harness) CreateFunction(_ context.Context, base string) (model.FunctionRef, []string, error) {
	h.d.AddFunction(base)
	return model.FunctionRef{Provider: "mem", Function: base}, []string{"v1", "prod"}, nil
}

func (h *harness) NonexistentFunction() model.FunctionRef {
	return model.FunctionRef{Provider: "mem", Function: "missing"}
}

func (h *harness) Destination(k model.DestinationKind, n int) *model.Destination {
	d := &model.Destination{Kind: k, Name: fmt.Sprintf("%s-%d", k, n)}
	if k == model.KindBucket {
		d.Prefix, d.ExpireDays = "p/", model.Int(n%366)
	}
	return d
}

func (h *harness) Requests() int { return h.d.Calls() }

func (h *harness) Invoke(_ context.Context, fn model.FunctionRef, o drivertest.Outcome) (string, error) {
	status := map[drivertest.Outcome]model.InvocationStatus{drivertest.Succeed: model.StatusSucceeded,
		drivertest.Fail: model.StatusFailed, drivertest.Hang: model.StatusRunning}[o]
	return h.d.Invoke(fn, status), nil
}

func (h *harness) Close() {}

type asTest struct{}

func (asTest) Name() string { return "memprovider" }

func (asTest) ClientCheck(c *provider.Client) error {
	var d *memprovider.Driver
	if !c.As(&d) || d == nil {
		return errors.New("As(**memprovider.Driver) failed")
	}
	var wrong *int
	if c.As(&wrong) {
		return errors.New("As(**int) succeeded")
	}
	return nil
}

func (asTest) ErrorCheck(c *provider.Client, err error) error {
	var e *memprovider.Error
	if !c.ErrorAs(err, &e) || e.Code != driver.NotFound {
		return fmt.Errorf("ErrorAs(%v) gave %v", err, e)
	}
	return nil
}

func TestConformance(t *testing.T) {
	drivertest.RunConformanceTests(t, newHarness, []drivertest.AsTest{asTest{}})
}

// TestConformanceMergeOnPut runs the suite with a merging put, as FC 2.0
// has: the portable client must still make every put a replacement.
func TestConformanceMergeOnPut(t *testing.T) {
	drivertest.RunConformanceTests(t, func(context.Context, *testing.T) (drivertest.Harness, error) {
		l, _ := schemas.Limits(model.TypeMemory)
		return &harness{d: memprovider.New(l, &memprovider.Options{PageSize: 2, MergeOnPut: true})}, nil
	}, nil)
}
