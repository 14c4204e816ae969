package awslambda

import (
	"context"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"

	"github.com/fnasync/fnasync/mapping"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider/driver"
	"github.com/fnasync/fnasync/provider/internal/httpx"
)

// GetAsyncConfig implements driver.Driver: GetFunctionEventInvokeConfig.
func (d *Driver) GetAsyncConfig(ctx context.Context, fn model.FunctionRef) (*model.AsyncConfig, error) {
	fn, err := d.ref(fn)
	if err != nil {
		return nil, err
	}
	var out *lambda.GetFunctionEventInvokeConfigOutput
	err = d.do(ctx, callConfig("GetFunctionEventInvokeConfig"), func(ctx context.Context) (err error) {
		out, err = d.client.GetFunctionEventInvokeConfig(ctx, &lambda.GetFunctionEventInvokeConfigInput{
			FunctionName: aws.String(fn.Function), Qualifier: aws.String(fn.Qualifier)})
		return err
	})
	if err != nil {
		return nil, err
	}
	d.learn(aws.ToString(out.FunctionArn))
	w := fromSDK(out.DestinationConfig, out.MaximumEventAgeInSeconds, out.MaximumRetryAttempts)
	return model.Normalize(mapping.LambdaToNeutral(d.Scope(), w), d.limits), nil
}

// PutAsyncConfig implements driver.Driver: PutFunctionEventInvokeConfig,
// which replaces the whole config. Both numbers are always sent, and the
// destination halves cfg has; a half left out is removed. A config Lambda
// cannot take is refused before any request.
func (d *Driver) PutAsyncConfig(ctx context.Context, fn model.FunctionRef, cfg *model.AsyncConfig) error {
	fn, err := d.ref(fn)
	if err != nil {
		return err
	}
	if d.Scope().AccountID == "" && (!cfg.OnSuccess.IsEmpty() || !cfg.OnFailure.IsEmpty()) {
		if err := d.learnAccount(ctx, fn.Function); err != nil {
			return err
		}
	}
	w, err := mapping.NeutralToLambda(d.Scope(), model.Normalize(cfg, d.limits))
	if err != nil {
		return &invalidError{err: err}
	}
	in := &lambda.PutFunctionEventInvokeConfigInput{FunctionName: aws.String(fn.Function), Qualifier: aws.String(fn.Qualifier),
		MaximumEventAgeInSeconds: aws.Int32(int32(*w.MaximumEventAgeInSeconds)),
		MaximumRetryAttempts:     aws.Int32(int32(*w.MaximumRetryAttempts)),
		DestinationConfig:        &types.DestinationConfig{}}
	if h := w.DestinationConfig.OnSuccess; h != nil {
		in.DestinationConfig.OnSuccess = &types.OnSuccess{Destination: aws.String(h.Destination)}
	}
	if h := w.DestinationConfig.OnFailure; h != nil {
		in.DestinationConfig.OnFailure = &types.OnFailure{Destination: aws.String(h.Destination)}
	}
	return d.do(ctx, callConfig("PutFunctionEventInvokeConfig"), func(ctx context.Context) error {
		out, err := d.client.PutFunctionEventInvokeConfig(ctx, in)
		if err == nil {
			d.learn(aws.ToString(out.FunctionArn))
		}
		return err
	})
}

// DeleteAsyncConfig implements driver.Driver: DeleteFunctionEventInvokeConfig.
func (d *Driver) DeleteAsyncConfig(ctx context.Context, fn model.FunctionRef) error {
	fn, err := d.ref(fn)
	if err != nil {
		return err
	}
	return d.do(ctx, &httpx.Call{Op: "DeleteFunctionEventInvokeConfig", Success: []int{http.StatusNoContent}}, func(ctx context.Context) error {
		_, err := d.client.DeleteFunctionEventInvokeConfig(ctx, &lambda.DeleteFunctionEventInvokeConfigInput{
			FunctionName: aws.String(fn.Function), Qualifier: aws.String(fn.Qualifier)})
		return err
	})
}

