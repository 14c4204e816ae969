package model

// AsyncConfig is the asynchronous-invocation configuration of one function
// qualifier. A nil field means "not declared": Normalize fills it with the
// cloud's documented default.
type AsyncConfig struct {
	// MaxEventAgeSeconds is how long an async event may wait before it is
	// discarded.
	MaxEventAgeSeconds *int `json:"maxEventAgeSeconds,omitempty" yaml:"maxEventAgeSeconds,omitempty"`
	// MaxRetryAttempts is how often a failed async invocation is retried.
	// Zero is a value: no retry.
	MaxRetryAttempts *int `json:"maxRetryAttempts,omitempty" yaml:"maxRetryAttempts,omitempty"`
	// StatusLog records async invocation status: FunctionGraph
	// enable_async_status_log, FC 2.0 statefulInvocation, FC 3.0
	// asyncTask. AWS Lambda has none: there it stays nil (false).
	StatusLog *bool `json:"statusLog,omitempty" yaml:"statusLog,omitempty"`
	// OnSuccess receives the result of a successful invocation.
	OnSuccess *Destination `json:"onSuccess,omitempty" yaml:"onSuccess,omitempty"`
	// OnFailure receives the result of a failed invocation.
	OnFailure *Destination `json:"onFailure,omitempty" yaml:"onFailure,omitempty"`
}

// Clone returns a deep copy of c; nil gives nil.
func (c *AsyncConfig) Clone() *AsyncConfig {
	if c == nil {
		return nil
	}
	out := &AsyncConfig{
		MaxEventAgeSeconds: clonePtr(c.MaxEventAgeSeconds),
		MaxRetryAttempts:   clonePtr(c.MaxRetryAttempts),
		StatusLog:          clonePtr(c.StatusLog),
		OnSuccess:          c.OnSuccess.Clone(),
		OnFailure:          c.OnFailure.Clone(),
	}
	return out
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// Int returns a pointer to v, for building configs in code.
func Int(v int) *int { return &v }

// Bool returns a pointer to v, for building configs in code.
func Bool(v bool) *bool { return &v }
