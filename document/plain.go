package document

import (
	"math"

	"github.com/fnasync/fnasync/model"
)

// omap is an object whose keys keep their order when written.
type omap []member

type member struct {
	key string
	val any // omap, []any, string, int, float64, bool, nil
}

func (m *omap) add(key string, val any) { *m = append(*m, member{key, val}) }

// ordered returns doc as an ordered tree in the document's key order:
// version, providers (sorted), functions (in order). Unset optional fields
// are left out; 0 and false pointers are written.
func ordered(doc *model.Document) omap {
	var root omap
	root.add("version", doc.Version)
	providers := omap{}
	for _, name := range sortedKeys(doc.Providers) {
		providers.add(name, orderedProvider(doc.Providers[name]))
	}
	root.add("providers", providers)
	functions := make([]any, 0, len(doc.Functions))
	for _, e := range doc.Functions {
		functions = append(functions, orderedFunction(e))
	}
	root.add("functions", functions)
	return root
}

func orderedProvider(p *model.Provider) any {
	if p == nil {
		return nil
	}
	m := omap{{"type", p.Type}}
	addString(&m, "region", p.Region)
	addString(&m, "projectId", p.ProjectID)
	addString(&m, "accountId", p.AccountID)
	addString(&m, "endpoint", p.Endpoint)
	if p.RateLimit != 0 {
		if p.RateLimit == math.Trunc(p.RateLimit) && math.Abs(p.RateLimit) < 1<<53 {
			m.add("rateLimit", int(p.RateLimit))
		} else {
			m.add("rateLimit", p.RateLimit)
		}
	}
	if o := p.Limits; o != nil {
		l := omap{}
		addRange(&l, "maxEventAgeSeconds", o.MaxEventAgeSeconds)
		addRange(&l, "maxRetryAttempts", o.MaxRetryAttempts)
		if o.Destinations != nil {
			kinds := make([]any, len(o.Destinations))
			for i, k := range o.Destinations {
				kinds[i] = string(k)
			}
			l.add("destinations", kinds)
		}
		m.add("limits", l)
	}
	return m
}

func orderedFunction(e *model.FunctionEntry) any {
	if e == nil {
		return nil
	}
	m := omap{{"provider", e.Provider}, {"function", e.Function}}
	addString(&m, "qualifier", e.Qualifier)
	addInt(&m, model.FieldMaxEventAge, e.MaxEventAgeSeconds)
	addInt(&m, model.FieldMaxRetries, e.MaxRetryAttempts)
	if e.StatusLog != nil {
		m.add(model.FieldStatusLog, *e.StatusLog)
	}
	addDestination(&m, model.FieldOnSuccess, e.OnSuccess)
	addDestination(&m, model.FieldOnFailure, e.OnFailure)
	if e.Absent {
		m.add("absent", true)
	}
	return m
}

func addDestination(m *omap, key string, d *model.Destination) {
	if d.IsEmpty() {
		return
	}
	dd := d.Doc()
	o := omap{}
	for _, kv := range []member{{"function", dd.Function}, {"topic", dd.Topic}, {"queue", dd.Queue},
		{"stream", dd.Stream}, {"bucket", dd.Bucket}, {"eventBus", dd.EventBus}, {"ref", dd.Ref},
		{"qualifier", dd.Qualifier}, {"prefix", dd.Prefix}} {
		addString(&o, kv.key, kv.val.(string))
	}
	addInt(&o, "expireDays", dd.ExpireDays)
	m.add(key, o)
}

func addString(m *omap, key, v string) {
	if v != "" {
		m.add(key, v)
	}
}

func addInt(m *omap, key string, v *int) {
	if v != nil {
		m.add(key, *v)
	}
}

func addRange(m *omap, key string, r *model.Range) {
	if r != nil {
		m.add(key, omap{{"min", r.Min}, {"max", r.Max}})
	}
}

// plain returns v with every omap turned into a map[string]any, the form
// the schema validates.
func plain(v any) any {
	switch v := v.(type) {
	case omap:
		out := make(map[string]any, len(v))
		for _, m := range v {
			out[m.key] = plain(m.val)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = plain(x)
		}
		return out
	case int:
		return int64(v)
	}
	return v
}
