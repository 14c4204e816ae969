package mapping_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/document"
	"github.com/fnasync/fnasync/mapping"
	"github.com/fnasync/fnasync/model"
)

// lambdaDoc is migrationDoc with two AWS Lambda providers.
func lambdaDoc(fns ...*model.FunctionEntry) *model.Document {
	doc := migrationDoc(fns...)
	doc.Providers["aws"] = &model.Provider{Name: "aws", Type: model.TypeAWSLambda, Region: "us-east-1", AccountID: "123456789012"}
	doc.Providers["aws2"] = &model.Provider{Name: "aws2", Type: model.TypeAWSLambda, Region: "eu-west-1", AccountID: "210987654321"}
	return doc
}

// TestMigrateLambda: migration to, from and between AWS Lambda providers;
// what cannot carry over is an error naming the map-file key or the flag
// that would let it, and every migrated entry validates on its target.
func TestMigrateLambda(t *testing.T) {
	dest := func(k model.DestinationKind, name string) *model.Destination {
		return &model.Destination{Kind: k, Name: name}
	}
	hwEntry := func(cfg model.AsyncConfig) *model.FunctionEntry {
		return &model.FunctionEntry{Provider: "hw", Function: "orders", AsyncConfig: cfg}
	}
	tests := []struct {
		name    string
		entry   *model.FunctionEntry
		to      string
		opts    *mapping.MigrateOptions
		wantErr string
		want    *model.FunctionEntry
	}{
		{name: "FunctionGraph to Lambda", to: "aws",
			entry: &model.FunctionEntry{Provider: "hw", Function: "billing/orders", Qualifier: "prod", AsyncConfig: model.AsyncConfig{
				MaxEventAgeSeconds: model.Int(600), StatusLog: model.Bool(false),
				OnSuccess: dest(model.KindTopic, "alerts"), OnFailure: &model.Destination{Kind: model.KindBucket, Name: "fails", ExpireDays: model.Int(0)}}},
			want: &model.FunctionEntry{Provider: "aws", Function: "orders", Qualifier: "prod", AsyncConfig: model.AsyncConfig{
				MaxEventAgeSeconds: model.Int(600), MaxRetryAttempts: model.Int(1),
				OnSuccess: dest(model.KindTopic, "alerts"), OnFailure: dest(model.KindBucket, "fails")}}},
		{name: "the FC 3.0 default age is outside Lambda's range", to: "aws", entry: &model.FunctionEntry{Provider: "fc3", Function: "f"},
			wantErr: "maxRetryAttempts 3 (the alifc3 default) is outside 0..2 on awslambda: change it, or migrate with --clamp"},
		{name: "FC 3.0 to Lambda with --clamp", to: "aws", opts: &mapping.MigrateOptions{Clamp: true},
			entry: &model.FunctionEntry{Provider: "fc3", Function: "f", AsyncConfig: model.AsyncConfig{OnFailure: dest(model.KindEventBus, "default")}},
			want: &model.FunctionEntry{Provider: "aws", Function: "f", AsyncConfig: model.AsyncConfig{
				MaxEventAgeSeconds: model.Int(21600), MaxRetryAttempts: model.Int(2), OnFailure: dest(model.KindEventBus, "default")}}},
		{name: "a stream has no equivalent", to: "aws", entry: hwEntry(model.AsyncConfig{OnFailure: dest(model.KindStream, "s1")}),
			wantErr: `a stream destination (s1) has no equivalent on awslambda, which takes [function queue topic eventBus bucket]: add a replacement under destinations: {"stream:s1": {...}} in the map file`},
		{name: "a stream replaced by the map file", to: "aws",
			opts:  &mapping.MigrateOptions{Map: &mapping.MapFile{Destinations: map[string]model.DestinationDoc{"stream:s1": {Queue: "s1"}}}},
			entry: hwEntry(model.AsyncConfig{OnFailure: dest(model.KindStream, "s1")}),
			want: &model.FunctionEntry{Provider: "aws", Function: "orders", AsyncConfig: model.AsyncConfig{
				MaxEventAgeSeconds: model.Int(3600), MaxRetryAttempts: model.Int(1), OnFailure: dest(model.KindQueue, "s1")}}},
		{name: "statusLog true", to: "aws", entry: hwEntry(model.AsyncConfig{StatusLog: model.Bool(true)}),
			wantErr: "statusLog true cannot carry over: awslambda has no async status log; remove it, or migrate with --clamp to drop it"},
		{name: "statusLog true with --clamp", to: "aws", opts: &mapping.MigrateOptions{Clamp: true}, entry: hwEntry(model.AsyncConfig{StatusLog: model.Bool(true)}),
			want: &model.FunctionEntry{Provider: "aws", Function: "orders", AsyncConfig: model.AsyncConfig{MaxEventAgeSeconds: model.Int(3600), MaxRetryAttempts: model.Int(1)}}},
		{name: "a bucket on success", to: "aws", entry: hwEntry(model.AsyncConfig{OnSuccess: dest(model.KindBucket, "logs")}),
			wantErr: `awslambda takes bucket destinations in onFailure only, so bucket:logs expireDays=0 cannot stay in onSuccess: add a replacement under destinations: {"bucket:logs": {...}} in the map file`},
		{name: "a bucket with a prefix", to: "aws", entry: hwEntry(model.AsyncConfig{OnFailure: &model.Destination{Kind: model.KindBucket, Name: "logs", Prefix: "a/"}}),
			wantErr: `bucket "logs" has a prefix or an expiry, which Lambda bucket destinations cannot keep on awslambda: add a replacement under destinations: {"bucket:logs": {...}} in the map file`},
		{name: "retries outside FunctionGraph's range", to: "hw2", entry: &model.FunctionEntry{Provider: "aws", Function: "f", AsyncConfig: model.AsyncConfig{MaxRetryAttempts: model.Int(2)}},
			want: &model.FunctionEntry{Provider: "hw2", Function: "f", AsyncConfig: model.AsyncConfig{
				MaxEventAgeSeconds: model.Int(21600), MaxRetryAttempts: model.Int(2), StatusLog: model.Bool(false)}}},
		{name: "Lambda to FunctionGraph", to: "hw", entry: &model.FunctionEntry{Provider: "aws", Function: "f", Qualifier: "$LATEST", AsyncConfig: model.AsyncConfig{
			OnSuccess: &model.Destination{Kind: model.KindFunction, Name: "notify", Qualifier: "live"}, OnFailure: dest(model.KindBucket, "fails")}},
			want: &model.FunctionEntry{Provider: "hw", Function: "f", AsyncConfig: model.AsyncConfig{MaxEventAgeSeconds: model.Int(21600), MaxRetryAttempts: model.Int(2),
				StatusLog: model.Bool(false), OnSuccess: &model.Destination{Kind: model.KindFunction, Name: "notify", Qualifier: "live"},
				OnFailure: &model.Destination{Kind: model.KindBucket, Name: "fails", ExpireDays: model.Int(0)}}}},
		{name: "an event bus to FunctionGraph", to: "hw", entry: &model.FunctionEntry{Provider: "aws", Function: "f", AsyncConfig: model.AsyncConfig{OnFailure: dest(model.KindEventBus, "b")}},
			wantErr: `an eventBus destination (b) has no equivalent on huaweifg`},
		{name: "Lambda's own ARN read as its kind", to: "fc3", entry: &model.FunctionEntry{Provider: "aws", Function: "f", AsyncConfig: model.AsyncConfig{
			OnFailure: dest(model.KindRef, "arn:aws:sqs:us-east-1:123456789012:dlq")}},
			want: &model.FunctionEntry{Provider: "fc3", Function: "f", AsyncConfig: model.AsyncConfig{MaxEventAgeSeconds: model.Int(21600), MaxRetryAttempts: model.Int(2),
				StatusLog: model.Bool(false), OnFailure: dest(model.KindQueue, "dlq")}}},
		{name: "a foreign ARN to FC", to: "fc3", entry: &model.FunctionEntry{Provider: "aws", Function: "f", AsyncConfig: model.AsyncConfig{
			OnFailure: dest(model.KindRef, "arn:aws:sqs:eu-west-1:210987654321:dlq")}},
			wantErr: `{"ref:arn:aws:sqs:eu-west-1:210987654321:dlq": {...}}`},
		{name: "a foreign ARN between Lambda providers", to: "aws2", entry: &model.FunctionEntry{Provider: "aws", Function: "f", AsyncConfig: model.AsyncConfig{
			OnFailure: dest(model.KindRef, "arn:aws:sqs:eu-west-1:999999999999:dlq")}},
			want: &model.FunctionEntry{Provider: "aws2", Function: "f", AsyncConfig: model.AsyncConfig{MaxEventAgeSeconds: model.Int(21600), MaxRetryAttempts: model.Int(2),
				OnFailure: dest(model.KindRef, "arn:aws:sqs:eu-west-1:999999999999:dlq")}}},
		{name: "an acs ref replaced by a non-AWS ref", to: "aws",
			opts: &mapping.MigrateOptions{Map: &mapping.MapFile{Destinations: map[string]model.DestinationDoc{
				"ref:acs:mns:cn-shanghai:1:/queues/q/messages": {Ref: "acs:mns:cn-shanghai:1:/queues/q/messages"}}}},
			entry: &model.FunctionEntry{Provider: "fc3", Function: "f", AsyncConfig: model.AsyncConfig{MaxEventAgeSeconds: model.Int(60), MaxRetryAttempts: model.Int(0),
				OnFailure: dest(model.KindRef, "acs:mns:cn-shanghai:1:/queues/q/messages")}},
			wantErr: "is not an AWS ARN (arn:...), which awslambda needs"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := lambdaDoc(tc.entry)
			out, diags := mapping.Migrate(doc, tc.to, tc.opts)
			if !checkMigrateErrors(t, diags, tc.wantErr) {
				return
			}
			if diff := cmp.Diff([]*model.FunctionEntry{tc.want}, out.Functions); diff != "" {
				t.Errorf("migrated entry (-want +got):\n%s", diff)
			}
			if ds := document.Validate(out); ds.HasErrors() {
				t.Errorf("the migrated document does not validate: %v", ds)
			}
		})
	}
}

