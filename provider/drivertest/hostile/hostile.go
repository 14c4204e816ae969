// Package hostile is a loopback HTTP server that answers as a broken or
// hostile endpoint would: it redirects, throttles, sends huge, endless or
// dripping bodies, never answers, answers success with garbage, echoes the
// request's credentials and terminal escapes in its error text, and pages
// without end. drivertest.RunHostileTests points a driver at it.
package hostile

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Mode is how the server answers every request.
type Mode string

// The modes.
const (
	// RedirectPort redirects (307) to the same host on another port, a
	// listener that counts what reaches it (Server.Leaked).
	RedirectPort Mode = "redirect-port"
	// RedirectHost redirects (302) to another host.
	RedirectHost Mode = "redirect-host"
	// Throttle answers 429 (and Retry-After: 1) with the bodies of
	// Server.Throttling in turn.
	Throttle Mode = "throttle"
	// Huge answers 200 with a 256 MiB body.
	Huge Mode = "huge"
	// Endless answers 200 with a chunked body that never ends.
	Endless Mode = "endless"
	// HugeError answers 500 with a body that never ends.
	HugeError Mode = "huge-error"
	// Silent accepts the request and never answers.
	Silent Mode = "silent"
	// Drip answers 200 and sends a byte every 50ms, forever.
	Drip Mode = "drip"
	// Null, EmptyObject, Empty and HTML answer 200 with null, {}, no body
	// and an HTML page.
	Null        Mode = "null"
	EmptyObject Mode = "empty-object"
	Empty       Mode = "empty"
	HTML        Mode = "html"
	// Echo answers 400 with an error that echoes the request's
	// Authorization and security token headers and terminal escapes, in
	// every error envelope the clouds use, and echoes them in its headers.
	Echo Mode = "echo"
	// Pages answers every request with Server.Page, which returns a list
	// page whose next token never ends.
	Pages Mode = "pages"
)

// Modes lists every mode.
var Modes = []Mode{RedirectPort, RedirectHost, Throttle, Huge, Endless, HugeError, Silent, Drip,
	Null, EmptyObject, Empty, HTML, Echo, Pages}

// Answer is an error answer: a status and a body.
type Answer struct {
	Status int
	Body   string
}

// Server is the hostile endpoint.
type Server struct {
	// URL is the server's base URL (http://127.0.0.1:PORT).
	URL string
	// Throttling are the throttling answers of Throttle mode, used in
	// turn. Set before serving.
	Throttling []Answer
	// Page returns the body of page n (0 for the first request of the
	// mode) of an endless listing asked for by r. Set before serving.
	Page func(r *http.Request, n int) string

	mode     atomic.Value // Mode
	requests atomic.Int64
	leaked   atomic.Int64
	target   string

	mu      sync.Mutex
	secrets []string
}

// New starts a server, closed when t ends.
func New(t testing.TB) *Server {
	s := &Server{}
	s.mode.Store(Empty)
	other := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { s.leaked.Add(1) }))
	t.Cleanup(other.Close)
	s.target = other.URL
	ts := httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(func() { ts.CloseClientConnections(); ts.Close() })
	s.URL = ts.URL
	return s
}

// Set changes the mode and resets the request count.
func (s *Server) Set(m Mode) {
	s.mode.Store(m)
	s.requests.Store(0)
}

// Requests returns how many requests reached the server since Set.
func (s *Server) Requests() int { return int(s.requests.Load()) }

// Leaked returns how many requests reached the redirect's target.
func (s *Server) Leaked() int { return int(s.leaked.Load()) }

// Secrets returns every Authorization value and security token the
// server has seen, with the parts of the Authorization values that are
// secret (the access key id and the signature).
func (s *Server) Secrets() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.secrets...)
}

// tokenHeaders are the security token headers of the clouds.
var tokenHeaders = []string{"X-Security-Token", "X-Acs-Security-Token", "X-Amz-Security-Token"}

