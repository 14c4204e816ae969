package document

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/model"
)

func encodeDoc() *model.Document {
	return &model.Document{
		Version: 1,
		Providers: map[string]*model.Provider{
			"z": {Type: model.TypeMemory, RateLimit: 1.5, Limits: &model.LimitsOverride{
				MaxRetryAttempts: &model.Range{Min: 0, Max: 10}, Destinations: []model.DestinationKind{model.KindTopic, model.KindBucket}}},
			"a": {Type: model.TypeAliFC3, Region: "cn-hangzhou", AccountID: "1234567890123456", Endpoint: "emulator"},
		},
		Functions: []*model.FunctionEntry{
			{Provider: "z", Function: "f", Qualifier: "v1", AsyncConfig: model.AsyncConfig{
				MaxEventAgeSeconds: model.Int(60), MaxRetryAttempts: model.Int(0), StatusLog: model.Bool(false),
				OnSuccess: &model.Destination{Kind: model.KindTopic, Name: "yes"},
				OnFailure: &model.Destination{Kind: model.KindBucket, Name: "b", Prefix: "p/", ExpireDays: model.Int(0)}}},
			{Provider: "a", Function: "g", Absent: true},
		},
	}
}

func TestEncode(t *testing.T) {
	tests := []struct {
		format string
		want   string
	}{
		{FormatYAML, `version: 1
providers:
  a:
    type: alifc3
    region: cn-hangzhou
    accountId: "1234567890123456"
    endpoint: emulator
  z:
    type: memory
    rateLimit: 1.5
    limits:
      maxRetryAttempts:
        min: 0
        max: 10
      destinations:
        - topic
        - bucket
functions:
  - provider: z
    function: f
    qualifier: v1
    maxEventAgeSeconds: 60
    maxRetryAttempts: 0
    statusLog: false
    onSuccess:
      topic: "yes"
    onFailure:
      bucket: b
      prefix: p/
      expireDays: 0
  - provider: a
    function: g
    absent: true
`},
		{FormatJSON, `{
  "version": 1,
  "providers": {
    "a": {
      "type": "alifc3",
      "region": "cn-hangzhou",
      "accountId": "1234567890123456",
      "endpoint": "emulator"
    },
    "z": {
      "type": "memory",
      "rateLimit": 1.5,
      "limits": {
        "maxRetryAttempts": {
          "min": 0,
          "max": 10
        },
        "destinations": [
          "topic",
          "bucket"
        ]
      }
    }
  },
  "functions": [
    {
      "provider": "z",
      "function": "f",
      "qualifier": "v1",
      "maxEventAgeSeconds": 60,
      "maxRetryAttempts": 0,
      "statusLog": false,
      "onSuccess": {
        "topic": "yes"
      },
      "onFailure": {
        "bucket": "b",
        "prefix": "p/",
        "expireDays": 0
      }
    },
    {
      "provider": "a",
      "function": "g",
      "absent": true
    }
  ]
}
`},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			doc := encodeDoc()
			var b strings.Builder
			if err := Encode(&b, doc, tt.format); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, b.String()); diff != "" {
				t.Errorf("Encode mismatch (-want +got):\n%s", diff)
			}
			back, diags := Parse("x", []byte(b.String()), nil)
			if len(diags) > 0 {
				t.Fatal(diags)
			}
			doc.Providers["a"].Name, doc.Providers["z"].Name = "a", "z"
			if diff := cmp.Diff(doc, back, ignoreSource); diff != "" {
				t.Errorf("round trip mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestEncodeEmptyAndErrors(t *testing.T) {
	var b strings.Builder
	if err := Encode(&b, &model.Document{Version: 1}, FormatJSON); err != nil {
		t.Fatal(err)
	}
	if want := "{\n  \"version\": 1,\n  \"providers\": {},\n  \"functions\": []\n}\n"; b.String() != want {
		t.Errorf("empty document = %q, want %q", b.String(), want)
	}
	if err := Encode(&b, &model.Document{}, "toml"); err == nil || !strings.Contains(err.Error(), `unknown format "toml"`) {
		t.Errorf("Encode(toml) = %v", err)
	}
	if err := Encode(&b, nil, FormatYAML); err == nil {
		t.Error("Encode(nil) succeeded")
	}
}
