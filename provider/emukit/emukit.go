// Package emukit holds what the cloud emulators (fgemu, fcemu) share and
// nothing cloud-specific: the durable state store and its lock (Store: a
// change is acknowledged only once it is on disk, and one process at a
// time holds a state), the request log that tests and
// GET /_emulator/requests read, and fault injection (latency, 5xx,
// throttling). Each emulator renders a fault, and a failed write, in its
// own cloud's envelope.
package emukit

import (
	"context"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"
)

// Request is one request an emulator served.
type Request struct {
	Time      time.Time `json:"time"`
	Cloud     string    `json:"cloud"`
	Operation string    `json:"operation"`
	Method    string    `json:"method"`
	Path      string    `json:"path"`
	Status    int       `json:"status"`
}

// Mutating reports whether the request could change state: any method
// other than GET and HEAD.
func (r Request) Mutating() bool { return r.Method != http.MethodGet && r.Method != http.MethodHead }

// Log is a concurrency-safe request log; the zero value is ready.
type Log struct {
	mu   sync.Mutex
	reqs []Request
}

// Add appends r.
func (l *Log) Add(r Request) {
	l.mu.Lock()
	l.reqs = append(l.reqs, r)
	l.mu.Unlock()
}

// Requests returns a copy of the log.
func (l *Log) Requests() []Request {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Request(nil), l.reqs...)
}

// Reset empties the log.
func (l *Log) Reset() {
	l.mu.Lock()
	l.reqs = nil
	l.mu.Unlock()
}

// Fault is what Faults decided for one request.
type Fault int

// The faults.
const (
	// NoFault serves the request normally.
	NoFault Fault = iota
	// ServerError answers with the cloud's 5xx error.
	ServerError
	// Throttled answers with the cloud's throttling error (429).
	Throttled
)

// Faults injects latency and errors; the zero value injects nothing. Its
// fields may be changed only before serving starts.
type Faults struct {
	// Latency delays every request.
	Latency time.Duration
	// ErrorRate is the probability (0..1) of a 5xx answer.
	ErrorRate float64
	// ThrottleRate is the probability (0..1) of a throttling answer.
	ThrottleRate float64
	// Rand, if set, draws the numbers in [0, 1) that decide the faults; it
	// must be safe for concurrent use. Nil means math/rand/v2's global
	// source. Tests set SeededRand for faults that repeat run after run.
	Rand func() float64
}

// SeededRand returns a source for Faults.Rand that draws the same numbers
// for the same seed, safe for concurrent use.
func SeededRand(seed uint64) func() float64 {
	var mu sync.Mutex
	r := rand.New(rand.NewPCG(seed, seed))
	return func() float64 {
		mu.Lock()
		defer mu.Unlock()
		return r.Float64()
	}
}

// Apply waits for the latency (or until ctx ends) and decides the fault of
// one request.
func (f *Faults) Apply(ctx context.Context) Fault {
	if f == nil {
		return NoFault
	}
	if f.Latency > 0 {
		t := time.NewTimer(f.Latency)
		select {
		case <-ctx.Done():
		case <-t.C:
		}
		t.Stop()
	}
	if f.ErrorRate <= 0 && f.ThrottleRate <= 0 {
		return NoFault
	}
	draw := rand.Float64
	if f.Rand != nil {
		draw = f.Rand
	}
	switch x := draw(); {
	case x < f.ErrorRate:
		return ServerError
	case x < f.ErrorRate+f.ThrottleRate:
		return Throttled
	}
	return NoFault
}

// StatusWriter records the status code written through it.
type StatusWriter struct {
	http.ResponseWriter
	Status int
}

// WriteHeader records code and passes it on.
func (w *StatusWriter) WriteHeader(code int) {
	if w.Status == 0 {
		w.Status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

// Write records an implicit 200.
func (w *StatusWriter) Write(b []byte) (int, error) {
	if w.Status == 0 {
		w.Status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// SkewOK reports whether t is within 15 minutes of now, the window both
// clouds allow for a request's signing time.
func SkewOK(t, now time.Time) bool {
	d := now.Sub(t)
	return d <= 15*time.Minute && d >= -15*time.Minute
}

// The emulators' default credentials, documented in the README. They are
// not secrets: they only open the local emulator.
const (
	DefaultAccessKey = "FNASYNCEMULATORAK001"
	DefaultSecretKey = "fnasync-emulator-secret-key-000000000001"
)

// Outcome payload: an async invocation whose payload is a JSON object with
// "fnasyncOutcome" set to "fail" ends FAILED, "hang" stays running until
// stopped, anything else (or no such field) succeeds. An invocation is
// queued for QueuedFor after it is made, then running for RunningFor,
// then final, as the emulator's clock tells.
const (
	OutcomeField = "fnasyncOutcome"
	QueuedFor    = 100 * time.Millisecond
	RunningFor   = 100 * time.Millisecond
)
