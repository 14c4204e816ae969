package mapping

import (
	"fmt"
	"slices"
	"strings"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/schemas"
)

// MapFile guides a migration (`fnasync migrate --map FILE`): renames, the
// FC 2.0 service to put functions in, qualifier renames and replacements
// for destinations the target cloud cannot take.
type MapFile struct {
	Version int `json:"version"`
	// Service is the FC 2.0 service of functions that come from a cloud
	// without services; without it the FunctionGraph package is used. It
	// replaces every FunctionGraph package; one other than default is
	// reported as a warning.
	Service string `json:"service,omitempty"`
	// Functions renames functions: source name (as in the document, or in
	// full form) → target name.
	Functions map[string]string `json:"functions,omitempty"`
	// Qualifiers renames versions and aliases: an entry's qualifier and a
	// function destination's, as Functions renames both.
	Qualifiers map[string]string `json:"qualifiers,omitempty"`
	// Destinations replaces destinations, keyed "KIND:NAME" as the source
	// names them (e.g. "bucket:logs", "queue:dead-letters"). A replacement
	// is written for the target and used as written: one the target would
	// not accept (a kind it lacks, a name outside its rules) is an error.
	Destinations map[string]model.DestinationDoc `json:"destinations,omitempty"`
	// Source, when set, locates the map file's parts (its File and
	// Positions), so that a diagnostic about a replacement can say where
	// the replacement is written.
	Source *model.Document `json:"-"`
}

// where returns " (FILE:LINE:COL)", where the replacement under key is
// written, or "" when f has no Source.
func (f *MapFile) where(key string) string {
	if f.Source == nil {
		return ""
	}
	d := f.Source.Locate(model.Diagnostic{Pointer: "/destinations/" + pointerEscaper.Replace(key), AtValue: true})
	if d.Line == 0 {
		return ""
	}
	return fmt.Sprintf(" (%s:%d:%d)", d.File, d.Line, d.Column)
}

var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

// MigrateOptions tune Migrate; nil means defaults.
type MigrateOptions struct {
	// Map guides the rewrite.
	Map *MapFile
	// Clamp moves out-of-range values into the target's range with a
	// warning instead of failing.
	Clamp bool
}

// Migrate rewrites every function entry of doc onto the provider named to
// (declared in doc). The result holds only that provider. Errors and the
// warnings for every lossy or assumed change are located in doc; the
// result is nil when there are errors.
func Migrate(doc *model.Document, to string, opts *MigrateOptions) (*model.Document, model.Diagnostics) {
	var o MigrateOptions
	if opts != nil {
		o = *opts
	}
	if o.Map == nil {
		o.Map = &MapFile{}
	}
	target := doc.Providers[to]
	if target == nil {
		return nil, model.Diagnostics{doc.Locate(model.Errorf("/providers", "target provider %q is not declared under providers: declare it, then migrate to it", to))}
	}
	tl, err := schemas.ProviderLimits(target)
	if err != nil {
		return nil, model.Diagnostics{doc.Locate(model.Errorf("/providers/"+to, "%v", err))}
	}
	m := &migration{doc: doc, to: to, tl: tl, opts: o, seen: map[model.FunctionRef]seenEntry{}}
	out := &model.Document{Version: 1, Providers: map[string]*model.Provider{to: target}}
	for i, e := range doc.Functions {
		if ne := m.entry(fmt.Sprintf("/functions/%d", i), e); ne != nil {
			out.Functions = append(out.Functions, ne)
		}
	}
	if m.diags.HasErrors() {
		return nil, m.diags
	}
	return out, m.diags
}

type migration struct {
	doc   *model.Document
	to    string
	tl    model.Limits
	opts  MigrateOptions
	diags model.Diagnostics
	// seen holds each function the result declares, by its ref normalized
	// on the target, with the entry it comes from.
	seen map[model.FunctionRef]seenEntry
}

// seenEntry is the entry of doc a function of the result comes from: its
// pointer, and its ref on its source provider when it is rewritten ("" for
// an entry already on the target).
type seenEntry struct{ ptr, from string }

