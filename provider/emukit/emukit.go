// Package emukit holds what the cloud emulators (fgemu, fcemu) share and
// nothing cloud-specific: the durable state store and its lock (Store: a
// change is acknowledged only once it is on disk, and one process at a
// time holds a state), the request log that tests and
// GET /_emulator/requests read (a bounded ring, see Log), the guarded
// inspection endpoints (see Inspect), and fault injection (latency, 5xx,
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
	// Quota, if set, throttles the requests of a project or account
	// beyond its rate (see Admit).
	Quota *Quota
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

// Admit reports whether the quota admits one more request of key (a
// cloud and its project or account); without a quota it always does.
func (f *Faults) Admit(key string) bool {
	if f == nil {
		return true
	}
	return f.Quota.Admit(key)
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
