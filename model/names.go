package model

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
)

var patterns sync.Map // string → *regexp.Regexp

func compiled(expr string) (*regexp.Regexp, error) {
	if re, ok := patterns.Load(expr); ok {
		return re.(*regexp.Regexp), nil
	}
	re, err := regexp.Compile("^(?:" + expr + ")$")
	if err != nil {
		return nil, err
	}
	patterns.Store(expr, re)
	return re, nil
}

// CheckName reports whether name is a valid name of the given kind
// ("function", "qualifier", ...) under l. A kind without a pattern accepts
// any name free of "/", "%", whitespace and control characters.
func CheckName(kind, name string, l Limits) error {
	if name == "" {
		return fmt.Errorf("%s name is empty", kind)
	}
	expr, ok := l.Names[kind]
	if !ok {
		if strings.ContainsAny(name, "/%?#\\") || strings.IndexFunc(name, func(r rune) bool { return r <= ' ' || r == 0x7f }) >= 0 {
			return fmt.Errorf("%s name %q has characters that cannot appear in a URL path", kind, name)
		}
		return nil
	}
	re, err := compiled(expr)
	if err != nil {
		return fmt.Errorf("%s name pattern of %s: %w", kind, l.Type, err)
	}
	if !re.MatchString(name) {
		return fmt.Errorf("%s name %q is not valid on %s (must match %s)", kind, truncate(name, 80), l.Type, expr)
	}
	return nil
}

// CheckFunction reports whether function is a valid function name under l,
// with the right number of parts.
func CheckFunction(function string, l Limits) error {
	parts := strings.Split(function, "/")
	names := l.FunctionParts
	if len(names) == 0 {
		names = []string{"function"}
	}
	if len(parts) > len(names) || len(parts) < max(l.MinFunctionParts, 1) {
		return fmt.Errorf("function %q must have the form %s on %s", truncate(function, 80), functionForm(names, l.MinFunctionParts), l.Type)
	}
	kinds := names[len(names)-len(parts):]
	for i, p := range parts {
		if err := CheckName(kinds[i], p, l); err != nil {
			return err
		}
	}
	return nil
}

// functionForm renders the parts as "[package/]function" or "service/function".
func functionForm(names []string, minParts int) string {
	var b strings.Builder
	optional := len(names) - max(minParts, 1)
	for i, n := range names {
		switch {
		case i < optional:
			b.WriteString("[" + n + "/]")
		case i < len(names)-1:
			b.WriteString(n + "/")
		default:
			b.WriteString(n)
		}
	}
	return b.String()
}

// CheckRef reports whether r's function and qualifier are valid under l.
func CheckRef(r FunctionRef, l Limits) error {
	if err := CheckFunction(r.Function, l); err != nil {
		return err
	}
	if r.Qualifier != "" {
		return CheckName("qualifier", r.Qualifier, l)
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
