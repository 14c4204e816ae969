package schemas

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// DocumentSchemaID is the $id of the document schema.
const DocumentSchemaID = "https://fnasync.dev/schemas/document-v1.json"

// LimitsSchemaID is the $id of the limits-table schema.
const LimitsSchemaID = "https://fnasync.dev/schemas/limits-v1.json"

//go:embed document.schema.json
var documentSchemaJSON []byte

//go:embed limits.schema.json
var limitsSchemaJSON []byte

// DocumentSchema returns the raw JSON Schema (draft 2020-12) of a version 1
// document, as editors consume it (`fnasync schema`). The caller must not
// modify the returned slice.
func DocumentSchema() []byte { return documentSchemaJSON }

// LimitsSchema returns the raw JSON Schema of the per-cloud limits table
// (limits.json). The caller must not modify the returned slice.
func LimitsSchema() []byte { return limitsSchemaJSON }

// compiled is one schema compiled for validation, with its raw form kept to
// look up titles, allowed keys and hints for messages.
type compiled struct {
	schema *jsonschema.Schema
	raw    any
}

func compile(id string, data []byte) *compiled {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	if err := c.AddResource(id, bytes.NewReader(data)); err != nil {
		panic(fmt.Sprintf("schemas: embedded schema %s: %v", id, err))
	}
	s, err := c.Compile(id)
	if err != nil {
		panic(fmt.Sprintf("schemas: embedded schema %s: %v", id, err))
	}
	var raw any
	if err := json.Unmarshal(data, &raw); err != nil {
		panic(fmt.Sprintf("schemas: embedded schema %s: %v", id, err))
	}
	return &compiled{schema: s, raw: raw}
}

var (
	documentSchema = sync.OnceValue(func() *compiled { return compile(DocumentSchemaID, documentSchemaJSON) })
	limitsSchema   = sync.OnceValue(func() *compiled { return compile(LimitsSchemaID, limitsSchemaJSON) })
)

// Validate checks v, a document decoded to plain values, against the
// document schema and returns every violation, sorted by pointer. v holds
// map[string]any, []any, string, bool, nil and numbers (int, int64,
// float64 or json.Number), as encoding/json or a YAML tree walk produce.
// A nil result means v is structurally valid.
func Validate(v any) []SchemaError { return documentSchema().validate(v) }

// ValidateLimits checks v, a limits table decoded to plain values, against
// the limits schema.
func ValidateLimits(v any) []SchemaError { return limitsSchema().validate(v) }
