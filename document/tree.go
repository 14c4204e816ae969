package document

import (
	"math"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/fnasync/fnasync/model"
)

// tree turns a yaml.v3 node tree into plain values (map[string]any, []any,
// string, int64, float64, bool, nil), recording the position of every
// pointer and reporting what JSON cannot hold: duplicate keys, non-string
// keys, unreadable scalars.
type tree struct {
	o     Options
	pos   model.Positions
	diags model.Diagnostics
	// unreadable holds the pointers whose value could not be read; the
	// schema's findings there are noise and dropped.
	unreadable map[string]bool
	// anchors memoizes the measure of anchored nodes; active marks the ones
	// being measured, to catch an alias inside its own anchor.
	anchors map[*yaml.Node]measure
	active  map[*yaml.Node]bool
	aliases int
}

type measure struct{ nodes, height int }

// toPlain converts root after checking its size once aliases are expanded
// and its depth, both before anything is allocated for it. ok is false
// when a limit is exceeded.
func toPlain(root *yaml.Node, o Options) (v any, t *tree, ok bool) {
	t = &tree{o: o, pos: model.Positions{}, unreadable: map[string]bool{},
		anchors: map[*yaml.Node]measure{}, active: map[*yaml.Node]bool{}}
	m, ok := t.measure(root, 1)
	if !ok {
		return nil, t, false
	}
	if m.nodes > o.MaxNodes {
		msg := tooManyNodes
		if t.aliases > 0 {
			msg = "document expands to more than %d keys and values through its YAML aliases (*name): write the repeated parts out, or use fewer aliases"
		}
		t.diags = append(t.diags, at(root.Line, root.Column, "", msg, o.MaxNodes))
		return nil, t, false
	}
	t.pos = make(model.Positions, m.nodes/2+1) // one place per key or array element, about half the nodes
	t.pos[""] = place(root, root)
	return t.value(root, ""), t, true
}

// measure counts the nodes under n (saturating just above MaxNodes) and
// its height, failing at the first node nested deeper than MaxDepth.
// Anchored nodes are measured once, so an alias bomb costs time linear in
// its written size.
func (t *tree) measure(n *yaml.Node, depth int) (measure, bool) {
	if depth > t.o.MaxDepth {
		t.tooDeep(n)
		return measure{}, false
	}
	if n.Kind == yaml.AliasNode {
		t.aliases++
		if n.Alias == nil || t.active[n.Alias] {
			t.diags = append(t.diags, at(n.Line, n.Column, "", "alias *%s refers to the node that contains it: YAML aliases cannot be recursive", n.Value))
			return measure{}, false
		}
		m, ok := t.anchors[n.Alias]
		if !ok { // an anchor always precedes its aliases, so this is unusual
			if m, ok = t.measure(n.Alias, depth); !ok {
				return measure{}, false
			}
		}
		if depth+m.height-1 > t.o.MaxDepth {
			t.tooDeep(n)
			return measure{}, false
		}
		return m, true
	}
	if n.Anchor != "" {
		t.active[n] = true
		defer delete(t.active, n)
	}
	m := measure{nodes: 1, height: 1}
	for _, c := range n.Content {
		cm, ok := t.measure(c, depth+1)
		if !ok {
			return measure{}, false
		}
		m.nodes = min(m.nodes+cm.nodes, t.o.MaxNodes+1)
		m.height = max(m.height, cm.height+1)
	}
	if n.Anchor != "" {
		t.anchors[n] = m
	}
	return m, true
}

func (t *tree) tooDeep(n *yaml.Node) {
	t.diags = append(t.diags, at(n.Line, n.Column, "", "document is nested more than %d levels deep: a version 1 document needs 5; check the indentation", t.o.MaxDepth))
}

func (t *tree) value(n *yaml.Node, ptr string) any {
	switch n.Kind {
	case yaml.AliasNode:
		return t.value(n.Alias, ptr)
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		t.members(out, n, ptr, false)
		return out
	case yaml.SequenceNode:
		out := make([]any, len(n.Content))
		for i, c := range n.Content {
			p := ptr + "/" + strconv.Itoa(i)
			t.pos[p] = place(c, c)
			out[i] = t.value(c, p)
		}
		return out
	case yaml.ScalarNode:
		return t.scalar(n, ptr)
	}
	return t.unreadableAt(n, ptr, "unexpected YAML node")
}

