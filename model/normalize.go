package model

import "strings"

// Normalize returns a copy of c with l's defaults filled in for omitted
// fields (StatusLog stays nil on a cloud without a status flag, where a
// false is dropped), empty destination halves dropped, and function destinations in
// their full form (default package and qualifier filled). A nil c gives the
// all-defaults config. Two normalized configs compare with Diff.
func Normalize(c *AsyncConfig, l Limits) *AsyncConfig {
	out := c.Clone()
	if out == nil {
		out = &AsyncConfig{}
	}
	if out.MaxEventAgeSeconds == nil {
		out.MaxEventAgeSeconds = Int(l.DefaultMaxEventAgeSeconds)
	}
	if out.MaxRetryAttempts == nil {
		out.MaxRetryAttempts = Int(l.DefaultMaxRetryAttempts)
	}
	switch {
	case !l.HasStatusLog() && (out.StatusLog == nil || !*out.StatusLog):
		// No status flag: false is the only state and is not shown; a
		// true is kept for the checks to refuse.
		out.StatusLog = nil
	case out.StatusLog == nil:
		out.StatusLog = Bool(l.DefaultStatusLog)
	}
	out.OnSuccess = normalizeDestination(out.OnSuccess, l)
	out.OnFailure = normalizeDestination(out.OnFailure, l)
	return out
}

func normalizeDestination(d *Destination, l Limits) *Destination {
	if d.IsEmpty() {
		return nil
	}
	switch d.Kind {
	case KindFunction:
		d.Name = NormalizeFunctionName(d.Name, l)
		if d.Qualifier == "" {
			d.Qualifier = l.DestinationQualifier
		}
	case KindBucket:
		if d.ExpireDays == nil {
			d.ExpireDays = Int(0)
		}
	}
	return d
}

// NormalizeFunctionName returns name with the cloud's default package
// prefixed where it has none (FunctionGraph "orders" → "default/orders").
func NormalizeFunctionName(name string, l Limits) string {
	if l.DefaultPackage != "" && !strings.Contains(name, "/") {
		return l.DefaultPackage + "/" + name
	}
	return name
}

// NormalizeRef returns r with the default package and qualifier filled.
func NormalizeRef(r FunctionRef, l Limits) FunctionRef {
	r.Function = NormalizeFunctionName(r.Function, l)
	if r.Qualifier == "" {
		r.Qualifier = l.DefaultQualifier
	}
	return r
}
