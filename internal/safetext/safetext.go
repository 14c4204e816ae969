// Package safetext makes text from untrusted sources (a server's error
// message, a name read from a document) safe to print on a terminal, in a
// log or in JSON: secrets redacted, length clipped, and control, bidi and
// zero-width characters escaped, so that such text can neither move the
// cursor, clear the screen, reorder what a reader sees nor hide a
// credential. Every place that prints server text goes through it.
package safetext

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxMessage is the length (in bytes) that Clean clips a server's message
// to: enough for any real error text, far below what would flood a
// terminal or a log.
const MaxMessage = 512

// Redacted replaces each secret Redact finds.
const Redacted = "[redacted]"

// Suspicious reports whether r must not reach a terminal as it is: a
// control character (C0, DEL, C1), a format character (bidi controls,
// zero-width spaces and joiners, the byte-order mark: Unicode category Cf),
// a line or paragraph separator, or the replacement character that stands
// for invalid UTF-8.
func Suspicious(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.In(r, unicode.Zl, unicode.Zp) || r == utf8.RuneError
}

// HasSuspicious reports whether s holds a Suspicious rune or invalid UTF-8.
func HasSuspicious(s string) bool {
	return !utf8.ValidString(s) || strings.IndexFunc(s, Suspicious) >= 0
}

// Escape returns s with every Suspicious rune written as a Go escape
// (\n, \t, \x1b, \u202e) and every invalid byte as \xNN; the rest is kept.
func Escape(s string) string {
	if !HasSuspicious(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case Suspicious(r) && r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		case Suspicious(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// Clip returns s cut to at most max bytes on a rune boundary, saying how
// much was cut; max ≤ 0 means MaxMessage.
func Clip(s string, max int) string {
	if max <= 0 {
		max = MaxMessage
	}
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return fmt.Sprintf("%s... (%d more bytes)", s[:cut], len(s)-cut)
}

// Redact returns s with every occurrence of each secret replaced by
// Redacted. Secrets shorter than 4 bytes are ignored: they would match
// ordinary text and protect nothing.
func Redact(s string, secrets ...string) string {
	for _, sec := range secrets {
		if len(sec) >= 4 && strings.Contains(s, sec) {
			s = strings.ReplaceAll(s, sec, Redacted)
		}
	}
	return s
}

// Clean is the whole treatment of a server's text, in the order that
// cannot undo itself: secrets redacted first (so clipping cannot cut one
// in half and leave its head), then clipped to max bytes (≤ 0: MaxMessage),
// then escaped.
func Clean(s string, max int, secrets ...string) string {
	return Escape(Clip(Redact(s, secrets...), max))
}
