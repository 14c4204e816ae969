package httpx

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/fnasync/fnasync/provider/retry"
)

// Call describes one API operation to the transport.
type Call struct {
	// Op names the operation in errors ("GetAsyncConfig").
	Op string
	// Success lists the operation's documented success statuses (default
	// 200 only). Any other status below 400 is an error.
	Success []int
	// Page says the answer is a list page: its body is capped at
	// TransportOptions.MaxPageBody, not MaxBody.
	Page bool
	// Keys, when set, are the keys of the operation's answer: a success
	// body must be a JSON object holding at least one of them, so that
	// null, {}, an empty body or an HTML page is an error, not an answer
	// read as defaults. What names the answer in that error ("a config").
	Keys []string
	What string
	// Retryable decides which errors are retried; nil means those whose
	// code is Retryable. Either way an open breaker is not retried, nor a
	// request whose tries went unanswered UnansweredTries times.
	Retryable func(error) bool
}

// record is one try in flight: its context, its call and what the
// transport made of it.
type record struct {
	ctx context.Context
	c   *Call
	key string

	mu    sync.Mutex
	err   error
	after time.Duration
}

var anyCall = &Call{Op: "the request"}

func (r *record) call() *Call {
	if r == nil {
		return anyCall
	}
	return r.c
}

func (r *record) set(err error) {
	r.mu.Lock()
	r.err = err
	r.mu.Unlock()
}

func (r *record) setAfter(d time.Duration) {
	if r == nil {
		return
	}
	r.mu.Lock()
	r.after = d
	r.mu.Unlock()
}

func (r *record) result() (time.Duration, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.after, r.err
}

type recordKey struct{}

// errEnded is a request carrying the key of a try that has ended.
var errEnded = errors.New("request of a call that has ended (internal error)")

func (t *Transport) register(ctx context.Context, c *Call) *record {
	var b [12]byte
	_, _ = rand.Read(b[:])
	r := &record{ctx: ctx, c: c, key: hex.EncodeToString(b[:])}
	t.mu.Lock()
	t.calls[r.key] = r
	t.mu.Unlock()
	return r
}

func (t *Transport) unregister(r *record) {
	t.mu.Lock()
	delete(t.calls, r.key)
	t.mu.Unlock()
}

// lookup finds the try a request belongs to: by its header, else by its
// context; nil for a request made outside Do.
func (t *Transport) lookup(req *http.Request) (*record, error) {
	if key := req.Header.Get(t.o.Header); t.o.Header != "" && key != "" {
		t.mu.Lock()
		r, ok := t.calls[key]
		t.mu.Unlock()
		if !ok {
			return nil, errEnded
		}
		return r, nil
	}
	r, _ := req.Context().Value(recordKey{}).(*record)
	return r, nil
}

// Do runs one API call: try sends it once through the SDK, under ctx
// (which carries the try, for SDKs that take a context) or with key in
// the Options.Header header (for SDKs that do not), and returns the SDK's
// error converted by the adapter. When the transport failed the try (no
// answer, a redirect, a body past its cap, an unexpected status or an
// empty answer), its error replaces whatever the SDK made of it. Errors
// are retried as c.Retryable says under the policy, an error answer's
// Retry-After honoured; the caller's context errors are returned as they
// are.
func (t *Transport) Do(ctx context.Context, c *Call, try func(ctx context.Context, key string) error) error {
	retryable := c.Retryable
	if retryable == nil {
		retryable = func(err error) bool { return t.o.Classify(err).Retryable() }
	}
	unanswered := 0
	keep := func(err error) bool {
		var ue *UnansweredError
		if errors.As(err, &ue) && (ue.Open || unanswered >= t.t.UnansweredTries) {
			return false
		}
		return retryable(err)
	}
	return retry.Do(ctx, t.o.Retry, keep, func(ctx context.Context) error {
		r := t.register(ctx, c)
		defer t.unregister(r)
		err := try(context.WithValue(ctx, recordKey{}, r), r.key)
		after, terr := r.result()
		if cerr := ctx.Err(); cerr != nil && (err != nil || terr != nil) {
			return cerr
		}
		if terr != nil {
			err = terr
		}
		var ue *UnansweredError
		if errors.As(err, &ue) && !ue.Open {
			unanswered++
		}
		return retry.WithAfter(err, after)
	})
}
