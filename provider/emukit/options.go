package emukit

import (
	"io"
	"time"
)

// Options configure an emulator (fgemu.New, fcemu.New); nil means
// defaults.
type Options struct {
	// AccessKey and SecretKey are the only credentials accepted (default
	// DefaultAccessKey and DefaultSecretKey).
	AccessKey string
	SecretKey string
	// Clock is the emulator's time (default time.Now): it checks the
	// signing dates of requests and moves invocations along.
	Clock func() time.Time
	// Faults injects latency, 5xx and throttling answers.
	Faults *Faults
	// Log receives every request served.
	Log *Log
	// OnChange is called after every successful mutating request, outside
	// the emulator's locks (e.g. to persist its state).
	OnChange func()
	// ErrorLog receives the errors of state writes that failed (their
	// requests are answered with the cloud's 5xx error); nil means
	// standard error.
	ErrorLog io.Writer
	// PageSize is the page size of a list request that names none; each
	// emulator documents its default and how it bounds requested sizes.
	PageSize int
}

// WithDefaults returns a copy of o (nil: the zero Options) with the
// credentials and clock filled.
func (o *Options) WithDefaults() Options {
	var out Options
	if o != nil {
		out = *o
	}
	if out.AccessKey == "" {
		out.AccessKey = DefaultAccessKey
	}
	if out.SecretKey == "" {
		out.SecretKey = DefaultSecretKey
	}
	if out.Clock == nil {
		out.Clock = time.Now
	}
	return out
}
