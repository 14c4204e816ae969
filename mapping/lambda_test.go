package mapping

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/model"
)

var (
	lambdaScope   = LambdaScope{Region: "us-east-1", AccountID: "123456789012"}
	lambdaScopeCN = LambdaScope{Region: "cn-north-1", AccountID: "123456789012"}
)

func TestLambdaDestinationARN(t *testing.T) {
	for _, tt := range []struct {
		name  string
		scope LambdaScope
		d     *model.Destination
		want  string
		err   string
	}{
		{"function", lambdaScope, &model.Destination{Kind: model.KindFunction, Name: "notify"}, "arn:aws:lambda:us-east-1:123456789012:function:notify", ""},
		{"function qualified", lambdaScope, &model.Destination{Kind: model.KindFunction, Name: "notify", Qualifier: "prod"}, "arn:aws:lambda:us-east-1:123456789012:function:notify:prod", ""},
		{"queue", lambdaScope, &model.Destination{Kind: model.KindQueue, Name: "dlq"}, "arn:aws:sqs:us-east-1:123456789012:dlq", ""},
		{"topic in China", lambdaScopeCN, &model.Destination{Kind: model.KindTopic, Name: "alerts"}, "arn:aws-cn:sns:cn-north-1:123456789012:alerts", ""},
		{"event bus", lambdaScope, &model.Destination{Kind: model.KindEventBus, Name: "default"}, "arn:aws:events:us-east-1:123456789012:event-bus/default", ""},
		{"bucket", lambdaScope, &model.Destination{Kind: model.KindBucket, Name: "failures", ExpireDays: model.Int(0)}, "arn:aws:s3:::failures", ""},
		{"bucket with a prefix", lambdaScope, &model.Destination{Kind: model.KindBucket, Name: "failures", Prefix: "a/"}, "", "no prefix or expiry"},
		{"bucket with an expiry", lambdaScope, &model.Destination{Kind: model.KindBucket, Name: "failures", ExpireDays: model.Int(7)}, "", "no prefix or expiry"},
		{"local ref to its kind", lambdaScope, &model.Destination{Kind: model.KindRef, Name: "arn:aws:sqs:::dlq"}, "arn:aws:sqs:us-east-1:123456789012:dlq", ""},
		{"foreign ref verbatim", lambdaScope, &model.Destination{Kind: model.KindRef, Name: "arn:aws:sqs:us-west-2:210987654321:dlq"}, "arn:aws:sqs:us-west-2:210987654321:dlq", ""},
		{"ref not an ARN", lambdaScope, &model.Destination{Kind: model.KindRef, Name: "acs:mns:x:1:/queues/q"}, "", "does not have the form"},
		{"stream", lambdaScope, &model.Destination{Kind: model.KindStream, Name: "s"}, "", "cannot be used on Lambda"},
		{"queue with a colon", lambdaScope, &model.Destination{Kind: model.KindQueue, Name: "a:b"}, "", "characters AWS names cannot have"},
		{"function name too long", lambdaScope, &model.Destination{Kind: model.KindFunction, Name: strings.Repeat("f", 65)}, "", "not a Lambda function name"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := LambdaDestinationARN(tt.scope, tt.d)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("LambdaDestinationARN = %q, %v; want an error with %q", got, err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("LambdaDestinationARN = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestLambdaDestinationFromARN(t *testing.T) {
	for _, tt := range []struct {
		arn  string
		want *model.Destination
	}{
		{"", nil},
		{"arn:aws:lambda:us-east-1:123456789012:function:notify:$LATEST", &model.Destination{Kind: model.KindFunction, Name: "notify"}},
		{"arn:aws:lambda:us-east-1:123456789012:function:notify:3", &model.Destination{Kind: model.KindFunction, Name: "notify", Qualifier: "3"}},
		{"arn:aws:s3:::logs", &model.Destination{Kind: model.KindBucket, Name: "logs"}},
		{"arn:aws:events:us-east-1:123456789012:event-bus/orders", &model.Destination{Kind: model.KindEventBus, Name: "orders"}},
		{"arn:aws:sns:us-east-1:123456789012:alerts:0b1c", &model.Destination{Kind: model.KindRef, Name: "arn:aws:sns:us-east-1:123456789012:alerts:0b1c"}},
		{"arn:aws:sqs:eu-west-1:123456789012:dlq", &model.Destination{Kind: model.KindRef, Name: "arn:aws:sqs:eu-west-1:123456789012:dlq"}},
		{"arn:aws-cn:sqs:us-east-1:123456789012:dlq", &model.Destination{Kind: model.KindRef, Name: "arn:aws-cn:sqs:us-east-1:123456789012:dlq"}},
		{"arn:aws:dynamodb:us-east-1:123456789012:table/t", &model.Destination{Kind: model.KindRef, Name: "arn:aws:dynamodb:us-east-1:123456789012:table/t"}},
		{"not an arn", &model.Destination{Kind: model.KindRef, Name: "not an arn"}},
	} {
		if diff := cmp.Diff(tt.want, LambdaDestinationFromARN(lambdaScope, tt.arn)); diff != "" {
			t.Errorf("LambdaDestinationFromARN(%q) mismatch (-want +got):\n%s", tt.arn, diff)
		}
	}
}

func TestLambdaConfigRoundTrip(t *testing.T) {
	l := lambdaLimits(t)
	cfg := model.Normalize(&model.AsyncConfig{
		MaxRetryAttempts: model.Int(0),
		StatusLog:        model.Bool(false),
		OnSuccess:        &model.Destination{Kind: model.KindFunction, Name: "notify", Qualifier: "prod"},
		OnFailure:        &model.Destination{Kind: model.KindBucket, Name: "failures"},
	}, l)
	w, err := NeutralToLambda(lambdaScope, cfg)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(w)
	const want = `{"DestinationConfig":{"OnSuccess":{"Destination":"arn:aws:lambda:us-east-1:123456789012:function:notify:prod"},"OnFailure":{"Destination":"arn:aws:s3:::failures"}},"MaximumEventAgeInSeconds":21600,"MaximumRetryAttempts":0}`
	if string(b) != want {
		t.Errorf("NeutralToLambda JSON = %s, want %s", b, want)
	}
	if diff := cmp.Diff(cfg, model.Normalize(LambdaToNeutral(lambdaScope, w), l)); diff != "" {
		t.Errorf("round trip mismatch (-want +got):\n%s", diff)
	}
	for _, bad := range []*model.AsyncConfig{
		{MaxEventAgeSeconds: model.Int(60)},
		{MaxEventAgeSeconds: model.Int(60), MaxRetryAttempts: model.Int(0), StatusLog: model.Bool(true)},
		{MaxEventAgeSeconds: model.Int(60), MaxRetryAttempts: model.Int(0), OnSuccess: &model.Destination{Kind: model.KindBucket, Name: "b"}},
		{MaxEventAgeSeconds: model.Int(60), MaxRetryAttempts: model.Int(0), OnSuccess: &model.Destination{Kind: model.KindRef, Name: "arn:aws:s3:::b"}},
	} {
		if _, err := NeutralToLambda(lambdaScope, bad); err == nil {
			t.Errorf("NeutralToLambda(%+v) succeeded, want an error", bad)
		}
	}
}

func TestLambdaFunctionIdentity(t *testing.T) {
	for _, tt := range []struct {
		arn, fn, q string
		ok         bool
	}{
		{"arn:aws:lambda:us-east-1:123456789012:function:orders", "orders", "$LATEST", true},
		{"arn:aws:lambda:us-east-1:123456789012:function:orders:$LATEST", "orders", "$LATEST", true},
		{"arn:aws:lambda:us-east-1:123456789012:function:orders:prod", "orders", "prod", true},
		{"arn:aws:lambda:us-east-1:123456789012:function:orders:a:b", "", "", false},
		{"arn:aws:sqs:us-east-1:123456789012:orders", "", "", false},
		{"arn:aws:lambda:us-east-1:123456789012:layer:orders", "", "", false},
	} {
		fn, q, ok := LambdaFunctionIdentity(tt.arn)
		if fn != tt.fn || q != tt.q || ok != tt.ok {
			t.Errorf("LambdaFunctionIdentity(%q) = %q, %q, %v; want %q, %q, %v", tt.arn, fn, q, ok, tt.fn, tt.q, tt.ok)
		}
	}
}

func lambdaLimits(t testing.TB) model.Limits {
	t.Helper()
	return model.Limits{Type: model.TypeAWSLambda, DefaultMaxEventAgeSeconds: 21600, DefaultMaxRetryAttempts: 2,
		MaxEventAgeSeconds: model.Range{Min: 60, Max: 21600}, MaxRetryAttempts: model.Range{Min: 0, Max: 2},
		Destinations: []model.DestinationKind{model.KindFunction, model.KindQueue, model.KindTopic, model.KindEventBus, model.KindBucket},
		FailureOnly:  []model.DestinationKind{model.KindBucket}, DefaultQualifier: "$LATEST", FunctionParts: []string{"function"}, MinFunctionParts: 1}
}

// FuzzLambdaARN: a parsed ARN renders back to exactly its input, and
// canonicalizing twice changes nothing more than once.
func FuzzLambdaARN(f *testing.F) {
	for _, s := range []string{"arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST", "arn:aws:s3:::b", "arn:aws:sqs:::q", "arn::::::", "arn:aws:x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseLambdaARN(s)
		if err != nil {
			return
		}
		if a.String() != s {
			t.Fatalf("ParseLambdaARN(%q).String() = %q", s, a.String())
		}
		if b, err := ParseLambdaARN(a.String()); err != nil || b != a {
			t.Fatalf("reparse of %q: %+v, %v", s, b, err)
		}
		c := a.Canonical(lambdaScope)
		if c.Canonical(lambdaScope) != c {
			t.Fatalf("Canonical is not idempotent on %q", s)
		}
	})
}

// FuzzLambdaDestination: whatever Lambda returns decodes to a destination
// that writes back as the canonical form of what was read (verbatim for a
// ref) and then reads back as the same destination.
func FuzzLambdaDestination(f *testing.F) {
	for _, s := range []string{"arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST", "arn:aws:lambda:::function:f:2",
		"arn:aws:s3:::b", "arn:aws:events:us-east-1:123456789012:event-bus/b", "arn:aws:sns:us-east-1::t", "garbage", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := LambdaDestinationFromARN(lambdaScope, s)
		if d == nil {
			if s != "" {
				t.Fatalf("LambdaDestinationFromARN(%q) = nil", s)
			}
			return
		}
		arn, err := LambdaDestinationARN(lambdaScope, d)
		if err != nil {
			if d.Kind != model.KindRef {
				t.Fatalf("decoded %q to %+v, which does not write back: %v", s, d, err)
			}
			return
		}
		if again := LambdaDestinationFromARN(lambdaScope, arn); !again.Equal(d) {
			t.Fatalf("%q → %+v → %q → %+v", s, d, arn, again)
		}
	})
}

// FuzzLambdaConfigWire: any JSON body decodes without panic into a
// config that, normalized, is complete.
func FuzzLambdaConfigWire(f *testing.F) {
	for _, s := range []string{`{"MaximumEventAgeInSeconds":60,"MaximumRetryAttempts":0,"DestinationConfig":{"OnFailure":{"Destination":"arn:aws:s3:::b"}}}`,
		`{"DestinationConfig":{"OnSuccess":{}}}`, `{"MaximumRetryAttempts":99999999999999999999}`, `null`, `{}`} {
		f.Add([]byte(s))
	}
	l := lambdaLimits(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		var w LambdaAsyncConfig
		if json.Unmarshal(b, &w) != nil {
			return
		}
		cfg := model.Normalize(LambdaToNeutral(lambdaScope, &w), l)
		if cfg.MaxEventAgeSeconds == nil || cfg.MaxRetryAttempts == nil || cfg.StatusLog != nil {
			t.Fatalf("normalized config of %s is not complete: %+v", b, cfg)
		}
	})
}
