// Package ctxtransport gives requests that an SDK builds without a context
// the context of the driver call that made them. The driver registers the
// call's context under a random key, passes the key to the SDK as an extra
// header (one the SDK's signer does not cover), and the transport looks the
// context up, removes the header and sends the request under that context:
// cancelling the call aborts the request in flight.
package ctxtransport

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"sync"
)

// Transport is an http.RoundTripper over Base.
type Transport struct {
	// Base sends the requests.
	Base *http.Transport
	// Header is the name of the header carrying the key.
	Header string

	mu    sync.Mutex
	calls map[string]context.Context
}

// New returns a transport over base keyed by header.
func New(base *http.Transport, header string) *Transport {
	return &Transport{Base: base, Header: header, calls: map[string]context.Context{}}
}

// Register makes ctx the context of requests carrying the returned key
// until done is called.
func (t *Transport) Register(ctx context.Context) (key string, done func()) {
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

// RoundTrip sends req under its call's context, also ended when the
// request's own context (the SDK's timeout) ends. A request without a key
// (made directly through the SDK client) is sent as it is.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	key := req.Header.Get(t.Header)
	if key == "" {
		return t.Base.RoundTrip(req)
	}
	t.mu.Lock()
	callCtx, ok := t.calls[key]
	t.mu.Unlock()
	if !ok {
		if req.Body != nil {
			_ = req.Body.Close()
		}
		return nil, errEnded
	}
	ctx, cancel := context.WithCancel(callCtx)
	stop := context.AfterFunc(req.Context(), cancel)
	out := req.Clone(ctx)
	out.Header.Del(t.Header)
	resp, err := t.Base.RoundTrip(out)
	if err != nil {
		stop()
		cancel()
		return nil, err
	}
	resp.Body = &cancelBody{ReadCloser: resp.Body, done: func() { stop(); cancel() }}
	return resp, nil
}

var errEnded = errors.New("request of a call that has ended (internal error)")

// CloseIdleConnections closes Base's idle connections.
func (t *Transport) CloseIdleConnections() { t.Base.CloseIdleConnections() }

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
