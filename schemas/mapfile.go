package schemas

import (
	_ "embed"
	"sync"
)

// MapSchemaID is the $id of the migration map schema.
const MapSchemaID = "https://fnasync.dev/schemas/map-v1.json"

//go:embed mapfile.schema.json
var mapSchemaJSON []byte

var mapSchema = sync.OnceValue(func() *compiled { return compile(MapSchemaID, mapSchemaJSON) })

// MapSchema returns the raw JSON Schema of a migration map file.
func MapSchema() []byte { return mapSchemaJSON }

// ValidateMap checks v, a migration map decoded to plain values, against
// the map schema.
func ValidateMap(v any) []SchemaError { return mapSchema().validate(v) }