func (m *migration) errorf(ptr, format string, args ...any) {
	m.add(model.Errorf(ptr, format, args...), false)
}

func (m *migration) warnf(ptr, format string, args ...any) {
	m.add(model.Warningf(ptr, format, args...), false)
}

// valueErrorf and valueWarnf report a finding about the value at ptr,
// located where the value is written (where its entry is, when it is not).
func (m *migration) valueErrorf(ptr, format string, args ...any) {
	m.add(model.Errorf(ptr, format, args...), true)
}

func (m *migration) valueWarnf(ptr, format string, args ...any) {
	m.add(model.Warningf(ptr, format, args...), true)
}

func (m *migration) add(d model.Diagnostic, atValue bool) {
	d.AtValue = atValue
	m.diags = append(m.diags, m.doc.Locate(d))
}

func (m *migration) entry(ptr string, e *model.FunctionEntry) *model.FunctionEntry {
	src := m.doc.Providers[e.Provider]
	if src == nil {
		m.errorf(ptr+"/provider", "provider %q is not declared", e.Provider)
		return nil
	}
	if e.Provider == m.to {
		c := *e
		if !m.declare(ptr, model.NormalizeRef(c.Ref(), m.tl), "") {
			return nil
		}
		return &c
	}
	sl, err := schemas.ProviderLimits(src)
	if err != nil {
		m.errorf(ptr+"/provider", "%v", err)
		return nil
	}
	ref := model.NormalizeRef(e.Ref(), sl)
	out := &model.FunctionEntry{Provider: m.to, Absent: e.Absent}
	name, ok := m.function(ptr+"/function", e.Function, ref.Function, sl)
	if !ok {
		return nil
	}
	out.Function = name
	out.Qualifier = m.renameQualifier(ref.Qualifier, sl.DefaultQualifier, m.tl.DefaultQualifier)
	m.checkQualifier(ptr+"/qualifier", "", out.Qualifier)
	if !m.declare(ptr, model.NormalizeRef(out.Ref(), m.tl), ref.String()) {
		return nil
	}
	if e.Absent {
		return out
	}
	cfg := model.Normalize(&e.AsyncConfig, sl)
	out.MaxEventAgeSeconds = m.value(ptr+"/"+model.FieldMaxEventAge, model.FieldMaxEventAge, *cfg.MaxEventAgeSeconds, m.tl.MaxEventAgeSeconds, e.MaxEventAgeSeconds == nil, src.Type)
	out.MaxRetryAttempts = m.value(ptr+"/"+model.FieldMaxRetries, model.FieldMaxRetries, *cfg.MaxRetryAttempts, m.tl.MaxRetryAttempts, e.MaxRetryAttempts == nil, src.Type)
	out.StatusLog = m.statusLog(ptr+"/"+model.FieldStatusLog, cfg.StatusLog, sl)
	out.OnSuccess = m.destination(ptr+"/"+model.FieldOnSuccess, e.Provider, src, cfg.OnSuccess, e.OnSuccess, sl)
	out.OnFailure = m.destination(ptr+"/"+model.FieldOnFailure, e.Provider, src, cfg.OnFailure, e.OnFailure, sl)
	if d := out.OnSuccess; d != nil && !m.tl.AcceptsOn(model.FieldOnSuccess, d.Kind) {
		key := string(d.Kind) + ":" + d.Name
		if e.OnSuccess != nil && !e.OnSuccess.IsEmpty() {
			key = string(e.OnSuccess.Kind) + ":" + e.OnSuccess.Name
		}
		m.errorf(ptr+"/"+model.FieldOnSuccess, "%s takes %s destinations in onFailure only, so %s cannot stay in onSuccess: add a replacement under destinations: {%q: {...}} in the map file",
			m.tl.Type, d.Kind, d, key)
		out.OnSuccess = nil
	}
	return out
}

