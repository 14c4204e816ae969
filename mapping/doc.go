// Package mapping converts between fnasync's neutral model and each
// cloud's wire form: FunctionGraph (snake_case, "param" JSON strings, URNs),
// Function Compute 2.0 and 3.0 (camelCase, ARNs, statefulInvocation /
// asyncTask) and AWS Lambda (PascalCase EventInvokeConfig, AWS ARNs), and
// rewrites documents from one cloud to another for migration.
//
// The package is pure: it does no I/O and takes no context. Its functions
// are named by cloud (FC..., Fgs..., Lambda...), one file group per cloud.
//
// # AWS Lambda
//
// Neutral function names are Lambda's function names; the qualifier
// "$LATEST" is the default. Destinations are ARNs in the provider's
// partition (aws, aws-cn for cn- regions, aws-us-gov), region and account:
// a function "arn:P:lambda:R:A:function:NAME[:QUALIFIER]" (":$LATEST"
// reads as no qualifier), an SQS queue "arn:P:sqs:R:A:NAME", an SNS topic
// "arn:P:sns:R:A:NAME", an EventBridge bus "arn:P:events:R:A:event-bus/NAME"
// and an S3 bucket "arn:P:s3:::NAME" (on failure only). An ARN of another
// partition, region or account, or of another kind, is kept as a ref.
// Lambda has no status flag and no bucket prefix or expiry.
//
// # Function Compute
//
// Neutral function names are "service/function" on FC 2.0 and "function"
// on FC 3.0. A function destination's qualifier is the ".QUALIFIER" suffix
// of the service in an FC 2.0 ARN ("services/s.prod/functions/f"); FC 3.0
// function ARNs carry none. "LATEST" and no qualifier name the same
// thing and have one canonical form, no qualifier: an ARN
// "services/s.LATEST/..." (as other tools write it) reads back as
// unqualified, so it compares equal to a document that names no
// qualifier. A destination is written as the document says it; an alias
// spelt in another case ("latest") is kept as it is.
//
// ARNs are compared after canonicalization (an empty region or account is
// filled from the provider). A destination ARN of another account or
// region, of another service, or that does not parse is kept verbatim as
// a ref destination; a ref that names a function, MNS queue or topic or
// EventBridge bus of the provider's own account and region is read as
// that kind.
package mapping
