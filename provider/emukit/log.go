package emukit

import (
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/fnasync/fnasync/internal/safetext"
)

// Request is one request an emulator served. Seq numbers the requests of
// a Log from 1, in the order they were added; GET /_emulator/requests
// pages with ?since=SEQ.
type Request struct {
	Seq       uint64    `json:"seq"`
	Time      time.Time `json:"time"`
	Cloud     string    `json:"cloud"`
	Operation string    `json:"operation"`
	Method    string    `json:"method"`
	Path      string    `json:"path"`
	Status    int       `json:"status"`
	// Throttled marks a request answered with the cloud's throttling
	// error (--throttle-rate or --quota): every emulator answers it with
	// HTTP 429, so Log.Add sets it from Status.
	Throttled bool `json:"throttled,omitempty"`
}

// Mutating reports whether the request could change state: any method
// other than GET and HEAD.
func (r Request) Mutating() bool { return r.Method != http.MethodGet && r.Method != http.MethodHead }

// The bounds of a Log: it keeps the last DefaultLogSize requests (or
// Log.Size), and clips a path to MaxLogPath bytes and a method to
// maxLogMethod, so that a flood of requests with long paths cannot grow
// the emulator without bound.
const (
	DefaultLogSize = 10000
	MaxLogPath     = 256
	maxLogMethod   = 16
)

// Log is a concurrency-safe request log, a ring of the last Size requests;
// the zero value is ready and keeps DefaultLogSize.
type Log struct {
	// Size is how many requests the log keeps (≤ 0: DefaultLogSize). Set
	// it before the first Add.
	Size int

	mu    sync.Mutex
	ring  []Request
	start int    // the index of the oldest request in ring
	last  uint64 // the Seq of the last request added
}

func (l *Log) size() int {
	if l.Size > 0 {
		return l.Size
	}
	return DefaultLogSize
}

// Add appends r with the next sequence number, its path and method
// clipped, dropping the oldest request when the log is full. Its strings
// are copied: net/http cuts a request's method and path out of the whole
// request line, which a short piece kept here would keep alive.
func (l *Log) Add(r Request) {
	r.Throttled = r.Throttled || r.Status == http.StatusTooManyRequests
	r.Path = strings.Clone(safetext.Clip(r.Path, MaxLogPath))
	r.Method = strings.Clone(safetext.Clip(r.Method, maxLogMethod))
	r.Cloud, r.Operation = strings.Clone(r.Cloud), strings.Clone(r.Operation)
	l.mu.Lock()
	defer l.mu.Unlock()
	l.last++
	r.Seq = l.last
	if len(l.ring) < l.size() {
		l.ring = append(l.ring, r)
		return
	}
	l.ring[l.start] = r
	l.start = (l.start + 1) % len(l.ring)
}

// Requests returns a copy of the requests the log keeps, oldest first.
func (l *Log) Requests() []Request { return l.Since(0) }

// Since returns a copy of the kept requests whose Seq is greater than
// seq, oldest first.
func (l *Log) Since(seq uint64) []Request {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []Request
	for i := range l.ring {
		if r := l.ring[(l.start+i)%len(l.ring)]; r.Seq > seq {
			out = append(out, r)
		}
	}
	return out
}

// Reset empties the log; sequence numbers go on from where they were, so
// that a reader paging with since sees no number twice.
func (l *Log) Reset() {
	l.mu.Lock()
	l.ring, l.start = nil, 0
	l.mu.Unlock()
}
