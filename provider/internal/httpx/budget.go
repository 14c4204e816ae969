package httpx

import (
	"context"
	"io"
	"sync"
)

// BodyBudget is how many bytes of answers every transport of the process
// holds at once, together: an answer is read only once its share is
// granted, and the share is kept until the SDK has parsed the answer (the
// end of the try), since the SDK's copies of a body are what a process
// that reads many large answers at once (--parallelism 10 against list
// pages near their cap) fills its memory with. Small answers start with
// a small share and take a larger one only when they grow past it, so
// that they never wait on one another.
const BodyBudget = 32 << 20

var budget = &bytesBudget{max: BodyBudget, freed: make(chan struct{})}

// bytesBudget is a counting semaphore that grants any request that fits
// (unlike a FIFO one, a small answer never waits behind a large one).
type bytesBudget struct {
	max int64

	mu    sync.Mutex
	used  int64
	freed chan struct{} // closed (and replaced) at each Release
}

// Acquire takes n bytes, waiting until they fit or ctx ends.
func (b *bytesBudget) Acquire(ctx context.Context, n int64) error {
	for {
		b.mu.Lock()
		if b.used+n <= b.max {
			b.used += n
			b.mu.Unlock()
			return nil
		}
		freed := b.freed
		b.mu.Unlock()
		select {
		case <-freed:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Release gives back n bytes.
func (b *bytesBudget) Release(n int64) {
	b.mu.Lock()
	b.used -= n
	close(b.freed)
	b.freed = make(chan struct{})
	b.mu.Unlock()
}

// firstShare is the share an answer without a Content-Length starts with.
const firstShare = 64 << 10

// readBudgeted reads at most limit+1 bytes of r within the process's
// budget and returns them with the share it holds, which the caller
// releases (release) when the answer's copies are gone.
func readBudgeted(ctx context.Context, r io.Reader, limit, contentLength int64) ([]byte, int64, error) {
	whole := min(limit+1, BodyBudget)
	held := min(int64(firstShare), whole)
	if contentLength >= 0 {
		held = min(max(contentLength+1, 1), whole)
	}
	if err := budget.Acquire(ctx, held); err != nil {
		return nil, 0, err
	}
	data, err := io.ReadAll(io.LimitReader(r, held))
	if err == nil && int64(len(data)) == held && held < limit+1 {
		// Larger than its share: give it back and wait for the whole cap,
		// holding nothing meanwhile (no two answers wait on each other).
		release(held)
		held = 0
		if err = budget.Acquire(ctx, whole); err != nil {
			return nil, 0, err
		}
		held = whole
		var rest []byte
		rest, err = io.ReadAll(io.LimitReader(r, limit+1-int64(len(data))))
		data = append(data, rest...)
	}
	if err != nil {
		release(held)
		return nil, 0, err
	}
	return data, held, nil
}

func release(n int64) {
	if n > 0 {
		budget.Release(n)
	}
}

// hold adds n bytes of the budget to what the try's record keeps until
// the try ends, or releases them at once for a request made outside Do.
func (r *record) hold(n int64) {
	if r == nil {
		release(n)
		return
	}
	r.mu.Lock()
	r.held += n
	r.mu.Unlock()
}

// releaseAll gives back the budget the try's answers held.
func (r *record) releaseAll() {
	r.mu.Lock()
	n := r.held
	r.held = 0
	r.mu.Unlock()
	release(n)
}
