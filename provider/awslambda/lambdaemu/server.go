package lambdaemu

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/fnasync/fnasync/provider/emukit"
)

// Options configure New; nil means defaults. PageSize is the page size of
// a list without MaxItems (default 50); a request's MaxItems wins within
// the operation's range.
type Options = emukit.Options

// Server is the emulator, an http.Handler.
type Server struct {
	opts Options
	mux  *http.ServeMux

	mu    sync.Mutex
	st    *state
	store emukit.Binding // none attached: the state is in memory only
}

// maxBody bounds a request body: Lambda's limit for an asynchronous
// invocation's payload is 256 KB, far more than any config.
const maxBody = 256 << 10

// New returns an emulator with no functions.
func New(opts *Options) *Server {
	s := &Server{st: newState(), opts: opts.WithDefaults()}
	if s.opts.PageSize <= 0 {
		s.opts.PageSize = 50
	}
	s.mux = http.NewServeMux()
	for _, rt := range s.routes() {
		s.mux.HandleFunc(rt.pattern, s.handler(rt))
	}
	s.mux.HandleFunc("/", s.handler(nil))
	return s
}

func (s *Server) now() time.Time { return s.opts.Clock().UTC() }

// ServeHTTP serves Lambda's API under /2015-03-31/ and /2019-09-25/.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.EscapedPath()
	if clean := path.Clean(p); p == "" || (clean != p && clean+"/" != p) || strings.Contains(p, "//") {
		s.handler(nil)(w, r) // no redirects: an unclean path is simply unknown
		return
	}
	s.mux.ServeHTTP(w, r)
}

// call is one request being served.
type call struct {
	r      *http.Request
	body   []byte
	region string
	key    string // the function resolve found (its store key)
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
	handle  func(*Server, *call) reply
}

func (s *Server) handler(rt *route) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		sw := &emukit.StatusWriter{ResponseWriter: w}
		sw.Header().Set("X-Amzn-Requestid", newRequestID())
		op := "UnknownOperation"
		if rt != nil {
			op = rt.op
		}
		c := &call{}
		rep := s.serve(r, rt, c)
		rep = s.saveReply(rep, c.key)
		writeReply(sw, rep)
		if s.opts.Log != nil {
			s.opts.Log.Add(emukit.Request{Time: s.now(), Cloud: "awslambda", Operation: op,
				Method: r.Method, Path: r.URL.Path, Status: sw.Status})
		}
		if rep.changed && rep.err == nil && s.opts.OnChange != nil {
			s.opts.OnChange()
		}
	}
}

func (s *Server) serve(r *http.Request, rt *route, c *call) reply {
	switch s.opts.Faults.Apply(r.Context()) {
	case emukit.ServerError:
		return fail(errf(http.StatusInternalServerError, "ServiceException", "Service", "The AWS Lambda service encountered an internal error (injected by the emulator)."))
	case emukit.Throttled:
		return fail(errThrottled())
	}
	if !s.opts.Faults.Admit("awslambda/" + DefaultAccountID) {
		return fail(errThrottled()) // over the account's --quota
	}
	if rt == nil {
		return fail(errf(http.StatusNotFound, "UnknownOperationException", "User", "%s %s is not an operation this API supports", r.Method, clip(r.URL.Path)))
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		return fail(errInvalid("reading the request body: %v", err))
	}
	if len(body) > maxBody {
		return fail(errf(http.StatusRequestEntityTooLarge, "RequestTooLargeException", "User", "Request must be smaller than %d bytes for the Event invocation type", maxBody))
	}
	region, e := s.authenticate(r, body)
	if e != nil {
		return fail(e)
	}
	*c = call{r: r, body: body, region: region}
	return rt.handle(s, c)
}

func writeReply(w http.ResponseWriter, rep reply) {
	for k, v := range rep.header {
		w.Header().Set(k, v)
	}
	if e := rep.err; e != nil {
		w.Header().Set("X-Amzn-Errortype", e.code)
		rep.status = e.status
		if e.front {
			rep.body = map[string]string{"message": e.msg}
		} else {
			rep.body = errorBody{Type: e.typ, Message: e.msg}
		}
		if e.status == http.StatusTooManyRequests {
			w.Header().Set("Retry-After", "1")
		}
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
		return errInvalid("the request body is empty")
	}
	if err := json.Unmarshal(body, v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return errf(http.StatusBadRequest, "SerializationException", "User", "field %s must be a %s", te.Field, te.Type)
		}
		return errf(http.StatusBadRequest, "SerializationException", "User", "the request body is not valid JSON: %v", err)
	}
	return nil
}

// newRequestID returns a request id in Lambda's UUID form.
func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

func clip(s string) string {
	if len(s) > 80 {
		return s[:80] + "..."
	}
	return s
}

// apiError is a Lambda error: the HTTP status, the X-Amzn-ErrorType code
// and the body {"Type","Message"} (Type "User" or "Service"); front says
// it is the signing front door's, whose body is {"message"}.
type apiError struct {
	status    int
	code, typ string
	msg       string
	front     bool
}

type errorBody struct {
	Type    string `json:"Type"`
	Message string `json:"Message"`
}

func errf(status int, code, typ, format string, args ...any) *apiError {
	return &apiError{status: status, code: code, typ: typ, msg: fmt.Sprintf(format, args...)}
}

func errAuth(status int, code, msg string) *apiError {
	return &apiError{status: status, code: code, msg: msg, front: true}
}

func errInvalid(format string, args ...any) *apiError {
	return errf(http.StatusBadRequest, "InvalidParameterValueException", "User", format, args...)
}

func errThrottled() *apiError {
	return errf(http.StatusTooManyRequests, "TooManyRequestsException", "User", "Rate exceeded")
}

func errNotFound(format string, args ...any) *apiError {
	return errf(http.StatusNotFound, "ResourceNotFoundException", "User", format, args...)
}
