package httpx

import (
	"sync"
	"time"
)

// breaker fails a provider's requests at once after tries tries in a row
// got no answer, for cooldown; then it lets one try through (a probe)
// at a time until one is answered. Any answer, an error answer included,
// closes it: the endpoint is there.
type breaker struct {
	tries    int
	cooldown time.Duration
	now      func() time.Time

	mu      sync.Mutex
	failed  int       // unanswered tries in a row
	until   time.Time // open until then
	probing bool      // a probe is in flight
}

// allow reports whether a try may be sent; when not, it returns the
// refusal. probe is true when the try is the one probe of an open
// breaker.
func (b *breaker) allow(host string) (probe bool, err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.failed < b.tries {
		return false, nil
	}
	if wait := b.until.Sub(b.now()); wait > 0 || b.probing {
		return false, &UnansweredError{Host: host, Open: true, Tries: b.failed, Wait: max(wait, 0)}
	}
	b.probing = true
	return true, nil
}

// done records a try's outcome: answered or not. A try that ended for
// another reason (the caller's context) is not recorded, except that a
// probe is released.
func (b *breaker) done(probe, answered, unanswered bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if probe {
		b.probing = false
	}
	switch {
	case answered:
		b.failed = 0
	case unanswered:
		b.failed++
		if b.failed >= b.tries {
			b.until = b.now().Add(b.cooldown)
		}
	}
}
