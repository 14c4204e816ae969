package proof

import (
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/fnasync/fnasync/emulator"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider/emukit"
)

// The test's secrets: distinctive, and not the emulator's keys, so that
// signing with them fails.
const (
	hwSecret, hwToken   = "proof-hw-secret-9f3c2a7e51d84b06", "proof-hw-token-6d1e8c4b2a9f7035"
	aliSecret, aliToken = "proof-ali-secret-4b7e2d9c1a6f8035", "proof-ali-token-2c9a6e4d8b1f7053"
)

var secrets = []string{hwSecret, hwToken, aliSecret, aliToken}

// The environments the CLI runs in: the emulator's access keys with the
// test's secrets and tokens (every request refused for its signature),
// and the emulator's keys with the test's tokens (accepted).
var (
	wrongSecrets = []string{
		"HUAWEICLOUD_SDK_AK=" + emukit.DefaultAccessKey, "HUAWEICLOUD_SDK_SK=" + hwSecret, "HUAWEICLOUD_SDK_SECURITY_TOKEN=" + hwToken,
		"ALIBABA_CLOUD_ACCESS_KEY_ID=" + emukit.DefaultAccessKey, "ALIBABA_CLOUD_ACCESS_KEY_SECRET=" + aliSecret, "ALIBABA_CLOUD_SECURITY_TOKEN=" + aliToken,
	}
	emulatorKeysAndTokens = append(emuKeys(), "HUAWEICLOUD_SDK_SECURITY_TOKEN="+hwToken, "ALIBABA_CLOUD_SECURITY_TOKEN="+aliToken)
)

