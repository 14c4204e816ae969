package proof

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// TestUnsolicitedBytesNotLogged: a server that answers a stop with 204
// and then sends, on the same connection, bytes echoing the request's
// Authorization header and security token. net/http logs such bytes on
// an idle connection through the standard logger, past every filter of
// fnasync's own output; the CLI's log writer must not show them.
func TestUnsolicitedBytesNotLogged(t *testing.T) {
	t.Parallel()
	binary(t)
	var (
		mu   sync.Mutex
		seen []string
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		token := r.Header.Get("X-Security-Token") + r.Header.Get("X-Acs-Security-Token")
		mu.Lock()
		seen = append(seen, auth, token)
		mu.Unlock()
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		_, _ = buf.WriteString("HTTP/1.1 204 No Content\r\n\r\n{\"echo\":\"" + auth + " " + token + "\"}")
		_ = buf.Flush()
		_, _ = buf.ReadString('\n') // until the client closes
	}))
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	file := writeFile(t, dir, "fnasync.yaml", genDoc(3, srv.URL, 0))
	for _, fn := range []string{"hw:" + fnName(0), "ali:svc1/" + fnName(1), "ali3:" + fnName(2)} {
		r := run(t, cleanEnv(dir, emulatorKeysAndTokens...), dir, "invocations", "stop", "-f", file, "--function", fn, "inv-0001")
		mu.Lock()
		for _, s := range seen {
			if s != "" && strings.Contains(r.stdout+r.stderr, s) {
				t.Errorf("%s: the output carries what the server echoed (%.12s...)\n%s", fn, s, r)
			}
		}
		mu.Unlock()
		noSecrets(t, fn, r.stdout, r.stderr)
	}
}
