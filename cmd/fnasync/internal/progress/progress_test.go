package progress

import (
	"bytes"
	"strings"
	"testing"
)

func TestBar(t *testing.T) {
	tests := []struct {
		name     string
		total    int
		wantDraw bool
	}{
		{"short phase draws nothing", 5, false},
		{"long phase draws", 50, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			b := New(&buf, 10)
			b.Start("reading", tc.total)
			for range tc.total {
				b.Step()
			}
			b.Finish()
			out := buf.String()
			if !tc.wantDraw {
				if out != "" {
					t.Fatalf("drew %q, want nothing", out)
				}
				return
			}
			want := "[" + strings.Repeat("=", width) + "] 50/50\n"
			if !strings.HasSuffix(out, want) || !strings.HasPrefix(out, "\rreading") {
				t.Fatalf("output %q, want a reading bar ending %q", out, want)
			}
		})
	}
}

func TestCounter(t *testing.T) {
	var buf bytes.Buffer
	c := NewCounter(&buf, "listing the functions of hw", "functions")
	c.Finish()
	if buf.Len() != 0 {
		t.Fatalf("a counter with no page drew %q", buf.String())
	}
	c = NewCounter(&buf, "listing the functions of hw", "functions")
	for i := 1; i <= 3; i++ {
		c.Page(i * 100)
	}
	c.Finish()
	c.Page(400) // after Finish: nothing more
	out := buf.String()
	if !strings.HasPrefix(out, "\rlisting the functions of hw: 1 page, 100 functions") ||
		!strings.HasSuffix(out, "\rlisting the functions of hw: 3 pages, 300 functions\n") {
		t.Errorf("counter drew %q", out)
	}
}
