package mapping

import (
	"fmt"
	"strings"

	"github.com/fnasync/fnasync/model"
)

// LambdaDestinationARN returns the ARN Lambda takes for d in scope:
//
//   - function: "arn:P:lambda:R:A:function:NAME[:QUALIFIER]";
//   - queue: "arn:P:sqs:R:A:NAME";
//   - topic: "arn:P:sns:R:A:NAME";
//   - eventBus: "arn:P:events:R:A:event-bus/NAME";
//   - bucket: "arn:P:s3:::NAME" (no prefix; an expiry of 0 days, the
//     neutral default, only);
//   - ref: the ARN verbatim, unless it is in scope and names a kind above,
//     in which case that kind's canonical ARN (empty region and account
//     filled).
//
// Streams and settings that do not belong to the kind are errors.
func LambdaDestinationARN(scope LambdaScope, d *model.Destination) (string, error) {
	if d.IsEmpty() {
		return "", fmt.Errorf("empty destination has no ARN")
	}
	if d.Qualifier != "" && d.Kind != model.KindFunction {
		return "", fmt.Errorf("%s destination %q: only a function destination has a qualifier", d.Kind, fcTruncate(d.Name))
	}
	if d.Prefix != "" || (d.ExpireDays != nil && (*d.ExpireDays != 0 || d.Kind != model.KindBucket)) {
		return "", fmt.Errorf("%s destination %q: Lambda destinations have no prefix or expiry", d.Kind, fcTruncate(d.Name))
	}
	local := func(service, resource string) string {
		return LambdaARN{Partition: scope.Partition(), Service: service, Region: scope.Region, Account: scope.AccountID, Resource: resource}.String()
	}
	switch d.Kind {
	case model.KindFunction:
		return LambdaFunctionARN(scope, d.Name, d.Qualifier)
	case model.KindQueue, model.KindTopic, model.KindEventBus, model.KindBucket:
		if err := checkLambdaSegment(string(d.Kind), d.Name); err != nil {
			return "", err
		}
		switch d.Kind {
		case model.KindQueue:
			return local("sqs", d.Name), nil
		case model.KindTopic:
			return local("sns", d.Name), nil
		case model.KindEventBus:
			return local("events", "event-bus/"+d.Name), nil
		}
		return LambdaARN{Partition: scope.Partition(), Service: "s3", Resource: d.Name}.String(), nil
	case model.KindRef:
		if _, err := ParseLambdaARN(d.Name); err != nil {
			return "", fmt.Errorf("ref destination: %w", err)
		}
		if dec := LambdaDestinationFromARN(scope, d.Name); dec.Kind != model.KindRef {
			return LambdaDestinationARN(scope, dec)
		}
		return d.Name, nil
	}
	return "", fmt.Errorf("%s destinations cannot be used on Lambda: it takes function, queue, topic, eventBus, bucket or an arn: ref", d.Kind)
}

// LambdaDestinationFromARN decodes a destination ARN as Lambda returns
// it. An empty arn gives nil. An ARN in scope (LambdaARN.Local) that names
// a Lambda function, an SQS queue, an SNS topic, an EventBridge bus or an
// S3 bucket decodes to that kind; a function qualified "$LATEST" decodes
// with no qualifier, the same as an unqualified one (both invoke the
// unpublished version). Anything else (another partition, region or
// account, another service or resource, a string that is not an ARN) is
// kept verbatim as a KindRef.
func LambdaDestinationFromARN(scope LambdaScope, arn string) *model.Destination {
	if arn == "" {
		return nil
	}
	ref := &model.Destination{Kind: model.KindRef, Name: arn}
	a, err := ParseLambdaARN(arn)
	if err != nil || !a.Local(scope) {
		return ref
	}
	named := func(kind model.DestinationKind, name string) *model.Destination {
		if checkLambdaSegment(string(kind), name) != nil {
			return ref
		}
		return &model.Destination{Kind: kind, Name: name}
	}
	switch a.Service {
	case "lambda":
		if fn, q, ok := lambdaFunctionResource(a.Resource, ""); ok {
			if q == LambdaLatest {
				q = ""
			}
			return &model.Destination{Kind: model.KindFunction, Name: fn, Qualifier: q}
		}
	case "sqs":
		return named(model.KindQueue, a.Resource)
	case "sns":
		return named(model.KindTopic, a.Resource)
	case "s3":
		return named(model.KindBucket, a.Resource)
	case "events":
		if name, ok := strings.CutPrefix(a.Resource, "event-bus/"); ok {
			return named(model.KindEventBus, name)
		}
	}
	return ref
}

// LambdaCanonicalDestination returns d as it reads back from Lambda after
// being written in scope: a ref naming a known kind in scope becomes that
// kind, a function qualified "$LATEST" loses the qualifier, a bucket gets
// its neutral expiry (0), anything else is unchanged. A nil or empty d
// gives nil; a d that cannot be written is returned unchanged.
func LambdaCanonicalDestination(scope LambdaScope, d *model.Destination) *model.Destination {
	if d.IsEmpty() {
		return nil
	}
	arn, err := LambdaDestinationARN(scope, d)
	if err != nil {
		return d.Clone()
	}
	out := LambdaDestinationFromARN(scope, arn)
	if out.Kind == model.KindBucket {
		out.ExpireDays = model.Int(0)
	}
	return out
}
