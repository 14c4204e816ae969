package mapping

import (
	"fmt"
	"strings"

	"github.com/fnasync/fnasync/model"
)

// FCDestinationARN returns the ARN Function Compute takes for d in scope:
//
//   - function: FCFunctionARN (FC 2.0 "services/S[.Q]/functions/F",
//     FC 3.0 "functions/F", no qualifier);
//   - queue: "acs:mns:R:A:/queues/Q/messages";
//   - topic: "acs:mns:R:A:/topics/T/messages";
//   - eventBus: "acs:eventbridge:R:A:eventbus/NAME";
//   - ref: the ARN verbatim, unless it is in scope's account and region and
//     names a kind above, in which case that kind's canonical ARN (empty
//     region and account filled).
//
// Streams, buckets and settings that do not belong to the kind (a
// qualifier outside a function, a prefix or expiry anywhere) are errors.
func FCDestinationARN(scope FCScope, d *model.Destination) (string, error) {
	if d.IsEmpty() {
		return "", fmt.Errorf("empty destination has no ARN")
	}
	if d.Qualifier != "" && d.Kind != model.KindFunction {
		return "", fmt.Errorf("%s destination %q: only a function destination has a qualifier", d.Kind, fcTruncate(d.Name))
	}
	if d.Prefix != "" || d.ExpireDays != nil {
		return "", fmt.Errorf("%s destination %q: Function Compute destinations have no prefix or expiry", d.Kind, fcTruncate(d.Name))
	}
	local := func(service, resource string) string {
		return FCARN{Service: service, Region: scope.Region, Account: scope.AccountID, Resource: resource}.String()
	}
	switch d.Kind {
	case model.KindFunction:
		return FCFunctionARN(scope, d.Name, d.Qualifier)
	case model.KindQueue:
		if err := checkFCSegment("queue", d.Name); err != nil {
			return "", err
		}
		return local("mns", "/queues/"+d.Name+"/messages"), nil
	case model.KindTopic:
		if err := checkFCSegment("topic", d.Name); err != nil {
			return "", err
		}
		return local("mns", "/topics/"+d.Name+"/messages"), nil
	case model.KindEventBus:
		if err := checkFCSegment("event bus", d.Name); err != nil {
			return "", err
		}
		return local("eventbridge", "eventbus/"+d.Name), nil
	case model.KindRef:
		if _, err := ParseFCARN(d.Name); err != nil {
			return "", fmt.Errorf("ref destination: %w", err)
		}
		if dec := FCDestinationFromARN(scope, d.Name); dec.Kind != model.KindRef {
			return FCDestinationARN(scope, dec)
		}
		return d.Name, nil
	}
	return "", fmt.Errorf("%s destinations cannot be used on Function Compute: it takes function, queue, topic, eventBus or an acs: ref", d.Kind)
}

// FCDestinationFromARN decodes a destination ARN as FC returns it. An
// empty arn gives nil. An ARN in scope's account and region (after filling
// an empty region or account from scope) that names a function of scope's
// API version, an MNS queue or topic or an EventBridge bus decodes to that
// kind; an FC 2.0 function qualified "LATEST" ("services/s.LATEST/...")
// decodes with no qualifier, the same as an unqualified one; anything else (another account or region, another service, another
// API version's function style, or a string that is not an ARN) is kept
// verbatim as a KindRef.
func FCDestinationFromARN(scope FCScope, arn string) *model.Destination {
	if arn == "" {
		return nil
	}
	ref := &model.Destination{Kind: model.KindRef, Name: arn}
	a, err := ParseFCARN(arn)
	if err != nil || !a.Local(scope) {
		return ref
	}
	switch a.Service {
	case "fc":
		if fn, q, err := fcFunctionResource(scope.Version, a.Resource); err == nil {
			return &model.Destination{Kind: model.KindFunction, Name: fn, Qualifier: q}
		}
	case "mns":
		for _, k := range []struct {
			prefix string
			kind   model.DestinationKind
		}{{"/queues/", model.KindQueue}, {"/topics/", model.KindTopic}} {
			rest, ok := strings.CutPrefix(a.Resource, k.prefix)
			if !ok {
				continue
			}
			name, ok := strings.CutSuffix(rest, "/messages")
			if ok && checkFCSegment(string(k.kind), name) == nil {
				return &model.Destination{Kind: k.kind, Name: name}
			}
		}
	case "eventbridge":
		name, ok := strings.CutPrefix(a.Resource, "eventbus/")
		if ok && checkFCSegment("event bus", name) == nil {
			return &model.Destination{Kind: model.KindEventBus, Name: name}
		}
	}
	return ref
}

// FCCanonicalDestination returns d as it reads back from Function Compute
// after being written in scope: a ref naming a known kind in scope's
// account and region becomes that kind, an FC 2.0 function qualified
// "LATEST" loses the qualifier, anything else is unchanged. Use it
// on both sides before comparing. A nil or empty d gives nil; a d that
// cannot be written (FCDestinationARN fails) is returned unchanged.
func FCCanonicalDestination(scope FCScope, d *model.Destination) *model.Destination {
	if d.IsEmpty() {
		return nil
	}
	arn, err := FCDestinationARN(scope, d)
	if err != nil {
		return d.Clone()
	}
	return FCDestinationFromARN(scope, arn)
}
