package huaweifg_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"
	v2 "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/functiongraph/v2"

	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/drivertest"
	"github.com/fnasync/fnasync/provider/huaweifg/fgemu"
)

// TestConformance runs the suite against fgemu over loopback HTTP with
// real SDK-HMAC-SHA256 signatures.
func TestConformance(t *testing.T) {
	drivertest.RunConformanceTests(t, newHarness, []drivertest.AsTest{asTest{}})
}

type asTest struct{}

func (asTest) Name() string { return "huaweifg" }

func (asTest) ClientCheck(c *provider.Client) error {
	var fc *v2.FunctionGraphClient
	if !c.As(&fc) || fc == nil || fc.HcClient == nil {
		return errors.New("As(**v2.FunctionGraphClient) failed")
	}
	var wrong *http.Client
	if c.As(&wrong) {
		return errors.New("As(**http.Client) succeeded")
	}
	return nil
}

func (asTest) ErrorCheck(c *provider.Client, err error) error {
	var se *sdkerr.ServiceResponseError
	if !c.ErrorAs(err, &se) || se.StatusCode != http.StatusNotFound || se.ErrorCode != fgemu.ConfigNotFoundCode || se.RequestId == "" {
		return fmt.Errorf("ErrorAs(%v) gave %+v", err, se)
	}
	var wrong *url.Error
	if c.ErrorAs(err, &wrong) {
		return errors.New("ErrorAs(**url.Error) succeeded")
	}
	return nil
}
