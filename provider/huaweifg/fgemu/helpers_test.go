package fgemu

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fnasync/fnasync/provider/emukit"
)

const testPID = "0123456789abcdef0123456789abcdef"

// testClock is a settable clock.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

type env struct {
	t     *testing.T
	s     *Server
	url   string
	clock *testClock
	log   *emukit.Log
}

func newEnv(t *testing.T, opts *Options) *env {
	t.Helper()
	e := &env{t: t, clock: &testClock{t: time.Date(2026, 11, 23, 18, 0, 0, 0, time.UTC)}, log: &emukit.Log{}}
	o := Options{}
	if opts != nil {
		o = *opts
	}
	o.Clock, o.Log = e.clock.Now, e.log
	e.s, e.url = NewTestServer(t, &o)
	e.s.AddFunction(testPID, "my-func", "v20240101-000000", "prod", "2")
	return e
}

// myURN is the full URN of my-func with the given last field.
func myURN(q string) string {
	return "urn:fss:cn-north-4:" + testPID + ":function:default:my-func" + q
}

// fnPath is the path of an operation on a function URN.
func fnPath(u, op string) string { return "/v2/" + testPID + "/fgs/functions/" + u + "/" + op }

// sign signs r and body the way the Huawei SDK does (user-agent,
// x-project-id and x-sdk-date signed).
func sign(r *http.Request, body []byte, ak, sk string, at time.Time) {
	r.Header.Set("User-Agent", "huaweicloud-usdk-go/3.0; fgemu-test")
	r.Header.Set("X-Project-Id", testPID)
	r.Header.Set("X-Sdk-Date", at.UTC().Format(sdkDateLayout))
	r.Header.Set("Content-Type", "application/json")
	signed := "user-agent;x-project-id;x-sdk-date"
	sum := sha256.Sum256(body)
	canonical := strings.Join([]string{r.Method, canonicalURI(r.URL.Path), canonicalQuery(r),
		canonicalHeaders(r, strings.Split(signed, ";")), signed, hex.EncodeToString(sum[:])}, "\n")
	h := sha256.Sum256([]byte(canonical))
	mac := hmac.New(sha256.New, []byte(sk))
	mac.Write([]byte(sdkAlgorithm + "\n" + r.Header.Get("X-Sdk-Date") + "\n" + hex.EncodeToString(h[:])))
	r.Header.Set("Authorization", sdkAlgorithm+" Access="+ak+", SignedHeaders="+signed+", Signature="+hex.EncodeToString(mac.Sum(nil)))
}

// response is an answer of the emulator.
type response struct {
	status int
	header http.Header
	body   []byte
}

// do sends a request signed with the emulator's keys at its clock's time;
// edit, if not nil, may change the request after signing.
func (e *env) do(method, path, body string, edit ...func(*http.Request)) response {
	e.t.Helper()
	r, err := http.NewRequest(method, e.url+path, strings.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	sign(r, []byte(body), e.s.opts.AccessKey, e.s.opts.SecretKey, e.clock.Now())
	for _, f := range edit {
		f(r)
	}
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	if resp.Header.Get("X-Request-Id") == "" {
		e.t.Errorf("%s %s: no X-Request-Id header", method, path)
	}
	return response{status: resp.StatusCode, header: resp.Header, body: b}
}

// wantError checks an error answer's status and code.
func (r response) wantError(t *testing.T, what string, status int, code string) errorReply {
	t.Helper()
	var e errorReply
	if err := json.Unmarshal(r.body, &e); err != nil || r.status != status || e.ErrorCode != code || e.ErrorMsg == "" {
		t.Fatalf("%s: got %d %s, want %d %s", what, r.status, r.body, status, code)
	}
	return e
}

// decode decodes a 2xx answer's body into v.
func (r response) decode(t *testing.T, what string, v any) {
	t.Helper()
	if r.status/100 != 2 {
		t.Fatalf("%s: status %d: %s", what, r.status, r.body)
	}
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("%s: %v in %s", what, err, r.body)
	}
}
