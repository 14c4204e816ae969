package model

// Field paths used in FieldChange.Path; they are the document's keys.
const (
	FieldMaxEventAge = "maxEventAgeSeconds"
	FieldMaxRetries  = "maxRetryAttempts"
	FieldStatusLog   = "statusLog"
	FieldOnSuccess   = "onSuccess"
	FieldOnFailure   = "onFailure"
)

// FieldChange is one field that differs between two configs. Before and
// After are nil when the field is absent on that side; destinations are
// *Destination.
type FieldChange struct {
	Path   string `json:"path"`
	Before any    `json:"before"`
	After  any    `json:"after"`
}

// Diff returns the fields that differ between before and after, in the
// document's field order. Both should be normalized with the same Limits;
// a nil side has no fields.
func Diff(before, after *AsyncConfig) []FieldChange {
	if before == nil {
		before = &AsyncConfig{}
	}
	if after == nil {
		after = &AsyncConfig{}
	}
	var out []FieldChange
	if c, ok := diffPtr(FieldMaxEventAge, before.MaxEventAgeSeconds, after.MaxEventAgeSeconds); ok {
		out = append(out, c)
	}
	if c, ok := diffPtr(FieldMaxRetries, before.MaxRetryAttempts, after.MaxRetryAttempts); ok {
		out = append(out, c)
	}
	if c, ok := diffPtr(FieldStatusLog, before.StatusLog, after.StatusLog); ok {
		out = append(out, c)
	}
	for _, f := range []struct {
		path string
		b, a *Destination
	}{{FieldOnSuccess, before.OnSuccess, after.OnSuccess}, {FieldOnFailure, before.OnFailure, after.OnFailure}} {
		if !f.b.Equal(f.a) {
			out = append(out, FieldChange{Path: f.path, Before: destValue(f.b), After: destValue(f.a)})
		}
	}
	return out
}

func diffPtr[T comparable](path string, b, a *T) (FieldChange, bool) {
	switch {
	case b == nil && a == nil:
		return FieldChange{}, false
	case b != nil && a != nil && *b == *a:
		return FieldChange{}, false
	}
	c := FieldChange{Path: path}
	if b != nil {
		c.Before = *b
	}
	if a != nil {
		c.After = *a
	}
	return c, true
}

func destValue(d *Destination) any {
	if d.IsEmpty() {
		return nil
	}
	return d
}

// RemovesDestination reports whether going from before to after drops a
// destination half that before had. Clouds whose PUT merges (FC 2.0) need a
// delete before the put to make such a change.
func RemovesDestination(before, after *AsyncConfig) bool {
	if before == nil {
		return false
	}
	if after == nil {
		after = &AsyncConfig{}
	}
	return (!before.OnSuccess.IsEmpty() && after.OnSuccess.IsEmpty()) ||
		(!before.OnFailure.IsEmpty() && after.OnFailure.IsEmpty())
}
