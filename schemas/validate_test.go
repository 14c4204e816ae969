package schemas

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func decode(t *testing.T, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("bad test input %s: %v", s, err)
	}
	return v
}

func TestValidate(t *testing.T) {
	const provider = `"providers": {"hw": {"type": "huaweifg", "region": "cn-north-4", "projectId": "0123456789abcdef0123456789abcdef"}}`
	tests := []struct {
		name string
		doc  string
		want []SchemaError
	}{
		{"valid", `{"version": 1, ` + provider + `, "functions": [{"provider": "hw", "function": "orders", "maxRetryAttempts": 0, "statusLog": false, "onFailure": {"topic": "alerts"}}]}`, nil},
		{"missing keys", `{"version": 1}`, []SchemaError{
			{Pointer: "", Keyword: "required", Message: `missing required key "functions" (function entries)`, AtKey: true},
			{Pointer: "", Keyword: "required", Message: `missing required key "providers" (providers by name)`, AtKey: true},
		}},
		{"wrong version", `{"version": 2, "providers": {}, "functions": []}`, []SchemaError{
			{Pointer: "/version", Keyword: "const", Message: "must be 1, not 2: write `version: 1`, the only format version"},
		}},
		{"unknown key suggests", `{"version": 1, "providers": {}, "functions": [{"provider": "a", "function": "b", "maxRetry": 1, "zzz": true}]}`, []SchemaError{
			{Pointer: "/functions/0/maxRetry", Keyword: "additionalProperties", Message: `unknown key "maxRetry": did you mean "maxRetryAttempts"?`, AtKey: true},
			{Pointer: "/functions/0/zzz", Keyword: "additionalProperties", Message: `unknown key "zzz": remove it (allowed here: absent, function, maxEventAgeSeconds, maxRetryAttempts, onFailure, onSuccess, provider, qualifier, statusLog)`, AtKey: true},
		}},
		{"wrong types", `{"version": 1, "providers": {}, "functions": [{"provider": "a", "function": 3, "maxEventAgeSeconds": 1.5, "maxRetryAttempts": "2", "statusLog": "yes"}]}`, []SchemaError{
			{Pointer: "/functions/0/function", Keyword: "type", Message: "must be a string, not an integer"},
			{Pointer: "/functions/0/maxEventAgeSeconds", Keyword: "type", Message: "must be an integer, not a number"},
			{Pointer: "/functions/0/maxRetryAttempts", Keyword: "type", Message: "must be an integer, not a string (write 2 without quotes)"},
			{Pointer: "/functions/0/statusLog", Keyword: "type", Message: "must be a boolean, not a string (write true or false)"},
		}},
		{"enum and pattern", `{"version": 1, "providers": {"9x": {"type": "aws", "accountId": "12ab"}}, "functions": []}`, []SchemaError{
			{Pointer: "/providers/9x", Keyword: "pattern", Message: `name "9x" is not valid: a provider name starts with a letter and has at most 63 letters, digits, '_' or '-'`, AtKey: true},
			{Pointer: "/providers/9x/accountId", Keyword: "pattern", Message: `"12ab" is not valid: an account ID is digits written in quotes: accountId: "1234567890123456" (an AWS account has 12)`},
			{Pointer: "/providers/9x/type", Keyword: "enum", Message: `"aws" is not allowed here: use one of huaweifg, alifc, alifc3, awslambda, memory`},
		}},
		{"destination", `{"version": 1, "providers": {}, "functions": [{"provider": "a", "function": "b", "onFailure": {"topic": "", "expireDays": -1, "kind": "x"}}]}`, []SchemaError{
			{Pointer: "/functions/0/onFailure/expireDays", Keyword: "minimum", Message: "-1 is below the minimum 0"},
			{Pointer: "/functions/0/onFailure/kind", Keyword: "additionalProperties", Message: `unknown key "kind": remove it (allowed here: bucket, eventBus, expireDays, function, prefix, qualifier, queue, ref, stream, topic)`, AtKey: true},
			{Pointer: "/functions/0/onFailure/topic", Keyword: "minLength", Message: "must not be empty"},
		}},
		{"rate and limits", `{"version": 1, "providers": {"p": {"type": "memory", "rateLimit": 0, "limits": {"maxRetryAttempts": {"min": 0}, "destinations": ["topic", "topic", "fax"]}}}, "functions": {}}`, []SchemaError{
			{Pointer: "/functions", Keyword: "type", Message: "must be an array, not an object"},
			{Pointer: "/providers/p/limits/destinations", Keyword: "uniqueItems", Message: "lists the same item twice: remove the repeat"},
			{Pointer: "/providers/p/limits/destinations/2", Keyword: "enum", Message: `"fax" is not allowed here: use one of function, topic, queue, stream, bucket, eventBus, ref`},
			{Pointer: "/providers/p/limits/maxRetryAttempts", Keyword: "required", Message: `missing required key "max" (largest accepted value)`, AtKey: true},
			{Pointer: "/providers/p/rateLimit", Keyword: "minimum", Message: "0 is below the minimum 0.1: requests per second, at least 0.1 (one every 10 s; slower would keep a run waiting for hours); omit rateLimit for no limit"},
		}},
		{"not an object", `[1]`, []SchemaError{{Pointer: "", Keyword: "type", Message: "must be an object, not an array"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Validate(decode(t, tt.doc))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Validate mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestValidateAcceptsYAMLNumbers(t *testing.T) {
	v := map[string]any{"version": int64(1), "providers": map[string]any{}, "functions": []any{
		map[string]any{"provider": "p", "function": "f", "maxRetryAttempts": int64(0), "maxEventAgeSeconds": 60.0},
	}}
	if errs := Validate(v); errs != nil {
		t.Errorf("Validate = %v, want none", errs)
	}
}

func TestSchemaErrorString(t *testing.T) {
	for _, tt := range []struct {
		e    SchemaError
		want string
	}{
		{SchemaError{Pointer: "/a/0", Message: "bad"}, "/a/0: bad"},
		{SchemaError{Message: "bad"}, "bad"},
	} {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("%#v.Error() = %q, want %q", tt.e, got, tt.want)
		}
	}
}

func TestClosest(t *testing.T) {
	cands := []string{"function", "maxRetryAttempts", "qualifier", "statusLog"}
	for _, tt := range []struct{ in, want string }{
		{"fucntion", "function"},
		{"maxRetry", "maxRetryAttempts"},
		{"Qualifer", "qualifier"},
		{"statuslog", "statusLog"},
		{"zzz", ""},
		{"ab", ""},
	} {
		if got := closest(tt.in, cands); got != tt.want {
			t.Errorf("closest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
