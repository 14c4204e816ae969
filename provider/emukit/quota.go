package emukit

import (
	"math"
	"sync"
	"time"
)

// Quota is a request quota per project or account: a token bucket of RPS
// tokens a second holding at most Burst (default: RPS, rounded up, at
// least 1), full at the start. A request that finds no token is answered
// with the cloud's throttling error. The zero RPS admits everything.
type Quota struct {
	// RPS is the rate, in requests per second.
	RPS float64
	// Burst is the bucket's size; 0 means RPS rounded up (at least 1).
	Burst int
	// Now is the clock (default time.Now).
	Now func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

// Admit takes a token from key's bucket (a cloud and its project or
// account) and reports whether there was one. A nil Quota admits
// everything.
func (q *Quota) Admit(key string) bool {
	if q == nil || q.RPS <= 0 {
		return true
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	now := time.Now
	if q.Now != nil {
		now = q.Now
	}
	t := now()
	size := q.size()
	b := q.buckets[key]
	if b == nil {
		if q.buckets == nil {
			q.buckets = map[string]*bucket{}
		}
		b = &bucket{tokens: size, last: t}
		q.buckets[key] = b
	}
	if d := t.Sub(b.last); d > 0 {
		b.tokens = min(size, b.tokens+d.Seconds()*q.RPS)
		b.last = t
	}
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

func (q *Quota) size() float64 {
	if q.Burst > 0 {
		return float64(q.Burst)
	}
	return max(1, math.Ceil(q.RPS))
}

// Reset fills every bucket again.
func (q *Quota) Reset() {
	if q == nil {
		return
	}
	q.mu.Lock()
	q.buckets = nil
	q.mu.Unlock()
}
