package mapping

import (
	"fmt"

	"github.com/fnasync/fnasync/model"
)

// NeutralToFgs returns the complete UpdateFunctionAsyncInvokeConfig body
// for cfg in scope: every setting explicit (a nil one is an error:
// normalize cfg first), so max_async_retry_attempts 0 and
// enable_async_status_log false are sent, and a destination_config object
// holding the halves cfg has (an absent half means none).
func NeutralToFgs(scope FgsScope, cfg *model.AsyncConfig) (*FgsConfig, error) {
	if cfg == nil || cfg.MaxEventAgeSeconds == nil || cfg.MaxRetryAttempts == nil || cfg.StatusLog == nil {
		return nil, fmt.Errorf("async config is not normalized: every setting must be set before it is sent")
	}
	out := &FgsConfig{
		MaxAsyncEventAgeInSeconds: model.Int(*cfg.MaxEventAgeSeconds),
		MaxAsyncRetryAttempts:     model.Int(*cfg.MaxRetryAttempts),
		EnableAsyncStatusLog:      model.Bool(*cfg.StatusLog),
		DestinationConfig:         &FgsDestinationConfig{},
	}
	for _, h := range []struct {
		field string
		d     *model.Destination
		out   **FgsDestination
	}{{model.FieldOnSuccess, cfg.OnSuccess, &out.DestinationConfig.OnSuccess},
		{model.FieldOnFailure, cfg.OnFailure, &out.DestinationConfig.OnFailure}} {
		if h.d.IsEmpty() {
			continue
		}
		w, err := NeutralToFgsDestination(scope, h.d)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", h.field, err)
		}
		*h.out = w
	}
	return out, nil
}

// FgsToNeutral converts a config FunctionGraph returned into the neutral
// form. Settings it left out stay nil (model.Normalize fills the
// defaults); destinations are decoded with FgsDestinationToNeutral, and an
// empty half is dropped. The times are not part of the neutral config
// (see FgsConfig.Times).
func FgsToNeutral(scope FgsScope, w *FgsConfig) (*model.AsyncConfig, error) {
	if w == nil {
		return &model.AsyncConfig{}, nil
	}
	out := &model.AsyncConfig{
		MaxEventAgeSeconds: fgsClone(w.MaxAsyncEventAgeInSeconds),
		MaxRetryAttempts:   fgsClone(w.MaxAsyncRetryAttempts),
		StatusLog:          fgsClone(w.EnableAsyncStatusLog),
	}
	if dc := w.DestinationConfig; dc != nil {
		var err error
		if out.OnSuccess, err = FgsDestinationToNeutral(scope, dc.OnSuccess); err != nil {
			return nil, fmt.Errorf("%s: %w", model.FieldOnSuccess, err)
		}
		if out.OnFailure, err = FgsDestinationToNeutral(scope, dc.OnFailure); err != nil {
			return nil, fmt.Errorf("%s: %w", model.FieldOnFailure, err)
		}
	}
	return out, nil
}

func fgsClone[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
