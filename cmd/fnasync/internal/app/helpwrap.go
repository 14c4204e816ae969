package app

import (
	"bytes"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/urfave/cli/v2"
)

// helpWidth is the width help text is wrapped to.
const helpWidth = 80

func init() { cli.HelpPrinter = printHelp }

// printHelp renders help as urfave/cli does, then rewraps the lines wider
// than helpWidth (urfave/cli's option tables and usage lines are not
// wrapped).
func printHelp(out io.Writer, templ string, data any) {
	var b bytes.Buffer
	cli.HelpPrinterCustom(&b, templ, data, nil)
	_, _ = io.WriteString(out, rewrap(b.String(), helpWidth))
}

// optionLine matches a row of an OPTIONS table: indentation, the flag's
// names, at least two spaces, its usage.
var optionLine = regexp.MustCompile(`^(\s+-\S.*?\s{2,})\S`)

// rewrap wraps, at spaces, the lines of text wider than width that
// urfave/cli writes: an option's usage continues under its usage column,
// a USAGE line four columns in. The authored text (descriptions, examples)
// is left as written: a command in an example must not be broken.
func rewrap(text string, width int) string {
	var out []string
	section := ""
	for _, line := range strings.Split(text, "\n") {
		if strings.HasSuffix(line, ":") && strings.ToUpper(line) == line && !strings.HasPrefix(line, " ") {
			section = line
		}
		if utf8.RuneCountInString(line) <= width {
			out = append(out, line)
			continue
		}
		body := strings.TrimLeft(line, " ")
		prefix, indent := line[:len(line)-len(body)], len(line)-len(body)+4
		if m := optionLine.FindStringSubmatch(line); m != nil && strings.HasSuffix(section, "OPTIONS:") && len(m[1]) <= width-30 {
			prefix, indent = m[1], len(m[1])
		} else if section != "USAGE:" {
			out = append(out, line)
			continue
		}
		out = append(out, wrapLine(prefix, line[len(prefix):], indent, width)...)
	}
	return strings.Join(out, "\n")
}

// wrapLine writes prefix and then the words of rest in lines of at most
// width columns (a word longer than that stands alone), the later lines
// indented by indent.
func wrapLine(prefix, rest string, indent, width int) []string {
	pad := strings.Repeat(" ", indent)
	var out []string
	cur, fresh := prefix, true
	for _, w := range words(rest) {
		switch {
		case fresh:
			cur += w
		case utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(w) <= width:
			cur += " " + w
		default:
			out = append(out, cur)
			cur = pad + w
		}
		fresh = false
	}
	return append(out, cur)
}

// words splits s at spaces, keeping a bracketed group ("[-o text|json]")
// in one piece.
func words(s string) []string {
	var out []string
	depth := 0
	for _, f := range strings.Fields(s) {
		if depth > 0 {
			out[len(out)-1] += " " + f
		} else {
			out = append(out, f)
		}
		depth += strings.Count(f, "[") - strings.Count(f, "]")
		depth = max(depth, 0)
	}
	return out
}
