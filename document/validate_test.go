package document

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/model"
)

func hwDoc(entries ...*model.FunctionEntry) *model.Document {
	return &model.Document{
		Version: 1,
		Providers: map[string]*model.Provider{
			"hw": {Type: model.TypeHuaweiFG, Region: "cn-north-4", ProjectID: "0123456789abcdef0123456789abcdef"},
		},
		Functions: entries,
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		doc  *model.Document
		want []string
	}{
		{"valid", hwDoc(&model.FunctionEntry{Provider: "hw", Function: "orders", AsyncConfig: model.AsyncConfig{
			MaxRetryAttempts: model.Int(0), OnFailure: &model.Destination{Kind: model.KindTopic, Name: "alerts"}}}), nil},
		{"nil", nil, []string{"<input>: error: no document"}},
		{"structure", &model.Document{Providers: map[string]*model.Provider{"x": {Type: "aws"}},
			Functions: []*model.FunctionEntry{nil, {Provider: "x"}}}, []string{
			"<input>: error: /functions/0: must be an object, not null",
			"<input>: error: /functions/1/function: must not be empty",
			`<input>: error: /providers/x/type: "aws" is not allowed here: use one of huaweifg, alifc, alifc3, awslambda, memory`,
			"<input>: error: /version: must be 1, not 0: write `version: 1`, the only format version",
		}},
		{"semantics and cloud", hwDoc(
			&model.FunctionEntry{Provider: "hw", Function: "a/b/c", AsyncConfig: model.AsyncConfig{MaxRetryAttempts: model.Int(4),
				OnSuccess: &model.Destination{Kind: "fax", Name: "x"},
				OnFailure: &model.Destination{Kind: model.KindTopic, Name: "t", Qualifier: "v1"}}},
			&model.FunctionEntry{Provider: "hw", Function: "default/x", Absent: true, AsyncConfig: model.AsyncConfig{StatusLog: model.Bool(false)}},
			&model.FunctionEntry{Provider: "hw", Function: "x", Qualifier: "latest"},
			&model.FunctionEntry{Provider: "ali", Function: "x"},
		), []string{
			`<input>: error: /functions/0/function: function "a/b/c" must have the form [package/]function on huaweifg`,
			"<input>: error: /functions/0/maxRetryAttempts: maxRetryAttempts 4 is outside 0..3 on huaweifg: use a value in range, or widen the provider's limits.maxRetryAttempts if your cloud accepts more",
			"<input>: error: /functions/0/onFailure: qualifier only applies to a function destination, not topic",
			`<input>: error: /functions/0/onSuccess: destination kind "fax" is not one of [function topic queue stream bucket eventBus ref]`,
			"<input>: error: /functions/0/onSuccess/fax: huaweifg cannot send async results to fax destinations: use one of function, topic, stream, bucket or a native ref, or widen the provider's limits.destinations if your cloud accepts it",
			"<input>: error: /functions/1/absent: absent: true cannot be combined with statusLog: remove those settings, or remove absent to configure the function",
			"<input>: error: /functions/2: hw:default/x@latest is declared twice (first at /functions/1): merge the two entries into one",
			`<input>: error: /functions/3/provider: provider "ali" is not declared: declare it under providers, or use one of hw`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strs(Validate(tt.doc))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Validate mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestValidateLocates checks that a parsed document, changed in code and
// validated again, gets positions from its source.
func TestValidateLocates(t *testing.T) {
	doc, diags := Parse("doc.yaml", []byte(hwProvider+"functions:\n  - provider: hw\n    function: orders\n    maxRetryAttempts: 1\n"), nil)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	doc.Functions[0].MaxRetryAttempts = model.Int(9)
	got := strs(Validate(doc))
	want := []string{"doc.yaml:10:23: error: /functions/0/maxRetryAttempts: maxRetryAttempts 9 is outside 0..3 on huaweifg: use a value in range, or widen the provider's limits.maxRetryAttempts if your cloud accepts more"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Validate mismatch (-want +got):\n%s", diff)
	}
}

func TestCheckEndpoint(t *testing.T) {
	for _, tt := range []struct {
		in       string
		ok       bool
		insecure bool // ok with --insecure-endpoint
	}{
		{"emulator", true, true},
		{"http://localhost:9000", true, true},
		{"http://[::1]:9000", true, true},
		{"http://example.com", false, true},
		{"http://10.0.0.1:8080", false, true},
		{"http://127.0.0.1.example.com", false, true},
		{"https://fgs.cn-north-4.myhuaweicloud.com", true, true},
		{"http://127.0.0.1:8080/", true, true},
		{"https://[::1]:9000", true, true},
		{"Emulator", false, false},
		{"https://", false, false},
		{"https://host/path", false, false},
		{"https://host?x=1", false, false},
		{"https://host#frag", false, false},
		{"https://u:p@host", false, false},
		{"file:///etc/passwd", false, false},
		{"host:80", false, false},
		{"http://:80", false, false},
		{"https://host/%2e%2e", false, false},
		{"http://a b", false, false},
	} {
		if err := checkEndpoint(tt.in, false); (err == nil) != tt.ok {
			t.Errorf("checkEndpoint(%q) = %v, want ok=%v", tt.in, err, tt.ok)
		}
		if err := checkEndpoint(tt.in, true); (err == nil) != (tt.ok || tt.insecure) {
			t.Errorf("checkEndpoint(%q, insecure) = %v, want ok=%v", tt.in, err, tt.ok || tt.insecure)
		}
	}
}

func TestCheckNames(t *testing.T) {
	mem := model.Limits{Type: "memory"}
	for _, tt := range []struct {
		name string
		err  error
		ok   bool
	}{
		{"plain", checkPlainName("topic", "alerts-1", mem), true},
		{"dotdot", checkPlainName("topic", "..", mem), false},
		{"dot", checkPlainName("queue", ".", mem), false},
		{"slash", checkPlainName("queue", "a/b", mem), false},
		{"percent", checkPlainName("queue", "a%2Fb", mem), false},
		{"space", checkPlainName("stream", "a b", mem), false},
		{"control", checkPlainName("bucket", "a\x00b", mem), false},
		{"too long", checkPlainName("eventBus", string(make([]byte, 300)), mem), false},
		{"urn", checkRef("urn:smn:cn-north-4:p:t", model.TypeHuaweiFG), true},
		{"arn on huawei", checkRef("acs:mns:cn-hangzhou:1:/queues/q", model.TypeHuaweiFG), false},
		{"arn", checkRef("acs:mns:cn-hangzhou:1:/queues/q", model.TypeAliFC3), true},
		{"neither", checkRef("arm:aws:sqs:x", model.TypeMemory), false},
		{"aws arn", checkRef("arn:aws:sqs:us-east-1:123456789012:q", model.TypeAWSLambda), true},
		{"acs on aws", checkRef("acs:mns:cn-hangzhou:1:/queues/q", model.TypeAWSLambda), false},
		{"ref with newline", checkRef("urn:smn:x\n", model.TypeMemory), false},
		{"prefix", checkPrefix("async/orders/"), true},
		{"prefix dotdot", checkPrefix("a/../b"), false},
		{"prefix tab", checkPrefix("a\tb"), false},
		{"bidi", checkPlainName("topic", "al\u202eerts", mem), false},
		{"zero width", checkPlainName("queue", "dead\u200bletters", mem), false},
		{"c1 control", checkPlainName("eventBus", "bus\u0085", mem), false},
		{"invalid utf-8", checkPlainName("stream", "s\xff", mem), false},
		{"unicode letters", checkPlainName("topic", "通知-alerts", mem), true},
		{"ref with bidi", checkRef("urn:smn:x:p:\u202et", model.TypeMemory), false},
		{"prefix with zero width", checkPrefix("a\u200d/b"), false},
	} {
		if (tt.err == nil) != tt.ok {
			t.Errorf("%s: err = %v, want ok=%v", tt.name, tt.err, tt.ok)
		}
	}
}
