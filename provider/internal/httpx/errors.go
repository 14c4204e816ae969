package httpx

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/fnasync/fnasync/internal/safetext"
	"github.com/fnasync/fnasync/provider/driver"
)

// UnansweredError is a try that got no answer: it timed out, or the
// connection was refused or reset. Open is set when the provider's
// breaker refused the try without sending it.
type UnansweredError struct {
	Host    string
	Timeout time.Duration // set when the try timed out
	Open    bool
	Err     error // the network error, when there was one
	// Tries is how many tries in a row got no answer, for Open.
	Tries int
	// Wait is how long the open breaker waits before it lets a probe
	// through (0: a probe is in flight), for Open.
	Wait time.Duration
}

func (e *UnansweredError) Error() string {
	switch {
	case e.Open && e.Wait > 0:
		return fmt.Sprintf("%s did not answer %d tries in a row: not trying it again for %s",
			e.Host, e.Tries, e.Wait.Round(time.Second))
	case e.Open:
		return fmt.Sprintf("%s did not answer %d tries in a row: not trying it again until a probe is answered", e.Host, e.Tries)
	case e.Timeout > 0:
		return fmt.Sprintf("%s sent no complete answer within %s", e.Host, e.Timeout)
	}
	return fmt.Sprintf("%s could not be reached: %s", e.Host, safetext.Clean(netText(e.Err), 200))
}

func (e *UnansweredError) Unwrap() error { return e.Err }

// netText is a network error's message without the request's method and
// URL, which *url.Error adds.
func netText(err error) string {
	var oe *net.OpError
	if errors.As(err, &oe) {
		return oe.Error()
	}
	if err == nil {
		return "no answer"
	}
	return err.Error()
}

// RedirectError is a 3xx answer: never followed.
type RedirectError struct {
	Status int
	// Location is the host the answer redirected to ("" if none).
	Location string
}

func (e *RedirectError) Error() string {
	to := "no Location"
	if e.Location != "" {
		to = "Location host " + e.Location
	}
	return fmt.Sprintf("the endpoint answered HTTP %d, a redirect (%s): redirects are never followed; check the endpoint", e.Status, to)
}

// HostError is a request for another host than the endpoint's: never
// sent.
type HostError struct{ Got, Want string }

func (e *HostError) Error() string {
	return fmt.Sprintf("refusing to send a request to %s: the endpoint is %s (internal error)", e.Got, e.Want)
}

// TooLargeError is an answer whose body passed its cap.
type TooLargeError struct {
	Op    string
	Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("the answer to %s is larger than %d bytes: refusing to read it", e.Op, e.Limit)
}

// StatusError is a success status the operation does not document (a
// 2xx other than its own, or a 1xx).
type StatusError struct {
	Op     string
	Status int
	Want   []int
}

func (e *StatusError) Error() string {
	want := make([]string, len(e.Want))
	for i, s := range e.Want {
		want[i] = strconv.Itoa(s)
	}
	return fmt.Sprintf("%s answered HTTP %d, want %s: not counted as success", e.Op, e.Status, strings.Join(want, " or "))
}

// EmptyError is a success answer that does not hold what the operation
// returns: null, {}, an empty body, or something that is not JSON.
type EmptyError struct {
	Op   string
	What string // e.g. "a config"
	Body string // the start of the body, cleaned
}

func (e *EmptyError) Error() string {
	return fmt.Sprintf("the answer to %s is not %s: %q", e.Op, e.What, e.Body)
}

// Code returns the portable code of an error of the transport, and true,
// or false when err is not one: Unavailable for an unanswered try (an open
// breaker included: Retryable tells it apart), Unknown for a certificate
// that does not verify, a redirect, an unexpected status, a body past its
// cap or one that is not the operation's answer (no retry cures those),
// InvalidArgument for a host that does not resolve (a wrong region or
// endpoint).
func Code(err error) (driver.ErrorCode, bool) {
	var (
		ue  *UnansweredError
		re  *RedirectError
		he  *HostError
		tl  *TooLargeError
		se  *StatusError
		ee  *EmptyError
		cv  *tls.CertificateVerificationError
		dne *net.DNSError
		ne  net.Error
		oe  *net.OpError
	)
	switch {
	case errors.As(err, &ue):
		return driver.Unavailable, true
	case errors.As(err, &re), errors.As(err, &he), errors.As(err, &tl), errors.As(err, &se), errors.As(err, &ee):
		return driver.Unknown, true
	case errors.As(err, &cv):
		return driver.Unknown, true
	case errors.As(err, &dne) && dne.IsNotFound:
		return driver.InvalidArgument, true
	case errors.As(err, &ne), errors.As(err, &oe), errors.As(err, &dne):
		return driver.Unavailable, true
	}
	return driver.OK, false
}

// Throttled reports whether an error answer means "slow down": HTTP 429,
// or a code among codes, where a code ending in "*" matches every code
// it starts. Both adapters test it before anything else, so that a
// throttling code is never read as another class of error.
func Throttled(status int, code string, codes []string) bool {
	if status == http.StatusTooManyRequests {
		return true
	}
	for _, c := range codes {
		if p, ok := strings.CutSuffix(c, "*"); ok && strings.HasPrefix(code, p) || c == code {
			return true
		}
	}
	return false
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(h http.Header, now time.Time) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n <= 0 {
			return 0
		}
		return time.Duration(min(n, 86400)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return min(t.Sub(now), 24*time.Hour)
	}
	return 0
}

// StatusCode is the portable code an error answer's HTTP status implies,
// for an answer whose cloud code the adapter does not know (throttling is
// told apart before, by Throttled): PermissionDenied for 401 and 403,
// NotFound for 404, FailedPrecondition for 409 and 412, Internal for 5xx,
// InvalidArgument for other 4xx, Unknown otherwise.
func StatusCode(status int) driver.ErrorCode {
	switch {
	case status == http.StatusForbidden || status == http.StatusUnauthorized:
		return driver.PermissionDenied
	case status == http.StatusNotFound:
		return driver.NotFound
	case status == http.StatusConflict || status == http.StatusPreconditionFailed:
		return driver.FailedPrecondition
	case status >= 500:
		return driver.Internal
	case status >= 400:
		return driver.InvalidArgument
	}
	return driver.Unknown
}