// TestSecretsNeverLeak runs every command with credentials in the
// environment, on success and failure paths (signatures refused, an
// unreachable endpoint, the embedded emulator, a brief `fnasync emulate`;
// and with every SDK debugging switch on: DEBUG=sdk refused where a provider is opened, others run),
// and finds the secrets in no output, in no file under the test's
// directory (the emulators' state included) and in no request log; while
// the tokens did reach the emulator, so they were in play.
func TestSecretsNeverLeak(t *testing.T) {
	t.Parallel()
	binary(t)
	dir := t.TempDir()
	tokens := &tokenRecorder{seen: map[string]bool{}}
	e := startEmu(t, &emulator.Options{StateFile: filepath.Join(dir, "emulator-state.json")}, parseDoc(t, genDoc(6, "", 0)),
		func(h http.Handler) http.Handler { tokens.next = h; return tokens })
	file := writeFile(t, dir, "fnasync.yaml", genDoc(6, e.URL, 0))
	one := writeFile(t, dir, "one.yaml", genDoc(1, e.URL, 0))
	embedded := writeFile(t, mkdir(t, dir, "embedded"), "fnasync.yaml", genDoc(3, model.EndpointEmulator, 0))
	unreachable := writeFile(t, dir, "unreachable.yaml", genDoc(1, "http://"+closedAddr(t), 0))
	commands := [][]string{
		{"validate", file}, {"schema"}, {"version"}, {"--version"},
		{"plan", "-f", file}, {"plan", "-f", file, "-o", "json"},
		{"apply", "-f", file, "--auto-approve"}, {"apply", "-f", file, "--auto-approve", "-o", "json"},
		{"export", "-f", file, "--provider", "hw", "--all"}, {"export", "-f", file, "--provider", "ali", "--all", "-o", "json"},
		{"migrate", "-f", one, "--to", "ali3"},
		{"invocations", "list", "-f", file, "--function", "ali3:" + fnName(2)},
		{"invocations", "list", "-f", file, "--function", "hw:" + fnName(0), "-o", "json"},
		{"invocations", "stop", "-f", file, "--function", "ali3:" + fnName(2), "no-such-invocation"},
		{"plan", "-f", embedded}, {"apply", "-f", embedded, "--auto-approve"},
	}

	t.Run("commands", func(t *testing.T) {
		// Every debugging switch the SDKs read is turned on in the debug
		// environments: DEBUG=sdk (the Alibaba SDK's request dump) is
		// refused, every other one runs.
		for _, keys := range []struct {
			name string
			env  []string
		}{
			{"wrong-secrets", wrongSecrets},
			{"emulator-keys-and-tokens", emulatorKeysAndTokens},
			{"debug-sdk", slices.Concat(emulatorKeysAndTokens, []string{"DEBUG=sdk,tea,signer,request"})},
			{"debug-other", slices.Concat(emulatorKeysAndTokens, []string{"DEBUG=tea,signer,request,http,*"})},
		} {
			t.Run(keys.name, func(t *testing.T) {
				t.Parallel()
				env := cleanEnv(dir, append(slices.Clone(keys.env), "TMPDIR="+mkdir(t, dir, "tmp-"+keys.name))...)
				// The default policy retries an unreachable endpoint for
				// up to half a minute: meanwhile, the other commands run.
				unreachable := start(t, env, dir, "plan", "-f", unreachable)
				for _, args := range commands {
					r := run(t, env, dir, args...)
					noSecrets(t, r.String(), r.stdout, r.stderr)
					switch keys.name {
					case "wrong-secrets":
						if args[0] == "plan" && args[2] == file && (r.code != 1 || !strings.Contains(strings.ToLower(r.stdout+r.stderr), "signature")) {
							t.Errorf("plan signed with the wrong secrets: want exit 1 and signature errors\n%s", r)
						}
					case "debug-sdk":
						if args[0] == "apply" && (r.code != 1 || !strings.Contains(r.stderr, "DEBUG=sdk")) {
							t.Errorf("apply with DEBUG=sdk: want exit 1 and the refusal\n%s", r)
						}
					default:
						if args[0] == "apply" && r.code != 0 {
							t.Errorf("apply with the emulator's keys and tokens (%s): want exit 0\n%s", keys.name, r)
						}
					}
				}
				// emulate opens no provider, so it runs under DEBUG=sdk too.
				em, _ := startEmulate(t, env, dir, "--state", filepath.Join(dir, "emulate-"+keys.name+".json"))
				em.signal(t, os.Interrupt)
				if r := em.wait(t); r.code != 0 {
					t.Errorf("emulate (%s): want exit 0\n%s", keys.name, r)
				} else {
					noSecrets(t, r.String(), r.stdout, r.stderr)
				}
				if r := unreachable.wait(t); r.code != 1 {
					t.Errorf("plan of an unreachable endpoint: want exit 1\n%s", r)
				} else {
					noSecrets(t, r.String(), r.stdout, r.stderr)
				}
			})
		}
	})

	if !tokens.saw(hwToken) || !tokens.saw(aliToken) {
		t.Errorf("the emulator never received both security tokens (saw %v): they were not in play", tokens.seen)
	}
	raw, _ := requestLog(t, e.URL)
	noSecrets(t, "the emulator's request log", string(raw))
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Error(err)
			return nil
		}
		if d.Type().IsRegular() {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Error(err)
			}
			noSecrets(t, path, string(b))
		}
		return nil
	})
}

// noSecrets fails the test if any text holds a secret.
func noSecrets(t *testing.T, where string, texts ...string) {
	t.Helper()
	for _, s := range secrets {
		for _, text := range texts {
			if strings.Contains(text, s) {
				t.Errorf("secret %q leaked into %s", s, clip(where))
			}
		}
	}
}

// tokenRecorder notes the security tokens requests carry, then serves
// them.
type tokenRecorder struct {
	next http.Handler
	mu   sync.Mutex
	seen map[string]bool
}

func (r *tokenRecorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	for _, h := range []string{"X-Security-Token", "X-Acs-Security-Token"} {
		if v := req.Header.Get(h); v != "" {
			r.seen[v] = true
		}
	}
	r.mu.Unlock()
	r.next.ServeHTTP(w, req)
}

func (r *tokenRecorder) saw(token string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.seen[token]
}

// closedAddr returns a loopback address nothing listens on.
func closedAddr(t testing.TB) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	return addr
}

// mkdir makes dir/name and returns it.
func mkdir(t testing.TB, dir, name string) string {
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(path, 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}