// TestMigrateLambdaRoundTrip: FC 3.0 → Lambda → FunctionGraph → Lambda
// keeps what every cloud can say.
func TestMigrateLambdaRoundTrip(t *testing.T) {
	start := &model.FunctionEntry{Provider: "fc3", Function: "orders", Qualifier: "prod", AsyncConfig: model.AsyncConfig{
		MaxEventAgeSeconds: model.Int(3600), MaxRetryAttempts: model.Int(1), StatusLog: model.Bool(false),
		OnSuccess: &model.Destination{Kind: model.KindFunction, Name: "notify"}}}
	doc := lambdaDoc(start)
	var chain []string
	for _, to := range []string{"aws", "hw", "aws"} {
		out, diags := mapping.Migrate(doc, to, nil)
		if diags.HasErrors() {
			t.Fatalf("to %s: %v", to, diags)
		}
		if ds := document.Validate(out); ds.HasErrors() {
			t.Fatalf("to %s: %v", to, ds)
		}
		chain = append(chain, to)
		next := lambdaDoc(out.Functions...)
		doc = next
	}
	got := doc.Functions[0]
	want := &model.FunctionEntry{Provider: "aws", Function: "orders", Qualifier: "prod", AsyncConfig: model.AsyncConfig{
		MaxEventAgeSeconds: model.Int(3600), MaxRetryAttempts: model.Int(1),
		OnSuccess: &model.Destination{Kind: model.KindFunction, Name: "notify"}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("after %s (-want +got):\n%s", strings.Join(chain, " → "), diff)
	}
}
