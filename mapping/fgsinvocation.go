package mapping

import (
	"fmt"
	"slices"

	"github.com/fnasync/fnasync/model"
)

// FgsInvocation is one record of ListAsyncInvocations.
type FgsInvocation struct {
	RequestID    string `json:"request_id"`
	Status       string `json:"status"`
	ErrorMessage string `json:"error_message,omitempty"`
	ErrorCode    int    `json:"error_code"`
	// StartTime and EndTime are "YYYY-MM-DDTHH:mm:ss" in UTC as documented;
	// any style ParseFgsTime reads is accepted.
	StartTime string `json:"start_time,omitempty"`
	EndTime   string `json:"end_time,omitempty"`
}

// FgsInvocationList is the body of ListAsyncInvocations: one page of
// records, the total count (nil when the response leaves it out, as seed
// 003's example does) and the marker of the next page.
type FgsInvocationList struct {
	Invocations []FgsInvocation `json:"invocations"`
	Count       *int            `json:"count"`
	NextMarker  int             `json:"next_marker"`
}

// FgsCanceledCode is the error code of an invocation that was stopped:
// FunctionGraph documents that a cancelled invocation returns
// "4208 function invocation canceled", and such a record reads FAIL.
const FgsCanceledCode = 4208

// The FunctionGraph invocation status words.
const (
	FgsWait    = "WAIT"
	FgsRunning = "RUNNING"
	FgsSuccess = "SUCCESS"
	FgsFail    = "FAIL"
	FgsDiscard = "DISCARD"
)

// FgsStatusToNeutral maps a FunctionGraph invocation status (and its error
// code) to the neutral one: WAIT → queued, RUNNING → running, SUCCESS →
// succeeded, FAIL → failed, but stopped when the error code is
// FgsCanceledCode, and DISCARD → expired (FunctionGraph discards an event
// that waited longer than the max event age or ran out of retries: it was
// never delivered, which is what expired means elsewhere). It reports
// false for a word it does not know.
func FgsStatusToNeutral(status string, errorCode int) (model.InvocationStatus, bool) {
	switch status {
	case FgsWait:
		return model.StatusQueued, true
	case FgsRunning:
		return model.StatusRunning, true
	case FgsSuccess:
		return model.StatusSucceeded, true
	case FgsFail:
		if errorCode == FgsCanceledCode {
			return model.StatusStopped, true
		}
		return model.StatusFailed, true
	case FgsDiscard:
		return model.StatusExpired, true
	}
	return "", false
}

// NeutralToFgsStatus returns the FunctionGraph status word to filter by
// for a neutral status (failed and stopped are both FAIL, told apart by
// the error code afterwards); it reports false for a status FunctionGraph
// never reports (stopping, retrying, invalid).
func NeutralToFgsStatus(s model.InvocationStatus) (string, bool) {
	for _, w := range []string{FgsWait, FgsRunning, FgsSuccess, FgsDiscard} {
		if st, _ := FgsStatusToNeutral(w, 0); st == s {
			return w, true
		}
	}
	if s == model.StatusFailed || s == model.StatusStopped {
		return FgsFail, true
	}
	return "", false
}

// FgsStatusFilter returns the one status word to send for the neutral
// statuses (empty: send none, every record is wanted or they need several
// words) and whether any record can match at all. Records must still be
// filtered by their neutral status afterwards.
func FgsStatusFilter(statuses []model.InvocationStatus) (word string, possible bool) {
	if len(statuses) == 0 {
		return "", true
	}
	var words []string
	for _, s := range statuses {
		if w, ok := NeutralToFgsStatus(s); ok && !slices.Contains(words, w) {
			words = append(words, w)
		}
	}
	switch len(words) {
	case 0:
		return "", false
	case 1:
		return words[0], true
	}
	return "", true
}

// FgsInvocationToNeutral converts a record of the given qualifier. A status
// word FunctionGraph adds later maps to invalid, with CloudStatus keeping
// the word. A time that does not parse is an error.
func FgsInvocationToNeutral(w FgsInvocation, qualifier string) (model.Invocation, error) {
	st, ok := FgsStatusToNeutral(w.Status, w.ErrorCode)
	if !ok {
		st = model.StatusInvalid
	}
	inv := model.Invocation{ID: w.RequestID, Qualifier: qualifier, Status: st, CloudStatus: w.Status, Error: w.ErrorMessage}
	var err error
	if w.StartTime != "" {
		if inv.Start, err = ParseFgsTime(w.StartTime); err != nil {
			return model.Invocation{}, fmt.Errorf("invocation %s start_time: %w", w.RequestID, err)
		}
	}
	if w.EndTime != "" {
		if inv.End, err = ParseFgsTime(w.EndTime); err != nil {
			return model.Invocation{}, fmt.Errorf("invocation %s end_time: %w", w.RequestID, err)
		}
	}
	return inv, nil
}
