package fcemu

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
)

// Server-side ranges. FC 2.0's PutFunctionAsyncInvokeConfig document says
// [1, 2592000] seconds; FC 3.0's PutAsyncInvokeConfigInput comment (and
// ROS) say [1, 604800]. Retries are [0, 8] on both.
const (
	maxAge2    = 2592000
	maxAge3    = 604800
	maxRetries = 8
	// The values a new config takes for a field the PUT leaves out.
	defaultAge     = 86400
	defaultRetries = 3
)

// Destination ARNs the emulator accepts, per API version: FC functions in
// the version's own style, MNS queues and topics, EventBridge buses and
// RocketMQ topics. Region and account may be empty.
var (
	arnFC2      = arnPattern("fc", `services/[A-Za-z_][A-Za-z0-9_-]{0,127}(\.(LATEST|[0-9]{1,20}|[A-Za-z_][A-Za-z0-9_-]{0,127}))?/functions/[A-Za-z_][A-Za-z0-9_-]{0,63}`)
	arnFC3      = arnPattern("fc", `functions/[A-Za-z_][A-Za-z0-9_-]{0,63}`)
	arnMNS      = arnPattern("mns", `/(queues|topics)/[A-Za-z0-9._-]{1,256}/messages`)
	arnEventBus = arnPattern("eventbridge", `eventbus/[A-Za-z0-9._-]{1,127}`)
	arnMQ       = arnPattern("mq", `/instances/[A-Za-z0-9_-]+/topic/[A-Za-z0-9%._-]+`)
)

func arnPattern(service, resource string) *regexp.Regexp {
	return regexp.MustCompile(`^acs:` + service + `:[a-z0-9-]*:[A-Za-z0-9_-]*:` + resource + `$`)
}

func validDestination(version, arn string) bool {
	fc := arnFC2
	if version == Version3 {
		fc = arnFC3
	}
	return fc.MatchString(arn) || arnMNS.MatchString(arn) || arnEventBus.MatchString(arn) || arnMQ.MatchString(arn)
}

// putConfig creates or updates a config. FC 2.0 merges: fields and
// destination halves not sent (or sent as null) keep their values. FC 3.0
// replaces the whole config; fields not sent take their defaults.
func (s *Server) putConfig(c *call) reply {
	var in putConfigInput
	if e := decodeJSON(c.body, &in); e != nil {
		return fail(e)
	}
	maxAge := int64(maxAge2)
	flag := in.StatefulInvocation
	if c.version == Version3 {
		maxAge, flag = maxAge3, in.AsyncTask
	}
	if v := in.MaxAsyncEventAgeInSeconds; v != nil && (*v < 1 || *v > maxAge) {
		return fail(errInvalid("maxAsyncEventAgeInSeconds must be between 1 and %d, got %d", maxAge, *v))
	}
	if v := in.MaxAsyncRetryAttempts; v != nil && (*v < 0 || *v > maxRetries) {
		return fail(errInvalid("maxAsyncRetryAttempts must be between 0 and %d, got %d", maxRetries, *v))
	}
	var halves [2]*string
	if dc := in.DestinationConfig; dc != nil {
		for i, h := range []*destinationInput{dc.OnSuccess, dc.OnFailure} {
			if h == nil {
				continue
			}
			if h.Destination == nil || !validDestination(c.version, *h.Destination) {
				got := "nothing"
				if h.Destination != nil {
					got = "\"" + clip(*h.Destination) + "\""
				}
				return fail(errInvalid("destinationConfig.%s.destination must be the ARN of an FC function (in the %s style), MNS queue or topic, EventBridge bus or RocketMQ topic, got %s",
					[]string{"onSuccess", "onFailure"}[i], c.version, got))
			}
			halves[i] = h.Destination
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, e := s.resolve(c)
	if e != nil {
		return fail(e)
	}
	now := s.now()
	old := t.fn.Configs[t.qualifier]
	cfg := &config{Created: now, MaxAge: defaultAge, Retries: defaultRetries}
	if old != nil {
		cfg.Created = old.Created
		if c.version == Version2 {
			*cfg = *old
		}
	}
	cfg.Modified = now
	if v := in.MaxAsyncEventAgeInSeconds; v != nil {
		cfg.MaxAge = *v
	}
	if v := in.MaxAsyncRetryAttempts; v != nil {
		cfg.Retries = *v
	}
	if flag != nil {
		cfg.Flag = *flag
	}
	if halves[0] != nil {
		cfg.OnSuccess = *halves[0]
	}
	if halves[1] != nil {
		cfg.OnFailure = *halves[1]
	}
	if t.fn.Configs == nil {
		t.fn.Configs = map[string]*config{}
	}
	t.fn.Configs[t.qualifier] = cfg
	rep := ok(http.StatusOK, s.configOutput(c, t.name, t.qualifier, cfg))
	rep.changed = true
	return rep
}

func (s *Server) getConfig(c *call) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, e := s.resolve(c)
	if e != nil {
		return fail(e)
	}
	cfg := t.fn.Configs[t.qualifier]
	if cfg == nil {
		return fail(errConfigNotFound(t.name, t.qualifier))
	}
	return ok(http.StatusOK, s.configOutput(c, t.name, t.qualifier, cfg))
}

func (s *Server) deleteConfig(c *call) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, e := s.resolve(c)
	if e != nil {
		return fail(e)
	}
	if t.fn.Configs[t.qualifier] == nil {
		return fail(errConfigNotFound(t.name, t.qualifier))
	}
	delete(t.fn.Configs, t.qualifier)
	return reply{status: http.StatusNoContent, changed: true}
}

