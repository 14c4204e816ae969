// Package progress draws a one-line progress bar on a terminal for long
// reads and writes. It implements plan.Progress.
package progress

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// Bar is a progress bar redrawn in place with carriage returns, at most
// every 100ms. A phase with no more than MinTotal steps draws nothing.
type Bar struct {
	w        io.Writer
	minTotal int
	mu       sync.Mutex
	phase    string
	total    int
	done     int
	last     time.Time
	drawn    bool
}

// New returns a bar writing to w (a terminal) for phases of more than
// minTotal steps (a screenful).
func New(w io.Writer, minTotal int) *Bar { return &Bar{w: w, minTotal: minTotal} }

// Start begins a phase.
func (b *Bar) Start(phase string, total int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.phase, b.total, b.done, b.drawn = phase, total, 0, false
	b.draw(true)
}

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

const width = 30

func (b *Bar) draw(force bool) {
	if b.total <= b.minTotal || (!force && time.Since(b.last) < 100*time.Millisecond) {
		return
	}
	b.last = time.Now()
	filled := width * min(b.done, b.total) / b.total
	fmt.Fprintf(b.w, "\r%-9s [%s%s] %d/%d", b.phase, strings.Repeat("=", filled), strings.Repeat(" ", width-filled), b.done, b.total)
	b.drawn = true
}
