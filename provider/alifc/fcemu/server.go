package fcemu

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/fnasync/fnasync/provider/emukit"
)

// Options configure New; nil means defaults. PageSize defaults to 20 and
// bounds nothing: a request's limit (1–100) wins.
type Options = emukit.Options

// Server is the emulator, an http.Handler.
type Server struct {
	opts Options
	mux  *http.ServeMux

	mu    sync.Mutex
	st    *state
	store emukit.Binding // none attached: the state is in memory only
	// epoch counts the reloads from the store: a change made in an
	// earlier epoch is gone from memory.
	epoch uint64
}

// maxBody bounds a request body (FC's async payload limit is far below).
const maxBody = 6 << 20

// New returns an emulator with no functions.
func New(opts *Options) *Server {
	s := &Server{st: newState(), opts: opts.WithDefaults()}
	if s.opts.PageSize <= 0 {
		s.opts.PageSize = 20
	}
	s.mux = http.NewServeMux()
	for _, rt := range s.routes() {
		s.mux.HandleFunc(rt.pattern, s.handler(rt))
	}
	s.mux.HandleFunc("/", s.handler(nil))
	return s
}

func (s *Server) now() time.Time { return s.opts.Clock().UTC() }

// ServeHTTP serves the FC APIs under /2021-04-06/ (also /2016-08-15/)
// and /2023-03-30/.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if p := r.URL.EscapedPath(); p == "" || path.Clean(p) != p || strings.Contains(p, "//") {
		s.handler(nil)(w, r) // no redirects: an unclean path is simply unknown
		return
	}
	s.mux.ServeHTTP(w, r)
}

// call is one request being served.
type call struct {
	r       *http.Request
	body    []byte
	version string // Version2 or Version3
	account string
	key     string // the function resolve found (recordKey)
	epoch   uint64 // Server.epoch when resolve found it
}

// reply is what a handler returns; writeReply renders it once.
type reply struct {
	status  int
	body    any
	header  map[string]string
	err     *apiError
	changed bool
}

func ok(status int, body any) reply { return reply{status: status, body: body} }

func fail(e *apiError) reply { return reply{err: e} }

// route is one operation of the API.
type route struct {
	pattern string
	op      string
	version string
	handle  func(*Server, *call) reply
}

func (s *Server) handler(rt *route) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		sw := &emukit.StatusWriter{ResponseWriter: w}
		reqID := newID("1-")
		sw.Header().Set("X-Fc-Request-Id", reqID)
		version := pathVersion(r.URL.Path)
		op := "PathNotSupported"
		if rt != nil {
			op, version = rt.op, rt.version
		}
		c := &call{}
		rep := s.serve(r, rt, version, c)
		rep = s.saveReply(rep, c.key, c.epoch)
		writeReply(sw, rep, version, reqID)
		if s.opts.Log != nil {
			cloud := "alifc"
			if version == Version3 {
				cloud = "alifc3"
			}
			s.opts.Log.Add(emukit.Request{Time: s.now(), Cloud: cloud, Operation: op,
				Method: r.Method, Path: r.URL.Path, Status: sw.Status})
		}
		if rep.changed && rep.err == nil && s.opts.OnChange != nil {
			s.opts.OnChange()
		}
	}
}

func (s *Server) serve(r *http.Request, rt *route, version string, c *call) reply {
	switch s.opts.Faults.Apply(r.Context()) {
	case emukit.ServerError:
		return fail(errInternal())
	case emukit.Throttled:
		return fail(errThrottled())
	}
	acct, accountErr := requestAccount(r)
	if !s.opts.Faults.Admit("alifc/" + acct) {
		return fail(errThrottled()) // over the account's --quota (FC 2.0 and 3.0 alike)
	}
	if rt == nil {
		return fail(errf(http.StatusNotFound, "PathNotSupported", "%s %s is not a path this API supports", r.Method, r.URL.Path))
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		return fail(errf(http.StatusBadRequest, "InvalidArgument", "reading the request body: %v", err))
	}
	if len(body) > maxBody {
		return fail(errf(http.StatusRequestEntityTooLarge, "EntityTooLarge", "the request body is larger than %d bytes", maxBody))
	}
	if e := s.authenticate(r, body); e != nil {
		return fail(e)
	}
	if accountErr != nil {
		return fail(accountErr)
	}
	*c = call{r: r, body: body, version: version, account: acct}
	return rt.handle(s, c)
}

func pathVersion(p string) string {
	if strings.HasPrefix(p, "/"+Version3+"/") {
		return Version3
	}
	return Version2
}

func writeReply(w http.ResponseWriter, rep reply, version, reqID string) {
	for k, v := range rep.header {
		w.Header().Set(k, v)
	}
	if rep.err != nil {
		var body any = errorBody2{ErrorCode: rep.err.code, ErrorMessage: rep.err.msg}
		if version == Version3 {
			body = errorBody3{Code: rep.err.code, Message: rep.err.msg, RequestID: reqID}
		}
		rep.status, rep.body = rep.err.status, body
	}
	if rep.body == nil {
		w.WriteHeader(rep.status)
		return
	}
	b, err := json.Marshal(rep.body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(rep.status)
	_, _ = w.Write(b)
}

// decodeJSON decodes a request body into v.
func decodeJSON(body []byte, v any) *apiError {
	if len(body) == 0 {
		return errf(http.StatusBadRequest, "InvalidArgument", "the request body is empty")
	}
	if err := json.Unmarshal(body, v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return errf(http.StatusBadRequest, "InvalidArgument", "field %s must be a %s", te.Field, te.Type)
		}
		return errf(http.StatusBadRequest, "InvalidArgument", "the request body is not valid JSON: %v", err)
	}
	return nil
}

// newID returns prefix followed by 24 random hex digits.
func newID(prefix string) string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return prefix + hex.EncodeToString(b[:])
}

func clip(s string) string {
	if len(s) > 80 {
		return s[:80] + "..."
	}
	return s
}

func fmtTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }
