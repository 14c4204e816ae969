package schemas

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLimitsJSONMatchesItsSchema(t *testing.T) {
	var v any
	if err := json.Unmarshal(limitsJSON, &v); err != nil {
		t.Fatal(err)
	}
	if errs := ValidateLimits(v); errs != nil {
		t.Errorf("limits.json does not match limits.schema.json: %v", errs)
	}
}

func TestLimitsSchemaRejects(t *testing.T) {
	var v map[string]any
	if err := json.Unmarshal(limitsJSON, &v); err != nil {
		t.Fatal(err)
	}
	hw := v["huaweifg"].(map[string]any)
	hw["maxRetryAttempts"] = map[string]any{"min": -1, "max": 3}
	delete(hw, "names")
	v["aws"] = hw
	got := ValidateLimits(v)
	want := []SchemaError{
		{Pointer: "/aws", Keyword: "required", Message: `missing required key "names" (name patterns)`, AtKey: true},
		{Pointer: "/aws", Keyword: "enum", Message: `name "aws" is not allowed here: use one of $comment, huaweifg, alifc, alifc3, awslambda, memory`, AtKey: true},
		{Pointer: "/aws/maxRetryAttempts/min", Keyword: "minimum", Message: "-1 is below the minimum 0"},
		{Pointer: "/huaweifg", Keyword: "required", Message: `missing required key "names" (name patterns)`, AtKey: true},
		{Pointer: "/huaweifg/maxRetryAttempts/min", Keyword: "minimum", Message: "-1 is below the minimum 0"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ValidateLimits mismatch (-want +got):\n%s", diff)
	}
}

// TestSchemaDocumentsEveryProperty keeps the schema useful in an editor:
// every property has a title and a description (its own or its $ref's).
func TestSchemaDocumentsEveryProperty(t *testing.T) {
	for name, data := range map[string][]byte{"document": DocumentSchema(), "limits": LimitsSchema()} {
		var raw map[string]any
		if err := json.Unmarshal(data, &raw); err != nil {
			t.Fatalf("%s schema is not JSON: %v", name, err)
		}
		var walk func(ptr string, node map[string]any)
		walk = func(ptr string, node map[string]any) {
			props, _ := node["properties"].(map[string]any)
			for k, p := range props {
				p := p.(map[string]any)
				target := p
				if ref, ok := p["$ref"].(string); ok {
					target, _ = resolve(raw, strings.TrimPrefix(ref, "#")).(map[string]any)
				}
				if p["title"] == nil && target["title"] == nil {
					t.Errorf("%s schema %s/properties/%s has no title", name, ptr, k)
				}
				if p["description"] == nil && target["description"] == nil {
					t.Errorf("%s schema %s/properties/%s has no description", name, ptr, k)
				}
				walk(ptr+"/properties/"+k, p)
			}
		}
		walk("", raw)
		defs, _ := raw["$defs"].(map[string]any)
		for k, d := range defs {
			walk("/$defs/"+k, d.(map[string]any))
		}
	}
}

func TestDocumentSchemaClosed(t *testing.T) {
	var raw map[string]any
	if err := json.Unmarshal(DocumentSchema(), &raw); err != nil {
		t.Fatal(err)
	}
	if raw["$schema"] != "https://json-schema.org/draft/2020-12/schema" || raw["$id"] != DocumentSchemaID {
		t.Errorf("$schema/$id = %v/%v", raw["$schema"], raw["$id"])
	}
	var walk func(ptr string, node map[string]any)
	walk = func(ptr string, node map[string]any) {
		if node["type"] == "object" && node["additionalProperties"] == nil {
			t.Errorf("document schema %s is an object without additionalProperties", ptr)
		}
		for _, key := range []string{"properties", "$defs"} {
			m, _ := node[key].(map[string]any)
			for k, v := range m {
				if child, ok := v.(map[string]any); ok {
					walk(ptr+"/"+key+"/"+k, child)
				}
			}
		}
	}
	walk("", raw)
}
