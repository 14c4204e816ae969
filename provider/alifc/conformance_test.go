package alifc_test

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"

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

// TestAsClientWorks: the *sdk.Client that As returns can send its own
// requests through the driver's transport.
func TestAsClientWorks(t *testing.T) {
	e := newEnv(t, model.TypeAliFC3, nil)
	e.addFunction(t, "fn")
	c := provider.NewClient(e.driver(t, nil))
	var sc *sdk.Client
	if !c.As(&sc) {
		t.Fatal("As(**sdk.Client) failed")
	}
	req := requests.NewCommonRequest()
	u, _ := url.Parse(e.url)
	req.Method, req.Scheme, req.Domain, req.Port = "GET", "http", u.Hostname(), u.Port()
	req.Version, req.PathPattern = "2023-03-30", "/2023-03-30/functions"
	req.Headers["X-Fc-Account-Id"] = testAccount
	req.SetContentType("application/json")
	resp, err := sc.ProcessCommonRequest(req)
	if err != nil || resp.GetHttpStatus() != 200 || !strings.Contains(resp.GetHttpContentString(), `"functionName":"fn"`) {
		t.Errorf("ListFunctions through the As client: %v, %v", resp, err)
	}
}
