package model

import "time"

// InvocationStatus is the neutral status of an async invocation.
type InvocationStatus string

// The neutral invocation statuses.
const (
	StatusQueued    InvocationStatus = "queued"
	StatusRunning   InvocationStatus = "running"
	StatusSucceeded InvocationStatus = "succeeded"
	StatusFailed    InvocationStatus = "failed"
	StatusExpired   InvocationStatus = "expired"
	StatusStopped   InvocationStatus = "stopped"
	StatusStopping  InvocationStatus = "stopping"
	StatusRetrying  InvocationStatus = "retrying"
	StatusInvalid   InvocationStatus = "invalid"
)

// AllStatuses lists the neutral statuses in a stable order.
var AllStatuses = []InvocationStatus{StatusQueued, StatusRunning, StatusSucceeded, StatusFailed,
	StatusExpired, StatusStopped, StatusStopping, StatusRetrying, StatusInvalid}

// Invocation is one async invocation record, from either cloud.
type Invocation struct {
	// ID is the cloud's request, invocation or task id.
	ID string `json:"id"`
	// Qualifier is the version or alias that was invoked.
	Qualifier string `json:"qualifier,omitempty"`
	// Status is the neutral status.
	Status InvocationStatus `json:"status"`
	// CloudStatus is the cloud's own status word (WAIT, Enqueued, ...).
	CloudStatus string `json:"cloudStatus"`
	// Error is the error message of a failed invocation.
	Error string `json:"error,omitempty"`
	// Start and End are in UTC; zero when unknown.
	Start time.Time `json:"start,omitzero"`
	End   time.Time `json:"end,omitzero"`
}
