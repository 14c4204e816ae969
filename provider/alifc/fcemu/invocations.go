package fcemu

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/fnasync/fnasync/provider/emukit"
)

// The headers of an async invocation: the invocation type, and the id the
// caller may choose (FC 2.0 stateful async invocation id, FC 3.0 async
// task id). The emulator echoes the id in the same header of its 202.
const (
	headerInvocationType = "X-Fc-Invocation-Type"
	headerInvocationID2  = "X-Fc-Stateful-Async-Invocation-Id"
	headerInvocationID3  = "X-Fc-Async-Task-Id"
)

func idHeader(version string) string {
	if version == Version3 {
		return headerInvocationID3
	}
	return headerInvocationID2
}

// invoke starts an async invocation (only X-Fc-Invocation-Type: Async is
// supported). Like FC, the emulator keeps a record only when the
// qualifier's config has statefulInvocation/asyncTask on; otherwise the
// invocation runs unrecorded, and the 202 names the id asked for or one
// made up. With the flag on, invoking again with an id that exists
// returns 202 with that id and records nothing.
func (s *Server) invoke(c *call) reply {
	if !strings.EqualFold(c.r.Header.Get(headerInvocationType), "Async") {
		return fail(errInvalid("the emulator runs only async invocations: set %s: Async", headerInvocationType))
	}
	id := c.r.Header.Get(idHeader(c.version))
	if id != "" && !reID.MatchString(id) {
		return fail(errInvalid("invalid %s %q: it must start with a letter or '_' and have at most 128 letters, digits, '_' or '-'", idHeader(c.version), clip(id)))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, e := s.resolve(c)
	if e != nil {
		return fail(e)
	}
	rep := reply{status: http.StatusAccepted, header: map[string]string{}}
	if id == "" {
		id = newID("inv")
	}
	rep.header[idHeader(c.version)] = id
	if !s.keepsRecords(t) || slices.ContainsFunc(t.fn.Invocations, func(inv *invocation) bool { return inv.ID == id }) {
		return rep
	}
	inv := &invocation{ID: id, Qualifier: t.qualifier, RequestID: newID("1-"), Payload: string(c.body),
		Outcome: outcome(c.body), Created: s.now(), Retries: defaultRetries}
	if cfg := t.fn.Configs[t.qualifier]; cfg != nil {
		inv.Retries = cfg.Retries
	}
	t.fn.Invocations = append(t.fn.Invocations, inv)
	rep.changed = true
	return rep
}

// keepsRecords reports whether FC keeps records of t's async invocations:
// only when the qualifier's config has statefulInvocation (2.0) or
// asyncTask (3.0) on. Call it with s.mu held.
func (s *Server) keepsRecords(t *target) bool {
	cfg := t.fn.Configs[t.qualifier]
	return cfg != nil && cfg.Flag
}

// outcome reads emukit.OutcomeField from a JSON object payload.
func outcome(payload []byte) string {
	var p map[string]any
	if json.Unmarshal(payload, &p) != nil {
		return ""
	}
	v, _ := p[emukit.OutcomeField].(string)
	return v
}

// listInvocations lists a function's records, newest first unless
// sortOrderByTime=asc, filtered by qualifier, status, startedTimeBegin/End
// (Unix ms, inclusive) and id prefix (2.0 invocationIdPrefix, 3.0 prefix).
func (s *Server) listInvocations(c *call) reply {
	limit, e := s.pageLimit(c)
	if e != nil {
		return fail(e)
	}
	q := c.r.URL.Query()
	begin, e1 := msParam(q.Get("startedTimeBegin"))
	end, e2 := msParam(q.Get("startedTimeEnd"))
	if e1 != nil || e2 != nil {
		return fail(errInvalid("startedTimeBegin and startedTimeEnd must be Unix milliseconds"))
	}
	order := q.Get("sortOrderByTime")
	if order != "" && order != "asc" && order != "desc" {
		return fail(errInvalid("sortOrderByTime must be asc or desc, got %q", clip(order)))
	}
	prefix := q.Get("invocationIdPrefix")
	if c.version == Version3 {
		prefix = q.Get("prefix")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, e := s.resolve(c)
	if e != nil {
		return fail(e)
	}
	now := s.now()
	// Without a qualifier (in the query or the 2.0 path) every qualifier's
	// records are listed.
	anyQualifier := q.Get("qualifier") == "" && !strings.Contains(c.r.PathValue("service"), ".")
	var recs []*invocation
	for _, inv := range t.fn.Invocations {
		st, _, _ := inv.status(now)
		ms := inv.Created.UnixMilli()
		if (anyQualifier || inv.Qualifier == t.qualifier) &&
			(q.Get("status") == "" || q.Get("status") == st) && strings.HasPrefix(inv.ID, prefix) &&
			(begin == 0 || ms >= begin) && (end == 0 || ms <= end) {
			recs = append(recs, inv)
		}
	}
	if order != "asc" {
		slices.Reverse(recs)
	}
	pg, next, e := page(recs, func(inv *invocation) string { return inv.ID }, q.Get("nextToken"), limit)
	if e != nil {
		return fail(e)
	}
	withPayload := q.Get("includePayload") == "true"
	if c.version == Version3 {
		out := invocationList3{Tasks: []invocationOutput3{}, NextToken: next}
		for _, inv := range pg {
			out.Tasks = append(out.Tasks, s.invocationOutput(c, t.name, inv, withPayload).(invocationOutput3))
		}
		return ok(http.StatusOK, out)
	}
	out := invocationList2{Invocations: []invocationOutput2{}, NextToken: next}
	for _, inv := range pg {
		out.Invocations = append(out.Invocations, s.invocationOutput(c, t.name, inv, withPayload).(invocationOutput2))
	}
	return ok(http.StatusOK, out)
}

func msParam(v string) (int64, error) {
	if v == "" {
		return 0, nil
	}
	return strconv.ParseInt(v, 10, 64)
}

// find returns the record named by the path's {id}.
func (s *Server) find(c *call) (*target, *invocation, *apiError) {
	id := c.r.PathValue("id")
	if !reID.MatchString(id) {
		return nil, nil, errInvalid("invalid invocation id %q", clip(id))
	}
	t, e := s.resolve(c)
	if e != nil {
		return nil, nil, e
	}
	for _, inv := range t.fn.Invocations {
		if inv.ID == id {
			return t, inv, nil
		}
	}
	return nil, nil, errInvocationNotFound(c.version, id)
}

func (s *Server) getInvocation(c *call) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, inv, e := s.find(c)
	if e != nil {
		return fail(e)
	}
	return ok(http.StatusOK, s.invocationOutput(c, t.name, inv, true))
}

// stopInvocation stops a queued or running invocation; stopping one that
// has finished (or was stopped) is a 400.
func (s *Server) stopInvocation(c *call) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	// Without the status flag FC keeps no records, and refuses the stop.
	if t, e := s.resolve(c); e == nil && !s.keepsRecords(t) {
		return fail(errInvalid("function %s qualifier %s does not have %s enabled: only its invocations can be stopped", t.name, t.qualifier, flagName(c.version)))
	}
	_, inv, e := s.find(c)
	if e != nil {
		return fail(e)
	}
	now := s.now()
	if st, _, _ := inv.status(now); !stoppable(st) {
		return fail(errInvalid("invocation %s is %s and cannot be stopped: only Enqueued, Running or Retrying invocations can", inv.ID, st))
	}
	inv.Stopped = now
	return reply{status: http.StatusNoContent, changed: true}
}

