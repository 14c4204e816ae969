// Package httpx is the one HTTP layer under every cloud adapter: an
// http.RoundTripper that the adapter hands to its SDK, and Do, which runs
// an API call's tries under the retry policy. Whatever the SDK's
// http.Client would do, the transport
//
//   - sends requests only to the configured endpoint's scheme and host;
//   - never lets a redirect be followed: a 3xx is an error naming the
//     status and the Location host;
//   - bounds each try (connecting, the headers, the whole body) by a
//     timeout, and reads the body itself through a cap fitted to the call
//     (past it the try fails, having held no more than the cap);
//   - counts as success only the operation's documented statuses, and as
//     its answer only a body that holds what the operation returns;
//   - redacts from every answer (body and headers) the request's
//     Authorization value, the access key id and signature in it, any
//     security token and what the adapter names as secret, before the SDK
//     parses it, so that no error string built from it can carry them;
//   - fails a provider's requests at once for a while after several tries
//     in a row got no answer (a breaker), so that a silent endpoint costs
//     a run seconds or minutes, not hours.
//
// SDKs that take no context get each try's context through a header
// (Options.Header) carrying a key, removed before the request leaves;
// SDKs that take one find it in the request's context.
package httpx

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fnasync/fnasync/internal/safetext"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/driver"
	"github.com/fnasync/fnasync/provider/retry"
)