// members adds the key/value pairs of mapping n to out. Merged members
// (from `<<: *anchor`) never replace a key that is already there.
func (t *tree) members(out map[string]any, n *yaml.Node, ptr string, merged bool) {
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
			merges = append(merges, v)
			continue
		}
		if k.Kind != yaml.ScalarNode {
			t.diags = append(t.diags, at(k.Line, k.Column, ptr, "a key must be a plain string, not a YAML %s", kindName(k)))
			continue
		}
		p := ptr + "/" + escape(k.Value)
		if _, dup := out[k.Value]; dup {
			if !merged {
				first := t.pos[p]
				t.diags = append(t.diags, at(k.Line, k.Column, p, "duplicate key %q (first at line %d): remove one of them", k.Value, first.Line))
			}
			continue
		}
		t.pos[p] = place(k, v)
		out[k.Value] = t.value(v, p)
	}
	for _, m := range merges {
		t.merge(out, m, ptr)
	}
}

func (t *tree) merge(out map[string]any, m *yaml.Node, ptr string) {
	for m.Kind == yaml.AliasNode {
		m = m.Alias
	}
	switch m.Kind {
	case yaml.MappingNode:
		t.members(out, m, ptr, true)
	case yaml.SequenceNode:
		for _, c := range m.Content {
			for c.Kind == yaml.AliasNode {
				c = c.Alias
			}
			if c.Kind != yaml.MappingNode {
				t.diags = append(t.diags, at(c.Line, c.Column, ptr, "merge key << takes a mapping or a list of mappings, not a %s", kindName(c)))
				continue
			}
			t.members(out, c, ptr, true)
		}
	default:
		t.diags = append(t.diags, at(m.Line, m.Column, ptr, "merge key << takes a mapping or a list of mappings, not a %s", kindName(m)))
	}
}

// scalar resolves a scalar as YAML 1.2 does, to the JSON types, refusing
// the numbers YAML 1.1 reads otherwise (see yaml12) and every tag but the
// core ones (!!binary included: its value would be silently decoded).
func (t *tree) scalar(n *yaml.Node, ptr string) any {
	switch tag := n.ShortTag(); tag {
	case "!!null":
		return nil
	case "!!bool":
		return strings.EqualFold(n.Value, "true")
	case "!!int":
		if msg := yaml12(n.Value); msg != "" {
			return t.unreadableAt(n, ptr, "%s", msg)
		}
		if i, err := strconv.ParseInt(n.Value, 0, 64); err == nil {
			return i
		}
		var i int64
		if err := n.Decode(&i); err == nil {
			return i
		}
		return t.unreadableAt(n, ptr, "%s is not an integer JSON can hold", n.Value)
	case "!!float":
		if msg := yaml12(n.Value); msg != "" {
			return t.unreadableAt(n, ptr, "%s", msg)
		}
		f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return t.unreadableAt(n, ptr, "%s is not a finite number", n.Value)
		}
		return f
	case "!!str", "!!timestamp":
		return n.Value
	default:
		return t.unreadableAt(n, ptr, "YAML tag %s is not supported: remove it", tag)
	}
}

func (t *tree) unreadableAt(n *yaml.Node, ptr, format string, args ...any) any {
	t.diags = append(t.diags, at(n.Line, n.Column, ptr, format, args...))
	t.unreadable[ptr] = true
	return nil
}

// place records where a member's key k and value v are written; an array
// element or the root is its own key.
func place(k, v *yaml.Node) model.Place {
	return model.Place{Line: k.Line, Column: k.Column, Value: model.Pos{Line: v.Line, Column: v.Column}}
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "sequence"
	case yaml.AliasNode:
		return "alias"
	}
	return "scalar"
}

// escape returns tok as an RFC 6901 reference token.
func escape(tok string) string {
	if !strings.ContainsAny(tok, "~/") {
		return tok
	}
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~", "~0"), "/", "~1")
}
