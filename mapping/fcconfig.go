package mapping

import (
	"fmt"

	"github.com/fnasync/fnasync/model"
)

// FCAsyncConfig is Function Compute's async-invocation config in camelCase,
// as the 2021-04-06 and 2023-03-30 APIs send and return it. Read-only
// fields (times, names, ARN) are omitted from a request when empty; the
// settings are pointers so that 0 and false are sent.
type FCAsyncConfig struct {
	// CreatedTime and LastModifiedTime are set by FC ("2020-09-10T02:45:02Z").
	CreatedTime      string `json:"createdTime,omitempty"`
	LastModifiedTime string `json:"lastModifiedTime,omitempty"`
	// Service and Function name the function (FC 2.0 responses).
	Service  string `json:"service,omitempty"`
	Function string `json:"function,omitempty"`
	// FunctionArn names the function (FC 3.0 responses), and its
	// qualifier where it has one (see FC3ConfigIdentity).
	FunctionArn string `json:"functionArn,omitempty"`
	// Qualifier is the version or alias the config belongs to (FC 2.0
	// responses; FC 3.0 documents no such field, but one is read if sent).
	Qualifier string `json:"qualifier,omitempty"`

	DestinationConfig         *FCDestinationConfig `json:"destinationConfig,omitempty"`
	MaxAsyncEventAgeInSeconds *int64               `json:"maxAsyncEventAgeInSeconds,omitempty"`
	MaxAsyncRetryAttempts     *int64               `json:"maxAsyncRetryAttempts,omitempty"`
	// StatefulInvocation is FC 2.0's status flag.
	StatefulInvocation *bool `json:"statefulInvocation,omitempty"`
	// AsyncTask is FC 3.0's status flag.
	AsyncTask *bool `json:"asyncTask,omitempty"`
}

// FCDestinationConfig holds the two destination halves. In a request both
// keys are always present, null for "none".
type FCDestinationConfig struct {
	OnSuccess *FCDestination `json:"onSuccess"`
	OnFailure *FCDestination `json:"onFailure"`
}

// FCDestination is one destination: {"destination": ARN}.
type FCDestination struct {
	Destination string `json:"destination"`
}

// FCConfigList is the body of FC's ListFunctionAsyncInvokeConfigs (2.0) and
// ListAsyncInvokeConfigs (3.0).
type FCConfigList struct {
	Configs   []FCAsyncConfig `json:"configs"`
	NextToken string          `json:"nextToken,omitempty"`
}

// NeutralToFC returns the complete PUT body for cfg in scope: every
// setting explicit (a nil one is an error: normalize cfg first), the
// version's status flag (statefulInvocation or asyncTask, false included)
// and a destinationConfig with both halves, null where cfg has none.
func NeutralToFC(scope FCScope, cfg *model.AsyncConfig) (*FCAsyncConfig, error) {
	if cfg == nil || cfg.MaxEventAgeSeconds == nil || cfg.MaxRetryAttempts == nil || cfg.StatusLog == nil {
		return nil, fmt.Errorf("async config is not normalized: every setting must be set before it is sent")
	}
	out := &FCAsyncConfig{
		MaxAsyncEventAgeInSeconds: fcInt64(*cfg.MaxEventAgeSeconds),
		MaxAsyncRetryAttempts:     fcInt64(*cfg.MaxRetryAttempts),
		DestinationConfig:         &FCDestinationConfig{},
	}
	flag := *cfg.StatusLog
	switch scope.Version {
	case FC2:
		out.StatefulInvocation = &flag
	case FC3:
		out.AsyncTask = &flag
	default:
		return nil, fmt.Errorf("unknown FC API version %q", scope.Version)
	}
	for _, h := range []struct {
		field string
		d     *model.Destination
		out   **FCDestination
	}{{model.FieldOnSuccess, cfg.OnSuccess, &out.DestinationConfig.OnSuccess},
		{model.FieldOnFailure, cfg.OnFailure, &out.DestinationConfig.OnFailure}} {
		if h.d.IsEmpty() {
			continue
		}
		arn, err := FCDestinationARN(scope, h.d)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", h.field, err)
		}
		*h.out = &FCDestination{Destination: arn}
	}
	return out, nil
}

// FCToNeutral converts a config FC returned into the neutral form. Fields
// FC left out stay nil (model.Normalize fills the defaults); the status
// flag is read from the version's own field; destinations are decoded
// with FCDestinationFromARN, and an empty one is dropped.
func FCToNeutral(scope FCScope, w *FCAsyncConfig) *model.AsyncConfig {
	if w == nil {
		return &model.AsyncConfig{}
	}
	out := &model.AsyncConfig{
		MaxEventAgeSeconds: fcIntPtr(w.MaxAsyncEventAgeInSeconds),
		MaxRetryAttempts:   fcIntPtr(w.MaxAsyncRetryAttempts),
	}
	flag := w.StatefulInvocation
	if scope.Version == FC3 {
		flag = w.AsyncTask
	}
	if flag != nil {
		out.StatusLog = model.Bool(*flag)
	}
	if dc := w.DestinationConfig; dc != nil {
		if dc.OnSuccess != nil {
			out.OnSuccess = FCDestinationFromARN(scope, dc.OnSuccess.Destination)
		}
		if dc.OnFailure != nil {
			out.OnFailure = FCDestinationFromARN(scope, dc.OnFailure.Destination)
		}
	}
	return out
}

func fcInt64(v int) *int64 { x := int64(v); return &x }

// fcIntPtr converts, saturating values that do not fit an int.
func fcIntPtr(p *int64) *int {
	if p == nil {
		return nil
	}
	v := *p
	const maxInt, minInt = int64(^uint(0) >> 1), -int64(^uint(0)>>1) - 1
	v = min(max(v, minInt), maxInt)
	return model.Int(int(v))
}
