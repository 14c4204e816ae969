package document

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestValidateAWSLambda: Lambda's own rules, each located: no status log,
// S3 buckets in onFailure only, AWS ARNs as refs, a 12-digit account.
func TestValidateAWSLambda(t *testing.T) {
	for _, tt := range []struct {
		name, src string
		want      []string
	}{
		{"valid", `version: 1
providers:
  aws: {type: awslambda, region: us-east-1, accountId: "123456789012"}
functions:
  - provider: aws
    function: orders
    qualifier: prod
    maxEventAgeSeconds: 60
    maxRetryAttempts: 0
    statusLog: false
    onSuccess: {eventBus: default}
    onFailure: {bucket: async-failures}
  - provider: aws
    function: audit
    onFailure: {ref: "arn:aws:sqs:us-west-2:210987654321:dlq"}
`, nil},
		{"mistakes", `version: 1
providers:
  aws: {type: awslambda, accountId: "1234", projectId: 0123456789abcdef0123456789abcdef}
functions:
  - provider: aws
    function: orders
    qualifier: ../prod
    maxEventAgeSeconds: 59
    maxRetryAttempts: 3
    statusLog: true
    onSuccess: {bucket: logs}
    onFailure: {stream: s}
  - provider: aws
    function: audit.v2
    onFailure: {ref: "acs:mns:cn-hangzhou:1:/queues/q"}
`, []string{
			`l.yaml:3:3: error: /providers/aws: awslambda provider needs region: the region of the functions, e.g. us-east-1`,
			`l.yaml:3:37: error: /providers/aws/accountId: accountId "1234" is not an AWS account ID: write its 12 digits in quotes`,
			`l.yaml:3:45: error: /providers/aws/projectId: projectId is not used by awslambda providers: remove it (awslambda uses the optional accountId)`,
			`l.yaml:7:16: error: /functions/0/qualifier: qualifier name "../prod" is not valid on awslambda (must match \$LATEST|[A-Za-z0-9_-]{1,128})`,
			`l.yaml:8:25: error: /functions/0/maxEventAgeSeconds: maxEventAgeSeconds 59 is outside 60..21600 on awslambda: use a value in range, or widen the provider's limits.maxEventAgeSeconds if your cloud accepts more`,
			`l.yaml:9:23: error: /functions/0/maxRetryAttempts: maxRetryAttempts 3 is outside 0..2 on awslambda: use a value in range, or widen the provider's limits.maxRetryAttempts if your cloud accepts more`,
			`l.yaml:10:16: error: /functions/0/statusLog: awslambda has no async status log: remove statusLog (the cloud keeps no record per async invocation; send results to a destination, or read the function's logs)`,
			`l.yaml:11:25: error: /functions/0/onSuccess/bucket: awslambda takes bucket destinations in onFailure only: move it there, or use another kind for onSuccess`,
			`l.yaml:12:25: error: /functions/0/onFailure/stream: awslambda cannot send async results to stream destinations: use one of function, queue, topic, eventBus, bucket or a native ref, or widen the provider's limits.destinations if your cloud accepts it`,
			`l.yaml:14:15: error: /functions/1/function: function name "audit.v2" is not valid on awslambda (must match [A-Za-z0-9_-]{1,64})`,
			`l.yaml:15:22: error: /functions/1/onFailure/ref: ref "acs:mns:cn-hangzhou:1:/queues/q" is not an AWS ARN: write arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE, or use a named kind such as queue`,
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := Parse("l.yaml", []byte(tt.src), nil)
			if diff := cmp.Diff(tt.want, strs(diags)); diff != "" {
				t.Errorf("diagnostics mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
