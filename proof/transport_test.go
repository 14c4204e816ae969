package proof

import (
	"context"
	"crypto/tls"
	"encoding/pem"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/fnasync/fnasync/emulator"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/emukit"
	"github.com/fnasync/fnasync/schemas"
)

// tlsEmulator serves an emulator seeded with doc over TLS with
// httptest's self-signed certificate, counting the connections made to it.
func tlsEmulator(t testing.TB, doc *model.Document) (*httptest.Server, *emulator.Server, *atomic.Int64) {
	t.Helper()
	srv, err := emulator.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Seed(doc); err != nil {
		t.Fatal(err)
	}
	var conns atomic.Int64
	ts := httptest.NewUnstartedServer(srv)
	ts.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	ts.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshakes
	ts.StartTLS()
	t.Cleanup(ts.Close)
	return ts, srv, &conns
}

// TestUnverifiedTLSRefused: both adapters refuse an https endpoint whose
// certificate they cannot verify (httptest's self-signed one): the error
// is a certificate verification error, classified Unavailable or Unknown,
// it is not retried, and no request reaches the emulator behind it.
func TestUnverifiedTLSRefused(t *testing.T) {
	t.Parallel()
	doc := parseDoc(t, genDoc(3, "", 0))
	ts, srv, conns := tlsEmulator(t, doc)
	for _, e := range doc.Functions {
		p := doc.Providers[e.Provider]
		t.Run(p.Type, func(t *testing.T) {
			limits, err := schemas.ProviderLimits(p)
			if err != nil {
				t.Fatal(err)
			}
			c, err := provider.Open(context.Background(), p, limits, &provider.OpenOptions{Endpoint: ts.URL, Retry: fast,
				Credentials: &provider.Credentials{AccessKey: emukit.DefaultAccessKey, SecretKey: emukit.DefaultSecretKey}})
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			before := conns.Load()
			_, err = c.Get(t.Context(), model.FunctionRef{Provider: e.Provider, Function: e.Function})
			var cv *tls.CertificateVerificationError
			if !errors.As(err, &cv) && !strings.Contains(err.Error(), "certificate") {
				t.Fatalf("Get over unverified TLS: %v; want a certificate verification error", err)
			}
			if code := provider.Code(err); code != provider.Unavailable && code != provider.Unknown {
				t.Errorf("classified %v, want Unavailable or Unknown: %v", code, err)
			}
			if n := conns.Load() - before; n != 1 {
				t.Errorf("%d connections for one Get: a certificate error is not transient and must not be retried", n)
			}
		})
	}
	if n := len(srv.Log().Requests()); n != 0 {
		t.Errorf("%d requests reached the emulator over unverified TLS", n)
	}
}

// TestTrustedTLSAccepted is the control: the fnasync binary trusting
// httptest's certificate (SSL_CERT_FILE) plans against the same https
// emulator, so the refusal above is the verification's doing.
func TestTrustedTLSAccepted(t *testing.T) {
	t.Parallel()
	binary(t)
	doc := parseDoc(t, genDoc(3, "", 0))
	ts, srv, _ := tlsEmulator(t, doc)
	dir := t.TempDir()
	cert := writeFile(t, dir, "cert.pem", pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: ts.Certificate().Raw}))
	file := writeFile(t, dir, "fnasync.yaml", genDoc(3, ts.URL, 0))
	r := run(t, cleanEnv(dir, append(emuKeys(), "SSL_CERT_FILE="+cert, "SSL_CERT_DIR="+dir)...), dir, "plan", "-f", file, "--detailed-exitcode")
	if r.code != 2 {
		t.Fatalf("plan over TLS with the certificate trusted: want exit 2 (changes)\n%s", r)
	}
	if n := len(srv.Log().Requests()); n != 3 {
		t.Errorf("%d requests reached the emulator, want 3", n)
	}
}
