package document

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/schemas"
)

// checker runs the semantic and per-cloud passes over a document.
type checker struct {
	doc   *model.Document
	diags model.Diagnostics
	// limits holds the limits of each provider whose type is known.
	limits map[string]model.Limits
	// insecure accepts plain http:// endpoints that are not loopback.
	insecure bool
}

func newChecker(doc *model.Document, o Options) *checker {
	c := &checker{doc: doc, limits: map[string]model.Limits{}, insecure: o.InsecureEndpoint}
	for name, p := range doc.Providers {
		if p == nil {
			continue
		}
		if l, err := schemas.ProviderLimits(p); err == nil {
			c.limits[name] = l
		}
	}
	return c
}

// errorf reports a finding about the value at ptr.
func (c *checker) errorf(ptr, format string, args ...any) {
	c.diags = append(c.diags, valueError(ptr, format, args...))
}

// keyErrorf reports a finding about the key at ptr: one that does not
// belong, or, with ptr an object, a key it lacks.
func (c *checker) keyErrorf(ptr, format string, args ...any) {
	c.diags = append(c.diags, model.Errorf(ptr, format, args...))
}

// valueError returns an error about the value at ptr, located where the
// value is written rather than at its key.
func valueError(ptr, format string, args ...any) model.Diagnostic {
	d := model.Errorf(ptr, format, args...)
	d.AtValue = true
	return d
}

// semantics checks what holds across fields and entries. destErrs are the
// destination form errors found while building the document from text;
// for a document built in code each destination is checked here.
func (c *checker) semantics(destErrs map[string]error) {
	for _, name := range sortedKeys(c.doc.Providers) {
		if p := c.doc.Providers[name]; p != nil && p.Limits != nil {
			base := "/providers/" + escape(name) + "/limits"
			c.checkRange(base+"/maxEventAgeSeconds", p.Limits.MaxEventAgeSeconds)
			c.checkRange(base+"/maxRetryAttempts", p.Limits.MaxRetryAttempts)
		}
	}
	firstSeen := map[model.FunctionRef]int{}
	for i, e := range c.doc.Functions {
		if e == nil {
			continue
		}
		ptr := "/functions/" + strconv.Itoa(i)
		c.checkProvider(ptr, e)
		if e.Function != "" {
			ref := e.Ref()
			if l, ok := c.limits[e.Provider]; ok {
				ref = model.NormalizeRef(ref, l)
			}
			if j, dup := firstSeen[ref]; dup {
				c.errorf(ptr, "%s is declared twice (first at /functions/%d%s): merge the two entries into one", ref, j, c.lineOf("/functions/"+strconv.Itoa(j)))
			} else {
				firstSeen[ref] = i
			}
		}
		if e.Absent {
			if set := settings(&e.AsyncConfig); len(set) > 0 {
				c.errorf(ptr+"/absent", "absent: true cannot be combined with %s: remove those settings, or remove absent to configure the function", strings.Join(set, ", "))
			}
		}
		for _, h := range halves(e) {
			hp := ptr + "/" + h.field
			if err, ok := destErrs[hp]; ok {
				c.errorf(hp, "%v", err)
			} else if h.d != nil {
				if !h.d.IsEmpty() && !slices.Contains(model.AllKinds, h.d.Kind) {
					c.errorf(hp, "destination kind %q is not one of %v", h.d.Kind, model.AllKinds)
				} else if _, err := h.d.Doc().Destination(); err != nil {
					c.errorf(hp, "%v", err)
				}
			}
		}
	}
}

func (c *checker) checkRange(ptr string, r *model.Range) {
	if r != nil && r.Min > r.Max {
		c.errorf(ptr, "min %d is greater than max %d: swap them", r.Min, r.Max)
	}
}

func (c *checker) checkProvider(ptr string, e *model.FunctionEntry) {
	if e.Provider == "" {
		return // the schema reports it
	}
	if p, ok := c.doc.Providers[e.Provider]; ok && p != nil {
		return
	}
	names := sortedKeys(c.doc.Providers)
	hint := "declare it under providers"
	if len(names) > 0 {
		hint += ", or use one of " + strings.Join(names, ", ")
	}
	c.errorf(ptr+"/provider", "provider %q is not declared: %s", e.Provider, hint)
}

// lineOf renders ", line N" for a located pointer, or "".
func (c *checker) lineOf(ptr string) string {
	if p, ok := c.doc.Positions[ptr]; ok {
		return fmt.Sprintf(", line %d", p.Line)
	}
	return ""
}

// settings names the fields of cfg that are set.
func settings(cfg *model.AsyncConfig) []string {
	var out []string
	for _, f := range []struct {
		name string
		set  bool
	}{
		{model.FieldMaxEventAge, cfg.MaxEventAgeSeconds != nil},
		{model.FieldMaxRetries, cfg.MaxRetryAttempts != nil},
		{model.FieldStatusLog, cfg.StatusLog != nil},
		{model.FieldOnSuccess, !cfg.OnSuccess.IsEmpty()},
		{model.FieldOnFailure, !cfg.OnFailure.IsEmpty()},
	} {
		if f.set {
			out = append(out, f.name)
		}
	}
	return out
}

type half struct {
	field string
	d     *model.Destination
}

func halves(e *model.FunctionEntry) []half {
	return []half{{model.FieldOnSuccess, e.OnSuccess}, {model.FieldOnFailure, e.OnFailure}}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
