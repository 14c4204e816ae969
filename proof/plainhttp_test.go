package proof

import (
	"context"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/fnasync/fnasync/emulator"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/emukit"
	"github.com/fnasync/fnasync/schemas"
)

// TestPlainHTTPOnlyOnLoopback: an endpoint may use plain http only to a
// loopback host, or when allowed explicitly; both adapters refuse it
// otherwise, before any request.
func TestPlainHTTPOnlyOnLoopback(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		endpoint string
		insecure bool
		ok       bool
	}{
		{"https://fc.example.com", false, true},
		{"fc.example.com", false, true}, // https is assumed
		{"http://127.0.0.1:8080", false, true},
		{"http://127.3.4.5", false, true},
		{"http://localhost:9000", false, true},
		{"http://[::1]:9000", false, true},
		{"http://198.51.100.7:9000", false, false},
		{"http://fc.example.com", false, false},
		{"http://localhost.example.com", false, false},
		{"http://198.51.100.7:9000", true, true},
		{"ftp://fc.example.com", true, false},
	} {
		_, err := provider.CheckEndpoint(tt.endpoint, tt.insecure)
		if (err == nil) != tt.ok {
			t.Errorf("CheckEndpoint(%q, insecure %t) = %v, want ok %t", tt.endpoint, tt.insecure, err, tt.ok)
		}
	}
	doc := parseDoc(t, genDoc(3, "", 0))
	for _, p := range doc.Providers {
		limits, err := schemas.ProviderLimits(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, insecure := range []bool{false, true} {
			c, err := provider.Open(context.Background(), p, limits, &provider.OpenOptions{Endpoint: "http://198.51.100.7:9000", AllowInsecure: insecure,
				Credentials: &provider.Credentials{AccessKey: emukit.DefaultAccessKey, SecretKey: emukit.DefaultSecretKey}})
			if (err == nil) != insecure {
				t.Errorf("%s: Open of plain http off loopback, allowed %t: %v", p.Type, insecure, err)
			}
			if c != nil {
				_ = c.Close()
			}
		}
	}
}

// TestInsecureEndpointCLI runs the fnasync binary against an emulator
// listening on this machine's own non-loopback address over plain http:
// refused without --insecure-endpoint (no request sent), planned with it
// and a warning; against loopback, planned without one.
func TestInsecureEndpointCLI(t *testing.T) {
	t.Parallel()
	binary(t)
	ip := localIP(t)
	srv, err := emulator.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Seed(parseDoc(t, genDoc(3, "", 0))); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(ip, "0"))
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: srv}
	go func() { _ = hs.Serve(ln) }()
	t.Cleanup(func() { _ = hs.Close() })

	dir := t.TempDir()
	env := cleanEnv(dir, emuKeys()...)
	remote := writeFile(t, dir, "remote.yaml", genDoc(3, "http://"+ln.Addr().String(), 0))
	r := run(t, env, dir, "plan", "-f", remote)
	if r.code != 1 || !strings.Contains(r.stderr, "--insecure-endpoint") || len(srv.Log().Requests()) > 0 {
		t.Errorf("plain http off loopback: want exit 1, a hint at --insecure-endpoint and no request (sent %d)\n%s", len(srv.Log().Requests()), r)
	}
	r = run(t, env, dir, "plan", "-f", remote, "--insecure-endpoint", "--detailed-exitcode")
	if r.code != 2 || !strings.Contains(r.stderr, "warning:") || len(srv.Log().Requests()) != 3 {
		t.Errorf("--insecure-endpoint: want exit 2, a warning and 3 requests (sent %d)\n%s", len(srv.Log().Requests()), r)
	}
	e := startEmu(t, nil, parseDoc(t, genDoc(3, "", 0)), nil)
	local := writeFile(t, dir, "local.yaml", genDoc(3, e.URL, 0))
	if r := run(t, env, dir, "plan", "-f", local, "--detailed-exitcode"); r.code != 2 || strings.Contains(r.stderr, "warning") {
		t.Errorf("plain http to loopback: want exit 2 and no warning\n%s", r)
	}
}

// localIP returns an IPv4 address of this machine that is not loopback,
// or skips the test.
func localIP(t *testing.T) string {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		t.Skip(err)
	}
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && n.IP.To4() != nil && !n.IP.IsLoopback() && !n.IP.IsLinkLocalUnicast() {
			return n.IP.String()
		}
	}
	t.Skip("this machine has no non-loopback IPv4 address")
	return ""
}
