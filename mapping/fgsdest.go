package mapping

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/fnasync/fnasync/model"
)

// The param objects of each destination service. Their fields are in
// the order of their JSON keys, sorted, so that a param is written as
// Terraform's jsonencode writes the same object (the FunctionGraph
// provider compares the text): fgsDestination relies on it.
type (
	fgsOBSParam struct {
		Bucket  string `json:"bucket"`
		Expires int    `json:"expires"`
		Prefix  string `json:"prefix"`
	}
	fgsSMNParam struct {
		TopicURN string `json:"topic_urn"`
	}
	fgsDISParam struct {
		StreamName string `json:"stream_name"`
	}
	fgsFunctionParam struct {
		FuncURN string `json:"func_urn"`
	}
)

const (
	// fgsMaxExpires is the longest OBS object expiry, in days.
	fgsMaxExpires = 365
	// fgsMaxRef is the longest ref destination fnasync sends.
	fgsMaxRef = 512
)

var (
	// The bucket and stream rules are looser than OBS's and DIS's own:
	// they keep names safe and decoded names writable; the cloud judges
	// the rest.
	fgsBucketRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$`)
	fgsStreamRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$`)
)

func fgsCheckStream(name string) error {
	if !fgsStreamRE.MatchString(name) {
		return fmt.Errorf("stream destination %q: a DIS stream name is 1 to 64 letters, digits, - and _", fgsTruncate(name))
	}
	return nil
}

func fgsCheckBucket(name string) error {
	if !fgsBucketRE.MatchString(name) {
		return fmt.Errorf("bucket destination %q: an OBS bucket name is 1 to 63 letters, digits, ., - and _", fgsTruncate(name))
	}
	return nil
}

// NeutralToFgsDestination returns the FunctionGraph destination for d in
// scope, with param a JSON object in a string:
//
//   - function: FunctionGraph {"func_urn": full URN, qualifier "latest"
//     when d has none, an alias as "!ALIAS" (see FgsIsVersion)};
//   - topic: SMN {"topic_urn": "urn:smn:REGION:PROJECT:TOPIC"};
//   - stream: DIS {"stream_name": NAME};
//   - bucket: OBS {"bucket": NAME, "prefix": PREFIX, "expires": DAYS};
//   - ref: an urn:fss: function URN or urn:smn: topic URN, sent verbatim
//     (FunctionGraph judges a URN fnasync cannot parse), unless it names
//     scope's region and project and reads back as a kind above, in which
//     case that kind's form.
//
// Queues, event buses, malformed names and settings that do not belong to
// the kind are errors.
func NeutralToFgsDestination(scope FgsScope, d *model.Destination) (*FgsDestination, error) {
	if d.IsEmpty() {
		return nil, fmt.Errorf("empty destination has no FunctionGraph form")
	}
	if d.Qualifier != "" && d.Kind != model.KindFunction {
		return nil, fmt.Errorf("%s destination %q: only a function destination has a qualifier", d.Kind, fgsTruncate(d.Name))
	}
	if (d.Prefix != "" || d.ExpireDays != nil) && d.Kind != model.KindBucket {
		return nil, fmt.Errorf("%s destination %q: only a bucket destination has a prefix or expiry", d.Kind, fgsTruncate(d.Name))
	}
	switch d.Kind {
	case model.KindFunction:
		if err := model.CheckFunction(d.Name, fgsLimits()); err != nil {
			return nil, fmt.Errorf("function destination: %w", err)
		}
		q := d.Qualifier
		if q == "" {
			q = "latest"
		}
		if err := model.CheckName("qualifier", q, fgsLimits()); err != nil {
			return nil, fmt.Errorf("function destination: %w", err)
		}
		return fgsDestination(FgsFunctionGraph, fgsFunctionParam{FgsFunctionURN(scope.Region, scope.ProjectID, d.Name, q)})
	case model.KindTopic:
		t := FgsTopicURN{Region: scope.Region, ProjectID: scope.ProjectID, Topic: d.Name}
		if _, err := ParseFgsTopicURN(t.String()); err != nil {
			return nil, fmt.Errorf("topic destination %q: %w", fgsTruncate(d.Name), err)
		}
		return fgsDestination(FgsSMN, fgsSMNParam{t.String()})
	case model.KindStream:
		if err := fgsCheckStream(d.Name); err != nil {
			return nil, err
		}
		return fgsDestination(FgsDIS, fgsDISParam{d.Name})
	case model.KindBucket:
		if err := fgsCheckBucket(d.Name); err != nil {
			return nil, err
		}
		days := 0
		if d.ExpireDays != nil {
			days = *d.ExpireDays
		}
		if days < 0 || days > fgsMaxExpires {
			return nil, fmt.Errorf("bucket destination %q: expireDays %d is outside 0..%d", d.Name, days, fgsMaxExpires)
		}
		return fgsDestination(FgsOBS, fgsOBSParam{Bucket: d.Name, Prefix: d.Prefix, Expires: days})
	case model.KindRef:
		return fgsRefDestination(scope, d.Name)
	}
	return nil, fmt.Errorf("FunctionGraph cannot take %s destinations (it takes function, topic, stream, bucket or an urn:fss:/urn:smn: ref)", d.Kind)
}

