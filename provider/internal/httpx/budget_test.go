package httpx

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/retry"
)

// TestBodyBudget: twenty calls at once whose answers are list pages near
// their cap (as a hostile server sends to --parallelism 20) hold at most
// BodyBudget bytes of answers at a time, each until its try ends (the SDK
// has parsed it); and small answers are never held back by one another.
func TestBodyBudget(t *testing.T) {
	const pageCap = 8 << 20
	big := bytes.Repeat([]byte("x"), pageCap-10)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/small" {
			_, _ = w.Write([]byte(`{"a":1}`))
			return
		}
		w.Header().Set("Transfer-Encoding", "chunked") // no Content-Length
		_, _ = w.Write(big)
	}))
	t.Cleanup(ts.Close)
	u, _ := url.Parse(ts.URL)
	tr := New(Options{Endpoint: u, Header: header, Classify: classifyTest, Retry: &retry.Policy{Attempts: 1},
		Transport: &provider.TransportOptions{Timeout: 20 * time.Second, MaxPageBody: pageCap}})
	t.Cleanup(tr.CloseIdleConnections)
	var inFlight, peak atomic.Int64
	call := func(path string, parse time.Duration) error {
		return tr.Do(context.Background(), &Call{Op: "List", Page: true}, func(_ context.Context, key string) error {
			req, _ := http.NewRequest(http.MethodGet, ts.URL+path, nil)
			req.Header.Set(header, key)
			resp, err := tr.RoundTrip(req)
			if err != nil {
				return err
			}
			_ = resp.Body.Close()
			if path != "/small" {
				n := inFlight.Add(1)
				for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
				}
				time.Sleep(parse) // the SDK parsing the page
				inFlight.Add(-1)
			}
			return nil
		})
	}
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := call("/big", 20*time.Millisecond); err != nil {
				t.Error(err)
			}
		}()
	}
	// Meanwhile small answers go through at once.
	time.Sleep(10 * time.Millisecond)
	for range 20 {
		start := time.Now()
		if err := call("/small", 0); err != nil {
			t.Fatal(err)
		}
		if el := time.Since(start); el > 2*time.Second {
			t.Errorf("a small answer waited %v behind the large ones", el)
		}
	}
	wg.Wait()
	if max := int64(BodyBudget / (pageCap + 1)); peak.Load() > max {
		t.Errorf("%d pages near their cap were held at once, want at most %d (BodyBudget)", peak.Load(), max)
	}
}