// ListAsyncConfigs implements driver.Driver: ListFunctionEventInvokeConfigs,
// each config's qualifier read from its FunctionArn.
func (d *Driver) ListAsyncConfigs(ctx context.Context, function string, opts *driver.ListOptions) (*driver.ConfigPage, error) {
	fn, err := d.ref(model.FunctionRef{Function: function})
	if err != nil {
		return nil, err
	}
	in := &lambda.ListFunctionEventInvokeConfigsInput{FunctionName: aws.String(fn.Function), MaxItems: d.maxItems(opts.PageSize)}
	if opts.PageToken != "" {
		in.Marker = aws.String(opts.PageToken)
	}
	var out *lambda.ListFunctionEventInvokeConfigsOutput
	err = d.do(ctx, callPage("ListFunctionEventInvokeConfigs", "FunctionEventInvokeConfigs", "a page of event invoke configs"), func(ctx context.Context) (err error) {
		out, err = d.client.ListFunctionEventInvokeConfigs(ctx, in)
		return err
	})
	if err != nil {
		return nil, err
	}
	page := &driver.ConfigPage{NextToken: aws.ToString(out.NextMarker)}
	for _, c := range out.FunctionEventInvokeConfigs {
		name, q, ok := mapping.LambdaFunctionIdentity(aws.ToString(c.FunctionArn))
		if !ok {
			return nil, &decodeError{op: "ListFunctionEventInvokeConfigs", msg: "a FunctionArn names no Lambda function: " + aws.ToString(c.FunctionArn)}
		}
		if name != fn.Function {
			continue
		}
		d.learn(aws.ToString(c.FunctionArn))
		w := fromSDK(c.DestinationConfig, c.MaximumEventAgeInSeconds, c.MaximumRetryAttempts)
		ref := model.NormalizeRef(model.FunctionRef{Provider: d.name, Function: name, Qualifier: q}, d.limits)
		page.Configs = append(page.Configs, driver.QualifiedConfig{Ref: ref,
			Config: model.Normalize(mapping.LambdaToNeutral(d.Scope(), w), d.limits)})
	}
	return page, nil
}

// fromSDK converts the SDK's shapes to the mapping's wire form.
func fromSDK(dc *types.DestinationConfig, age, retries *int32) *mapping.LambdaAsyncConfig {
	w := &mapping.LambdaAsyncConfig{DestinationConfig: &mapping.LambdaDestinationConfig{}}
	if age != nil {
		v := int64(*age)
		w.MaximumEventAgeInSeconds = &v
	}
	if retries != nil {
		v := int64(*retries)
		w.MaximumRetryAttempts = &v
	}
	if dc != nil {
		if dc.OnSuccess != nil {
			w.DestinationConfig.OnSuccess = &mapping.LambdaDestination{Destination: aws.ToString(dc.OnSuccess.Destination)}
		}
		if dc.OnFailure != nil {
			w.DestinationConfig.OnFailure = &mapping.LambdaDestination{Destination: aws.ToString(dc.OnFailure.Destination)}
		}
	}
	return w
}

// ref normalizes fn and checks its names, so that nothing unchecked
// reaches a URL path.
func (d *Driver) ref(fn model.FunctionRef) (model.FunctionRef, error) {
	fn = model.NormalizeRef(fn, d.limits)
	if err := model.CheckRef(fn, d.limits); err != nil {
		return fn, &invalidError{err: err}
	}
	return fn, nil
}

func (d *Driver) maxItems(n int) *int32 {
	if n <= 0 || n > 50 {
		n = d.pageSize
	}
	return aws.Int32(int32(n))
}

// learnAccount learns the account from function's ARN
// (ListVersionsByFunction, one item), for a document without accountId:
// destination ARNs need it.
func (d *Driver) learnAccount(ctx context.Context, function string) error {
	var out *lambda.ListVersionsByFunctionOutput
	err := d.do(ctx, callPage("ListVersionsByFunction", "Versions", "a page of versions"), func(ctx context.Context) (err error) {
		out, err = d.client.ListVersionsByFunction(ctx, &lambda.ListVersionsByFunctionInput{FunctionName: aws.String(function), MaxItems: aws.Int32(1)})
		return err
	})
	if err != nil {
		return err
	}
	for _, v := range out.Versions {
		d.learn(aws.ToString(v.FunctionArn))
	}
	if d.Scope().AccountID == "" {
		return &decodeError{op: "ListVersionsByFunction", msg: "no FunctionArn names the account: set accountId in the document"}
	}
	return nil
}

// callConfig is an operation that answers one event invoke config: it
// names its function, and when it was changed.
func callConfig(op string) *httpx.Call {
	return &httpx.Call{Op: op, Keys: []string{"FunctionArn", "LastModified"}, What: "an event invoke config"}
}

// callPage is a list operation whose page holds key (an empty page may
// hold only its next marker).
func callPage(op, key, what string) *httpx.Call {
	return &httpx.Call{Op: op, Page: true, Keys: []string{key, "NextMarker"}, What: what}
}