// statusLog carries the status flag over: a cloud without one (AWS
// Lambda) takes no statusLog, so a true is an error, or dropped with a
// warning under --clamp; from such a cloud the flag is written as false,
// what it does.
func (m *migration) statusLog(ptr string, v *bool, sl model.Limits) *bool {
	switch {
	case !m.tl.HasStatusLog():
		if v != nil && *v {
			if m.opts.Clamp {
				m.valueWarnf(ptr, "statusLog true is dropped: %s has no async status log (it keeps no record per async invocation)", m.tl.Type)
			} else {
				m.valueErrorf(ptr, "statusLog true cannot carry over: %s has no async status log; remove it, or migrate with --clamp to drop it", m.tl.Type)
			}
		}
		return nil
	case !sl.HasStatusLog():
		return model.Bool(false)
	}
	return v
}

// function maps a function name: the map file's rename first, else the
// identity rules (package ⇄ service ⇄ none).
func (m *migration) function(ptr, written, full string, sl model.Limits) (string, bool) {
	name, renamed := m.opts.Map.Functions[written]
	if !renamed {
		name, renamed = m.opts.Map.Functions[full]
	}
	if !renamed {
		group, base := splitFunction(full, sl)
		switch {
		case len(m.tl.FunctionParts) == 1:
			if group != "" && group != sl.DefaultPackage {
				m.valueWarnf(ptr, "%s drops %s %q: %s has no %s (rename under functions: in the map file to choose)", m.to, sl.FunctionParts[0], group, m.tl.Type, sl.FunctionParts[0])
			}
			name = base
		case m.tl.MinFunctionParts >= 2 && m.opts.Map.Service != "":
			name = m.opts.Map.Service + "/" + base
			if group != "" && group != sl.DefaultPackage && group != m.opts.Map.Service {
				m.valueWarnf(ptr, "%s %q from the map file replaces %s %q of %s (rename it under functions: in the map file to keep it)",
					m.tl.FunctionParts[0], m.opts.Map.Service, sl.FunctionParts[0], group, full)
			}
		case m.tl.MinFunctionParts >= 2 && group != "":
			name = group + "/" + base
			if sl.FunctionParts[0] != m.tl.FunctionParts[0] { // from FC 2.0 the service is the same
				m.valueWarnf(ptr, "%s %q assumed from %s %q (set service: in the map file to choose another)", m.tl.FunctionParts[0], group, sl.FunctionParts[0], group)
			}
		case m.tl.MinFunctionParts >= 2:
			m.valueErrorf(ptr, "%s needs a service for function %q: set service: in the map file, or rename it under functions:", m.tl.Type, base)
			return "", false
		case group == "" || group == m.tl.DefaultPackage:
			name = base
		default:
			name = group + "/" + base
		}
	}
	if err := model.CheckFunction(name, m.tl); err != nil {
		m.valueErrorf(ptr, "%v: rename it under functions: in the map file", err)
		return "", false
	}
	return name, true
}

func splitFunction(full string, l model.Limits) (group, base string) {
	if i := strings.LastIndex(full, "/"); i >= 0 && len(l.FunctionParts) > 1 {
		return full[:i], full[i+1:]
	}
	return "", full
}

// declare records that the entry at ptr gives the function key on the
// target, rewritten from the source ref from ("" when the entry is already
// on the target). A function the result already declares is an error at
// the later entry; declare reports whether key was new.
func (m *migration) declare(ptr string, key model.FunctionRef, from string) bool {
	prev, dup := m.seen[key]
	if !dup {
		m.seen[key] = seenEntry{ptr: ptr, from: from}
		return true
	}
	first := prev.ptr
	if p, ok := m.doc.Positions[first]; ok {
		first += fmt.Sprintf(", line %d", p.Line)
	}
	switch {
	case from != "" && prev.from != "":
		m.errorf(ptr, "%s becomes %s on %s, as %s does (%s): rename one of them under functions: in the map file", from, key, m.to, prev.from, first)
	case from != "":
		m.errorf(ptr, "%s becomes %s on %s, which the entry at %s already declares: rename it under functions: in the map file, or remove one of the two", from, key, m.to, first)
	case prev.from != "":
		m.errorf(ptr, "%s is declared on %s, and %s becomes it too (%s): rename that one under functions: in the map file, or remove one of the two", key, m.to, prev.from, first)
	default:
		m.errorf(ptr, "%s is declared twice (first at %s): merge the two entries into one", key, first)
	}
	return false
}

