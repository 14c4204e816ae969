package provider

import "time"

// The transport's defaults (TransportOptions' zero fields).
const (
	// DefaultTimeout bounds one try of one request: connecting, the
	// answer's headers and reading its whole body.
	DefaultTimeout = 30 * time.Second
	// DefaultMaxBody caps the body of an answer that carries one config
	// or one invocation (a few KB in practice).
	DefaultMaxBody = 1 << 20
	// DefaultMaxPageBody caps the body of one list page.
	DefaultMaxPageBody = 8 << 20
	// DefaultMaxErrorBody is how much of an error answer is read; the
	// rest is discarded.
	DefaultMaxErrorBody = 64 << 10
	// DefaultUnansweredTries is how many tries of one request may get no
	// answer (timed out, refused or reset) before the request fails.
	DefaultUnansweredTries = 3
	// DefaultBreakerTries is how many tries in a row to one provider may
	// get no answer before its requests fail at once (the breaker opens).
	DefaultBreakerTries = 4
	// DefaultBreakerCooldown is how long an open breaker fails requests
	// at once before it lets one through to probe the endpoint.
	DefaultBreakerCooldown = 30 * time.Second
)

// TransportOptions tune the HTTP layer under every cloud adapter; nil or
// a zero field means its default. Whatever they say, redirects are never
// followed, requests go only to the configured endpoint, and a server's
// text is redacted and escaped.
type TransportOptions struct {
	// Timeout bounds one try of one request (DefaultTimeout).
	Timeout time.Duration
	// MaxBody caps a config's or an invocation's answer (DefaultMaxBody).
	MaxBody int64
	// MaxPageBody caps a list page (DefaultMaxPageBody).
	MaxPageBody int64
	// MaxErrorBody is how much of an error answer is read
	// (DefaultMaxErrorBody).
	MaxErrorBody int64
	// UnansweredTries bounds the unanswered tries of one request
	// (DefaultUnansweredTries).
	UnansweredTries int
	// BreakerTries opens a provider's breaker after this many unanswered
	// tries in a row (DefaultBreakerTries).
	BreakerTries int
	// BreakerCooldown is how long an open breaker fails requests at once
	// (DefaultBreakerCooldown).
	BreakerCooldown time.Duration
}

// WithDefaults returns a copy of o (nil: the zero options) with every
// zero field set to its default.
func (o *TransportOptions) WithDefaults() TransportOptions {
	var out TransportOptions
	if o != nil {
		out = *o
	}
	if out.Timeout <= 0 {
		out.Timeout = DefaultTimeout
	}
	if out.MaxBody <= 0 {
		out.MaxBody = DefaultMaxBody
	}
	if out.MaxPageBody <= 0 {
		out.MaxPageBody = DefaultMaxPageBody
	}
	if out.MaxErrorBody <= 0 {
		out.MaxErrorBody = DefaultMaxErrorBody
	}
	if out.UnansweredTries <= 0 {
		out.UnansweredTries = DefaultUnansweredTries
	}
	if out.BreakerTries <= 0 {
		out.BreakerTries = DefaultBreakerTries
	}
	if out.BreakerCooldown <= 0 {
		out.BreakerCooldown = DefaultBreakerCooldown
	}
	return out
}

// NoCredentials is the one-line error of an adapter whose credential chain
// found nothing: the environment variables to set, the other places the
// chain looks, and for an endpoint on loopback (an emulator) where the
// emulator's keys are written.
func NoCredentials(adapter, env, elsewhere string, loopback bool) string {
	s := adapter + ": no credentials: set " + env + " (or " + elsewhere + ")"
	if loopback {
		s += "; the endpoint is on loopback: the emulator's keys are in the README, section \"The emulator\""
	}
	return s
}
