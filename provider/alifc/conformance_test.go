package alifc_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/alifc"
	"github.com/fnasync/fnasync/provider/drivertest"
)

func TestConformanceFC2(t *testing.T) {
	drivertest.RunConformanceTests(t, harnessMaker(model.TypeAliFC2), []drivertest.AsTest{asTest{}})
}

func TestConformanceFC3(t *testing.T) {
	drivertest.RunConformanceTests(t, harnessMaker(model.TypeAliFC3), []drivertest.AsTest{asTest{}})
}

type asTest struct{}

func (asTest) Name() string { return "alifc" }

func (asTest) ClientCheck(c *provider.Client) error {
	var sc *sdk.Client
	if !c.As(&sc) || sc == nil {
		return errors.New("As(**sdk.Client) failed")
	}
	var wrong *alifc.Driver
	if c.As(&wrong) {
		return errors.New("As(**alifc.Driver) succeeded, want only **sdk.Client")
	}
	return nil
}

func (asTest) ErrorCheck(c *provider.Client, err error) error {
	var ae *alifc.APIError
	if !c.ErrorAs(err, &ae) {
		return fmt.Errorf("ErrorAs(%v, **alifc.APIError) failed", err)
	}
	if ae.Code != "AsyncConfigNotExists" || ae.Status != 404 || ae.RequestID == "" || ae.Message == "" {
		return fmt.Errorf("APIError = %+v, want AsyncConfigNotExists, 404, a request id and a message", ae)
	}
	var se *sdkerrors.ServerError
	if !c.ErrorAs(err, &se) || se.HttpStatus() != 404 {
		return fmt.Errorf("ErrorAs(%v, **errors.ServerError) failed", err)
	}
	var wrong *int
	if c.ErrorAs(err, &wrong) {
		return errors.New("ErrorAs(**int) succeeded")
	}
	return nil
}