// renameQualifier gives the target's qualifier for q, a qualifier of the
// source: the map file's rename, else q; "" when that is the source's
// default (srcDefault, unless renamed) or the target's (dstDefault).
func (m *migration) renameQualifier(q, srcDefault, dstDefault string) string {
	if r, ok := m.opts.Map.Qualifiers[q]; ok && q != "" {
		q = r
	} else if q == srcDefault {
		return ""
	}
	if q == dstDefault {
		return ""
	}
	return q
}

// checkQualifier reports, at ptr, a qualifier q the target does not
// accept; what prefixes the message ("destination "). It reports whether
// q is valid or empty.
func (m *migration) checkQualifier(ptr, what, q string) bool {
	if q == "" {
		return true
	}
	if err := model.CheckName("qualifier", q, m.tl); err != nil {
		m.valueErrorf(ptr, "%s%v: rename it under qualifiers: in the map file", what, err)
		return false
	}
	return true
}

func (m *migration) value(ptr, field string, v int, r model.Range, defaulted bool, srcType string) *int {
	if r.Contains(v) {
		return model.Int(v)
	}
	what := fmt.Sprintf("%s %d", field, v)
	if defaulted {
		what += fmt.Sprintf(" (the %s default)", srcType)
	}
	if m.opts.Clamp {
		m.valueWarnf(ptr, "%s is outside %d..%d on %s: clamped to %d", what, r.Min, r.Max, m.tl.Type, r.Clamp(v))
		return model.Int(r.Clamp(v))
	}
	m.valueErrorf(ptr, "%s is outside %d..%d on %s: change it, or migrate with --clamp", what, r.Min, r.Max, m.tl.Type)
	return nil
}

