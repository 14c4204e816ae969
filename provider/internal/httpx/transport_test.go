package httpx

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/driver"
	"github.com/fnasync/fnasync/provider/retry"
)

const header = "X-Test-Call"

// classifyTest is a minimal adapter classification: the transport's own
// codes, Internal for the test's "5xx" error.
func classifyTest(err error) driver.ErrorCode {
	if code, ok := Code(err); ok {
		return code
	}
	return driver.Unknown
}

// setup serves h on loopback and returns a transport to it with a short
// timeout, and a client that sends through Do like an adapter.
func setup(t *testing.T, h http.HandlerFunc, o *provider.TransportOptions) (*Transport, func(c *Call, path string) ([]byte, error)) {
	t.Helper()
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	u, _ := url.Parse(ts.URL)
	if o == nil {
		o = &provider.TransportOptions{}
	}
	if o.Timeout == 0 {
		o.Timeout = 300 * time.Millisecond
	}
	tr := New(Options{Endpoint: u, Header: header, Transport: o, Classify: classifyTest,
		Retry: &retry.Policy{Attempts: 4, Base: time.Millisecond, Max: time.Millisecond}})
	t.Cleanup(tr.CloseIdleConnections)
	hc := &http.Client{Transport: tr} // follows redirects, as the SDKs' clients may
	send := func(c *Call, path string) ([]byte, error) {
		var body []byte
		err := tr.Do(context.Background(), c, func(_ context.Context, key string) error {
			req, _ := http.NewRequest(http.MethodGet, ts.URL+path, nil)
			req.Header.Set(header, key)
			req.Header.Set("Authorization", "acs LTAIEXAMPLEKEY0001:c2lnbmF0dXJl/c2VjcmV0Kw==")
			req.Header.Set("X-Acs-Security-Token", "CAIS-token-0123456789")
			resp, err := hc.Do(req)
			if err != nil {
				return err
			}
			defer resp.Body.Close()
			body, _ = io.ReadAll(resp.Body)
			if resp.StatusCode >= 400 {
				return errors.New("answer " + string(body))
			}
			return nil
		})
		return body, err
	}
	return tr, send
}

func TestTransportRefuses(t *testing.T) {
	var other atomic.Int32
	elsewhere := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { other.Add(1) }))
	defer elsewhere.Close()
	tests := []struct {
		name string
		h    http.HandlerFunc
		call *Call
		want string
	}{
		{"redirect to another port", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, elsewhere.URL+"/x", http.StatusTemporaryRedirect)
		}, &Call{Op: "Get"}, "HTTP 307, a redirect (Location host 127.0.0.1:"},
		{"redirect to another host", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "https://evil.example.com/x", http.StatusFound)
		}, &Call{Op: "Get"}, "Location host evil.example.com"},
		{"undocumented 2xx", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusCreated) },
			&Call{Op: "Get"}, "Get answered HTTP 201, want 200"},
		{"null", func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "null") },
			&Call{Op: "Get", Keys: []string{"a"}, What: "a config"}, `the answer to Get is not a config: "null"`},
		{"empty object", func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "{}") },
			&Call{Op: "Get", Keys: []string{"a"}, What: "a config"}, "is not a config"},
		{"empty body", func(http.ResponseWriter, *http.Request) {}, &Call{Op: "Get", Keys: []string{"a"}, What: "a config"}, "is not a config"},
		{"html", func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "<html>\x1b[2J</html>") },
			&Call{Op: "Get", Keys: []string{"a"}, What: "a config"}, `\\x1b[2J`},
		{"too large", func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, strings.Repeat("x", 2000)) },
			&Call{Op: "Get"}, "larger than 1000 bytes"},
		{"endless", func(w http.ResponseWriter, r *http.Request) {
			for r.Context().Err() == nil {
				if _, err := w.Write(make([]byte, 32<<10)); err != nil {
					return
				}
			}
		}, &Call{Op: "Get"}, "larger than 1000 bytes"},
		{"silent", func(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() }, &Call{Op: "Get"}, "no complete answer within 300ms"},
		{"slow drip", func(w http.ResponseWriter, r *http.Request) {
			for r.Context().Err() == nil {
				_, _ = w.Write([]byte("x"))
				w.(http.Flusher).Flush()
				time.Sleep(50 * time.Millisecond)
			}
		}, &Call{Op: "Get"}, "no complete answer within 300ms"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var n atomic.Int32
			_, send := setup(t, func(w http.ResponseWriter, r *http.Request) { n.Add(1); tc.h(w, r) }, &provider.TransportOptions{MaxBody: 1000})
			start := time.Now()
			_, err := send(tc.call, "/")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err %v, want one containing %q", err, tc.want)
			}
			if el := time.Since(start); el > 5*time.Second {
				t.Errorf("took %v", el)
			}
			if ue := (*UnansweredError)(nil); errors.As(err, &ue) && n.Load() != provider.DefaultUnansweredTries {
				t.Errorf("%d tries of an unanswered request, want %d", n.Load(), provider.DefaultUnansweredTries)
			}
		})
	}
	if other.Load() != 0 {
		t.Errorf("%d requests reached the redirect's target", other.Load())
	}
}

