package mapping

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// LambdaScope is the AWS Lambda provider a mapping happens for: the
// region and account that fill the empty fields of ARNs and decide which
// ARNs are the provider's own. The partition follows from the region
// (LambdaPartition). An empty AccountID (a document without accountId)
// matches only ARNs whose account is empty too.
type LambdaScope struct {
	Region    string
	AccountID string
}

// Partition returns the AWS partition of the scope's region.
func (s LambdaScope) Partition() string { return LambdaPartition(s.Region) }

// LambdaPartition returns the AWS partition of a region: aws-cn for the
// China regions (cn-...), aws-us-gov for GovCloud (us-gov-...), aws
// otherwise.
func LambdaPartition(region string) string {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	}
	return "aws"
}

// LambdaARN is an AWS resource name,
// "arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE". Region and Account may
// be empty (S3 bucket ARNs have neither); Resource keeps its colons and
// slashes verbatim.
type LambdaARN struct {
	Partition string
	Service   string
	Region    string
	Account   string
	Resource  string
}

// ParseLambdaARN parses s as "arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE".
// The partition, service and resource must not be empty. The result's
// String is exactly s.
func ParseLambdaARN(s string) (LambdaARN, error) {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" {
		return LambdaARN{}, fmt.Errorf("arn %q does not have the form arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE", fcTruncate(s))
	}
	a := LambdaARN{Partition: parts[1], Service: parts[2], Region: parts[3], Account: parts[4], Resource: parts[5]}
	switch {
	case a.Partition == "" || a.Service == "":
		return LambdaARN{}, fmt.Errorf("arn %q has no partition or service", fcTruncate(s))
	case a.Resource == "":
		return LambdaARN{}, fmt.Errorf("arn %q has no resource", fcTruncate(s))
	case !utf8.ValidString(s) || strings.IndexFunc(s, fcBadRune) >= 0:
		return LambdaARN{}, fmt.Errorf("arn %q has whitespace, control characters or invalid UTF-8", fcTruncate(s))
	}
	return a, nil
}

// String renders a as "arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE".
func (a LambdaARN) String() string {
	return "arn:" + a.Partition + ":" + a.Service + ":" + a.Region + ":" + a.Account + ":" + a.Resource
}

// Canonical returns a with an empty region or account filled from scope,
// except for S3, whose bucket ARNs have neither.
func (a LambdaARN) Canonical(scope LambdaScope) LambdaARN {
	if a.Service == "s3" {
		return a
	}
	if a.Region == "" {
		a.Region = scope.Region
	}
	if a.Account == "" {
		a.Account = scope.AccountID
	}
	return a
}

// Local reports whether the canonical form of a is in scope's partition,
// region and account; an S3 ARN needs the partition only.
func (a LambdaARN) Local(scope LambdaScope) bool {
	c := a.Canonical(scope)
	if c.Partition != scope.Partition() {
		return false
	}
	if c.Service == "s3" {
		return c.Region == "" && c.Account == ""
	}
	return c.Region == scope.Region && c.Account == scope.AccountID
}

// Lambda's name rules (API reference): function names 1-64 of
// [A-Za-z0-9_-], qualifiers 1-128 of [A-Za-z0-9$_-].
var (
	reLambdaFunction  = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	reLambdaQualifier = regexp.MustCompile(`^[A-Za-z0-9$_-]{1,128}$`)
)

// LambdaLatest is the qualifier of a function's unpublished version, the
// one a request without a qualifier addresses.
const LambdaLatest = "$LATEST"

// LambdaFunctionARN returns the ARN of a Lambda function in scope,
// "arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]".
func LambdaFunctionARN(scope LambdaScope, function, qualifier string) (string, error) {
	if !reLambdaFunction.MatchString(function) {
		return "", fmt.Errorf("function name %q is not a Lambda function name (1-64 letters, digits, '-' or '_')", fcTruncate(function))
	}
	res := "function:" + function
	if qualifier != "" {
		if !reLambdaQualifier.MatchString(qualifier) {
			return "", fmt.Errorf("qualifier %q is not a Lambda version or alias", fcTruncate(qualifier))
		}
		res += ":" + qualifier
	}
	return LambdaARN{Partition: scope.Partition(), Service: "lambda", Region: scope.Region, Account: scope.AccountID, Resource: res}.String(), nil
}

// LambdaFunctionIdentity reads the function and qualifier of a Lambda
// function ARN, "arn:P:lambda:R:A:function:NAME[:QUALIFIER]" (the
// FunctionArn of an event invoke config): qualifier is LambdaLatest when
// the ARN has none. Partition, region and account are not checked; ok is
// false for anything else.
func LambdaFunctionIdentity(arn string) (function, qualifier string, ok bool) {
	a, err := ParseLambdaARN(arn)
	if err != nil || a.Service != "lambda" {
		return "", "", false
	}
	return lambdaFunctionResource(a.Resource, LambdaLatest)
}

// lambdaFunctionResource parses "function:NAME[:QUALIFIER]"; an absent
// qualifier gives unqualified.
func lambdaFunctionResource(res, unqualified string) (function, qualifier string, ok bool) {
	rest, found := strings.CutPrefix(res, "function:")
	if !found {
		return "", "", false
	}
	function, qualifier, found = strings.Cut(rest, ":")
	if !found {
		qualifier = unqualified
	}
	if !reLambdaFunction.MatchString(function) || (found && !reLambdaQualifier.MatchString(qualifier)) {
		return "", "", false
	}
	return function, qualifier, true
}

// checkLambdaSegment refuses a queue, topic, bucket or event bus name that
// would not survive inside an ARN: empty, or with ':', '/', '%', '?', '#',
// '\\', whitespace or control characters.
func checkLambdaSegment(kind, s string) error {
	if s == "" {
		return fmt.Errorf("%s name is empty", kind)
	}
	if strings.ContainsAny(s, "/:%?#\\") || !utf8.ValidString(s) || strings.IndexFunc(s, fcBadRune) >= 0 {
		return fmt.Errorf("%s name %q has characters AWS names cannot have", kind, fcTruncate(s))
	}
	return nil
}
