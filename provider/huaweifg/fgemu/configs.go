package fgemu

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
)

// Server-side ranges: the newest document's (seed 004, 2025-07: age
// 0–86400, retries 0–8), which also holds every older table (seed 001's
// request table: age 1–86400, retries 0–3; the response tables: age
// 60–86400, retries 0–8), and the request table's defaults for fields a
// PUT leaves out (3600 s, 1 retry). See the table in the package doc.
const (
	minAge, maxAge         = 0, 86400
	minRetries, maxRetries = 0, 8
	defaultAge             = 3600
	defaultRetries         = 1
	maxExpires             = 365
)

func (s *Server) getConfig(c *call) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, e := s.resolve(c)
	if e != nil {
		return fail(e)
	}
	cfg := t.fn.Configs[t.seg]
	if cfg == nil {
		return fail(errConfigNotFound(t.u.full(c.project, t.seg)))
	}
	return ok(http.StatusOK, cfg.reply(t.u, c.project, t.seg, s.timeStyle(c.project, t.u.key())))
}

// putConfig replaces the config with the body: fields left out take the
// defaults, an absent destination half is none.
func (s *Server) putConfig(c *call) reply {
	var b configBody
	if e := decodeJSON(c.body, &b); e != nil {
		return fail(e)
	}
	cfg := &config{MaxAge: defaultAge, Retries: defaultRetries}
	if v := b.MaxAsyncEventAgeInSeconds; v != nil {
		if *v < minAge || *v > maxAge {
			return fail(errInvalid("max_async_event_age_in_seconds %d is out of range [%d, %d]", *v, minAge, maxAge))
		}
		cfg.MaxAge = *v
	}
	if v := b.MaxAsyncRetryAttempts; v != nil {
		if *v < minRetries || *v > maxRetries {
			return fail(errInvalid("max_async_retry_attempts %d is out of range [%d, %d]", *v, minRetries, maxRetries))
		}
		cfg.Retries = *v
	}
	if b.EnableAsyncStatusLog != nil {
		cfg.StatusLog = *b.EnableAsyncStatusLog
	}
	if dc := b.DestinationConfig; dc != nil {
		var e *apiError
		if cfg.OnSuccess, e = checkDestination("on_success", dc.OnSuccess); e != nil {
			return fail(e)
		}
		if cfg.OnFailure, e = checkDestination("on_failure", dc.OnFailure); e != nil {
			return fail(e)
		}
	}
	for _, f := range []struct {
		p   *string
		out *string
	}{{b.LogGroupID, &cfg.LogGroupID}, {b.LogStreamID, &cfg.LogStreamID}, {b.LogGroupName, &cfg.LogGroupName}, {b.LogStreamName, &cfg.LogStreamName}} {
		if f.p != nil {
			*f.out = *f.p
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, e := s.resolve(c)
	if e != nil {
		return fail(e)
	}
	now := s.now()
	cfg.Region, cfg.Created, cfg.Modified = t.u.region, now, now
	if old := t.fn.Configs[t.seg]; old != nil {
		cfg.Created = old.Created
	}
	if t.fn.Configs == nil {
		t.fn.Configs = map[string]*config{}
	}
	t.fn.Configs[t.seg] = cfg
	rep := ok(http.StatusOK, cfg.reply(t.u, c.project, t.seg, s.timeStyle(c.project, t.u.key())))
	rep.changed = true
	return rep
}

func (s *Server) deleteConfig(c *call) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, e := s.resolve(c)
	if e != nil {
		return fail(e)
	}
	if t.fn.Configs[t.seg] == nil {
		return fail(errConfigNotFound(t.u.full(c.project, t.seg)))
	}
	delete(t.fn.Configs, t.seg)
	return reply{status: http.StatusNoContent, changed: true}
}

// listConfigs lists the configs of every qualifier of the function the
// URN names (a qualifier in the URN is ignored), sorted by qualifier.
func (s *Server) listConfigs(c *call) reply {
	marker, limit, e := s.pageParams(c, "limit", 10, 100)
	if e != nil {
		return fail(e)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, e := s.resolve(c)
	if e != nil {
		return fail(e)
	}
	quals := make([]string, 0, len(t.fn.Configs))
	for q := range t.fn.Configs {
		quals = append(quals, q)
	}
	slices.Sort(quals)
	start, end := page(len(quals), marker, limit)
	out := configListReply{AsyncInvokeConfigs: []configReply{}, Count: int64(len(quals)),
		PageInfo: pageInfo{NextMarker: int64(end), PreviousMarker: int64(start), CurrentCount: int64(end - start)}}
	for _, q := range quals[start:end] {
		cfg := t.fn.Configs[q]
		u := t.u
		u.region = cfg.Region
		out.AsyncInvokeConfigs = append(out.AsyncInvokeConfigs, cfg.reply(u, c.project, q, s.timeStyle(c.project, t.u.key())))
	}
	return ok(http.StatusOK, out)
}

// reply renders cfg in the time style st.
func (cfg *config) reply(u urn, project, seg string, st TimeStyle) configReply {
	out := configReply{FuncURN: u.full(project, seg), MaxAsyncEventAgeInSeconds: cfg.MaxAge, MaxAsyncRetryAttempts: cfg.Retries,
		CreatedTime: st.format(cfg.Created, fieldCreated), LastModified: st.format(cfg.Modified, fieldModified), EnableAsyncStatusLog: cfg.StatusLog}
	out.DestinationConfig.OnSuccess = cfg.OnSuccess
	out.DestinationConfig.OnFailure = cfg.OnFailure
	return out
}

// checkDestination validates one destination half: the service must be
// OBS, SMN, DIS or FunctionGraph and param a JSON object (in a string)
// with that service's keys. A half with neither is none. The param is kept
// as sent.
func checkDestination(field string, d *destinationBody) (*destinationBody, *apiError) {
	if d == nil || (d.Destination == "" && d.Param == "") {
		return nil, nil
	}
	var p map[string]json.RawMessage
	if err := json.Unmarshal([]byte(d.Param), &p); err != nil || p == nil {
		return nil, errInvalid("destination_config.%s.param must be a JSON object in a string, got %q", field, clip(d.Param))
	}
	str := func(key string, required bool) (string, *apiError) {
		raw, found := p[key]
		if !found {
			if required {
				return "", errInvalid("destination_config.%s.param of %s needs %q", field, d.Destination, key)
			}
			return "", nil
		}
		var v string
		if err := json.Unmarshal(raw, &v); err != nil || (required && v == "") {
			return "", errInvalid("destination_config.%s.param: %q must be a non-empty string", field, key)
		}
		return v, nil
	}
	switch d.Destination {
	case "OBS":
		if _, e := str("bucket", true); e != nil {
			return nil, e
		}
		if _, e := str("prefix", false); e != nil {
			return nil, e
		}
		if raw, found := p["expires"]; found {
			var n int
			dec := json.NewDecoder(bytes.NewReader(raw))
			if err := dec.Decode(&n); err != nil || n < 0 || n > maxExpires {
				return nil, errInvalid("destination_config.%s.param: expires must be a whole number of days in [0, %d]", field, maxExpires)
			}
		}
	case "SMN":
		v, e := str("topic_urn", true)
		if e != nil {
			return nil, e
		}
		if !reTopicURN.MatchString(v) {
			return nil, errInvalid("destination_config.%s.param: topic_urn %q is not an SMN topic URN (urn:smn:REGION:PROJECT:TOPIC)", field, clip(v))
		}
	case "DIS":
		if _, e := str("stream_name", true); e != nil {
			return nil, e
		}
	case "FunctionGraph":
		v, e := str("func_urn", true)
		if e != nil {
			return nil, e
		}
		if _, good := parseURN(v); !good {
			return nil, errInvalid("destination_config.%s.param: func_urn %q is not a function URN", field, clip(v))
		}
	default:
		return nil, errInvalid("destination_config.%s.destination %q is not one of OBS, SMN, DIS, FunctionGraph", field, clip(d.Destination))
	}
	return &destinationBody{Destination: d.Destination, Param: d.Param}, nil
}