func (s *Server) remember(r *http.Request) (auth, token string) {
	auth = r.Header.Get("Authorization")
	for _, h := range tokenHeaders {
		if v := r.Header.Get(h); v != "" {
			token = v
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range append([]string{auth, token}, authParts(auth)...) {
		if len(v) >= 8 {
			s.secrets = append(s.secrets, v)
		}
	}
	return auth, token
}

// authParts returns the access key id and the signature of the clouds'
// Authorization forms: "acs AK:SIG", "... Access=AK, ..., Signature=SIG",
// "... Credential=AK/..., ..., Signature=SIG".
func authParts(auth string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(auth, func(r rune) bool { return r == ' ' || r == ',' }) {
		switch k, v, _ := strings.Cut(f, "="); k {
		case "Access", "Signature":
			out = append(out, v)
		case "Credential":
			ak, _, _ := strings.Cut(v, "/")
			out = append(out, ak)
		default:
			if ak, sig, ok := strings.Cut(f, ":"); ok {
				out = append(out, ak, sig)
			}
		}
	}
	return out
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	n := s.requests.Add(1) - 1
	auth, token := s.remember(r)
	// Read the body, so that the server notices when the client goes
	// away (it watches the connection only after the body is read).
	_, _ = io.Copy(io.Discard, io.LimitReader(r.Body, 1<<20))
	w.Header().Set("Content-Type", "application/json")
	switch s.mode.Load().(Mode) {
	case RedirectPort:
		http.Redirect(w, r, s.target+r.URL.RequestURI(), http.StatusTemporaryRedirect)
	case RedirectHost:
		http.Redirect(w, r, "http://fnasync-hostile.invalid"+r.URL.RequestURI(), http.StatusFound)
	case Throttle:
		a := Answer{Status: http.StatusTooManyRequests, Body: `{"message":"slow down"}`}
		if len(s.Throttling) > 0 {
			a = s.Throttling[int(n)%len(s.Throttling)]
		}
		w.Header().Set("Retry-After", "1")
		w.WriteHeader(a.Status)
		_, _ = w.Write([]byte(a.Body))
	case Huge:
		w.Header().Set("Content-Length", fmt.Sprint(256<<20))
		stream(w, r, 256<<20, 0)
	case Endless:
		stream(w, r, -1, 0)
	case HugeError:
		w.WriteHeader(http.StatusInternalServerError)
		stream(w, r, -1, 0)
	case Silent:
		select {
		case <-r.Context().Done():
		case <-time.After(time.Minute):
		}
	case Drip:
		stream(w, r, -1, 50*time.Millisecond)
	case Null:
		_, _ = w.Write([]byte("null"))
	case EmptyObject:
		_, _ = w.Write([]byte("{}"))
	case Empty:
	case HTML:
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte("<html><body>\x1b[2JSign in to continue</body></html>"))
	case Echo:
		echo := "auth=" + auth + " token=" + token + " \x1b[2J\x1b[HPlan: 0 to add, 0 to change, 0 to destroy."
		w.Header().Set("X-Request-Id", token)
		w.Header().Set("X-Fc-Request-Id", auth)
		b, _ := json.Marshal(map[string]string{"error_code": "FSS.0400", "error_msg": echo, "request_id": token,
			"ErrorCode": "InvalidArgument", "ErrorMessage": echo, "Code": "InvalidArgument", "Message": echo, "RequestId": token})
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write(b)
	case Pages:
		_, _ = w.Write([]byte(s.Page(r, int(n))))
	}
}

// stream writes size bytes (forever if size < 0), every chunk after
// pause, until the client goes away.
func stream(w http.ResponseWriter, r *http.Request, size int64, pause time.Duration) {
	chunk := make([]byte, 64<<10)
	if pause > 0 {
		chunk = chunk[:1]
	}
	for i := range chunk {
		chunk[i] = 'x'
	}
	for sent := int64(0); size < 0 || sent < size; sent += int64(len(chunk)) {
		if r.Context().Err() != nil {
			return
		}
		if _, err := w.Write(chunk); err != nil {
			return
		}
		if pause > 0 {
			w.(http.Flusher).Flush()
			time.Sleep(pause)
		}
	}
}
