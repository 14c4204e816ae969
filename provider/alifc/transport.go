package alifc

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"sync"
)

// callHeader carries a request's key from the driver through the SDK to
// ctxTransport, which removes it before the request leaves. It is not an
// x-acs-* header, so the acs signature does not cover it.
const callHeader = "X-Fnasync-Call"

// ctxTransport gives the SDK's requests, which the SDK builds without a
// context, the context of the driver call that made them.
type ctxTransport struct {
	base  *http.Transport
	mu    sync.Mutex
	calls map[string]context.Context
}

func newCtxTransport(base *http.Transport) *ctxTransport {
	return &ctxTransport{base: base, calls: map[string]context.Context{}}
}

// register makes ctx the context of requests carrying the returned key
// until done is called.
func (t *ctxTransport) register(ctx context.Context) (key string, done func()) {
	var b [12]byte
	_, _ = rand.Read(b[:])
	key = hex.EncodeToString(b[:])
	t.mu.Lock()
	t.calls[key] = ctx
	t.mu.Unlock()
	return key, func() {
		t.mu.Lock()
		delete(t.calls, key)
		t.mu.Unlock()
	}
}

// RoundTrip sends req under the registered context, also ended when the
// SDK's own request context (its timeout) ends. A request without a key
// (made through the *sdk.Client that As returns) is sent as it is.
func (t *ctxTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	key := req.Header.Get(callHeader)
	if key == "" {
		return t.base.RoundTrip(req)
	}
	t.mu.Lock()
	callCtx, ok := t.calls[key]
	t.mu.Unlock()
	if !ok {
		if req.Body != nil {
			_ = req.Body.Close()
		}
		return nil, errNoCall
	}
	ctx, cancel := context.WithCancel(callCtx)
	stop := context.AfterFunc(req.Context(), cancel)
	out := req.Clone(ctx)
	out.Header.Del(callHeader)
	resp, err := t.base.RoundTrip(out)
	if err != nil {
		stop()
		cancel()
		return nil, err
	}
	resp.Body = &cancelBody{ReadCloser: resp.Body, done: func() { stop(); cancel() }}
	return resp, nil
}

var errNoCall = errors.New("alifc: request of a call that has ended (internal error)")

// cancelBody releases the request's context when the body is closed.
type cancelBody struct {
	io.ReadCloser
	once sync.Once
	done func()
}

func (b *cancelBody) Close() error {
	err := b.ReadCloser.Close()
	b.once.Do(b.done)
	return err
}
