package model

import (
	"encoding/json"
	"fmt"
)

// DestinationDoc is the document form of a Destination: exactly one of the
// kind keys is set, e.g. `{function: notify, qualifier: prod}`,
// `{topic: alerts}`, `{bucket: logs, prefix: async/, expireDays: 7}` or
// `{ref: "acs:mns:..."}`. An all-empty DestinationDoc (`{}`) means "none".
type DestinationDoc struct {
	Function   string `json:"function,omitempty" yaml:"function,omitempty"`
	Topic      string `json:"topic,omitempty" yaml:"topic,omitempty"`
	Queue      string `json:"queue,omitempty" yaml:"queue,omitempty"`
	Stream     string `json:"stream,omitempty" yaml:"stream,omitempty"`
	Bucket     string `json:"bucket,omitempty" yaml:"bucket,omitempty"`
	EventBus   string `json:"eventBus,omitempty" yaml:"eventBus,omitempty"`
	Ref        string `json:"ref,omitempty" yaml:"ref,omitempty"`
	Qualifier  string `json:"qualifier,omitempty" yaml:"qualifier,omitempty"`
	Prefix     string `json:"prefix,omitempty" yaml:"prefix,omitempty"`
	ExpireDays *int   `json:"expireDays,omitempty" yaml:"expireDays,omitempty"`
}

// Doc returns the document form of d.
func (d *Destination) Doc() DestinationDoc {
	out := DestinationDoc{Qualifier: d.Qualifier, Prefix: d.Prefix, ExpireDays: clonePtr(d.ExpireDays)}
	switch d.Kind {
	case KindFunction:
		out.Function = d.Name
	case KindTopic:
		out.Topic = d.Name
	case KindQueue:
		out.Queue = d.Name
	case KindStream:
		out.Stream = d.Name
	case KindBucket:
		out.Bucket = d.Name
	case KindEventBus:
		out.EventBus = d.Name
	case KindRef:
		out.Ref = d.Name
	}
	return out
}

// Destination converts the document form to a Destination. It returns nil
// for an empty form and an error when not exactly one kind key is set or a
// setting does not belong to the kind.
func (dd DestinationDoc) Destination() (*Destination, error) {
	var set []DestinationKind
	d := &Destination{Qualifier: dd.Qualifier, Prefix: dd.Prefix, ExpireDays: clonePtr(dd.ExpireDays)}
	for _, kv := range []struct {
		k DestinationKind
		v string
	}{{KindFunction, dd.Function}, {KindTopic, dd.Topic}, {KindQueue, dd.Queue}, {KindStream, dd.Stream},
		{KindBucket, dd.Bucket}, {KindEventBus, dd.EventBus}, {KindRef, dd.Ref}} {
		if kv.v != "" {
			set = append(set, kv.k)
			d.Kind, d.Name = kv.k, kv.v
		}
	}
	switch {
	case len(set) == 0 && dd.Qualifier == "" && dd.Prefix == "" && dd.ExpireDays == nil:
		return nil, nil
	case len(set) == 0:
		return nil, fmt.Errorf("destination names no target: set one of function, topic, queue, stream, bucket, eventBus, ref")
	case len(set) > 1:
		return nil, fmt.Errorf("destination sets both %s and %s: set exactly one target", set[0], set[1])
	case d.Qualifier != "" && d.Kind != KindFunction:
		return nil, fmt.Errorf("qualifier only applies to a function destination, not %s", d.Kind)
	case (d.Prefix != "" || d.ExpireDays != nil) && d.Kind != KindBucket:
		return nil, fmt.Errorf("prefix and expireDays only apply to a bucket destination, not %s", d.Kind)
	}
	return d, nil
}

// MarshalJSON writes d in its document form.
func (d Destination) MarshalJSON() ([]byte, error) { return json.Marshal(d.Doc()) }

// UnmarshalJSON reads d from its document form.
func (d *Destination) UnmarshalJSON(b []byte) error {
	var dd DestinationDoc
	if err := json.Unmarshal(b, &dd); err != nil {
		return err
	}
	v, err := dd.Destination()
	if err != nil {
		return err
	}
	if v == nil {
		v = &Destination{}
	}
	*d = *v
	return nil
}

// MarshalYAML writes d in its document form.
func (d Destination) MarshalYAML() (any, error) { return d.Doc(), nil }
