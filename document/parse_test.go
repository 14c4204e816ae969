package document

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/model"
)

const hwProvider = `version: 1
providers:
  hw:
    type: huaweifg
    region: cn-north-4
    projectId: 0123456789abcdef0123456789abcdef
`

func TestParseDocument(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want *model.Document
	}{{
		name: "settings and destinations",
		in: hwProvider + `functions:
  - provider: hw
    function: orders
    qualifier: v2
    maxEventAgeSeconds: 600
    maxRetryAttempts: 0
    statusLog: false
    onSuccess: {function: notify, qualifier: prod}
    onFailure: {bucket: logs, prefix: async/, expireDays: 0}
  - provider: hw
    function: legacy
    onSuccess: {}
    absent: true
`,
		want: &model.Document{
			Version: 1,
			Providers: map[string]*model.Provider{"hw": {Name: "hw", Type: "huaweifg", Region: "cn-north-4",
				ProjectID: "0123456789abcdef0123456789abcdef"}},
			Functions: []*model.FunctionEntry{
				{Provider: "hw", Function: "orders", Qualifier: "v2", AsyncConfig: model.AsyncConfig{
					MaxEventAgeSeconds: model.Int(600), MaxRetryAttempts: model.Int(0), StatusLog: model.Bool(false),
					OnSuccess: &model.Destination{Kind: model.KindFunction, Name: "notify", Qualifier: "prod"},
					OnFailure: &model.Destination{Kind: model.KindBucket, Name: "logs", Prefix: "async/", ExpireDays: model.Int(0)},
				}},
				{Provider: "hw", Function: "legacy", Absent: true},
			},
		},
	}, {
		name: "json with limits",
		in: `{"version": 1, "providers": {"m": {"type": "memory", "rateLimit": 2.5, "endpoint": "emulator",
  "limits": {"maxRetryAttempts": {"min": 1, "max": 20}, "destinations": []}}}, "functions": []}`,
		want: &model.Document{
			Version: 1,
			Providers: map[string]*model.Provider{"m": {Name: "m", Type: "memory", RateLimit: 2.5, Endpoint: "emulator",
				Limits: &model.LimitsOverride{MaxRetryAttempts: &model.Range{Min: 1, Max: 20}, Destinations: []model.DestinationKind{}}}},
			Functions: []*model.FunctionEntry{},
		},
	}, {
		name: "merge keys and aliases",
		in: hwProvider + `functions:
  - &base
    provider: hw
    function: a
    maxRetryAttempts: 2
    onFailure: &dl {topic: alerts}
  - <<: *base
    function: b
  - {provider: hw, function: c, onFailure: *dl}
`,
		want: &model.Document{
			Version: 1,
			Providers: map[string]*model.Provider{"hw": {Name: "hw", Type: "huaweifg", Region: "cn-north-4",
				ProjectID: "0123456789abcdef0123456789abcdef"}},
			Functions: []*model.FunctionEntry{
				{Provider: "hw", Function: "a", AsyncConfig: model.AsyncConfig{MaxRetryAttempts: model.Int(2),
					OnFailure: &model.Destination{Kind: model.KindTopic, Name: "alerts"}}},
				{Provider: "hw", Function: "b", AsyncConfig: model.AsyncConfig{MaxRetryAttempts: model.Int(2),
					OnFailure: &model.Destination{Kind: model.KindTopic, Name: "alerts"}}},
				{Provider: "hw", Function: "c", AsyncConfig: model.AsyncConfig{
					OnFailure: &model.Destination{Kind: model.KindTopic, Name: "alerts"}}},
			},
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, diags := Parse("doc.yaml", []byte(tt.in), nil)
			if len(diags) > 0 {
				t.Fatalf("unexpected diagnostics:\n%v", diags)
			}
			if diff := cmp.Diff(tt.want, got, ignoreSource); diff != "" {
				t.Errorf("Parse mismatch (-want +got):\n%s", diff)
			}
			if got.File != "doc.yaml" || got.Positions == nil {
				t.Errorf("File = %q, Positions = %v; want doc.yaml and positions", got.File, got.Positions)
			}
		})
	}
}

