package document

import (
	"math"
	"sort"
	"strconv"

	"github.com/fnasync/fnasync/model"
)

// builder fills a model.Document from plain values. It takes what has the
// right type and leaves the rest to the schema pass, which reports it; it
// reports only what the schema cannot see (integers too large for int)
// and keeps destination form errors for the semantic pass.
type builder struct {
	diags model.Diagnostics
	// destErrs holds the destinations whose form is invalid, by pointer.
	destErrs map[string]error
}

func (b *builder) document(v any) *model.Document {
	doc := &model.Document{}
	root, _ := v.(map[string]any)
	if n, ok := b.integer(root["version"], "/version"); ok {
		doc.Version = n
	}
	if ps, ok := root["providers"].(map[string]any); ok {
		doc.Providers = make(map[string]*model.Provider, len(ps))
		names := make([]string, 0, len(ps))
		for name := range ps {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			doc.Providers[name] = b.provider(name, ps[name], "/providers/"+escape(name))
		}
	}
	if fs, ok := root["functions"].([]any); ok {
		doc.Functions = make([]*model.FunctionEntry, len(fs))
		for i, f := range fs {
			doc.Functions[i] = b.function(f, "/functions/"+strconv.Itoa(i))
		}
	}
	return doc
}

func (b *builder) provider(name string, v any, ptr string) *model.Provider {
	m, _ := v.(map[string]any)
	p := &model.Provider{Name: name}
	p.Type, _ = m["type"].(string)
	p.Region, _ = m["region"].(string)
	p.ProjectID, _ = m["projectId"].(string)
	p.AccountID, _ = m["accountId"].(string)
	p.Endpoint, _ = m["endpoint"].(string)
	if f, ok := number(m["rateLimit"]); ok && f > 0 {
		p.RateLimit = f
	}
	if l, ok := m["limits"].(map[string]any); ok {
		p.Limits = &model.LimitsOverride{
			MaxEventAgeSeconds: b.rng(l["maxEventAgeSeconds"], ptr+"/limits/maxEventAgeSeconds"),
			MaxRetryAttempts:   b.rng(l["maxRetryAttempts"], ptr+"/limits/maxRetryAttempts"),
		}
		if ks, ok := l["destinations"].([]any); ok {
			p.Limits.Destinations = []model.DestinationKind{}
			for _, k := range ks {
				if s, ok := k.(string); ok {
					p.Limits.Destinations = append(p.Limits.Destinations, model.DestinationKind(s))
				}
			}
		}
	}
	return p
}

func (b *builder) rng(v any, ptr string) *model.Range {
	m, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	lo, ok1 := b.integer(m["min"], ptr+"/min")
	hi, ok2 := b.integer(m["max"], ptr+"/max")
	if !ok1 || !ok2 {
		return nil
	}
	return &model.Range{Min: lo, Max: hi}
}

func (b *builder) function(v any, ptr string) *model.FunctionEntry {
	m, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	e := &model.FunctionEntry{}
	e.Provider, _ = m["provider"].(string)
	e.Function, _ = m["function"].(string)
	e.Qualifier, _ = m["qualifier"].(string)
	if n, ok := b.integer(m["maxEventAgeSeconds"], ptr+"/maxEventAgeSeconds"); ok {
		e.MaxEventAgeSeconds = &n
	}
	if n, ok := b.integer(m["maxRetryAttempts"], ptr+"/maxRetryAttempts"); ok {
		e.MaxRetryAttempts = &n
	}
	if s, ok := m["statusLog"].(bool); ok {
		e.StatusLog = &s
	}
	e.OnSuccess = b.destination(m["onSuccess"], ptr+"/onSuccess")
	e.OnFailure = b.destination(m["onFailure"], ptr+"/onFailure")
	e.Absent, _ = m["absent"].(bool)
	return e
}

func (b *builder) destination(v any, ptr string) *model.Destination {
	m, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	str := func(key string) string { v, _ := m[key].(string); return v }
	dd := model.DestinationDoc{Function: str("function"), Topic: str("topic"), Queue: str("queue"),
		Stream: str("stream"), Bucket: str("bucket"), EventBus: str("eventBus"), Ref: str("ref"),
		Qualifier: str("qualifier"), Prefix: str("prefix")}
	if n, ok := b.integer(m["expireDays"], ptr+"/expireDays"); ok {
		dd.ExpireDays = &n
	}
	d, err := dd.Destination()
	if err != nil {
		if b.destErrs == nil {
			b.destErrs = map[string]error{}
		}
		b.destErrs[ptr] = err
		return nil
	}
	return d
}

// integer reads an integral number that fits an int; a larger one is
// reported here, since the schema only knows it is an integer.
func (b *builder) integer(v any, ptr string) (int, bool) {
	switch n := v.(type) {
	case int64:
		if n >= math.MinInt && n <= math.MaxInt {
			return int(n), true
		}
	case float64:
		if n != math.Trunc(n) {
			return 0, false
		}
		if n >= -(1<<53) && n <= 1<<53 {
			return int(n), true
		}
		b.diags = append(b.diags, valueError(ptr, "%s is too large to be a count or a number of seconds", strconv.FormatFloat(n, 'g', -1, 64)))
	}
	return 0, false
}

func number(v any) (float64, bool) {
	switch n := v.(type) {
	case int64:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}
