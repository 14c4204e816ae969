package document

// tooManyNodes is the diagnostic of a document over the node limit.
const tooManyNodes = "document has more than %d keys and values: split it into several documents, or raise the limit"

// indicators counts, in one pass over data and without allocating, the
// YAML indicators that begin a node: block sequence entries ("- " at the
// start of a line or after another entry), mapping values (": ", or ":"
// right after a quoted key as JSON writes it), complex keys ("? "), flow
// separators (",", each beginning the entry after it) and the openers of
// flow collections that are not empty (each beginning its first entry).
// Comments, and quoted scalars (a quote where a node may begin), are
// skipped.
//
// The nodes these begin are distinct, so a document of n keys and values
// has at most n of them (unless its plain or block scalars hold such text,
// which no valid document's can). And each accounts for at most two nodes
// (":" a block key and its value; "," and an opener a flow key and its
// implicit value), so a document with k of them has at most 2k+1.
// readSyntax refuses a document with more of them than the node limit
// before yaml.v3 builds its tree, whose size (about 200 bytes a node) is
// then bounded by the limit rather than by MaxBytes.
func indicators(data []byte) int {
	n := 0
	prev := byte('\n')
	entryPos := true // only indentation or sequence entries so far on this line
	var begun byte   // the indicator that begins the next node, if any
	for i := 0; i < len(data); i++ {
		c := data[i]
		next := byte('\n')
		if i+1 < len(data) {
			next = data[i+1]
		}
		switch {
		case c == '#' && isBlank(prev):
			for i+1 < len(data) && data[i+1] != '\n' && data[i+1] != '\r' {
				i++
			}
			continue
		case (c == '"' || c == '\'') && (entryPos || begun != 0):
			i = endOfQuoted(data, i)
			prev, entryPos, begun = c, false, 0
			continue
		case c == '-' && entryPos && isBlank(next):
			n++
			prev, begun = c, c
			continue // entryPos stays: "- - a" nests
		case c == ',' || c == '?' && isBlank(prev) && isBlank(next) || c == ':' && (isBlank(next) || prev == '"' || prev == '\''):
			n++
			begun = c
		case c == '[' || c == '{':
			if !emptyFlow(data, i) {
				n++
			}
			begun = '['
		case !isBlank(c):
			begun = 0
		}
		switch c {
		case '\n', '\r':
			entryPos = true
		case ' ', '\t':
		default:
			entryPos = false
		}
		prev = c
	}
	return n
}

// emptyFlow reports whether the flow collection opened at i closes before
// anything but blanks.
func emptyFlow(data []byte, i int) bool {
	closer := byte(']')
	if data[i] == '{' {
		closer = '}'
	}
	for j := i + 1; j < len(data); j++ {
		if !isBlank(data[j]) {
			return data[j] == closer
		}
	}
	return false
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// endOfQuoted returns the index of the quote that closes the scalar
// opened at i (in '...' two quotes stand for one; "..." has backslash
// escapes), or the last index of data.
func endOfQuoted(data []byte, i int) int {
	q := data[i]
	for j := i + 1; j < len(data); j++ {
		switch {
		case q == '"' && data[j] == '\\':
			j++
		case data[j] == q && q == '\'' && j+1 < len(data) && data[j+1] == '\'':
			j++
		case data[j] == q:
			return j
		}
	}
	return len(data) - 1
}
