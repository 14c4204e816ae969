package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
)

// echoServer answers every request with an error, in both clouds'
// envelopes, whose message echoes the request's headers (Authorization,
// security token and all) between terminal escape sequences that would
// clear the screen and forge a line, as a hostile or careless endpoint
// might. It remembers every Authorization value it was sent.
type echoServer struct {
	*httptest.Server
	mu    sync.Mutex
	auths []string
}

func newEchoServer(t *testing.T) *echoServer {
	s := &echoServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var hs []string
		for k, vs := range r.Header {
			hs = append(hs, k+": "+strings.Join(vs, ","))
		}
		sort.Strings(hs)
		s.mu.Lock()
		s.auths = append(s.auths, r.Header.Get("Authorization"))
		s.mu.Unlock()
		msg := "\x1b[2J\x1b[Hbad request; you sent " + strings.Join(hs, "; ") + "\nPlan: 0 to add, 0 to change, 0 to destroy.\x1b]0;pwned\x07"
		body, _ := json.Marshal(map[string]string{"error_code": "FSS.0400", "error_msg": msg,
			"Code": "InvalidArgument", "Message": msg, "RequestId": "r-1"})
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write(body)
	}))
	t.Cleanup(s.Close)
	return s
}

// signatureParts are the pieces of Authorization values that must never
// be printed: the signatures, whatever the scheme.
var signatureParts = regexp.MustCompile(`Signature=([0-9a-fA-F]+)|^acs [^:]+:(\S+)$`)

func (s *echoServer) signatures() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, a := range s.auths {
		for _, m := range signatureParts.FindAllStringSubmatch(a, -1) {
			out = append(out, m[1]+m[2])
		}
	}
	return out
}

// TestUntrustedServerText: a server's error that echoes the request's
// credentials, signature and security token, wrapped in escape sequences,
// reaches neither standard output nor standard error, in text or JSON,
// from any command: the CLI redacts and escapes it even when the adapter
// passed it on as it came.
func TestUntrustedServerText(t *testing.T) {
	const (
		ak, sk = "HWAKSECRETIDENTIFIER01", "hw-secret-key-that-must-not-leak-0001"
		aliAK  = "LTAI5tSecretAccessKeyId"
		aliSK  = "ali-secret-key-that-must-not-leak-0001"
		token  = "CAIS-security-token-that-must-not-leak"
	)
	t.Setenv("HUAWEICLOUD_SDK_AK", ak)
	t.Setenv("HUAWEICLOUD_SDK_SK", sk)
	t.Setenv("HUAWEICLOUD_SDK_SECURITY_TOKEN", token)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", aliAK)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", aliSK)
	t.Setenv("ALIBABA_CLOUD_SECURITY_TOKEN", token)
	srv := newEchoServer(t)
	for _, tt := range []struct{ doc, provider, function string }{
		{"huaweifg.yaml", "hw", "orders"},
		{"alifc.yaml", "ali", "shop/orders"},
		{"alifc3.yaml", "fc3", "orders"},
	} {
		file := writeDoc(t, testdata("clouds", tt.doc), srv.URL)
		fn := tt.provider + ":" + tt.function
		for _, args := range [][]string{
			{"plan", "-f", file},
			{"plan", "-f", file, "-o", "json"},
			{"apply", "-f", file, "--auto-approve"},
			{"apply", "-f", file, "--auto-approve", "-o", "json"},
			{"export", "-f", file, "--provider", tt.provider, "--all"},
			{"export", "-f", file, "--provider", tt.provider, "--function", tt.function, "-o", "json"},
			{"invocations", "list", "-f", file, "--function", fn},
			{"invocations", "list", "-f", file, "--function", fn, "-o", "json"},
			{"invocations", "stop", "-f", file, "--function", fn, "id-1"},
		} {
			name := tt.provider + "/" + strings.ReplaceAll(strings.Join(args, " "), file, "FILE")
			t.Run(name, func(t *testing.T) {
				before := len(srv.signatures())
				r := fnasync(t, "", args...)
				out := r.stdout + r.stderr
				if r.code != 1 {
					t.Errorf("exit %d, want 1\n%s", r.code, r)
				}
				if !strings.Contains(out, "bad request; you sent") {
					t.Fatalf("the server's message is not reported at all\n%s", r)
				}
				for _, secret := range append([]string{ak, sk, aliAK, aliSK, token}, srv.signatures()[before:]...) {
					if secret != "" && strings.Contains(out, secret) {
						t.Errorf("printed the secret %q\n%s", secret, r)
					}
				}
				if strings.ContainsAny(out, "\x1b\x07") {
					t.Errorf("printed a raw escape sequence\n%q", out)
				}
				if strings.Contains(out, "\nPlan: 0 to add") {
					t.Errorf("the server forged a line of its own\n%s", r)
				}
			})
		}
	}
}
