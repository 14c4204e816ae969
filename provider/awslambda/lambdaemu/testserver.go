package lambdaemu

import (
	"net/http/httptest"
	"testing"
)

// NewTestServer starts an emulator on a loopback httptest server, closed
// when t ends, and returns it with its base URL ("http://127.0.0.1:PORT").
func NewTestServer(t testing.TB, opts *Options) (*Server, string) {
	t.Helper()
	s := New(opts)
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts.URL
}