func (s *Server) invocationOutput(c *call, name string, inv *invocation, withPayload bool) any {
	now := s.now()
	st, end, retried := inv.status(now)
	var events []invocationEvent
	for i, h := range inv.history(now) {
		events = append(events, invocationEvent{EventID: int64(i + 1), Status: h.status, Timestamp: h.at.UnixMilli()})
	}
	var endMs, dur int64
	errMsg := ""
	if !end.IsZero() {
		endMs, dur = end.UnixMilli(), end.Sub(inv.Created).Milliseconds()
	}
	if st == "Failed" {
		errMsg = "the function failed (payload field " + emukit.OutcomeField + ": fail)"
	}
	payload := ""
	if withPayload {
		payload = inv.Payload
	}
	if c.version == Version3 {
		return invocationOutput3{AlreadyRetriedTimes: retried, Events: events, EndTime: endMs, DurationMs: dur, FunctionArn: s.functionARN(c, name),
			Qualifier: inv.Qualifier, RequestID: inv.RequestID, StartedTime: inv.Created.UnixMilli(), Status: st,
			TaskErrorMessage: errMsg, TaskID: inv.ID, TaskPayload: payload}
	}
	svc, fn, _ := strings.Cut(name, "/")
	return invocationOutput2{AlreadyRetriedTimes: retried, Events: events, EndTime: endMs, DurationMs: dur, FunctionName: fn,
		InvocationErrorMessage: errMsg, InvocationID: inv.ID, InvocationPayload: payload, Qualifier: inv.Qualifier,
		RequestID: inv.RequestID, ServiceName: svc, StartedTime: inv.Created.UnixMilli(), Status: st}
}

// flagName is the config field that makes FC keep invocation records.
func flagName(version string) string {
	if version == Version3 {
		return "asyncTask"
	}
	return "statefulInvocation"
}