func fgsRefDestination(scope FgsScope, ref string) (*FgsDestination, error) {
	var w *FgsDestination
	var err error
	switch {
	case len(ref) > fgsMaxRef || strings.IndexFunc(ref, func(r rune) bool { return r <= ' ' || r == 0x7f }) >= 0:
		return nil, fmt.Errorf("ref destination %q must be at most %d characters without spaces or control characters", fgsTruncate(ref), fgsMaxRef)
	case strings.HasPrefix(ref, "urn:fss:"):
		w, err = fgsDestination(FgsFunctionGraph, fgsFunctionParam{ref})
	case strings.HasPrefix(ref, "urn:smn:"):
		w, err = fgsDestination(FgsSMN, fgsSMNParam{ref})
	default:
		return nil, fmt.Errorf("ref destination %q is neither a FunctionGraph function URN (urn:fss:...) nor an SMN topic URN (urn:smn:...)", fgsTruncate(ref))
	}
	if err != nil {
		return nil, err
	}
	if dec, derr := FgsDestinationToNeutral(scope, w); derr == nil && dec.Kind != model.KindRef {
		return NeutralToFgsDestination(scope, dec)
	}
	return w, nil
}

// fgsDestination writes param as Terraform's jsonencode does, byte for
// byte: keys sorted (the param structs' field order), no spaces, and <, >,
// &, U+2028 and U+2029 escaped as \u003c and the like. A tool that
// compares the text it would write with what FunctionGraph returns then
// sees no drift after fnasync writes.
func fgsDestination(service string, param any) (*FgsDestination, error) {
	b, err := json.Marshal(param)
	if err != nil {
		return nil, err
	}
	return &FgsDestination{Destination: service, Param: string(b)}, nil
}

// FgsDestinationToNeutral decodes a destination as FunctionGraph returns
// it. An empty one (no service, no param) gives nil. A function or topic
// URN of scope's region and project becomes a function or topic
// destination (function "PACKAGE/NAME", qualifier the version or alias,
// "latest" when the URN names none); a URN of another region or project,
// one that does not parse, or a function qualifier that FgsIsVersion's
// rule would write back differently is kept verbatim as a ref (a short
// function URN in its full form, which is what it means). A param
// that is not a JSON object, a missing key, an unknown service or the
// other service's URN (an SMN URN as a func_urn, or the reverse) is an
// error.
func FgsDestinationToNeutral(scope FgsScope, w *FgsDestination) (*model.Destination, error) {
	if w == nil || (w.Destination == "" && strings.TrimSpace(w.Param) == "") {
		return nil, nil
	}
	var p map[string]any
	dec := json.NewDecoder(strings.NewReader(w.Param))
	dec.UseNumber()
	if err := dec.Decode(&p); err != nil || p == nil || strings.TrimSpace(w.Param[dec.InputOffset():]) != "" {
		return nil, fmt.Errorf("%s destination param %q is not a JSON object", w.Destination, fgsTruncate(w.Param))
	}
	str := func(key string, required bool) (string, error) {
		v, ok := p[key]
		if !ok || v == nil {
			if required {
				return "", fmt.Errorf("%s destination param %q has no %q", w.Destination, fgsTruncate(w.Param), key)
			}
			return "", nil
		}
		s, ok := v.(string)
		if !ok || (required && s == "") {
			return "", fmt.Errorf("%s destination param %q: %q must be a non-empty string", w.Destination, fgsTruncate(w.Param), key)
		}
		return s, nil
	}
	switch {
	case strings.EqualFold(w.Destination, FgsFunctionGraph):
		urn, err := str("func_urn", true)
		if err != nil {
			return nil, err
		}
		if strings.HasPrefix(urn, "urn:smn:") { // as a ref it would be written back as an SMN destination
			return nil, fmt.Errorf("FunctionGraph destination's func_urn %q is an SMN topic URN", fgsTruncate(urn))
		}
		return fgsFunctionFromURN(scope, urn), nil
	case strings.EqualFold(w.Destination, FgsSMN):
		urn, err := str("topic_urn", true)
		if err != nil {
			return nil, err
		}
		if strings.HasPrefix(urn, "urn:fss:") { // as a ref it would be written back as a function destination
			return nil, fmt.Errorf("SMN destination's topic_urn %q is a FunctionGraph function URN", fgsTruncate(urn))
		}
		t, perr := ParseFgsTopicURN(urn)
		if perr != nil || t.Region != scope.Region || t.ProjectID != scope.ProjectID {
			return &model.Destination{Kind: model.KindRef, Name: urn}, nil
		}
		return &model.Destination{Kind: model.KindTopic, Name: t.Topic}, nil
	case strings.EqualFold(w.Destination, FgsDIS):
		name, err := str("stream_name", true)
		if err == nil {
			err = fgsCheckStream(name)
		}
		if err != nil {
			return nil, err
		}
		return &model.Destination{Kind: model.KindStream, Name: name}, nil
	case strings.EqualFold(w.Destination, FgsOBS):
		bucket, err := str("bucket", true)
		if err == nil {
			err = fgsCheckBucket(bucket)
		}
		if err != nil {
			return nil, err
		}
		prefix, err := str("prefix", false)
		if err != nil {
			return nil, err
		}
		days, err := fgsExpires(p["expires"])
		if err != nil {
			return nil, fmt.Errorf("OBS destination param %q: %w", fgsTruncate(w.Param), err)
		}
		return &model.Destination{Kind: model.KindBucket, Name: bucket, Prefix: prefix, ExpireDays: model.Int(days)}, nil
	}
	return nil, fmt.Errorf("unknown FunctionGraph destination service %q (want OBS, SMN, DIS or FunctionGraph)", fgsTruncate(w.Destination))
}

