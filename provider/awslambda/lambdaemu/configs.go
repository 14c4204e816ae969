package lambdaemu

import (
	"net/http"
	"slices"
	"strings"
)

// eventInvokeConfig is Lambda's FunctionEventInvokeConfig, declared from
// the API reference (PascalCase keys; LastModified in Unix seconds).
type eventInvokeConfig struct {
	DestinationConfig        *destinationConfig `json:"DestinationConfig,omitempty"`
	FunctionArn              string             `json:"FunctionArn,omitempty"`
	LastModified             float64            `json:"LastModified,omitempty"`
	MaximumEventAgeInSeconds *int64             `json:"MaximumEventAgeInSeconds,omitempty"`
	MaximumRetryAttempts     *int64             `json:"MaximumRetryAttempts,omitempty"`
}

type destinationConfig struct {
	OnFailure *destination `json:"OnFailure,omitempty"`
	OnSuccess *destination `json:"OnSuccess,omitempty"`
}

type destination struct {
	Destination *string `json:"Destination,omitempty"`
}

type configList struct {
	FunctionEventInvokeConfigs []eventInvokeConfig `json:"FunctionEventInvokeConfigs"`
	NextMarker                 string              `json:"NextMarker,omitempty"`
}

// Lambda's server-side ranges.
const (
	minAge, maxAge         = 60, 21600
	minRetries, maxRetries = 0, 2
)

func (t *target) output(c *call, cfg *config) eventInvokeConfig {
	str := func(s string) *destination { return &destination{Destination: &s} }
	out := eventInvokeConfig{FunctionArn: t.arn(c.region), LastModified: float64(cfg.Modified.UnixMilli()) / 1000,
		MaximumEventAgeInSeconds: cfg.MaxAge, MaximumRetryAttempts: cfg.Retries,
		DestinationConfig: &destinationConfig{OnSuccess: &destination{}, OnFailure: &destination{}}}
	if cfg.OnSuccess != "" {
		out.DestinationConfig.OnSuccess = str(cfg.OnSuccess)
	}
	if cfg.OnFailure != "" {
		out.DestinationConfig.OnFailure = str(cfg.OnFailure)
	}
	return out
}

func (s *Server) getConfig(c *call) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, e := s.resolve(c, true)
	if e != nil {
		return fail(e)
	}
	cfg := t.fn.Configs[t.qualifier]
	if cfg == nil {
		return fail(errNotFound("The function %s doesn't have an EventInvokeConfig", t.arn(c.region)))
	}
	return ok(http.StatusOK, t.output(c, cfg))
}

// putConfig replaces the config: what the body leaves out is removed.
func (s *Server) putConfig(c *call) reply { return s.writeConfig(c, false) }

// updateConfig changes what the body sets and keeps the rest; a
// destination half sent with an empty Destination is removed. There must
// be a config to update.
func (s *Server) updateConfig(c *call) reply { return s.writeConfig(c, true) }

