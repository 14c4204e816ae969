package model

import "slices"

// Range is an inclusive integer range.
type Range struct {
	Min int `json:"min"`
	Max int `json:"max"`
}

// Contains reports whether v lies in r.
func (r Range) Contains(v int) bool { return v >= r.Min && v <= r.Max }

// Clamp returns v moved into r.
func (r Range) Clamp(v int) int { return min(max(v, r.Min), r.Max) }

// Limits are what one cloud accepts for async configs, and its defaults.
// The tables live in package schemas; a document's provider may override
// the ranges and destination kinds (LimitsOverride).
type Limits struct {
	// Type is the provider type these limits belong to (huaweifg, alifc, ...).
	Type string `json:"type"`
	// MaxEventAgeSeconds is the accepted range of the max event age.
	MaxEventAgeSeconds Range `json:"maxEventAgeSeconds"`
	// DefaultMaxEventAgeSeconds fills an omitted max event age.
	DefaultMaxEventAgeSeconds int `json:"defaultMaxEventAgeSeconds"`
	// MaxRetryAttempts is the accepted range of retry attempts.
	MaxRetryAttempts Range `json:"maxRetryAttempts"`
	// DefaultMaxRetryAttempts fills an omitted retry count.
	DefaultMaxRetryAttempts int `json:"defaultMaxRetryAttempts"`
	// DefaultStatusLog fills an omitted status flag.
	DefaultStatusLog bool `json:"defaultStatusLog"`
	// StatusFlag is the cloud's name of the status flag, for messages;
	// empty where the cloud has none (AWS Lambda), and then a statusLog of
	// true cannot be expressed (see HasStatusLog).
	StatusFlag string `json:"statusFlag,omitempty"`
	// Destinations are the destination kinds the cloud accepts (KindRef is
	// always accepted if the native form parses).
	Destinations []DestinationKind `json:"destinations"`
	// FailureOnly are destination kinds the cloud takes on failure only
	// (AWS Lambda's S3 buckets).
	FailureOnly []DestinationKind `json:"failureOnly,omitempty"`
	// DefaultPackage is prefixed to a function name without one
	// ("default" on FunctionGraph; empty elsewhere).
	DefaultPackage string `json:"defaultPackage,omitempty"`
	// DefaultQualifier fills an omitted function qualifier.
	DefaultQualifier string `json:"defaultQualifier"`
	// DestinationQualifier fills an omitted qualifier of a function
	// destination; empty where the cloud's destination has no qualifier.
	DestinationQualifier string `json:"destinationQualifier,omitempty"`
	// FunctionParts names the "/"-separated parts of a function name, each
	// a key of Names: FunctionGraph ["package", "function"], FC 2.0
	// ["service", "function"], FC 3.0 ["function"]. MinFunctionParts is how
	// many must be given; missing leading parts take their default
	// (DefaultPackage).
	FunctionParts    []string `json:"functionParts"`
	MinFunctionParts int      `json:"minFunctionParts"`
	// Names maps a name kind (package, service, function, qualifier,
	// invocationId) to the regular expression a name of that kind must
	// match in full. Every name that ends up in a URL path is checked.
	Names map[string]string `json:"names"`
}

// Accepts reports whether the cloud takes destinations of kind k.
func (l Limits) Accepts(k DestinationKind) bool {
	return k == KindRef || slices.Contains(l.Destinations, k)
}

// HasStatusLog reports whether the cloud records async status (has a
// status flag). Where it does not, statusLog false is the only value.
func (l Limits) HasStatusLog() bool { return l.StatusFlag != "" }

// AcceptsOn reports whether the cloud takes destinations of kind k in the
// half named field (FieldOnSuccess or FieldOnFailure).
func (l Limits) AcceptsOn(field string, k DestinationKind) bool {
	return l.Accepts(k) && (field != FieldOnSuccess || !slices.Contains(l.FailureOnly, k))
}

// LimitsOverride widens or narrows a cloud's limits for one provider of a
// document (its `limits:` key). Nil fields keep the cloud's value.
type LimitsOverride struct {
	MaxEventAgeSeconds *Range            `json:"maxEventAgeSeconds,omitempty" yaml:"maxEventAgeSeconds,omitempty"`
	MaxRetryAttempts   *Range            `json:"maxRetryAttempts,omitempty" yaml:"maxRetryAttempts,omitempty"`
	Destinations       []DestinationKind `json:"destinations,omitempty" yaml:"destinations,omitempty"`
}

// With returns l with o applied.
func (l Limits) With(o *LimitsOverride) Limits {
	if o == nil {
		return l
	}
	if o.MaxEventAgeSeconds != nil {
		l.MaxEventAgeSeconds = *o.MaxEventAgeSeconds
	}
	if o.MaxRetryAttempts != nil {
		l.MaxRetryAttempts = *o.MaxRetryAttempts
	}
	if o.Destinations != nil {
		l.Destinations = slices.Clone(o.Destinations)
	}
	return l
}
