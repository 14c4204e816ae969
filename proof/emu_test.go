package proof

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fnasync/fnasync/emulator"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/plan"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/emukit"
	"github.com/fnasync/fnasync/provider/retry"
	"github.com/fnasync/fnasync/schemas"

	_ "github.com/fnasync/fnasync/provider/alifc"
	_ "github.com/fnasync/fnasync/provider/awslambda"
	_ "github.com/fnasync/fnasync/provider/huaweifg"
)

// emu is an emulator of both clouds served on loopback.
type emu struct {
	*emulator.Server
	URL string
}

// startEmu serves an emulator with opts (nil: defaults) on loopback,
// behind wrap when it is not nil, seeded with doc when it is not nil,
// until the test ends.
func startEmu(t testing.TB, opts *emulator.Options, doc *model.Document, wrap func(http.Handler) http.Handler) *emu {
	t.Helper()
	srv, err := emulator.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	if doc != nil {
		if err := srv.Seed(doc); err != nil {
			t.Fatal(err)
		}
	}
	var h http.Handler = srv
	if wrap != nil {
		h = wrap(srv)
	}
	hs := httptest.NewServer(h)
	t.Cleanup(hs.Close)
	return &emu{Server: srv, URL: hs.URL}
}

// fast is retry.Default with short waits, for tests that must be quick:
// as many tries as the adapters make by default, so that convergence
// under faults is proven for the default policy.
var fast = &retry.Policy{Attempts: retry.Default.Attempts, Base: time.Millisecond, Max: 8 * time.Millisecond}

// openProviders opens every provider of doc against the emulator at url
// with its keys and the retry policy pol (nil: retry.Default).
func openProviders(t testing.TB, doc *model.Document, url string, pol *retry.Policy) *plan.Providers {
	t.Helper()
	return openProvidersWith(t, doc, url, &provider.OpenOptions{Retry: pol})
}

// openProvidersWith is openProviders with the other options of oo.
func openProvidersWith(t testing.TB, doc *model.Document, url string, oo *provider.OpenOptions) *plan.Providers {
	t.Helper()
	clients := map[string]*provider.Client{}
	for name, p := range doc.Providers {
		limits, err := schemas.ProviderLimits(p)
		if err != nil {
			t.Fatal(err)
		}
		o := *oo
		o.Endpoint = url
		o.Credentials = &provider.Credentials{AccessKey: emukit.DefaultAccessKey, SecretKey: emukit.DefaultSecretKey}
		c, err := provider.Open(context.Background(), p, limits, &o)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = c.Close() })
		clients[name] = c
	}
	return plan.NewProviders(doc, clients)
}

// failing stands in front of an emulator: while on, it answers every
// mutating request whose path names one of the chosen functions with the
// cloud's own 5xx error, as an outage of those functions would. It records
// when each request (method, path and query) arrived.
type failing struct {
	next   http.Handler
	chosen map[string]bool
	on     atomic.Bool

	mu   sync.Mutex
	seen map[string][]time.Time
}

func newFailing(next http.Handler, chosen map[string]bool) *failing {
	f := &failing{next: next, chosen: chosen, seen: map[string][]time.Time{}}
	f.on.Store(true)
	return f
}

func (f *failing) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	key := r.Method + " " + r.URL.Path + "?" + r.URL.RawQuery
	f.mu.Lock()
	f.seen[key] = append(f.seen[key], time.Now())
	f.mu.Unlock()
	mutating := r.Method != http.MethodGet && r.Method != http.MethodHead
	if !f.on.Load() || !mutating || !f.chosen[fnRE.FindString(r.URL.Path)] {
		f.next.ServeHTTP(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusInternalServerError)
	switch {
	case strings.HasPrefix(r.URL.Path, "/v2/"):
		_, _ = w.Write([]byte(`{"error_code":"FSS.0500","error_msg":"Internal server error (proof outage)"}`))
	case strings.HasPrefix(r.URL.Path, "/2023-03-30/"):
		_, _ = w.Write([]byte(`{"Code":"InternalServerError","Message":"proof outage","RequestId":"1-proof"}`))
	default:
		_, _ = w.Write([]byte(`{"ErrorCode":"InternalServerError","ErrorMessage":"proof outage"}`))
	}
}

// attempts returns the arrival times of each mutating request, by
// method, path and query.
func (f *failing) attempts() map[string][]time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := map[string][]time.Time{}
	for k, v := range f.seen {
		if !strings.HasPrefix(k, http.MethodGet+" ") {
			out[k] = append([]time.Time(nil), v...)
		}
	}
	return out
}

// requestLog returns GET /_emulator/requests of the emulator at url, raw
// and decoded.
func requestLog(t testing.TB, url string) ([]byte, []emukit.Request) {
	t.Helper()
	resp, err := http.Get(url + "/_emulator/requests")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	var reqs []emukit.Request
	if err == nil {
		err = json.Unmarshal(raw, &reqs)
	}
	if err != nil {
		t.Fatalf("GET /_emulator/requests: %v", err)
	}
	return raw, reqs
}
