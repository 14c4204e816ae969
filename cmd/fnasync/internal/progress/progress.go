// Package progress shows a person at a terminal that reads and writes are
// under way, within a second on any count: for a phase of a screenful or
// less, a line as reading starts and, for each change of an apply, a line
// as it starts and one as it completes with its duration (as Terraform
// does); for longer phases a one-line bar redrawn in place. It implements
// plan.ChangeProgress.
package progress

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/fnasync/fnasync/plan"
)

// Bar is the progress of one phase at a time: a bar redrawn in place with
// carriage returns, at most every 100ms, for a phase of more than
// minTotal steps; lines for shorter ones.
type Bar struct {
	w        io.Writer
	minTotal int
	// Now is the clock of the durations (time.Now); tests replace it.
	Now   func() time.Time
	mu    sync.Mutex
	phase string
	total int
	done  int
	last  time.Time
	drawn bool
	began map[*plan.Change]time.Time
}

var _ plan.ChangeProgress = (*Bar)(nil)

// New returns a bar writing to w (a terminal) for phases of more than
// minTotal steps (a screenful).
func New(w io.Writer, minTotal int) *Bar {
	return &Bar{w: w, minTotal: minTotal, Now: time.Now, began: map[*plan.Change]time.Time{}}
}

// reads are the phases that read the live state, by what each step
// reads: plan's "reading" (a function qualifier) and export's
// "exporting" (a function, every qualifier).
var reads = map[string][2]string{
	"reading":   {"function qualifier", "function qualifiers"},
	"exporting": {"function", "functions"},
}

// Start begins a phase. A short read says so on a line of its own.
func (b *Bar) Start(phase string, total int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.phase, b.total, b.done, b.drawn = phase, total, 0, false
	if what, ok := reads[phase]; ok && total > 0 && b.lines() {
		fmt.Fprintf(b.w, "Reading the live configs of %s...\n", count(total, what[0], what[1]))
	}
	b.draw(true)
}

// lines reports whether the phase is short enough for lines.
func (b *Bar) lines() bool { return b.total <= b.minTotal }

// Step counts one step.
func (b *Bar) Step() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.done++
	b.draw(b.done == b.total)
}

// Finish ends the phase, leaving the final line.
func (b *Bar) Finish() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.drawn {
		b.draw(true)
		fmt.Fprintln(b.w)
	}
	b.drawn = false
	b.total = 0
}

// verbs are Terraform's words for a change starting, completing and
// failing, by action.
var verbs = map[plan.Action][3]string{
	plan.Create:  {"Creating...", "Creation complete", "Creation failed"},
	plan.Update:  {"Modifying...", "Modifications complete", "Modifications failed"},
	plan.Replace: {"Replacing...", "Replacement complete", "Replacement failed"},
	plan.Delete:  {"Destroying...", "Destruction complete", "Destruction failed"},
}

// Begin prints "REF: Creating..." (or the action's word) in a short phase.
func (b *Bar) Begin(c *plan.Change) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.began[c] = b.Now()
	if b.lines() {
		fmt.Fprintf(b.w, "%s: %s\n", c.Ref(), verbs[c.Action][0])
	}
}

// End prints "REF: Creation complete after 1s" (or failed) in a short
// phase.
func (b *Bar) End(c *plan.Change, err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	took := b.Now().Sub(b.began[c])
	delete(b.began, c)
	if !b.lines() {
		return
	}
	word := verbs[c.Action][1]
	if err != nil {
		word = verbs[c.Action][2]
	}
	fmt.Fprintf(b.w, "%s: %s after %s\n", c.Ref(), word, duration(took))
}

// duration is d as a person reads it: milliseconds under a second, then
// whole seconds.
func duration(d time.Duration) string {
	if d < time.Second {
		return d.Round(time.Millisecond).String()
	}
	return d.Round(time.Second).String()
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

const width = 30

func (b *Bar) draw(force bool) {
	if b.lines() || (!force && time.Since(b.last) < 100*time.Millisecond) {
		return
	}
	b.last = time.Now()
	filled := width * min(b.done, b.total) / b.total
	fmt.Fprintf(b.w, "\r%-9s [%s%s] %d/%d", b.phase, strings.Repeat("=", filled), strings.Repeat(" ", width-filled), b.done, b.total)
	b.drawn = true
}
