package schemas

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// SchemaError is one structural violation, located by the RFC 6901 JSON
// pointer of the offending value (of the object, for a missing key; of the
// member, for an unknown key or an invalid member name), and by AtKey when
// the violation is about a key rather than a value. Package schemas knows
// nothing of files: callers map pointers to lines and columns.
type SchemaError struct {
	// Pointer locates the offending value, e.g. "/functions/3/maxRetryAttempts".
	Pointer string
	// Keyword is the failing schema keyword (type, required, enum, ...).
	Keyword string
	// Message says what is wrong and, where it can, what to write instead.
	Message string
	// AtKey is set when the violation is about a key, not a value: an
	// unknown key, a member name the schema refuses, a missing key (at
	// the object that lacks it, which is best shown at its own key).
	AtKey bool
}

// Error implements error as "POINTER: MESSAGE", or "MESSAGE" alone for the
// root (pointer "": "/" would name the member "" of the root).
func (e SchemaError) Error() string {
	if e.Pointer == "" {
		return e.Message
	}
	return e.Pointer + ": " + e.Message
}

func (c *compiled) validate(v any) []SchemaError {
	err := c.schema.Validate(v)
	if err == nil {
		return nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return []SchemaError{{Message: fmt.Sprintf("cannot validate: %v", err)}}
	}
	var out []SchemaError
	for _, leaf := range leaves(ve, nil) {
		out = append(out, c.explain(leaf, v)...)
	}
	slices.SortStableFunc(out, func(a, b SchemaError) int {
		if c := strings.Compare(a.Pointer, b.Pointer); c != 0 {
			return c
		}
		return strings.Compare(a.Message, b.Message)
	})
	return slices.CompactFunc(out, func(a, b SchemaError) bool { return a == b })
}

// leaves collects the causes that have no causes of their own: the
// individual violations under the library's summary nodes.
func leaves(ve *jsonschema.ValidationError, out []*jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(ve.Causes) == 0 {
		return append(out, ve)
	}
	for _, c := range ve.Causes {
		out = leaves(c, out)
	}
	return out
}

// explain turns one leaf violation into readable errors.
func (c *compiled) explain(leaf *jsonschema.ValidationError, instance any) []SchemaError {
	schemaPtr := leaf.AbsoluteKeywordLocation
	if i := strings.IndexByte(schemaPtr, '#'); i >= 0 {
		schemaPtr = schemaPtr[i+1:]
	}
	schemaPtr = pathUnescape(schemaPtr)
	keyword := ""
	node, _ := resolve(c.raw, schemaPtr).(map[string]any)
	if i := strings.LastIndexByte(schemaPtr, '/'); i >= 0 {
		if parent, ok := resolve(c.raw, schemaPtr[:i]).(map[string]any); ok {
			keyword, node = unescape(schemaPtr[i+1:]), parent
		}
	}
	ptr := pathUnescape(leaf.InstanceLocation)
	value, what, atKey := resolve(instance, ptr), "", false
	if strings.Contains(schemaPtr, "/propertyNames/") {
		value, what, atKey = pointerTail(ptr), "name ", true
	}
	at := func(msg string, args ...any) []SchemaError {
		return []SchemaError{{Pointer: ptr, Keyword: keyword, Message: withHint(fmt.Sprintf(msg, args...), node), AtKey: atKey}}
	}
	switch keyword {
	case "type":
		return at("must be %s, not %s%s", typeList(node["type"]), article(typeOf(value)), quoteHint(node["type"], value))
	case "required":
		return missingKeys(ptr, node, value)
	case "additionalProperties":
		if node["additionalProperties"] == false {
			return unknownKeys(ptr, node, value)
		}
	case "const":
		return at("must be %s, not %s", render(node["const"]), render(value))
	case "enum":
		return at("%s%s is not allowed here: use one of %s", what, render(value), enumList(node["enum"]))
	case "pattern":
		return at("%s%s is not valid", what, render(value))
	case "minLength":
		if node["minLength"] == 1.0 {
			return at("must not be empty")
		}
		return at("must have at least %v characters", node["minLength"])
	case "maxLength":
		return at("is longer than %v characters", node["maxLength"])
	case "minimum":
		return at("%s is below the minimum %v", render(value), node["minimum"])
	case "exclusiveMinimum":
		return at("must be greater than %v, not %s", node["exclusiveMinimum"], render(value))
	case "maximum":
		return at("%s is above the maximum %v", render(value), node["maximum"])
	case "uniqueItems":
		return at("lists the same item twice: remove the repeat")
	case "minItems":
		return at("must have at least %v items", node["minItems"])
	}
	return []SchemaError{{Pointer: ptr, Keyword: keyword, Message: leaf.Message, AtKey: atKey}}
}

