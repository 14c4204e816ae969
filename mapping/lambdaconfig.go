package mapping

import (
	"fmt"

	"github.com/fnasync/fnasync/model"
)

// LambdaAsyncConfig is Lambda's FunctionEventInvokeConfig, as
// Get/Put/UpdateFunctionEventInvokeConfig and
// ListFunctionEventInvokeConfigs send and return it (API 2019-09-25, JSON
// keys in PascalCase). FunctionArn and LastModified are read-only.
type LambdaAsyncConfig struct {
	// FunctionArn names the function and its qualifier
	// ("arn:aws:lambda:R:A:function:NAME:QUALIFIER").
	FunctionArn string `json:"FunctionArn,omitempty"`
	// LastModified is in Unix seconds.
	LastModified float64 `json:"LastModified,omitempty"`

	DestinationConfig        *LambdaDestinationConfig `json:"DestinationConfig,omitempty"`
	MaximumEventAgeInSeconds *int64                   `json:"MaximumEventAgeInSeconds,omitempty"`
	MaximumRetryAttempts     *int64                   `json:"MaximumRetryAttempts,omitempty"`
}

// LambdaDestinationConfig holds the two destination halves; a half that
// is absent (or has an empty Destination) is none.
type LambdaDestinationConfig struct {
	OnSuccess *LambdaDestination `json:"OnSuccess,omitempty"`
	OnFailure *LambdaDestination `json:"OnFailure,omitempty"`
}

// LambdaDestination is one destination: {"Destination": ARN}.
type LambdaDestination struct {
	Destination string `json:"Destination,omitempty"`
}

// LambdaConfigList is the body of ListFunctionEventInvokeConfigs.
type LambdaConfigList struct {
	FunctionEventInvokeConfigs []LambdaAsyncConfig `json:"FunctionEventInvokeConfigs"`
	NextMarker                 string              `json:"NextMarker,omitempty"`
}

// NeutralToLambda returns the complete PutFunctionEventInvokeConfig body
// for cfg in scope: both numbers explicit (a nil one is an error:
// normalize cfg first) and a DestinationConfig with the halves cfg has.
// Lambda's PUT replaces the whole config, so a half left out is removed.
// A status log of true, which Lambda cannot keep, and a bucket on success
// are errors.
func NeutralToLambda(scope LambdaScope, cfg *model.AsyncConfig) (*LambdaAsyncConfig, error) {
	if cfg == nil || cfg.MaxEventAgeSeconds == nil || cfg.MaxRetryAttempts == nil {
		return nil, fmt.Errorf("async config is not normalized: every setting must be set before it is sent")
	}
	if cfg.StatusLog != nil && *cfg.StatusLog {
		return nil, fmt.Errorf("statusLog: Lambda has no async status log")
	}
	out := &LambdaAsyncConfig{
		MaximumEventAgeInSeconds: fcInt64(*cfg.MaxEventAgeSeconds),
		MaximumRetryAttempts:     fcInt64(*cfg.MaxRetryAttempts),
		DestinationConfig:        &LambdaDestinationConfig{},
	}
	for _, h := range []struct {
		field string
		d     *model.Destination
		out   **LambdaDestination
	}{{model.FieldOnSuccess, cfg.OnSuccess, &out.DestinationConfig.OnSuccess},
		{model.FieldOnFailure, cfg.OnFailure, &out.DestinationConfig.OnFailure}} {
		if h.d.IsEmpty() {
			continue
		}
		arn, err := LambdaDestinationARN(scope, h.d)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", h.field, err)
		}
		if h.field == model.FieldOnSuccess && LambdaDestinationFromARN(scope, arn).Kind == model.KindBucket {
			return nil, fmt.Errorf("onSuccess: Lambda takes S3 buckets in onFailure only")
		}
		*h.out = &LambdaDestination{Destination: arn}
	}
	return out, nil
}

// LambdaToNeutral converts a config Lambda returned into the neutral
// form. Fields Lambda left out stay nil (model.Normalize fills the
// defaults); destinations are decoded with LambdaDestinationFromARN, and
// an empty one is dropped. Lambda has no status flag: StatusLog stays nil.
func LambdaToNeutral(scope LambdaScope, w *LambdaAsyncConfig) *model.AsyncConfig {
	if w == nil {
		return &model.AsyncConfig{}
	}
	out := &model.AsyncConfig{
		MaxEventAgeSeconds: fcIntPtr(w.MaximumEventAgeInSeconds),
		MaxRetryAttempts:   fcIntPtr(w.MaximumRetryAttempts),
	}
	if dc := w.DestinationConfig; dc != nil {
		if dc.OnSuccess != nil {
			out.OnSuccess = LambdaDestinationFromARN(scope, dc.OnSuccess.Destination)
		}
		if dc.OnFailure != nil {
			out.OnFailure = LambdaDestinationFromARN(scope, dc.OnFailure.Destination)
		}
	}
	return out
}
