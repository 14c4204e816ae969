package fgemu

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/fnasync/fnasync/provider/emukit"
)

// Options configure New; nil means defaults. PageSize, when set, is both
// the default and the largest page of every list; otherwise each API's
// documented default and maximum apply (configs 10/100, invocations
// 100/500, functions 400/400).
type Options = emukit.Options

// Server is the emulator, an http.Handler serving everything under /v2/.
type Server struct {
	opts Options

	mu    sync.Mutex
	st    *state
	store emukit.Binding // none attached: the state is in memory only
	// epoch counts the reloads from the store: a change made in an
	// earlier epoch is gone from memory.
	epoch uint64
	// times and fnTimes are the time styles (see TimeStyle), the server's
	// and per "project/package/name".
	times   TimeStyle
	fnTimes map[string]TimeStyle
}

// maxBody bounds a request body (FunctionGraph's async payload limit is
// far below it).
const maxBody = 6 << 20

// New returns an emulator with no functions.
func New(opts *Options) *Server {
	s := &Server{st: newState(), opts: opts.WithDefaults()}
	return s
}

func (s *Server) now() time.Time { return s.opts.Clock().UTC() }

// call is one request being served.
type call struct {
	r       *http.Request
	body    []byte
	project string
	urn     string // the {function_urn} path segment, decoded
	key     string // the function resolve found, "PROJECT/PACKAGE/NAME"
	epoch   uint64 // Server.epoch when resolve found it
}

// reply is what a handler returns; writeReply renders it once.
type reply struct {
	status  int
	body    any  // JSON-encoded; nil writes no body
	null    bool // write the literal body null (CancelAsyncInvocation)
	err     *apiError
	changed bool
}

func ok(status int, body any) reply { return reply{status: status, body: body} }

func fail(e *apiError) reply { return reply{err: e} }

// ServeHTTP serves the FunctionGraph v2 APIs under /v2/. Every answer has
// an X-Request-Id header; every request is logged.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	sw := &emukit.StatusWriter{ResponseWriter: w}
	reqID := newRequestID()
	sw.Header().Set("X-Request-Id", reqID)
	rt, c := s.match(r)
	op := "Unknown"
	if rt != nil {
		op = rt.op
	}
	rep := s.serve(r, rt, c)
	if c != nil {
		rep = s.saveReply(rep, c.key, c.epoch)
	}
	writeReply(sw, rep, reqID)
	if s.opts.Log != nil {
		s.opts.Log.Add(emukit.Request{Time: s.now(), Cloud: "huaweifg", Operation: op,
			Method: r.Method, Path: r.URL.Path, Status: sw.Status})
	}
	if rep.changed && rep.err == nil && s.opts.OnChange != nil {
		s.opts.OnChange()
	}
}

func (s *Server) serve(r *http.Request, rt *route, c *call) reply {
	if rt == nil {
		return fail(errNoAPI(r.Method, r.URL.Path))
	}
	switch s.opts.Faults.Apply(r.Context()) {
	case emukit.ServerError:
		return fail(errInternal())
	case emukit.Throttled:
		return fail(errThrottled())
	}
	if !s.opts.Faults.Admit("huaweifg/" + c.project) {
		return fail(errThrottled()) // over the project's --quota
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		return fail(errInvalid("reading the request body: %v", err))
	}
	if len(body) > maxBody {
		return fail(errf(http.StatusRequestEntityTooLarge, "FSS.0413", "the request body is larger than %d bytes", maxBody))
	}
	if e := s.authenticate(r, body); e != nil {
		return fail(e)
	}
	if !reProject.MatchString(c.project) {
		return fail(errInvalid("invalid project_id %q: letters and digits only", clip(c.project)))
	}
	c.body = body
	return rt.handle(s, c)
}

func writeReply(w http.ResponseWriter, rep reply, reqID string) {
	if rep.err != nil {
		body := errorReply{ErrorCode: rep.err.code, ErrorMsg: rep.err.msg}
		if rep.err.gateway {
			body.RequestID = reqID
		}
		rep.status, rep.body = rep.err.status, body
	}
	var b []byte
	switch {
	case rep.null:
		b = []byte("null")
	case rep.body != nil:
		var err error
		if b, err = json.Marshal(rep.body); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
	default:
		w.WriteHeader(rep.status)
		return
	}
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(rep.status)
	_, _ = w.Write(b)
}

// decodeJSON decodes a request body into v.
func decodeJSON(body []byte, v any) *apiError {
	if len(body) == 0 {
		return errInvalid("the request body is empty")
	}
	if err := json.Unmarshal(body, v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return errInvalid("field %s must be a %s", te.Field, te.Type)
		}
		return errInvalid("the request body is not valid JSON: %v", err)
	}
	return nil
}

// newRequestID returns a random id in the UUID layout FunctionGraph's
// request ids have.
func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

func clip(s string) string {
	if len(s) > 80 {
		return s[:80] + "..."
	}
	return s
}
