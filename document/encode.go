package document

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/fnasync/fnasync/model"
)

// Formats Encode writes.
const (
	FormatYAML = "yaml"
	FormatJSON = "json"
)

// Encode writes doc to w as YAML or JSON (format "yaml" or "json"), with
// keys in the document's order: version, providers sorted by name, then
// functions in order; provider keys type, region, projectId, accountId,
// endpoint, rateLimit, limits; function keys provider, function,
// qualifier, maxEventAgeSeconds, maxRetryAttempts, statusLog, onSuccess,
// onFailure, absent. Settings that are set are written even when 0 or
// false. What Encode writes parses back with Parse to an equal document.
func Encode(w io.Writer, doc *model.Document, format string) error {
	if doc == nil {
		return fmt.Errorf("encode: no document")
	}
	tree := ordered(doc)
	switch format {
	case FormatYAML:
		enc := yaml.NewEncoder(w)
		enc.SetIndent(2)
		if err := enc.Encode(yamlNode(tree)); err != nil {
			return fmt.Errorf("encode yaml: %w", err)
		}
		if err := enc.Close(); err != nil {
			return fmt.Errorf("encode yaml: %w", err)
		}
		return nil
	case FormatJSON:
		bw := bufio.NewWriter(w)
		if err := writeJSON(bw, tree, ""); err != nil {
			return fmt.Errorf("encode json: %w", err)
		}
		bw.WriteByte('\n')
		if err := bw.Flush(); err != nil {
			return fmt.Errorf("encode json: %w", err)
		}
		return nil
	}
	return fmt.Errorf("encode: unknown format %q (want %s or %s)", format, FormatYAML, FormatJSON)
}

func yamlNode(v any) *yaml.Node {
	switch v := v.(type) {
	case omap:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		for _, m := range v {
			n.Content = append(n.Content, scalarNode("!!str", m.key), yamlNode(m.val))
		}
		return n
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for _, x := range v {
			n.Content = append(n.Content, yamlNode(x))
		}
		return n
	case string:
		n := scalarNode("!!str", v)
		if yaml11Bool(v) {
			n.Style = yaml.DoubleQuotedStyle // YAML 1.1 readers take yes/no/on/off for booleans
		}
		return n
	case int:
		return scalarNode("!!int", strconv.Itoa(v))
	case float64:
		return scalarNode("!!float", strconv.FormatFloat(v, 'g', -1, 64))
	case bool:
		return scalarNode("!!bool", strconv.FormatBool(v))
	}
	return scalarNode("!!null", "null")
}

func yaml11Bool(s string) bool {
	switch strings.ToLower(s) {
	case "y", "yes", "n", "no", "on", "off":
		return true
	}
	return false
}

func scalarNode(tag, value string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: value}
}

// writeJSON writes v indented by two spaces per level, keeping omap order.
func writeJSON(w *bufio.Writer, v any, indent string) error {
	switch v := v.(type) {
	case omap:
		return writeBlock(w, "{", "}", len(v), indent, func(i int, inner string) error {
			if err := writeScalar(w, v[i].key); err != nil {
				return err
			}
			w.WriteString(": ")
			return writeJSON(w, v[i].val, inner)
		})
	case []any:
		return writeBlock(w, "[", "]", len(v), indent, func(i int, inner string) error {
			return writeJSON(w, v[i], inner)
		})
	}
	return writeScalar(w, v)
}

// writeBlock writes n items between open and close, one per line.
func writeBlock(w *bufio.Writer, open, close string, n int, indent string, item func(i int, inner string) error) error {
	if n == 0 {
		_, err := w.WriteString(open + close)
		return err
	}
	w.WriteString(open)
	inner := indent + "  "
	for i := range n {
		if i > 0 {
			w.WriteString(",")
		}
		w.WriteString("\n" + inner)
		if err := item(i, inner); err != nil {
			return err
		}
	}
	_, err := w.WriteString("\n" + indent + close)
	return err
}

func writeScalar(w *bufio.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.WriteString(strings.TrimSuffix(buf.String(), "\n"))
	return err
}
