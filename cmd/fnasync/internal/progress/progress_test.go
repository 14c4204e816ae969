package progress

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/fnasync/fnasync/cmd/fnasync/internal/cmdtest"
	"github.com/fnasync/fnasync/plan"
)

// TestBar checks that a long phase draws the bar and a short read says
// it is reading, on one line.
func TestBar(t *testing.T) {
	tests := []struct {
		name  string
		total int
		want  func(string) bool
	}{
		{"short phase says it reads", 5, func(out string) bool {
			return out == "Reading the live configs of 5 function qualifiers...\n"
		}},
		{"long phase draws", 50, func(out string) bool {
			return strings.HasSuffix(out, "["+strings.Repeat("=", width)+"] 50/50\n") && strings.HasPrefix(out, "\rreading")
		}},
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
			if !tc.want(buf.String()) {
				t.Fatalf("output %q", buf.String())
			}
		})
	}
}

// TestChangeLines checks the lines of a short apply (golden): one as
// each change starts, one as it ends with its duration; a long apply
// draws the bar instead and no lines.
func TestChangeLines(t *testing.T) {
	changes := []*plan.Change{
		{Provider: "hw", Function: "default/orders", Qualifier: "latest", Action: plan.Update},
		{Provider: "ali", Function: "shop/orders", Qualifier: "LATEST", Action: plan.Create},
		{Provider: "ali", Function: "shop/pay", Qualifier: "prod", Action: plan.Replace},
		{Provider: "fc3", Function: "legacy", Qualifier: "LATEST", Action: plan.Delete},
	}
	run := func(minTotal int) string {
		var buf bytes.Buffer
		b := New(&buf, minTotal)
		now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
		b.Now = func() time.Time { return now }
		b.Start("applying", len(changes))
		for i, c := range changes {
			b.Begin(c)
			now = now.Add(time.Duration(i*700+40) * time.Millisecond)
			var err error
			if c.Action == plan.Replace {
				err = errors.New("refused")
			}
			b.End(c, err)
			b.Step()
		}
		b.Finish()
		return buf.String()
	}
	cmdtest.Golden(t, "testdata/lines.golden", run(40))
	if out := run(2); strings.Contains(out, "Modifying") || !strings.Contains(out, "] 4/4\n") {
		t.Errorf("a long apply printed %q, want the bar alone", out)
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