// fgsFunctionFromURN reads a func_urn as a function destination when it
// is local and writes back the same way, else as a ref: verbatim, or in
// the full form when it is a short form (which names this region).
func fgsFunctionFromURN(scope FgsScope, urn string) *model.Destination {
	u, err := ParseFgsURN(urn)
	if err != nil {
		return &model.Destination{Kind: model.KindRef, Name: urn}
	}
	c := u.Canonical(scope)
	if !u.Local(scope) || (c.Alias != "" && FgsIsVersion(c.Alias)) || (c.Version != "" && !FgsIsVersion(c.Version)) {
		if u.Fields < 7 {
			urn = c.String()
		}
		return &model.Destination{Kind: model.KindRef, Name: urn}
	}
	return &model.Destination{Kind: model.KindFunction, Name: c.Name(), Qualifier: c.Qualifier()}
}

// fgsExpires reads OBS "expires": a whole number of days in 0..365, as a
// JSON number or a numeric string; absent means 0.
func fgsExpires(v any) (int, error) {
	var s string
	switch x := v.(type) {
	case nil:
		return 0, nil
	case json.Number:
		s = x.String()
	case string:
		s = x
	default:
		return 0, fmt.Errorf("expires must be a number of days")
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > fgsMaxExpires {
		return 0, fmt.Errorf("expires %q must be a whole number of days in 0..%d", fgsTruncate(s), fgsMaxExpires)
	}
	return n, nil
}

// FgsCanonicalDestination returns d as FgsDestinationToNeutral would read
// it back from FunctionGraph: a ref that names a function or topic of
// scope becomes that kind, a function gets its package and "latest".
// Compare destinations after this, so that a document's ref and the
// function FunctionGraph returns are equal. Destinations that cannot be
// written (see NeutralToFgsDestination) are returned unchanged.
func FgsCanonicalDestination(scope FgsScope, d *model.Destination) *model.Destination {
	if d.IsEmpty() {
		return nil
	}
	w, err := NeutralToFgsDestination(scope, d)
	if err != nil {
		return d.Clone()
	}
	out, err := FgsDestinationToNeutral(scope, w)
	if err != nil || out == nil {
		return d.Clone()
	}
	return out
}

// FgsParamsEqual reports whether two param strings hold the same JSON
// value, compared parsed (key order, spacing and escapes do not matter;
// numbers compare by value). Strings that are not JSON compare as text.
func FgsParamsEqual(a, b string) bool {
	var va, vb any
	if json.Unmarshal([]byte(a), &va) != nil || json.Unmarshal([]byte(b), &vb) != nil {
		return a == b
	}
	return reflect.DeepEqual(va, vb)
}
