package cmdutil

import (
	"context"
	"io"
)

// WithContext returns a copy of s whose In gives up when ctx ends, so that
// Ctrl-C stops a command waiting on standard input (a document, a payload,
// apply's question) at once instead of when the input ends; Interrupted
// then reports it.
func (s *IOStreams) WithContext(ctx context.Context) *IOStreams {
	c := *s
	c.ctx = ctx
	if s.In != nil {
		c.In = &ctxReader{ctx: ctx, r: s.In}
	}
	return &c
}

// Interrupted returns the error of the context given to WithContext once
// it has ended, and nil before (or without one).
func (s *IOStreams) Interrupted() error {
	if s.ctx == nil {
		return nil
	}
	return s.ctx.Err()
}

// ctxReader reads r until ctx ends. A read still blocked then is left to
// finish on its own: the process is about to exit.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

type readResult struct {
	b   []byte
	err error
}

// Read reads from r in a goroutine and returns its result, or ctx's error
// if ctx ends first.
func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	done := make(chan readResult, 1)
	go func() {
		b := make([]byte, len(p))
		n, err := c.r.Read(b)
		done <- readResult{b[:n], err}
	}()
	select {
	case r := <-done:
		return copy(p, r.b), r.err
	case <-c.ctx.Done():
		return 0, c.ctx.Err()
	}
}