// listConfigs lists the configs of one function's qualifiers (2.0: the
// function in the path; 3.0: ?functionName=, or every function without
// it), sorted by function and qualifier.
func (s *Server) listConfigs(c *call) reply {
	limit, e := s.pageLimit(c)
	if e != nil {
		return fail(e)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	names := []string{}
	if c.version == Version2 {
		t, e := s.resolve(c)
		if e != nil {
			return fail(e)
		}
		names = append(names, t.name)
	} else if fn := c.r.URL.Query().Get("functionName"); fn != "" {
		if !reFunction.MatchString(fn) {
			return fail(errInvalid("invalid function name %q", clip(fn)))
		}
		if s.st.functions(c.account, c.version, false)[fn] == nil {
			return fail(errFunctionNotFound(fn))
		}
		names = append(names, fn)
	} else {
		for name := range s.st.functions(c.account, c.version, false) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	type item struct{ name, qualifier string }
	var items []item
	fns := s.st.functions(c.account, c.version, false)
	for _, n := range names {
		var quals []string
		for q := range fns[n].Configs {
			quals = append(quals, q)
		}
		slices.Sort(quals)
		for _, q := range quals {
			items = append(items, item{n, q})
		}
	}
	key := func(it item) string { return it.qualifier }
	if c.version == Version3 {
		key = func(it item) string { return it.name + "/" + it.qualifier }
	}
	pg, next, e := page(items, key, c.r.URL.Query().Get("nextToken"), limit)
	if e != nil {
		return fail(e)
	}
	out := configList{Configs: []any{}, NextToken: next}
	for _, it := range pg {
		out.Configs = append(out.Configs, s.configOutput(c, it.name, it.qualifier, fns[it.name].Configs[it.qualifier]))
	}
	return ok(http.StatusOK, out)
}

func (s *Server) configOutput(c *call, name, qualifier string, cfg *config) any {
	dc := &destinationOutput{}
	if cfg.OnSuccess != "" {
		dc.OnSuccess = &destinationTarget{Destination: cfg.OnSuccess}
	}
	if cfg.OnFailure != "" {
		dc.OnFailure = &destinationTarget{Destination: cfg.OnFailure}
	}
	if c.version == Version3 {
		return configOutput3{AsyncTask: cfg.Flag, CreatedTime: fmtTime(cfg.Created), DestinationConfig: dc,
			FunctionArn: s.configARN(c, name, qualifier), LastModifiedTime: fmtTime(cfg.Modified),
			MaxAsyncEventAgeInSeconds: cfg.MaxAge, MaxAsyncRetryAttempts: cfg.Retries}
	}
	svc, fn, _ := strings.Cut(name, "/")
	return configOutput2{CreatedTime: fmtTime(cfg.Created), DestinationConfig: dc, Function: fn,
		LastModifiedTime: fmtTime(cfg.Modified), MaxAsyncEventAgeInSeconds: cfg.MaxAge,
		MaxAsyncRetryAttempts: cfg.Retries, Qualifier: qualifier, Service: svc, StatefulInvocation: cfg.Flag}
}

// functionARN is the ARN of a function in responses; the region is the
// one the emulator pretends to be in.
func (s *Server) functionARN(c *call, name string) string {
	if c.version == Version3 {
		return "acs:fc:" + Region + ":" + c.account + ":functions/" + name
	}
	svc, fn, _ := strings.Cut(name, "/")
	return "acs:fc:" + Region + ":" + c.account + ":services/" + svc + "/functions/" + fn
}

// configARN is the functionArn of an FC 3.0 config of name's qualifier:
// the function's ARN for LATEST, with "/versions/Q" appended for a
// version (digits) and "/aliases/Q" for an alias. This is an assumption:
// the API documents show only an unqualified functionArn, and how the real
// service names a qualified config's function has not been seen.
func (s *Server) configARN(c *call, name, qualifier string) string {
	arn := s.functionARN(c, name)
	switch {
	case qualifier == latest:
		return arn
	case reVersion.MatchString(qualifier):
		return arn + "/versions/" + qualifier
	}
	return arn + "/aliases/" + qualifier
}

// Region is the region the emulator names in the ARNs it returns.
const Region = "cn-hangzhou"
