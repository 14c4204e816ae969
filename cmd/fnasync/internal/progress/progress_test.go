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