// quoteHint suggests dropping the quotes of a string that reads as the
// number or boolean the schema wants.
func quoteHint(want, value any) string {
	s, ok := value.(string)
	if !ok {
		return ""
	}
	for _, t := range asList(want) {
		switch t {
		case "integer", "number":
			if _, err := strconv.ParseFloat(s, 64); err == nil {
				return fmt.Sprintf(" (write %s without quotes)", s)
			}
		case "boolean":
			return " (write true or false)"
		}
	}
	return ""
}

// missingKeys reports each required key absent from the object at ptr.
func missingKeys(ptr string, node map[string]any, value any) []SchemaError {
	obj, _ := value.(map[string]any)
	props, _ := node["properties"].(map[string]any)
	var out []SchemaError
	for _, r := range asList(node["required"]) {
		name, _ := r.(string)
		if _, ok := obj[name]; ok {
			continue
		}
		msg := fmt.Sprintf("missing required key %q", name)
		if p, ok := props[name].(map[string]any); ok {
			if t, ok := p["title"].(string); ok {
				msg += " (" + t + ")"
			}
			msg = withHint(msg, p)
		}
		out = append(out, SchemaError{Pointer: ptr, Keyword: "required", Message: msg, AtKey: true})
	}
	return out
}

// unknownKeys reports each key of the object at ptr that the schema node
// does not declare, located at the key, with a suggestion.
func unknownKeys(ptr string, node map[string]any, value any) []SchemaError {
	obj, _ := value.(map[string]any)
	props, _ := node["properties"].(map[string]any)
	var allowed []string
	for k := range props {
		allowed = append(allowed, k)
	}
	slices.Sort(allowed)
	var out []SchemaError
	for k := range obj {
		if _, ok := props[k]; ok {
			continue
		}
		msg := fmt.Sprintf("unknown key %q", k)
		if s := closest(k, allowed); s != "" {
			msg += fmt.Sprintf(": did you mean %q?", s)
		} else {
			msg += ": remove it (allowed here: " + strings.Join(allowed, ", ") + ")"
		}
		out = append(out, SchemaError{Pointer: ptr + "/" + escape(k), Keyword: "additionalProperties", Message: msg, AtKey: true})
	}
	return out
}

func withHint(msg string, node map[string]any) string {
	if h, ok := node["x-hint"].(string); ok && h != "" {
		return msg + ": " + h
	}
	return msg
}

// typeOf names the JSON type of a plain value, telling integers apart.
func typeOf(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	case int, int64, int32:
		return "integer"
	case float64:
		if v == math.Trunc(v) && !math.IsInf(v, 0) {
			return "integer"
		}
		return "number"
	case json.Number:
		if _, err := v.Int64(); err == nil {
			return "integer"
		}
		return "number"
	}
	return fmt.Sprintf("%T", v)
}

func article(t string) string {
	switch t {
	case "null":
		return "null"
	case "object", "array", "integer":
		return "an " + t
	}
	return "a " + t
}

func typeList(t any) string {
	var names []string
	for _, x := range asList(t) {
		names = append(names, article(fmt.Sprint(x)))
	}
	return strings.Join(names, " or ")
}

func enumList(e any) string {
	var names []string
	for _, x := range asList(e) {
		names = append(names, fmt.Sprint(x))
	}
	return strings.Join(names, ", ")
}

func asList(v any) []any {
	if l, ok := v.([]any); ok {
		return l
	}
	if v == nil {
		return nil
	}
	return []any{v}
}

// render shows a value as it would be written in the document.
func render(v any) string {
	switch v := v.(type) {
	case string:
		return strconv.Quote(v)
	case nil:
		return "null"
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	}
	return fmt.Sprint(v)
}