// destination rewrites one destination half of an entry of provider src:
// d normalized, written as the document has it. A map-file replacement
// wins; a ref local to src is read as its kind (see sourceRef) and then
// treated as that kind, with a warning; a kind the target has is carried
// over (a function's name and qualifier through the map file's renames);
// a ref that means the same on the target (see sameARN) is carried over
// as is, with a warning; anything else is an error naming the map-file
// key that would replace it. What the target would not accept is an
// error.
func (m *migration) destination(ptr, srcName string, src *model.Provider, d, written *model.Destination, sl model.Limits) *model.Destination {
	if d.IsEmpty() {
		return nil
	}
	if !slices.Contains(model.AllKinds, d.Kind) || d.Name == "" {
		m.errorf(ptr, "destination %q of kind %q names no target of a kind in %v: set one of them", d.Name, d.Kind, model.AllKinds)
		return nil
	}
	if r, ok := m.replacement(ptr, d, "", destinationKeys(d, written)); ok {
		return r
	}
	own, values := scopeOf(srcName, src)
	namePtr, qualPtr, ref, via, foreign := ptr+"/function", ptr+"/qualifier", "", "", ""
	if d.Kind == model.KindRef {
		ref = d.Name
		parsed, where := sourceRef(src, d.Name)
		if parsed == nil {
			foreign = where
		} else {
			via = fmt.Sprintf("read from ref %s in %s", d.Name, own)
			d = model.Normalize(&model.AsyncConfig{OnSuccess: parsed}, sl).OnSuccess
			written, namePtr, qualPtr = parsed, ptr+"/ref", ptr+"/ref"
			if r, ok := m.replacement(ptr, d, via, destinationKeys(d, written)); ok {
				return r
			}
		}
	}
	var out *model.Destination
	switch {
	case d.Kind == model.KindFunction:
		name, ok := m.function(namePtr, written.Name, d.Name, sl)
		if !ok {
			return nil
		}
		out = &model.Destination{Kind: model.KindFunction, Name: name}
		// The map file's qualifier renames apply to a destination's
		// qualifier as its function renames apply to its function.
		switch q := m.renameQualifier(d.Qualifier, sl.DefaultQualifier, m.tl.DefaultQualifier); {
		case q == "":
		case m.tl.Type == model.TypeAliFC3: // FC 3.0 function ARNs carry no qualifier
			m.warnf(ptr, "qualifier %q of the destination function is dropped: %s destinations have none", d.Qualifier, m.tl.Type)
		case !m.checkQualifier(qualPtr, "destination ", q):
			return nil
		default:
			out.Qualifier = q
		}
	case d.Kind != model.KindRef && m.tl.Accepts(d.Kind):
		out = d.Clone()
		if out.Kind == model.KindBucket && m.tl.Type == model.TypeAWSLambda && out.ExpireDays != nil && *out.ExpireDays == 0 {
			out.ExpireDays = nil // Lambda's buckets have no expiry; 0 days is the neutral default
		}
		if err := checkTargetDestination(out, m.tl); err != nil {
			m.valueErrorf(ptr+"/"+string(written.Kind), "destination %v on %s: add a replacement under destinations: {%q: {...}} in the map file", err, m.tl.Type, string(written.Kind)+":"+written.Name)
			return nil
		}
	case d.Kind == model.KindRef && sameARN(src, m.doc.Providers[m.to], d.Name):
		where := foreign
		if where == "" {
			where = "a kind fnasync does not map"
		}
		m.warnf(ptr, "ref destination %s (%s) is carried over as is: the ARN means the same on %s", d.Name, where, m.tl.Type)
		out = d.Clone()
	case foreign != "":
		m.errorf(ptr, "a ref destination (%s) is foreign: it names %s, not %s (%s), and has no equivalent on %s: add a replacement under destinations: {%q: {...}} in the map file",
			d.Name, foreign, own, values, m.tl.Type, "ref:"+written.Name)
		return nil
	default:
		what := d.Name
		if via != "" {
			what += ", " + via
		}
		m.errorf(ptr, "%s %s destination (%s) has no equivalent on %s, which takes %v: add a replacement under destinations: {%q: {...}} in the map file",
			article(string(d.Kind)), d.Kind, what, m.tl.Type, m.tl.Destinations, string(d.Kind)+":"+written.Name)
		return nil
	}
	if via != "" {
		m.warnf(ptr, "ref destination %s is read as %s (it is in %s) and carried over as %s", ref, d, own, out)
	}
	return out
}

// replacement looks d up in the map file under keys; ok reports whether
// the map file names it (the result is nil when its entry is unusable).
// via says where a kind read from a ref came from.
func (m *migration) replacement(ptr string, d *model.Destination, via string, keys []string) (*model.Destination, bool) {
	for _, k := range keys {
		dd, found := m.opts.Map.Destinations[k]
		if !found {
			continue
		}
		r, err := dd.Destination()
		switch {
		case err != nil:
		case r == nil:
			err = fmt.Errorf("it names no destination: set one of %v", model.AllKinds)
		default: // written for the target: held to its rules as written
			err = checkTargetDestination(r, m.tl)
		}
		if err != nil {
			m.errorf(ptr, "map file replacement for %q%s: %v", k, m.opts.Map.where(k), err)
			return nil, true
		}
		if via != "" {
			m.warnf(ptr, "%s destination %s (%s) replaced by %s from the map file", d.Kind, d.Name, via, r)
		} else {
			m.warnf(ptr, "%s destination %s replaced by %s from the map file", d.Kind, d.Name, r)
		}
		return r, true
	}
	return nil, false
}

func article(word string) string {
	if word != "" && strings.ContainsRune("aeiouAEIOU", rune(word[0])) {
		return "an"
	}
	return "a"
}

// destinationKeys are the map-file keys that may name d: as written in the
// document and in full form.
func destinationKeys(d, written *model.Destination) []string {
	keys := []string{string(written.Kind) + ":" + written.Name}
	if full := string(d.Kind) + ":" + d.Name; full != keys[0] {
		keys = append(keys, full)
	}
	return keys
}
