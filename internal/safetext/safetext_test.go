package safetext

import (
	"strings"
	"testing"
)

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text, ünïcode 漢字", "plain text, ünïcode 漢字"},
		{"\x1b[2J\x1b[HPlan: 0 to add", `\x1b[2J\x1b[HPlan: 0 to add`},
		{"a\nb\tc\rd", `a\nb\tc\rd`},
		{"evil\u202egnp.exe", `evil\u202egnp.exe`},
		{"zero\u200bwidth\ufeff", `zero\u200bwidth\ufeff`},
		{"bad \xff byte", `bad \xff byte`},
		{"del \x7f c1 \u0085", `del \x7f c1 \x85`},
		{"line\u2028sep", `line\u2028sep`},
	}
	for _, tc := range tests {
		if got := Escape(tc.in); got != tc.want {
			t.Errorf("Escape(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if HasSuspicious(Escape(tc.in)) {
			t.Errorf("Escape(%q) still holds suspicious text", tc.in)
		}
	}
}

func TestClip(t *testing.T) {
	if got := Clip("short", 10); got != "short" {
		t.Errorf("Clip kept %q", got)
	}
	long := strings.Repeat("é", 100) // 200 bytes
	got := Clip(long, 11)
	if !strings.HasPrefix(got, strings.Repeat("é", 5)+"...") || !strings.Contains(got, "(190 more bytes)") {
		t.Errorf("Clip(200 bytes, 11) = %q, want 5 whole runes and the count of the rest", got)
	}
	if got := Clip(strings.Repeat("x", 50<<20), 0); len(got) > MaxMessage+40 {
		t.Errorf("Clip(50 MB, 0) is %d bytes, want about %d", len(got), MaxMessage)
	}
}

func TestClean(t *testing.T) {
	const ak, token = "LTAI5tExampleAccessKey", "CAIS-security-token-xyz"
	msg := strings.Repeat("x", MaxMessage-5) + ak + " token=" + token + "\x1b[31m"
	got := Clean(msg, 0, ak, token, "ab") // "ab" is too short to redact
	for _, secret := range []string{ak, token, ak[:8]} {
		if strings.Contains(got, secret) {
			t.Errorf("Clean left %q in %q", secret, got)
		}
	}
	if strings.Contains(got, "\x1b") {
		t.Errorf("Clean left an escape sequence: %q", got)
	}
	if got := Redact("keep ab", "ab"); got != "keep ab" {
		t.Errorf("Redact of a 2-byte secret changed the text: %q", got)
	}
}