func TestParsePositions(t *testing.T) {
	in := hwProvider + `functions:
  - provider: hw
    function: orders
    onFailure: {topic: alerts}
  -   {provider: hw, function: "a/b"}
`
	doc, _ := Parse("doc.yaml", []byte(in), nil)
	if doc == nil {
		t.Fatal("no document")
	}
	// Each pointer's key, then where its value starts; an array element
	// and the root are their own key.
	want := map[string]model.Place{
		"":                             {Line: 1, Column: 1, Value: model.Pos{Line: 1, Column: 1}},
		"/version":                     {Line: 1, Column: 1, Value: model.Pos{Line: 1, Column: 10}},
		"/providers/hw":                {Line: 3, Column: 3, Value: model.Pos{Line: 4, Column: 5}},
		"/providers/hw/projectId":      {Line: 6, Column: 5, Value: model.Pos{Line: 6, Column: 16}},
		"/functions":                   {Line: 7, Column: 1, Value: model.Pos{Line: 8, Column: 3}},
		"/functions/0":                 {Line: 8, Column: 5, Value: model.Pos{Line: 8, Column: 5}},
		"/functions/0/function":        {Line: 9, Column: 5, Value: model.Pos{Line: 9, Column: 15}},
		"/functions/0/onFailure":       {Line: 10, Column: 5, Value: model.Pos{Line: 10, Column: 16}},
		"/functions/0/onFailure/topic": {Line: 10, Column: 17, Value: model.Pos{Line: 10, Column: 24}},
		"/functions/1":                 {Line: 11, Column: 7, Value: model.Pos{Line: 11, Column: 7}},
		"/functions/1/provider":        {Line: 11, Column: 8, Value: model.Pos{Line: 11, Column: 18}},
		"/functions/1/function":        {Line: 11, Column: 22, Value: model.Pos{Line: 11, Column: 32}},
	}
	got := map[string]model.Place{}
	for p := range want {
		got[p] = doc.Positions[p]
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("positions mismatch (-want +got):\n%s", diff)
	}
}

func TestParseDiagnostics(t *testing.T) {
	tests := []struct {
		name   string
		file   string
		in     string
		want   []string
		hasDoc bool
	}{
		{"syntax stops early", "a.yaml", "version: [1\n", []string{
			"a.yaml:1:1: error: not valid YAML or JSON: did not find expected ',' or ']'",
		}, false},
		{"stdin is named", "-", "version: 2\nproviders: {}\nfunctions: []\n", []string{
			"<stdin>:1:10: error: /version: must be 1, not 2: write `version: 1`, the only format version",
		}, true},
		{"escaped pointer", "a.yaml", "version: 1\nproviders:\n  a/b: {type: memory}\nfunctions: []\n", []string{
			`a.yaml:3:3: error: /providers/a~1b: name "a/b" is not valid: a provider name starts with a letter and has at most 63 letters, digits, '_' or '-'`,
		}, true},
		{"duplicate within merged anchor reported once", "a.yaml", "version: 1\nproviders: {}\nfunctions:\n  - &x {provider: p, provider: q, function: f}\n  - <<: *x\n    function: g\n", []string{
			`a.yaml:4:19: error: /functions/0/provider: provider "p" is not declared: declare it under providers`,
			`a.yaml:4:19: error: /functions/1/provider: provider "p" is not declared: declare it under providers`,
			`a.yaml:4:22: error: /functions/0/provider: duplicate key "provider" (first at line 4): remove one of them`,
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, diags := Parse(tt.file, []byte(tt.in), nil)
			var got []string
			for _, d := range diags {
				got = append(got, d.String())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("diagnostics mismatch (-want +got):\n%s", diff)
			}
			if (doc != nil) != tt.hasDoc {
				t.Errorf("document returned = %v, want %v", doc != nil, tt.hasDoc)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	doc, diags := Load("-", strings.NewReader("version: 1\nproviders: {}\nfunctions: []\n"), nil)
	if len(diags) > 0 || doc == nil || doc.File != "-" {
		t.Fatalf("Load(-) = %v, %v", doc, diags)
	}
	_, diags = Load("../testdata/does-not-exist.yaml", nil, nil)
	want := "../testdata/does-not-exist.yaml: error: cannot read the document: open: no such file or directory"
	if len(diags) != 1 || diags[0].String() != want {
		t.Errorf("Load(missing) = %v, want %q", diags, want)
	}
	_, diags = Load("-", nil, nil)
	if len(diags) != 1 || !strings.Contains(diags[0].String(), "<stdin>") {
		t.Errorf("Load(-) without stdin = %v", diags)
	}
}
