// Package schemas holds the data fnasync validates against: the document's
// JSON Schema and the per-cloud limits table, embedded in the binary.
package schemas

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"sync"

	"github.com/fnasync/fnasync/model"
)

//go:embed limits.json
var limitsJSON []byte

var limitsTable = sync.OnceValue(func() map[string]model.Limits {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(limitsJSON, &raw); err != nil {
		panic(fmt.Sprintf("schemas: embedded limits.json: %v", err))
	}
	out := map[string]model.Limits{}
	for typ, msg := range raw {
		if typ == "$comment" {
			continue
		}
		var l model.Limits
		if err := json.Unmarshal(msg, &l); err != nil {
			panic(fmt.Sprintf("schemas: embedded limits.json %s: %v", typ, err))
		}
		l.Type = typ
		out[typ] = l
	}
	return out
})

// Limits returns the built-in limits of a provider type.
func Limits(typ string) (model.Limits, bool) {
	l, ok := limitsTable()[typ]
	if ok {
		l.Destinations = slices.Clone(l.Destinations)
	}
	return l, ok
}

// ProviderLimits returns the limits of a document's provider: its type's
// table with the provider's `limits:` override applied.
func ProviderLimits(p *model.Provider) (model.Limits, error) {
	l, ok := Limits(p.Type)
	if !ok {
		return model.Limits{}, fmt.Errorf("unknown provider type %q (known: %v)", p.Type, Types())
	}
	return l.With(p.Limits), nil
}

// Types lists the provider types that have limits, sorted.
func Types() []string {
	var out []string
	for t := range limitsTable() {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}