// Options configure New.
type Options struct {
	// Endpoint is the only scheme and host requests may go to.
	Endpoint *url.URL
	// Header carries the key of a try through an SDK that takes no
	// context; the SDK's signer must not cover it.
	Header string
	// Transport tunes timeouts, caps and the breaker (nil: defaults).
	Transport *provider.TransportOptions
	// Retry is the retry policy of Do (nil: retry.Default).
	Retry *retry.Policy
	// Classify is the adapter's error classification, for Do's retries.
	Classify func(error) driver.ErrorCode
	// Secrets, if set, returns more strings to redact from answers (the
	// current credentials' access key id and token).
	Secrets func() []string
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// Transport is the http.RoundTripper of one driver.
type Transport struct {
	o      Options
	t      provider.TransportOptions
	base   *http.Transport
	scheme string
	host   string // canonical host:port
	br     *breaker

	mu    sync.Mutex
	calls map[string]*record
}

// New returns a transport for o.Endpoint.
func New(o Options) *Transport {
	if o.Retry == nil {
		o.Retry = &retry.Default
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	t := &Transport{o: o, t: o.Transport.WithDefaults(), calls: map[string]*record{},
		scheme: o.Endpoint.Scheme, host: hostPort(o.Endpoint.Scheme, o.Endpoint.Host)}
	t.br = &breaker{tries: t.t.BreakerTries, cooldown: t.t.BreakerCooldown, now: o.Now}
	t.base = &http.Transport{
		Proxy:                  http.ProxyFromEnvironment, // loopback is exempt
		DialContext:            (&net.Dialer{Timeout: min(5*time.Second, t.t.Timeout), KeepAlive: 30 * time.Second}).DialContext,
		TLSHandshakeTimeout:    min(10*time.Second, t.t.Timeout),
		MaxIdleConnsPerHost:    32,
		IdleConnTimeout:        90 * time.Second,
		ExpectContinueTimeout:  time.Second,
		MaxResponseHeaderBytes: 64 << 10,
	}
	return t
}

// Options returns the transport's settings, defaults filled.
func (t *Transport) Options() provider.TransportOptions { return t.t }

// CloseIdleConnections closes idle connections.
func (t *Transport) CloseIdleConnections() { t.base.CloseIdleConnections() }

// hostPort returns host (as in a URL) lower-cased with its port, the
// scheme's default when it names none.
func hostPort(scheme, host string) string {
	h, p, err := net.SplitHostPort(host)
	if err != nil {
		h, p = strings.Trim(host, "[]"), map[string]string{"http": "80", "https": "443"}[scheme]
	}
	return net.JoinHostPort(strings.ToLower(h), p)
}

// errTimedOut is the cause of a try's context when its timeout passed.
var errTimedOut = errors.New("try timed out")

// RoundTrip implements http.RoundTripper.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	rec, err := t.lookup(req)
	if err != nil {
		closeBody(req)
		return nil, err
	}
	ctx := req.Context()
	if rec != nil {
		ctx = rec.ctx
	}
	resp, err := t.roundTrip(ctx, req, rec)
	if rec != nil {
		rec.set(err)
	}
	return resp, err
}

func (t *Transport) roundTrip(ctx context.Context, req *http.Request, rec *record) (*http.Response, error) {
	if err := t.checkHost(req); err != nil {
		closeBody(req)
		return nil, err
	}
	probe, err := t.br.allow(t.host)
	if err != nil {
		closeBody(req)
		return nil, err
	}
	answered, unanswered := false, false
	defer func() { t.br.done(probe, answered, unanswered) }()

	tctx, cancel := context.WithTimeoutCause(ctx, t.t.Timeout, errTimedOut)
	defer cancel()
	stop := context.AfterFunc(req.Context(), cancel) // the SDK's own timeout
	defer stop()
	out := req.Clone(tctx)
	if t.o.Header != "" {
		out.Header.Del(t.o.Header)
	}
	secrets := secrets(out.Header)
	if t.o.Secrets != nil {
		secrets = append(secrets, t.o.Secrets()...)
	}
	resp, err := t.base.RoundTrip(out)
	if err != nil {
		unanswered, err = t.netError(ctx, tctx, err)
		return nil, err
	}
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		_ = resp.Body.Close()
		answered = true
		return nil, &RedirectError{Status: resp.StatusCode, Location: locationHost(resp.Header.Get("Location"))}
	}
	call := rec.call()
	limit := t.t.MaxBody
	switch {
	case resp.StatusCode >= 400:
		limit = t.t.MaxErrorBody
	case call.Page:
		limit = t.t.MaxPageBody
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	_ = resp.Body.Close()
	if err != nil {
		unanswered, err = t.netError(ctx, tctx, err)
		return nil, err
	}
	answered = true
	if int64(len(body)) > limit {
		if resp.StatusCode < 400 {
			return nil, &TooLargeError{Op: call.Op, Limit: limit}
		}
		body = body[:limit]
	}
	body = redactBody(body, secrets)
	redactHeader(resp.Header, secrets)
	redactHeader(resp.Trailer, secrets)
	if resp.StatusCode >= 400 {
		rec.setAfter(retryAfter(resp.Header, t.o.Now()))
	} else if err := call.check(resp.StatusCode, body, rec != nil); err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	resp.Header.Set("Content-Length", strconv.Itoa(len(body)))
	return resp, nil
}

// netError turns the error of a try that got no (complete) answer into
// what the caller sees, and reports whether the endpoint failed to
// answer: the caller's context error as it is; a try past its timeout or
// a network error as *UnansweredError; a certificate that does not
// verify or a host that does not resolve as it is (neither is retried).
func (t *Transport) netError(ctx, tctx context.Context, err error) (bool, error) {
	var (
		cv  *tls.CertificateVerificationError
		dne *net.DNSError
	)
	switch {
	case ctx.Err() != nil:
		return false, ctx.Err()
	case context.Cause(tctx) == errTimedOut:
		return true, &UnansweredError{Host: t.host, Timeout: t.t.Timeout}
	case tctx.Err() != nil: // the SDK's own timeout or cancellation
		return false, err
	case errors.As(err, &cv), errors.As(err, &dne) && dne.IsNotFound:
		return false, err
	}
	return true, &UnansweredError{Host: t.host, Err: err}
}

func (t *Transport) checkHost(req *http.Request) error {
	got := hostPort(req.URL.Scheme, req.URL.Host)
	if req.URL.Scheme != t.scheme || got != t.host {
		return &HostError{Got: safetext.Clean(req.URL.Scheme+"://"+req.URL.Host, 100), Want: t.scheme + "://" + t.host}
	}
	if req.Host != "" && hostPort(req.URL.Scheme, req.Host) != t.host {
		return &HostError{Got: safetext.Clean(req.Host, 100), Want: t.host}
	}
	return nil
}

// locationHost returns the host a Location header names, cleaned.
func locationHost(loc string) string {
	if loc == "" {
		return ""
	}
	u, err := url.Parse(loc)
	if err != nil || u.Host == "" {
		return "the same host"
	}
	return safetext.Clean(u.Host, 100)
}

func closeBody(req *http.Request) {
	if req.Body != nil {
		_ = req.Body.Close()
	}
}

// check reports a success answer that does not count as one: a status
// the operation does not document, or a body that lacks what it returns.
// Requests made outside Do (known is false) need only a 2xx.
func (c *Call) check(status int, body []byte, known bool) error {
	want := c.Success
	if len(want) == 0 {
		want = []int{http.StatusOK}
	}
	if !known {
		if status < 200 {
			return &StatusError{Op: c.Op, Status: status, Want: []int{200}}
		}
		return nil
	}
	if !slices.Contains(want, status) {
		return &StatusError{Op: c.Op, Status: status, Want: want}
	}
	if len(c.Keys) == 0 {
		return nil
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(body, &m) == nil {
		for _, k := range c.Keys {
			if _, ok := m[k]; ok {
				return nil
			}
		}
	}
	return &EmptyError{Op: c.Op, What: c.What, Body: safetext.Clean(string(body), 64)}
}