func TestTransportRedactsAndHonoursRetryAfter(t *testing.T) {
	var n atomic.Int32
	_, send := setup(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.Header().Set("Retry-After", "0")
			w.Header().Set("X-Request-Id", r.Header.Get("X-Acs-Security-Token"))
			w.WriteHeader(http.StatusTooManyRequests)
			// The signature with its slash escaped, the key id in \u form.
			_, _ = io.WriteString(w, `{"Message":"bad \u004cTAIEXAMPLEKEY0001 c2lnbmF0dXJl\/c2VjcmV0Kw== `+r.Header.Get("Authorization")+`"}`)
			return
		}
		_, _ = io.WriteString(w, `{"echo":"`+r.Header.Get("X-Acs-Security-Token")+`"}`)
	}, nil)
	body, err := send(&Call{Op: "Get", Retryable: func(error) bool { return true }}, "/")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(body), "CAIS-token") {
		t.Errorf("success body not redacted: %s", body)
	}
	_, send = setup(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = io.WriteString(w, `{"Message":"bad \u004cTAIEXAMPLEKEY0001 c2lnbmF0dXJl\/c2VjcmV0Kw== `+r.Header.Get("Authorization")+`"}`)
	}, nil)
	_, err = send(&Call{Op: "Get", Retryable: func(error) bool { return false }}, "/")
	for _, s := range []string{"LTAIEXAMPLEKEY0001", "c2lnbmF0dXJl", "CAIS-token"} {
		if err == nil || strings.Contains(err.Error(), s) {
			t.Errorf("error %v carries %s", err, s)
		}
	}
}

func TestRetryAfterHeader(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for v, want := range map[string]time.Duration{
		"":                              0,
		"3":                             3 * time.Second,
		"-1":                            0,
		"soon":                          0,
		"Thu, 01 Jan 2026 00:00:10 GMT": 10 * time.Second,
	} {
		h := http.Header{}
		if v != "" {
			h.Set("Retry-After", v)
		}
		if got := retryAfter(h, now); got != want {
			t.Errorf("Retry-After %q = %v, want %v", v, got, want)
		}
	}
}

// TestBreaker: after BreakerTries unanswered tries in a row the
// transport fails tries at once without sending them, lets one probe
// through after the cooldown, and closes when it is answered.
func TestBreaker(t *testing.T) {
	var silent atomic.Bool
	silent.Store(true)
	var n atomic.Int32
	tr, send := setup(t, func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		if silent.Load() {
			<-r.Context().Done()
			return
		}
		_, _ = io.WriteString(w, "{}")
	}, &provider.TransportOptions{Timeout: 100 * time.Millisecond, BreakerTries: 4, BreakerCooldown: 300 * time.Millisecond})
	_, _ = send(&Call{Op: "Get"}, "/") // 3 unanswered tries
	_, err := send(&Call{Op: "Get"}, "/")
	var ue *UnansweredError
	if !errors.As(err, &ue) || !ue.Open {
		t.Fatalf("after 4 unanswered tries: %v, want the breaker's refusal", err)
	}
	if got := n.Load(); got != 4 {
		t.Errorf("%d tries sent, want 4", got)
	}
	if code := classifyTest(err); code != driver.Unavailable {
		t.Errorf("code %v", code)
	}
	silent.Store(false)
	time.Sleep(350 * time.Millisecond)
	if _, err := send(&Call{Op: "Get"}, "/"); err != nil {
		t.Fatalf("probe after the cooldown: %v", err)
	}
	if _, err := send(&Call{Op: "Get"}, "/"); err != nil {
		t.Fatalf("after the probe: %v", err)
	}
	_ = tr
}

// TestHostCheck: a request for another host than the endpoint's is not
// sent.
func TestHostCheck(t *testing.T) {
	u, _ := url.Parse("http://127.0.0.1:1")
	tr := New(Options{Endpoint: u, Classify: classifyTest})
	for _, target := range []string{"http://127.0.0.1:2/", "https://127.0.0.1:1/", "http://example.com:1/"} {
		req, _ := http.NewRequest(http.MethodGet, target, nil)
		_, err := tr.RoundTrip(req)
		var he *HostError
		if !errors.As(err, &he) {
			t.Errorf("%s: %v, want a HostError", target, err)
		}
	}
	if hostPort("https", "Example.COM") != "example.com:443" || hostPort("http", "[::1]:80") != "[::1]:80" {
		t.Error("hostPort")
	}
}

// TestSilentEndpointBounded: against an endpoint that never answers, the
// tries a whole run sends are bounded whatever its number of requests:
// UnansweredTries for the first request, then one more opens the breaker
// and the rest fail at once. With the default 30s timeout that is four
// timeouts, about two minutes, before every request fails.
func TestSilentEndpointBounded(t *testing.T) {
	var n atomic.Int32
	_, send := setup(t, func(_ http.ResponseWriter, r *http.Request) { n.Add(1); <-r.Context().Done() },
		&provider.TransportOptions{Timeout: 50 * time.Millisecond})
	for i := range 20 {
		_, err := send(&Call{Op: "Get"}, "/")
		if code := classifyTest(err); code != driver.Unavailable {
			t.Fatalf("request %d: %v (code %v), want Unavailable", i, err, code)
		}
	}
	if got, want := int(n.Load()), provider.DefaultBreakerTries; got != want {
		t.Errorf("%d tries reached the endpoint over 20 requests, want %d", got, want)
	}
}
