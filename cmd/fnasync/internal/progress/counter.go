package progress

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// Counter shows a listing that moves: "listing functions of hw: 12 pages,
// 1200 functions", redrawn in place at most every 100ms. It draws nothing
// until its first page.
type Counter struct {
	w      io.Writer
	what   string // "listing functions of hw"
	noun   string // "functions"
	mu     sync.Mutex
	pages  int
	items  int
	last   time.Time
	drawn  bool
	finish bool
}

// NewCounter returns a counter of pages and items (noun, plural) writing
// to w (a terminal), each line starting with what.
func NewCounter(w io.Writer, what, noun string) *Counter {
	return &Counter{w: w, what: what, noun: noun}
}

// Page counts one page read, the listing having read items so far; it
// is what provider.WithListProgress tells, less the page count.
func (c *Counter) Page(items int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pages++
	c.items = items
	if c.finish || time.Since(c.last) < 100*time.Millisecond {
		return
	}
	c.draw()
}

func (c *Counter) draw() {
	c.last = time.Now()
	pages := "pages"
	if c.pages == 1 {
		pages = "page"
	}
	fmt.Fprintf(c.w, "\r%s: %d %s, %d %s", c.what, c.pages, pages, c.items, c.noun)
	c.drawn = true
}

// Finish draws the final count, if anything was drawn, and ends the line.
func (c *Counter) Finish() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.drawn && !c.finish {
		c.draw()
		fmt.Fprintln(c.w)
	}
	c.finish = true
}
