package proof

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/fnasync/fnasync/provider/drivertest/hostile"
)

// TestHostileEndpointCLI applies a document whose providers all point at
// a hostile endpoint (redirecting, answering garbage, echoing the
// request's credentials and terminal escapes, sending endless bodies):
// every run exits 1 without "Apply complete!", and no output carries a
// secret, a signature, a token or an escape sequence. The suite in
// provider/drivertest covers every mode per adapter; this is the CLI's
// end of it.
func TestHostileEndpointCLI(t *testing.T) {
	t.Parallel()
	binary(t)
	srv := hostile.New(t)
	dir := t.TempDir()
	file := writeFile(t, dir, "fnasync.yaml", genDoc(3, srv.URL, 0))
	for _, mode := range []hostile.Mode{hostile.RedirectPort, hostile.RedirectHost, hostile.Null, hostile.EmptyObject,
		hostile.Empty, hostile.HTML, hostile.Echo, hostile.Huge, hostile.Endless} {
		srv.Set(mode)
		r := run(t, cleanEnv(dir, emulatorKeysAndTokens...), dir, "apply", "-f", file, "--auto-approve")
		if r.code != 1 || strings.Contains(r.stdout, "Apply complete!") {
			t.Errorf("%s: want exit 1 and no completion\n%s", mode, r)
		}
		noSecrets(t, string(mode), r.stdout, r.stderr)
		for _, s := range srv.Secrets() {
			if strings.Contains(r.stdout+r.stderr, s) {
				t.Errorf("%s: the output carries a credential, signature or token (%.6s...)\n%s", mode, s, r)
			}
		}
		if strings.Contains(r.stdout+r.stderr, "\x1b") {
			t.Errorf("%s: the output carries an escape sequence\n%s", mode, r)
		}
	}
	if srv.Leaked() != 0 {
		t.Errorf("%d requests followed a redirect", srv.Leaked())
	}
}

// TestSilentEndpointDefaults: with the default settings, a plan of many
// functions against an endpoint that accepts connections and never
// answers ends with an error within 5 minutes (about two: four tries
// time out at 30s, then the provider's breaker fails the rest at once).
// It takes minutes, so it runs only with FNASYNC_SLOW=1.
func TestSilentEndpointDefaults(t *testing.T) {
	if os.Getenv("FNASYNC_SLOW") == "" {
		t.Skip("takes minutes: set FNASYNC_SLOW=1")
	}
	t.Parallel()
	binary(t)
	srv := hostile.New(t)
	srv.Set(hostile.Silent)
	dir := t.TempDir()
	file := writeFile(t, dir, "fnasync.yaml", genDoc(30, srv.URL, 0))
	start := time.Now()
	r := run(t, cleanEnv(dir, emuKeys()...), dir, "plan", "-f", file)
	if el := time.Since(start); r.code != 1 || el > 5*time.Minute || !strings.Contains(r.stderr, "no complete answer within 30s") {
		t.Errorf("plan against a silent endpoint: %v\n%s", el, r)
	}
}
