package awslambda_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/smithy-go"

	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/awslambda"
	"github.com/fnasync/fnasync/provider/drivertest"
)

func TestConformance(t *testing.T) {
	drivertest.RunConformanceTests(t, harnessMaker, []drivertest.AsTest{asTest{}})
}

type asTest struct{}

func (asTest) Name() string { return "awslambda" }

func (asTest) ClientCheck(c *provider.Client) error {
	var lc *lambda.Client
	if !c.As(&lc) || lc == nil {
		return errors.New("As(**lambda.Client) failed")
	}
	var wrong *awslambda.Driver
	if c.As(&wrong) {
		return errors.New("As(**awslambda.Driver) succeeded, want only **lambda.Client")
	}
	return nil
}

func (asTest) ErrorCheck(c *provider.Client, err error) error {
	var ae *awslambda.APIError
	if !c.ErrorAs(err, &ae) {
		return fmt.Errorf("ErrorAs(%v, **awslambda.APIError) failed", err)
	}
	if ae.Code != "ResourceNotFoundException" || ae.Status != 404 || ae.RequestID == "" || ae.Message == "" {
		return fmt.Errorf("APIError = %+v, want ResourceNotFoundException, 404, a request id and a message", ae)
	}
	var se smithy.APIError
	if !c.ErrorAs(err, &se) || se.ErrorCode() != "ResourceNotFoundException" {
		return fmt.Errorf("ErrorAs(%v, *smithy.APIError) failed", err)
	}
	var wrong *int
	if c.ErrorAs(err, &wrong) {
		return errors.New("ErrorAs(**int) succeeded")
	}
	return nil
}
