package document

import (
	"encoding/json"

	"github.com/fnasync/fnasync/mapping"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/schemas"
)

// LoadMap reads a migration map file (`migrate --map FILE`), YAML or
// JSON, with the same limits and located diagnostics as a document, and
// checks it against its schema and each replacement destination's form.
func LoadMap(file string, opts *Options) (*mapping.MapFile, model.Diagnostics) {
	o := opts.withDefaults()
	data, diag := read(file, "map file", nil, o)
	if diag != nil {
		return nil, model.Diagnostics{*diag}
	}
	return ParseMap(file, data, &o)
}

// ParseMap parses and checks a migration map file's content.
func ParseMap(file string, data []byte, opts *Options) (*mapping.MapFile, model.Diagnostics) {
	o := opts.withDefaults()
	root, diags := readSyntax(data, o)
	if root == nil {
		return nil, finish(file, nil, diags)
	}
	v, t, ok := toPlain(root, o)
	diags = append(diags, t.diags...)
	located := &model.Document{File: file, Positions: t.pos}
	if !ok {
		return nil, finish(file, located, diags)
	}
	for _, e := range schemas.ValidateMap(v) {
		if !t.unreadable[e.Pointer] {
			diags = append(diags, schemaDiagnostic(e))
		}
	}
	var m mapping.MapFile
	if len(diags) == 0 {
		// The schema has checked every type, so this cannot fail on shape.
		b, err := json.Marshal(v)
		if err == nil {
			err = json.Unmarshal(b, &m)
		}
		if err != nil {
			diags = append(diags, model.Errorf("", "map file: %v", err))
		}
		for _, k := range sortedKeys(m.Destinations) {
			if _, err := m.Destinations[k].Destination(); err != nil {
				diags = append(diags, valueError("/destinations/"+escape(k), "%v", err))
			}
		}
	}
	diags = finish(file, located, diags)
	if diags.HasErrors() {
		return nil, diags
	}
	m.Source = located
	return &m, diags
}
