package schemas

import (
	"net/url"
	"strconv"
	"strings"
)

// pathUnescape undoes the percent-encoding the jsonschema library applies
// to each reference token of the locations it reports, leaving an RFC 6901
// pointer.
func pathUnescape(ptr string) string {
	if !strings.Contains(ptr, "%") {
		return ptr
	}
	toks := strings.Split(ptr, "/")
	for i, t := range toks {
		if u, err := url.PathUnescape(t); err == nil {
			toks[i] = u
		}
	}
	return strings.Join(toks, "/")
}

// resolve returns the value at the RFC 6901 pointer ptr in v, or nil.
func resolve(v any, ptr string) any {
	if ptr == "" {
		return v
	}
	for _, tok := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		tok = unescape(tok)
		switch x := v.(type) {
		case map[string]any:
			v = x[tok]
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

func escape(tok string) string {
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~", "~0"), "/", "~1")
}

func unescape(tok string) string {
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
}

// pointerTail returns the last reference token of ptr, unescaped.
func pointerTail(ptr string) string {
	return unescape(ptr[strings.LastIndexByte(ptr, '/')+1:])
}

// closest returns the candidate nearest to s when it is near enough to be
// a likely misspelling (case-insensitive edit distance at most a third of
// its length, at least 1) or abbreviation (a prefix of three or more
// letters), or "".
func closest(s string, candidates []string) string {
	best, bestDist := "", max(1, len(s)/3)+1
	for _, c := range candidates {
		if len(s) >= 3 && strings.HasPrefix(strings.ToLower(c), strings.ToLower(s)) {
			return c
		}
		if d := distance(strings.ToLower(s), strings.ToLower(c)); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b, in bytes.
func distance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return max(len(a), len(b))
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
