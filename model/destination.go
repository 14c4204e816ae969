package model

import "fmt"

// DestinationKind is the kind of target that receives an async result.
type DestinationKind string

// The destination kinds of the neutral model. Which of them a cloud accepts
// is data: see Limits.Destinations.
const (
	// KindFunction is another function (FunctionGraph, Function Compute,
	// Lambda).
	KindFunction DestinationKind = "function"
	// KindTopic is a pub/sub topic (Huawei SMN, Alibaba MNS topic, Amazon
	// SNS).
	KindTopic DestinationKind = "topic"
	// KindQueue is a message queue (Alibaba MNS queue, Amazon SQS).
	KindQueue DestinationKind = "queue"
	// KindStream is a data stream (Huawei DIS).
	KindStream DestinationKind = "stream"
	// KindBucket is an object storage bucket (Huawei OBS, Amazon S3).
	KindBucket DestinationKind = "bucket"
	// KindEventBus is an event bus (Alibaba or Amazon EventBridge).
	KindEventBus DestinationKind = "eventBus"
	// KindRef is a native URN or ARN that could not be, or was not, parsed
	// into one of the other kinds; it is kept verbatim.
	KindRef DestinationKind = "ref"
)

// AllKinds lists every destination kind in a stable order.
var AllKinds = []DestinationKind{KindFunction, KindTopic, KindQueue, KindStream, KindBucket, KindEventBus, KindRef}

// Destination is where an async result is sent.
type Destination struct {
	// Kind says what Name names.
	Kind DestinationKind `json:"kind"`
	// Name is the target's name in its cloud: a function in the same form as
	// FunctionRef.Function, a topic, queue, stream, bucket or event bus name,
	// or for KindRef the native URN or ARN.
	Name string `json:"name"`
	// Qualifier is the version or alias of a function destination; empty
	// means the cloud's default.
	Qualifier string `json:"qualifier,omitempty"`
	// Prefix is the object key prefix of a bucket destination.
	Prefix string `json:"prefix,omitempty"`
	// ExpireDays is how long objects of a bucket destination are kept
	// (0 = never expire); nil means the cloud's default (0).
	ExpireDays *int `json:"expireDays,omitempty"`
}

// Clone returns a deep copy of d; nil gives nil.
func (d *Destination) Clone() *Destination {
	if d == nil {
		return nil
	}
	out := *d
	out.ExpireDays = clonePtr(d.ExpireDays)
	return &out
}

// IsEmpty reports whether d declares nothing (nil, or `{}` in a document).
func (d *Destination) IsEmpty() bool {
	return d == nil || (d.Kind == "" && d.Name == "")
}

// Equal reports whether d and o name the same target with the same settings.
// Both should be normalized first.
func (d *Destination) Equal(o *Destination) bool {
	if d.IsEmpty() || o.IsEmpty() {
		return d.IsEmpty() == o.IsEmpty()
	}
	return d.Kind == o.Kind && d.Name == o.Name && d.Qualifier == o.Qualifier &&
		d.Prefix == o.Prefix && intOr(d.ExpireDays, 0) == intOr(o.ExpireDays, 0)
}

// String renders d compactly, as in a plan: "function:notify@prod",
// "bucket:logs/prefix (expires 7d)".
func (d *Destination) String() string {
	if d.IsEmpty() {
		return "(none)"
	}
	s := fmt.Sprintf("%s:%s", d.Kind, d.Name)
	if d.Qualifier != "" {
		s += "@" + d.Qualifier
	}
	if d.Kind == KindBucket {
		if d.Prefix != "" {
			s += " prefix=" + d.Prefix
		}
		s += fmt.Sprintf(" expireDays=%d", intOr(d.ExpireDays, 0))
	}
	return s
}

func intOr(p *int, def int) int {
	if p == nil {
		return def
	}
	return *p
}
