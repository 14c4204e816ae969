package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fnasync/fnasync/provider/emukit"
)

// TestClouds runs plan and apply against the emulator of each cloud type:
// create, converge, a no-op apply, then a changed document (an update or,
// on FC 2.0, a replace, and a delete), with the exit codes of
// --detailed-exitcode, golden text and JSON plans, and the writes each
// command sent as the emulator logged them.
func TestClouds(t *testing.T) {
	setKeys(t)
	steps := []struct {
		name   string
		v2     bool // the changed document
		args   []string
		want   int
		writes bool // whether the step may send mutating requests
	}{
		{"plan-create", false, []string{"plan", "--detailed-exitcode"}, 2, false},
		{"plan-create-json", false, []string{"plan", "-o", "json"}, 0, false},
		{"apply-create", false, []string{"apply", "--auto-approve", "--parallelism", "1"}, 0, true},
		{"plan-clean", false, []string{"plan", "--detailed-exitcode"}, 0, false},
		{"apply-noop", false, []string{"apply", "--auto-approve", "-o", "json"}, 0, false},
		{"apply-noop-text", false, []string{"apply", "--auto-approve"}, 0, false},
		{"plan-change", true, []string{"plan", "--detailed-exitcode"}, 2, false},
		{"apply-change-json", true, []string{"apply", "--auto-approve", "-o", "json", "--parallelism", "1"}, 0, true},
		{"plan-change-clean", true, []string{"plan", "--detailed-exitcode", "-o", "json"}, 0, false},
	}
	for _, cloud := range []string{"huaweifg", "alifc", "alifc3", "awslambda"} {
		t.Run(cloud, func(t *testing.T) {
			e, v1 := startSeeded(t, "clouds", cloud+".yaml")
			v2 := writeDoc(t, testdata("clouds", cloud+"-v2.yaml"), e.URL)
			for _, s := range steps {
				file := v1
				if s.v2 {
					file = v2
				}
				mark := e.mark()
				r := fnasync(t, "", append(s.args, "-f", file)...)
				sent := writes(e.since(mark))
				if r.code != s.want {
					t.Fatalf("%s: exit %d, want %d\n%s", s.name, r.code, s.want, r)
				}
				if !s.writes && len(sent) > 0 {
					t.Errorf("%s sent mutating requests:\n%s", s.name, strings.Join(sent, "\n"))
				}
				if s.writes && len(sent) == 0 {
					t.Errorf("%s sent no mutating request", s.name)
				}
				if s.want == 0 && strings.HasPrefix(s.name, "plan") && !strings.Contains(r.stdout, "No changes.") && !strings.Contains(r.stdout, `"format_version"`) {
					t.Errorf("%s: a clean plan does not say \"No changes.\":\n%s", s.name, r.stdout)
				}
				got := scrub(r.String(), filepath.Dir(file), "DIR", e.URL, "ENDPOINT") +
					"--- writes\n" + lines(sent)
				golden(t, "clouds/"+cloud+"-"+s.name, got)
			}
		})
	}
}

// lines joins ss one a line.
func lines(ss []string) string {
	if len(ss) == 0 {
		return ""
	}
	return strings.Join(ss, "\n") + "\n"
}

// TestProfileCredentials reads the emulator's keys from each SDK's
// profile file instead of the environment, the usual setup on a
// developer's machine, and plans many functions at once: every read must
// be signed, however many run concurrently.
func TestProfileCredentials(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	for _, v := range []string{"HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"} {
		t.Setenv(v, "")
	}
	hw := filepath.Join(home, "huaweicloud-credentials")
	ali := filepath.Join(home, "alibabacloud-credentials")
	for file, content := range map[string]string{
		hw:  "[basic]\nak = " + emukit.DefaultAccessKey + "\nsk = " + emukit.DefaultSecretKey + "\n",
		ali: "[default]\ntype = access_key\naccess_key_id = " + emukit.DefaultAccessKey + "\naccess_key_secret = " + emukit.DefaultSecretKey + "\n",
	} {
		if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("HUAWEICLOUD_SDK_CREDENTIALS_FILE", hw)
	t.Setenv("ALIBABA_CLOUD_CREDENTIALS_FILE", ali)

	const functions, runs = 24, 10
	for _, p := range []string{
		"{type: huaweifg, region: cn-north-4, projectId: 0123456789abcdef0123456789abcdef",
		"{type: alifc3, region: cn-hangzhou, accountId: \"1234567890123456\"",
	} {
		typ := strings.TrimSuffix(strings.Fields(p)[1], ",")
		t.Run(typ, func(t *testing.T) {
			e := startEmulator(t)
			var b strings.Builder
			fmt.Fprintf(&b, "version: 1\nproviders:\n  p: %s, endpoint: %q}\nfunctions:\n", p, e.URL)
			for i := range functions {
				fmt.Fprintf(&b, "  - {provider: p, function: f%d}\n", i)
			}
			file := writeFile(t, "many.yaml", b.String())
			e.seed(t, file)
			var failed int
			for range runs {
				r := fnasync(t, "", "plan", "-f", file, "--parallelism", fmt.Sprint(functions), "--detailed-exitcode")
				if r.code != 2 {
					if failed == 0 {
						t.Errorf("plan with credentials from the profile file: exit %d, want 2; stderr:\n%s", r.code, r.stderr)
					}
					failed++
				}
			}
			if failed > 0 {
				t.Errorf("%d of %d plans failed", failed, runs)
			}
		})
	}
}
