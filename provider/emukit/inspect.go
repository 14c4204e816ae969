package emukit

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net"
	"net/http"
	"strconv"
	"strings"
)

// InspectPrefix is where the inspection endpoints live.
const InspectPrefix = "/_emulator/"

// InspectOptions configure Inspect.
type InspectOptions struct {
	// Log is the request log GET /_emulator/requests serves.
	Log *Log
	// Routes are the emulator's own inspection endpoints besides
	// GET /_emulator/requests, by ServeMux pattern ("POST /_emulator/reset").
	Routes map[string]http.HandlerFunc
	// Verifiers check a request's signature against the emulator's
	// credentials, one per cloud's scheme (each emulator's Verify); a
	// request that one of them accepts is signed.
	Verifiers []func(r *http.Request, body []byte) error
	// Remote makes every inspection request need a signature, as on a
	// listener that is not loopback. Without it, a signature is needed
	// when the connection's local address or the Host header is not
	// loopback.
	Remote bool
}

// maxInspectBody bounds the body read to check an inspection request's
// signature.
const maxInspectBody = 1 << 20

// Inspect returns the handler of everything under InspectPrefix: GET
// /_emulator/requests (the log as a JSON list, oldest first; ?since=SEQ
// gives only the requests after SEQ) and opts.Routes, all behind one
// guard. The guard refuses, on every listener, what a web page can make
// a browser send: a request with an Origin header, one whose
// Sec-Fetch-Site is anything but "none" (a typed address), and a
// non-GET request with a CORS-simple content type (a form or text/plain),
// which a page can send without asking. Where the emulator is reachable
// from elsewhere (opts.Remote, a connection to an address that is not
// loopback, or a Host that is not loopback, as DNS rebinding makes it) the
// request must also be signed with the emulator's credentials in either
// cloud's scheme. Plain curl on loopback passes.
func Inspect(opts *InspectOptions) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+InspectPrefix+"requests", func(w http.ResponseWriter, r *http.Request) {
		var since uint64
		if v := r.URL.Query().Get("since"); v != "" {
			n, err := strconv.ParseUint(v, 10, 64)
			if err != nil {
				inspectError(w, http.StatusBadRequest, "since must be a request's seq, a whole number")
				return
			}
			since = n
		}
		reqs := opts.Log.Since(since)
		if reqs == nil {
			reqs = []Request{}
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(reqs)
	})
	for pattern, h := range opts.Routes {
		mux.HandleFunc(pattern, h)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if status, msg := guard(r, opts); status != 0 {
			inspectError(w, status, msg)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// FromPage returns why r looks sent by a web page, or "": it has an
// Origin header (a browser sends one with every request but a GET or
// HEAD, same-origin ones included) or a Sec-Fetch-Site other than "none"
// (a typed address). The clouds' SDKs and curl send neither. A page
// whose host name is rebound to a loopback address is same-origin with
// the emulator, so the API refuses these too: its default keys are
// public, and a page could sign with them.
func FromPage(r *http.Request) string {
	if r.Header.Get("Origin") != "" {
		return "the request has an Origin header"
	}
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "none" {
		return "Sec-Fetch-Site: " + site
	}
	return ""
}

// RefusePage answers 403 to a request FromPage says a web page sent, and
// reports whether it did; an emulator's API calls it first.
func RefusePage(w http.ResponseWriter, r *http.Request) bool {
	why := FromPage(r)
	if why != "" {
		inspectError(w, http.StatusForbidden, "the emulator refuses requests from web pages ("+why+")")
	}
	return why != ""
}

// guard returns the status and reason to refuse r with, or 0.
func guard(r *http.Request, opts *InspectOptions) (int, string) {
	if why := FromPage(r); why != "" {
		return http.StatusForbidden, "the inspection endpoints refuse browser requests (" + why + ")"
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead && corsSimple(r.Header.Get("Content-Type")) {
		return http.StatusForbidden, "the inspection endpoints refuse a form or text/plain body, which any web page can send: send no Content-Type, or application/json"
	}
	if !opts.Remote && loopbackConn(r) && loopbackHost(r.Host) {
		return 0, ""
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxInspectBody))
	if err != nil {
		return http.StatusBadRequest, "reading the request body failed"
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	var errs []error
	for _, v := range opts.Verifiers {
		err := v(r, body)
		if err == nil {
			return 0, ""
		}
		errs = append(errs, err)
	}
	if len(errs) == 0 {
		errs = append(errs, errors.New("no credentials to check"))
	}
	return http.StatusUnauthorized, "the emulator is reachable from the network: sign inspection requests with its credentials, as API requests of either cloud (" + errors.Join(errs...).Error() + ")"
}

// corsSimple reports whether a content type is one a page may send
// cross-origin without a preflight.
func corsSimple(ct string) bool {
	if ct == "" {
		return false
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return true // a browser sends what it is given; refuse what cannot be read
	}
	switch mt {
	case "application/x-www-form-urlencoded", "multipart/form-data", "text/plain":
		return true
	}
	return false
}

// loopbackConn reports whether r came in on a loopback address.
func loopbackConn(r *http.Request) bool {
	a, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	if !ok {
		return true // not from a listener (a test calling ServeHTTP)
	}
	host, _, err := net.SplitHostPort(a.String())
	if err != nil {
		return false
	}
	return isLoopback(host)
}

// loopbackHost reports whether a Host header names a loopback host.
func loopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	return isLoopback(strings.Trim(host, "[]"))
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func inspectError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": msg})
}
