package fgemu

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/fnasync/fnasync/provider/emukit"
)

// The invocation status words.
const (
	statusWait    = "WAIT"
	statusRunning = "RUNNING"
	statusSuccess = "SUCCESS"
	statusFail    = "FAIL"
	statusDiscard = "DISCARD"
)

// defaultWindow is how far back ListAsyncInvocations looks without a
// query_begin_time, as documented ("the last hour").
const defaultWindow = time.Hour

// invoke records an async invocation of the function qualifier; the
// payload decides the outcome (emukit.OutcomeField). Records are kept
// whether or not enable_async_status_log is on.
func (s *Server) invoke(c *call) reply {
	outcome := ""
	var payload map[string]any
	if json.Unmarshal(c.body, &payload) == nil {
		if v, _ := payload[emukit.OutcomeField].(string); v == "fail" || v == "hang" {
			outcome = v
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, e := s.resolve(c)
	if e != nil {
		return fail(e)
	}
	inv := &invocation{ID: newRequestID(), Qualifier: t.seg, Created: s.now(), Outcome: outcome}
	t.fn.Invocations = append(t.fn.Invocations, inv)
	rep := ok(http.StatusAccepted, invokeReply{RequestID: inv.ID})
	rep.changed = true
	return rep
}

// view renders the record as the clock says it is now: WAIT for
// emukit.QueuedFor, RUNNING for emukit.RunningFor, then SUCCESS, or FAIL
// when the payload asked to fail; "hang" stays RUNNING. A cancelled record
// is FAIL with code 4208 from the moment it was cancelled.
func (inv *invocation) view(now time.Time, st TimeStyle) invocationReply {
	fmtTime := func(t time.Time) string { return st.format(t, fieldInvocation) }
	out := invocationReply{RequestID: inv.ID, StartTime: fmtTime(inv.Created)}
	done := inv.Created.Add(emukit.QueuedFor + emukit.RunningFor)
	switch {
	case inv.Canceled != nil:
		out.Status, out.ErrorCode, out.ErrorMessage, out.EndTime = statusFail, CanceledCode, CanceledMessage, fmtTime(*inv.Canceled)
	case now.Before(inv.Created.Add(emukit.QueuedFor)):
		out.Status = statusWait
	case now.Before(done) || inv.Outcome == "hang":
		out.Status = statusRunning
	case inv.Outcome == "fail":
		out.Status, out.ErrorCode, out.EndTime = statusFail, FailedCode, fmtTime(done)
		out.ErrorMessage = "function invocation failed (the payload's " + emukit.OutcomeField + " asked for it)"
	default:
		out.Status, out.EndTime = statusSuccess, fmtTime(done)
	}
	return out
}

// listInvocations lists the records of the URN's qualifier, newest first,
// filtered by status, request_id and start time, and paged by marker.
func (s *Server) listInvocations(c *call) reply {
	marker, limit, e := s.pageParams(c, "limit", 100, 500)
	if e != nil {
		return fail(e)
	}
	q := c.r.URL.Query()
	status, id := q.Get("status"), q.Get("request_id")
	switch status {
	case "", statusWait, statusRunning, statusSuccess, statusFail, statusDiscard:
	default:
		return fail(errInvalidQuery("Invalid query parameter status %q: want WAIT, RUNNING, SUCCESS, FAIL or DISCARD", clip(status)))
	}
	if id != "" && !reRequestID.MatchString(id) {
		return fail(errInvalidQuery("Invalid query parameter request_id %q", clip(id)))
	}
	now := s.now()
	begin, end := now.Add(-defaultWindow), now
	for _, b := range []struct {
		key string
		t   *time.Time
	}{{"query_begin_time", &begin}, {"query_end_time", &end}} {
		if v := q.Get(b.key); v != "" {
			t, ok := parseQueryTime(v)
			if !ok {
				return fail(errInvalidQuery("Invalid query parameter %s %q: want YYYY-MM-DDTHH:mm:ss (UTC)", b.key, clip(v)))
			}
			*b.t = t
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, e := s.resolve(c)
	if e != nil {
		return fail(listNotFound(e))
	}
	var all []invocationReply
	for i := len(t.fn.Invocations) - 1; i >= 0; i-- {
		inv := t.fn.Invocations[i]
		start := inv.Created.Truncate(time.Second)
		if inv.Qualifier != t.seg || (id != "" && inv.ID != id) || start.Before(begin.Truncate(time.Second)) || start.After(end) {
			continue
		}
		if v := inv.view(now, s.timeStyle(c.project, t.u.key())); status == "" || v.Status == status {
			all = append(all, v)
		}
	}
	from, to := page(len(all), marker, limit)
	out := invocationListReply{Invocations: append([]invocationReply{}, all[from:to]...), Count: len(all), NextMarker: to}
	return ok(http.StatusOK, out)
}

// parseQueryTime reads the documented "YYYY-MM-DDTHH:mm:ss" (UTC) and the
// SDK's SdkTime form with a trailing Z (or any RFC 3339 offset).
func parseQueryTime(v string) (time.Time, bool) {
	if t, err := time.ParseInLocation("2006-01-02T15:04:05", v, time.UTC); err == nil {
		return t, true
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t.UTC(), true
	}
	return time.Time{}, false
}

// cancelInvocation stops a WAIT or RUNNING invocation of the URN's
// qualifier by force: its record ends FAIL with 4208 "function invocation
// canceled". Recursive cancellation is refused, as FunctionGraph supports
// only force; an unknown request id or a finished invocation is 400
// FSS.0400.
func (s *Server) cancelInvocation(c *call) reply {
	var b cancelBody
	if e := decodeJSON(c.body, &b); e != nil {
		return fail(e)
	}
	if b.Type != nil && *b.Type != "force" {
		return fail(errInvalid("cancel type %q is not supported: FunctionGraph stops invocations only by force (type force, recursive false)", clip(*b.Type)))
	}
	if !reRequestID.MatchString(b.RequestID) {
		return fail(errInvalid("Invalid RequestId %q", clip(b.RequestID)))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, e := s.resolve(c)
	if e != nil {
		return fail(e)
	}
	now := s.now()
	for _, inv := range t.fn.Invocations {
		if inv.ID != b.RequestID || inv.Qualifier != t.seg {
			continue
		}
		if v := inv.view(now, TimesDocument); v.Status != statusWait && v.Status != statusRunning {
			return fail(errInvalid("Invalid RequestId: async invocation %s has already finished (%s) and cannot be canceled", inv.ID, strings.ToLower(v.Status)))
		}
		inv.Canceled = &now
		return reply{status: http.StatusOK, null: true, changed: true}
	}
	return fail(errInvalid("Invalid RequestId: no async invocation %s of %s", b.RequestID, t.u.full(c.project, t.seg)))
}
