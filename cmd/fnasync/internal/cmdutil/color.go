package cmdutil

import (
	"io"
	"strings"

	"github.com/fnasync/fnasync/model"
)

// ANSI colours of severities, as the plan's symbols use them.
const (
	red    = "\x1b[1;31m"
	yellow = "\x1b[1;33m"
	reset  = "\x1b[0m"
)

// ColorWriter is standard error when it is a terminal that takes colour:
// writers of diagnostics and errors paint their severity words on it.
type ColorWriter struct{ io.Writer }

// Colored returns streams whose ErrOut is a *ColorWriter when
// ErrColorEnabled (a terminal, NO_COLOR unset), else s itself.
func Colored(s *IOStreams) *IOStreams {
	if !s.ErrColorEnabled() {
		return s
	}
	c := *s
	c.ErrOut = &ColorWriter{s.ErrOut}
	return &c
}

// paints reports whether w takes colour.
func paints(w io.Writer) bool {
	_, ok := w.(*ColorWriter)
	return ok
}

// severity returns d's text with its severity word painted.
func severity(d model.Diagnostic) string {
	s := d.String()
	word := string(d.Severity)
	colour := yellow
	if d.Severity == model.SeverityError {
		colour = red
	}
	return strings.Replace(s, ": "+word+": ", ": "+colour+word+reset+": ", 1)
}

// ErrorPrefix returns "error: " for the message of a failed command,
// painted when w takes colour, or "" when it does not: the plain form
// stays "fnasync: MESSAGE", as scripts may read it.
func ErrorPrefix(w io.Writer) string {
	if paints(w) {
		return red + "error:" + reset + " "
	}
	return ""
}
