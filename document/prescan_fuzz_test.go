package document

import (
	"os"
	"path/filepath"
	"testing"

	"gopkg.in/yaml.v3"
)

// yamlNodes counts the nodes of a yaml.v3 tree, aliases as one.
func yamlNodes(n *yaml.Node) int {
	c := 1
	for _, k := range n.Content {
		c += yamlNodes(k)
	}
	return c
}

// FuzzIndicators holds the bounds readSyntax relies on: a YAML text with
// k indicators has at most 2k+1 nodes, so refusing k over the node limit
// bounds the tree yaml.v3 builds; and a valid document (each seed of
// testdata/good and examples) has no more indicators than nodes, so
// none is refused that the exact count would accept.
func FuzzIndicators(f *testing.F) {
	valid := map[string]bool{}
	for _, pattern := range []string{"../testdata/good/*", "../examples/*.yaml", "../testdata/bad/*.yaml", "../testdata/bad/*.json"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil {
				f.Add(data)
				valid[string(data)] = filepath.Base(filepath.Dir(file)) != "bad"
			}
		}
	}
	for _, s := range []string{"[[[[a]]]]", "[[a],[b],[]]", `{"a":[1,2],"b":{}}`, "- [a, b]\n- {c: d}\n- - x\n  - y\n",
		"a:\n  [x]\n? [k]\n: v\n", "{a, b: 1}", "[a,]", "x: 'it''s, - : #'\ny: \"q\\\" ,\" # c, : -\n", "0:\r-", "k: a \"\nl:\n- 0\n"} {
		f.Add([]byte(s))
		valid[s] = true
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var root yaml.Node
		if err := yaml.Unmarshal(data, &root); err != nil || len(root.Content) == 0 {
			return
		}
		nodes, k := yamlNodes(root.Content[0]), indicators(data)
		if nodes > 2*k+1 {
			t.Errorf("%d nodes but %d indicators: the bound 2k+1 does not hold for %q", nodes, k, data)
		}
		if valid[string(data)] && k > nodes {
			t.Errorf("%d indicators but %d nodes: a valid document could be refused: %q", k, nodes, data)
		}
	})
}
