package awslambda

import (
	"context"
	"fmt"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider/driver"
	"github.com/fnasync/fnasync/provider/internal/httpx"
)

// ListFunctions implements driver.Driver: ListFunctions, the names of the
// region's functions.
func (d *Driver) ListFunctions(ctx context.Context, opts *driver.ListOptions) (*driver.FunctionPage, error) {
	in := &lambda.ListFunctionsInput{MaxItems: d.maxItems(opts.PageSize)}
	if opts.PageToken != "" {
		in.Marker = aws.String(opts.PageToken)
	}
	var out *lambda.ListFunctionsOutput
	err := d.do(ctx, callPage("ListFunctions", "Functions", "a page of functions"), func(ctx context.Context) (err error) {
		out, err = d.client.ListFunctions(ctx, in)
		return err
	})
	if err != nil {
		return nil, err
	}
	page := &driver.FunctionPage{NextToken: aws.ToString(out.NextMarker)}
	for _, f := range out.Functions {
		name := aws.ToString(f.FunctionName)
		if err := model.CheckFunction(name, d.limits); err != nil {
			return nil, &decodeError{op: "ListFunctions", msg: fmt.Sprintf("a function name is not valid: %v", err)}
		}
		d.learn(aws.ToString(f.FunctionArn))
		page.Functions = append(page.Functions, name)
	}
	return page, nil
}

// Qualifiers returns every qualifier of function: $LATEST, its published
// versions (ListVersionsByFunction) and its aliases (ListAliases),
// following all pages.
func (d *Driver) Qualifiers(ctx context.Context, function string) ([]string, error) {
	fn, err := d.ref(model.FunctionRef{Function: function})
	if err != nil {
		return nil, err
	}
	var out []string
	for marker := ""; ; {
		in := &lambda.ListVersionsByFunctionInput{FunctionName: aws.String(fn.Function), MaxItems: d.maxItems(0)}
		if marker != "" {
			in.Marker = aws.String(marker)
		}
		var page *lambda.ListVersionsByFunctionOutput
		if err := d.do(ctx, callPage("ListVersionsByFunction", "Versions", "a page of versions"), func(ctx context.Context) (err error) {
			page, err = d.client.ListVersionsByFunction(ctx, in)
			return err
		}); err != nil {
			return nil, err
		}
		for _, v := range page.Versions {
			out = append(out, aws.ToString(v.Version))
		}
		if marker = aws.ToString(page.NextMarker); marker == "" || marker == aws.ToString(in.Marker) {
			break
		}
	}
	for marker := ""; ; {
		in := &lambda.ListAliasesInput{FunctionName: aws.String(fn.Function), MaxItems: d.maxItems(0)}
		if marker != "" {
			in.Marker = aws.String(marker)
		}
		var page *lambda.ListAliasesOutput
		if err := d.do(ctx, callPage("ListAliases", "Aliases", "a page of aliases"), func(ctx context.Context) (err error) {
			page, err = d.client.ListAliases(ctx, in)
			return err
		}); err != nil {
			return nil, err
		}
		for _, a := range page.Aliases {
			out = append(out, aws.ToString(a.Name))
		}
		if marker = aws.ToString(page.NextMarker); marker == "" || marker == aws.ToString(in.Marker) {
			return out, nil
		}
	}
}

// The driver starts async invocations.
var _ driver.Invoker = (*Driver)(nil)

// Invoke starts an asynchronous invocation of fn (Invoke with
// InvocationType Event) and returns Lambda's request id, checked like
// every name. Only throttling
// is retried: after a 5xx or a network error the event may have been
// queued, and a retry could run the function twice.
func (d *Driver) Invoke(ctx context.Context, fn model.FunctionRef, payload []byte) (requestID string, err error) {
	fn, err = d.ref(fn)
	if err != nil {
		return "", err
	}
	var out *lambda.InvokeOutput
	call := &httpx.Call{Op: "Invoke", Success: []int{http.StatusAccepted},
		Retryable: func(err error) bool { return classify(err) == driver.ResourceExhausted }}
	err = d.do(ctx, call, func(ctx context.Context) (err error) {
		out, err = d.client.Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String(fn.Function), Qualifier: aws.String(fn.Qualifier),
			InvocationType: types.InvocationTypeEvent, Payload: payload})
		return err
	})
	if err != nil {
		return "", err
	}
	id, _ := middleware.GetRequestIDMetadata(out.ResultMetadata)
	if err := model.CheckName("invocationId", id, d.limits); err != nil {
		return "", &decodeError{op: "Invoke", msg: "the request id it answered is not valid: " + err.Error()}
	}
	return id, nil
}

// ListInvocations implements driver.Driver: Lambda keeps no list of async
// invocations (the portable client answers Unimplemented before calling).
func (d *Driver) ListInvocations(context.Context, model.FunctionRef, *driver.InvocationOptions) (*driver.InvocationPage, error) {
	return nil, &unsupportedError{msg: d.Capabilities().NoInvocationList}
}

// StopInvocation implements driver.Driver: Lambda cannot stop one.
func (d *Driver) StopInvocation(context.Context, model.FunctionRef, string) error {
	return &unsupportedError{msg: d.Capabilities().StopNote}
}
