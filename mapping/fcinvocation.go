package mapping

import (
	"time"

	"github.com/fnasync/fnasync/model"
)

// FCInvocation is one async invocation record: FC 2.0's
// StatefulAsyncInvocation and FC 3.0's AsyncTask in one struct (the id,
// payload, error and function fields differ by name between them).
type FCInvocation struct {
	// FC 2.0 names.
	InvocationID           string `json:"invocationId,omitempty"`
	ServiceName            string `json:"serviceName,omitempty"`
	FunctionName           string `json:"functionName,omitempty"`
	InvocationErrorMessage string `json:"invocationErrorMessage,omitempty"`
	InvocationPayload      string `json:"invocationPayload,omitempty"`
	// FC 3.0 names.
	TaskID           string `json:"taskId,omitempty"`
	FunctionArn      string `json:"functionArn,omitempty"`
	TaskErrorMessage string `json:"taskErrorMessage,omitempty"`
	TaskPayload      string `json:"taskPayload,omitempty"`
	// Common fields; times are Unix milliseconds.
	Qualifier           string              `json:"qualifier,omitempty"`
	Status              string              `json:"status"`
	StartedTime         int64               `json:"startedTime,omitempty"`
	EndTime             int64               `json:"endTime,omitempty"`
	AlreadyRetriedTimes int64               `json:"alreadyRetriedTimes,omitempty"`
	DestinationStatus   string              `json:"destinationStatus,omitempty"`
	DurationMs          int64               `json:"durationMs,omitempty"`
	InstanceID          string              `json:"instanceId,omitempty"`
	RequestID           string              `json:"requestId,omitempty"`
	ReturnPayload       string              `json:"returnPayload,omitempty"`
	Events              []FCInvocationEvent `json:"events,omitempty"`
}

// FCInvocationEvent is one step in an invocation's history.
type FCInvocationEvent struct {
	EventDetail string `json:"eventDetail,omitempty"`
	EventID     int64  `json:"eventId,omitempty"`
	Status      string `json:"status,omitempty"`
	Timestamp   int64  `json:"timestamp,omitempty"`
}

// FCInvocationList is the body of ListStatefulAsyncInvocations (2.0,
// "invocations") and ListAsyncTasks (3.0, "tasks").
type FCInvocationList struct {
	Invocations []FCInvocation `json:"invocations,omitempty"`
	Tasks       []FCInvocation `json:"tasks,omitempty"`
	NextToken   string         `json:"nextToken,omitempty"`
}

// Records returns the list's records, whichever key FC used.
func (l *FCInvocationList) Records() []FCInvocation {
	if len(l.Tasks) > 0 {
		return l.Tasks
	}
	return l.Invocations
}

var fcStatuses = map[string]model.InvocationStatus{
	"Enqueued":  model.StatusQueued,
	"Dequeued":  model.StatusQueued,
	"Running":   model.StatusRunning,
	"Succeeded": model.StatusSucceeded,
	"Failed":    model.StatusFailed,
	"Expired":   model.StatusExpired,
	"Stopped":   model.StatusStopped,
	"Stopping":  model.StatusStopping,
	"Retrying":  model.StatusRetrying,
	"Invalid":   model.StatusInvalid,
}

// FCStatusToNeutral maps an FC invocation status to the neutral one:
// Enqueued and Dequeued → queued, Running → running, Succeeded →
// succeeded, Failed → failed, Expired → expired, Stopped → stopped,
// Stopping → stopping, Retrying → retrying, Invalid → invalid. It reports
// false for a word it does not know.
func FCStatusToNeutral(s string) (model.InvocationStatus, bool) {
	st, ok := fcStatuses[s]
	return st, ok
}

// NeutralToFCStatuses returns the FC status words of a neutral status in
// version v (queued is Enqueued, plus Dequeued on FC 3.0, whose task list
// filter knows it).
func NeutralToFCStatuses(v FCVersion, s model.InvocationStatus) []string {
	var out []string
	for _, w := range []string{"Enqueued", "Dequeued", "Running", "Succeeded", "Failed", "Expired", "Stopped", "Stopping", "Retrying", "Invalid"} {
		if fcStatuses[w] == s && (w != "Dequeued" || v == FC3) {
			out = append(out, w)
		}
	}
	return out
}

// FCInvocationToNeutral converts a record. The id is invocationId (2.0) or
// taskId (3.0); the error message likewise. A status word FC adds later
// maps to invalid, with CloudStatus keeping the word.
func FCInvocationToNeutral(w FCInvocation) model.Invocation {
	st, ok := FCStatusToNeutral(w.Status)
	if !ok {
		st = model.StatusInvalid
	}
	inv := model.Invocation{
		ID:          fcFirst(w.InvocationID, w.TaskID),
		Qualifier:   w.Qualifier,
		Status:      st,
		CloudStatus: w.Status,
		Error:       fcFirst(w.InvocationErrorMessage, w.TaskErrorMessage),
	}
	if w.StartedTime > 0 {
		inv.Start = time.UnixMilli(w.StartedTime).UTC()
	}
	if w.EndTime > 0 {
		inv.End = time.UnixMilli(w.EndTime).UTC()
	}
	return inv
}

// FCMillis converts t to FC's Unix milliseconds; the zero time gives 0.
func FCMillis(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

func fcFirst(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