func (s *Server) writeConfig(c *call, merge bool) reply {
	var in eventInvokeConfig
	if e := decodeJSON(c.body, &in); e != nil {
		return fail(e)
	}
	if e := checkConfig(&in); e != nil {
		return fail(e)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, e := s.resolve(c, true)
	if e != nil {
		return fail(e)
	}
	old := t.fn.Configs[t.qualifier]
	cfg := &config{}
	if merge {
		if old == nil {
			return fail(errNotFound("The function %s doesn't have an EventInvokeConfig", t.arn(c.region)))
		}
		*cfg = *old
	}
	if in.MaximumEventAgeInSeconds != nil || !merge {
		cfg.MaxAge = in.MaximumEventAgeInSeconds
	}
	if in.MaximumRetryAttempts != nil || !merge {
		cfg.Retries = in.MaximumRetryAttempts
	}
	if !merge {
		cfg.OnSuccess, cfg.OnFailure = "", ""
	}
	if dc := in.DestinationConfig; dc != nil {
		if dc.OnSuccess != nil {
			cfg.OnSuccess = deref(dc.OnSuccess.Destination)
		}
		if dc.OnFailure != nil {
			cfg.OnFailure = deref(dc.OnFailure.Destination)
		}
	}
	cfg.Modified = s.now()
	if t.fn.Configs == nil {
		t.fn.Configs = map[string]*config{}
	}
	t.fn.Configs[t.qualifier] = cfg
	rep := ok(http.StatusOK, t.output(c, cfg))
	rep.changed = true
	return rep
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// checkConfig enforces the documented ranges and destination kinds: the
// ARN of a Lambda function, an SQS queue, an SNS topic, an EventBridge
// event bus, or (on failure only) an S3 bucket. The target's existence
// is not checked.
func checkConfig(in *eventInvokeConfig) *apiError {
	if v := in.MaximumEventAgeInSeconds; v != nil && (*v < minAge || *v > maxAge) {
		return errInvalid("1 validation error detected: Value '%d' at 'maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value between %d and %d", *v, minAge, maxAge)
	}
	if v := in.MaximumRetryAttempts; v != nil && (*v < minRetries || *v > maxRetries) {
		return errInvalid("1 validation error detected: Value '%d' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value between %d and %d", *v, minRetries, maxRetries)
	}
	dc := in.DestinationConfig
	if dc == nil {
		return nil
	}
	for _, h := range []struct {
		name string
		d    *destination
	}{{"OnSuccess", dc.OnSuccess}, {"OnFailure", dc.OnFailure}} {
		if h.d == nil || deref(h.d.Destination) == "" {
			continue
		}
		arn := *h.d.Destination
		svc, ok := destinationService(arn)
		switch {
		case !ok:
			return errInvalid("The destination ARN %s is invalid.", clip(arn))
		case svc == "s3" && h.name == "OnSuccess":
			return errInvalid("S3 buckets are supported only for on-failure destinations: %s", clip(arn))
		}
	}
	return nil
}

// destinationService returns the service of a destination ARN Lambda
// accepts.
func destinationService(arn string) (string, bool) {
	p := strings.SplitN(arn, ":", 6)
	if len(p) != 6 || p[0] != "arn" || p[1] == "" || p[5] == "" || strings.ContainsAny(arn, " \t\n") {
		return "", false
	}
	region, account, res := p[3], p[4], p[5]
	regional := region != "" && account != "" && !strings.ContainsAny(res, "/:")
	switch p[2] {
	case "lambda":
		parts := strings.Split(res, ":")
		return "lambda", region != "" && account != "" && parts[0] == "function" && (len(parts) == 2 || len(parts) == 3) &&
			reFunction.MatchString(parts[1]) && (len(parts) == 2 || reQualifier.MatchString(parts[2]))
	case "sqs", "sns":
		return p[2], regional
	case "events":
		name, ok := strings.CutPrefix(res, "event-bus/")
		return "events", ok && region != "" && account != "" && name != "" && !strings.Contains(name, ":")
	case "s3":
		return "s3", region == "" && account == "" && !strings.ContainsAny(res, "/:")
	}
	return "", false
}

func (s *Server) deleteConfig(c *call) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, e := s.resolve(c, true)
	if e != nil {
		return fail(e)
	}
	if t.fn.Configs[t.qualifier] == nil {
		return fail(errNotFound("The function %s doesn't have an EventInvokeConfig", t.arn(c.region)))
	}
	delete(t.fn.Configs, t.qualifier)
	rep := replyStatus(http.StatusNoContent)
	rep.changed = true
	return rep
}

// listConfigs lists a function's configs by qualifier ($LATEST first,
// then sorted), MaxItems 1-50.
func (s *Server) listConfigs(c *call) reply {
	limit, e := s.maxItems(c, 50)
	if e != nil {
		return fail(e)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, e := s.resolve(c, false)
	if e != nil {
		return fail(e)
	}
	var quals []string
	for q := range t.fn.Configs {
		quals = append(quals, q)
	}
	slices.SortFunc(quals, func(a, b string) int {
		if (a == latest) != (b == latest) {
			if a == latest {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	pg, next, e := page(quals, func(q string) string { return q }, c.r.URL.Query().Get("Marker"), limit)
	if e != nil {
		return fail(e)
	}
	out := configList{FunctionEventInvokeConfigs: []eventInvokeConfig{}, NextMarker: next}
	for _, q := range pg {
		qt := &target{name: t.name, qualifier: q, fn: t.fn}
		out.FunctionEventInvokeConfigs = append(out.FunctionEventInvokeConfigs, qt.output(c, t.fn.Configs[q]))
	}
	return ok(http.StatusOK, out)
}
