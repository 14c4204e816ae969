package document

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/fnasync/fnasync/model"
)

// yamlErrLine matches the line yaml.v3 puts in its syntax errors.
var yamlErrLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// readSyntax parses data as one YAML (or JSON) document and returns its
// root node, or located diagnostics when it cannot.
func readSyntax(data []byte, o Options) (*yaml.Node, model.Diagnostics) {
	if int64(len(data)) > o.MaxBytes {
		// data may be a read capped just past the limit: its length is
		// not the input's size.
		return nil, model.Diagnostics{tooLarge("document", -1, o)}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, model.Diagnostics{at(1, 1, "", "document is empty: start it with `version: 1` (see `fnasync schema` for the format)")}
	}
	if indicators(data) > o.MaxNodes {
		return nil, model.Diagnostics{at(1, 1, "", tooManyNodes, o.MaxNodes)}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var root yaml.Node
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, model.Diagnostics{at(1, 1, "", "document has no content: start it with `version: 1` (see `fnasync schema` for the format)")}
		}
		return nil, model.Diagnostics{syntaxError(err, data)}
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case errors.Is(err, io.EOF):
	case err != nil:
		return nil, model.Diagnostics{syntaxError(err, data)}
	default:
		return nil, model.Diagnostics{at(next.Line, next.Column, "", "file holds more than one YAML document (a second `---`): fnasync reads one document per file; split it")}
	}
	if root.Kind != yaml.DocumentNode || len(root.Content) != 1 {
		return nil, model.Diagnostics{at(1, 1, "", "document has no content: start it with `version: 1`")}
	}
	return root.Content[0], nil
}

// syntaxError locates a yaml.v3 parse error at the line it names, with a
// hint for the classic mistake of indenting with tabs.
func syntaxError(err error, data []byte) model.Diagnostic {
	msg := err.Error()
	line := 1
	if m := yamlErrLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	if l := lineOf(data, line); strings.HasPrefix(strings.TrimLeft(l, " "), "\t") {
		msg += ": YAML is indented with spaces, not tabs"
	}
	return at(line, 1, "", "not valid YAML or JSON: %s", msg)
}

// lineOf returns the 1-based line n of data, or "".
func lineOf(data []byte, n int) string {
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(data, '\n')
		if j < 0 {
			return ""
		}
		data = data[j+1:]
	}
	if j := bytes.IndexByte(data, '\n'); j >= 0 {
		data = data[:j]
	}
	return string(data)
}

// tooLarge reports input over o.MaxBytes, with its size when known
// (n >= 0), as when read from a regular file.
func tooLarge(what string, n int64, o Options) model.Diagnostic {
	msg := fmt.Sprintf("%s is larger than the limit of %s", what, size(o.MaxBytes))
	if n >= 0 {
		msg = fmt.Sprintf("%s is %s, more than the limit of %s", what, size(n), size(o.MaxBytes))
	}
	if what == "document" {
		msg += ": split it into several documents"
	}
	return at(1, 1, "", "%s", msg)
}

// at returns an error diagnostic with a known position.
func at(line, col int, pointer, format string, args ...any) model.Diagnostic {
	d := model.Errorf(pointer, format, args...)
	d.Line, d.Column = max(line, 1), max(col, 1)
	return d
}

func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
