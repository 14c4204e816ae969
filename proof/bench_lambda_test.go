package proof

import (
	"bytes"
	"fmt"
	"testing"
)

// BenchmarkPlanLambda is BenchmarkPlan with every function on AWS Lambda
// (the aws-sdk-go-v2 adapter, Signature Version 4 verified by lambdaemu).
func BenchmarkPlanLambda(b *testing.B) { benchApplied(b, lambdaDoc, planOp) }

// BenchmarkPlanLatencyLambda is BenchmarkPlanLatency with every function
// on AWS Lambda: x-bound against the same bound, 1,000 × 20ms / 16.
func BenchmarkPlanLatencyLambda(b *testing.B) { benchPlanLatency(b, lambdaDoc) }

// lambdaDoc generates n Lambda functions, each with every setting and a
// destination, over three qualifiers and every destination kind.
func lambdaDoc(n int) []byte {
	var b bytes.Buffer
	b.WriteString("version: 1\nproviders:\n  aws:\n    type: awslambda\n    region: us-east-1\n    accountId: \"123456789012\"\nfunctions:\n")
	dests := []string{"{function: notify-%d}", "{queue: dead-letters-%d}", "{topic: alerts-%d}", "{eventBus: bus-%d}", "{bucket: failures-%d}"}
	for i := range n {
		fmt.Fprintf(&b, "  - provider: aws\n    function: %s\n", fnName(i/3))
		if q := []string{"", "prod", "7"}[i%3]; q != "" {
			fmt.Fprintf(&b, "    qualifier: %q\n", q)
		}
		fmt.Fprintf(&b, "    maxEventAgeSeconds: %d\n    maxRetryAttempts: %d\n    onFailure: "+dests[i%len(dests)]+"\n",
			60+i%1000, i%3, i%5)
	}
	return b.Bytes()
}
