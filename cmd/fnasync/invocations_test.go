package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/alifc"
	"github.com/fnasync/fnasync/provider/driver"
	"github.com/fnasync/fnasync/provider/emukit"
	"github.com/fnasync/fnasync/provider/huaweifg"
	"github.com/fnasync/fnasync/schemas"
)

// invoker creates async invocations: both drivers' Invoke.
type invoker interface {
	Invoke(ctx context.Context, fn model.FunctionRef, payload []byte) (string, error)
}

// newInvoker returns the driver of provider name in file, talking to url
// with the emulator's keys.
func newInvoker(t *testing.T, file, name, url string) invoker {
	t.Helper()
	p := loadDoc(t, file).Providers[name]
	limits, err := schemas.ProviderLimits(p)
	if err != nil {
		t.Fatal(err)
	}
	creds := &provider.Credentials{AccessKey: emukit.DefaultAccessKey, SecretKey: emukit.DefaultSecretKey}
	var d interface {
		invoker
		Close() error
	}
	if p.Type == model.TypeHuaweiFG {
		d, err = huaweifg.New(p, limits, &huaweifg.Options{Endpoint: url, Credentials: creds})
	} else {
		d, err = alifc.New(p, limits, &alifc.Options{Endpoint: url, Credentials: creds})
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Close() })
	return d
}

// TestInvocations creates async invocations on each cloud's emulator with
// the drivers' Invoke, moves the emulator's clock on so that they finish,
// and lists and stops them with `fnasync invocations`.
func TestInvocations(t *testing.T) {
	setKeys(t)
	clouds := []struct{ cloud, provider, function string }{
		{"huaweifg", "hw", "orders"},
		{"alifc", "ali", "shop/orders"},
		{"alifc3", "fc3", "orders"},
	}
	// The invocations, oldest first: "old-fail" ten minutes ago, the
	// others now, 10 ms apart.
	type inv struct{ name, outcome string }
	invs := []inv{{"old-fail", "fail"}, {"ok", ""}, {"fail-1", "fail"}, {"hang", "hang"}, {"fail-2", "fail"}, {"ok-2", "succeed"}}
	for _, c := range clouds {
		t.Run(c.cloud, func(t *testing.T) {
			e, file := startSeeded(t, "clouds", c.cloud+".yaml")
			d := newInvoker(t, file, c.provider, e.URL)
			if c.cloud != "huaweifg" {
				// Function Compute keeps records only with statefulInvocation
				// (asyncTask) on.
				e.clock.Set(-10 * time.Minute)
				fc := provider.NewClient(d.(driver.Driver))
				if err := fc.Put(t.Context(), model.FunctionRef{Provider: c.provider, Function: c.function}, &model.AsyncConfig{StatusLog: model.Bool(true)}, nil); err != nil {
					t.Fatal(err)
				}
			}
			ids := map[string]string{}   // name → id
			names := map[string]string{} // id → name
			for i, iv := range invs {
				at := time.Duration(i) * 10 * time.Millisecond
				if iv.name == "old-fail" {
					at = -10 * time.Minute
				}
				e.clock.Set(at)
				payload := "{}"
				if iv.outcome != "" {
					payload = `{"` + emukit.OutcomeField + `": "` + iv.outcome + `", "n": 1}`
				}
				id, err := d.Invoke(t.Context(), model.FunctionRef{Provider: c.provider, Function: c.function}, []byte(payload))
				if err != nil {
					t.Fatalf("invoke %s: %v", iv.name, err)
				}
				ids[iv.name], names[id] = id, iv.name
			}
			// Everything but "hang" has finished a second later.
			e.clock.Set(time.Second + emukit.QueuedFor + emukit.RunningFor)

			fn := "--function=" + c.provider + ":" + c.function
			list := func(args ...string) []string {
				t.Helper()
				r := mustRun(t, 0, "", append([]string{"invocations", "list", "-f", file, fn, "-o", "json"}, args...)...)
				var got []model.Invocation
				if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
					t.Fatalf("list %v: %v\n%s", args, err, r)
				}
				var out []string
				for _, g := range got {
					out = append(out, names[g.ID]+" "+string(g.Status))
				}
				return out
			}
			queries := []struct {
				name string
				args []string
				want []string
			}{
				{"all", nil, []string{"ok-2 succeeded", "fail-2 failed", "hang running", "fail-1 failed", "ok succeeded", "old-fail failed"}},
				{"failed", []string{"--status", "failed"}, []string{"fail-2 failed", "fail-1 failed", "old-fail failed"}},
				{"failed uppercase", []string{"--status", "FAILED"}, []string{"fail-2 failed", "fail-1 failed", "old-fail failed"}},
				{"failed or running", []string{"--status", "failed", "--status", "running"}, []string{"fail-2 failed", "hang running", "fail-1 failed", "old-fail failed"}},
				{"limit", []string{"--status", "failed", "--limit", "2"}, []string{"fail-2 failed", "fail-1 failed"}},
				{"limit 1", []string{"--limit", "1"}, []string{"ok-2 succeeded"}},
				{"id", []string{"--id", ids["fail-1"]}, []string{"fail-1 failed"}},
				{"since", []string{"--status", "failed", "--since", "5m"}, []string{"fail-2 failed", "fail-1 failed"}},
				{"from", []string{"--status", "failed", "--from", time.Now().Add(-5 * time.Minute).UTC().Format(time.RFC3339)}, []string{"fail-2 failed", "fail-1 failed"}},
				{"to", []string{"--to", time.Now().Add(-5 * time.Minute).UTC().Format(time.RFC3339)}, []string{"old-fail failed"}},
				{"none", []string{"--status", "expired"}, nil},
			}
			for _, q := range queries {
				if diff := cmp.Diff(q.want, list(q.args...)); diff != "" {
					t.Errorf("list %s %v (-want +got):\n%s", q.name, q.args, diff)
				}
			}
			// The same in text, newest first.
			byName := func(s string) string {
				for id, name := range names {
					s = strings.ReplaceAll(s, id, "<"+name+">")
				}
				return s
			}
			r := mustRun(t, 0, "", "invocations", "list", "-f", file, fn, "--status", "failed")
			golden(t, "invocations/"+c.cloud+"-list-failed", columns(byName(r.stdout))+"--- stderr\n"+r.stderr)
			r = mustRun(t, 0, "", "invocations", "list", "-f", file, fn, "--status", "expired")
			if r.stdout != "" || !strings.Contains(r.stderr, "No async invocations of") {
				t.Errorf("an empty list:\n%s", r)
			}

			// Stop: the hanging one stops; a finished one is refused,
			// with the reason.
			r = mustRun(t, 0, "", "invocations", "stop", "-f", file, fn, ids["hang"])
			golden(t, "invocations/"+c.cloud+"-stop", byName(r.String()))
			if diff := cmp.Diff([]string{"hang stopped"}, list("--id", ids["hang"])); diff != "" {
				t.Errorf("the stopped invocation (-want +got):\n%s", diff)
			}
			for _, name := range []string{"ok", "fail-1", "hang"} {
				r = mustRun(t, 1, "", "invocations", "stop", "-f", file, fn, ids[name])
				golden(t, "invocations/"+c.cloud+"-stop-refused-"+name, scrubRequestIDs(byName(r.String())))
			}
			if diff := cmp.Diff([]string{"ok succeeded"}, list("--id", ids["ok"])); diff != "" {
				t.Errorf("a refused stop changed the invocation (-want +got):\n%s", diff)
			}
		})
	}
}

// TestInvocationsUsage checks the flags of invocations list and stop; no
// request reaches the emulator.
func TestInvocationsUsage(t *testing.T) {
	setKeys(t)
	e, file := startSeeded(t, "clouds", "huaweifg.yaml")
	tests := []struct {
		name string
		args []string
	}{
		{"bad-status", []string{"list", "--function", "hw:orders", "--status", "done"}},
		{"bad-since", []string{"list", "--function", "hw:orders", "--since", "yesterday"}},
		{"since-and-from", []string{"list", "--function", "hw:orders", "--since", "1h", "--from", "2026-01-01"}},
		{"to-before-from", []string{"list", "--function", "hw:orders", "--from", "2026-01-02", "--to", "2026-01-01"}},
		{"negative-limit", []string{"list", "--function", "hw:orders", "--limit", "-1"}},
		{"bad-function", []string{"list", "--function", "orders"}},
		{"unknown-provider", []string{"list", "--function", "ali:shop/orders"}},
		{"stop-no-id", []string{"stop", "--function", "hw:orders"}},
		{"stop-two-ids", []string{"stop", "--function", "hw:orders", "a", "b"}},
		{"misspelt-flag", []string{"list", "--function", "hw:orders", "--statsu", "failed"}},
		{"bad-limit", []string{"list", "--function", "hw:orders", "--limit", "x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mark := e.mark()
			args := append([]string{"invocations", tt.args[0], "-f", file}, tt.args[1:]...)
			r := mustRun(t, 1, "", args...)
			if reqs := e.since(mark); len(reqs) > 0 {
				t.Errorf("a usage error sent %d requests", len(reqs))
			}
			golden(t, "invocations/usage-"+tt.name, scrub(r.String(), filepath.Dir(file), "DIR"))
			if want := "Run 'fnasync invocations " + tt.args[0] + " --help' for usage."; !strings.Contains(r.stderr, want) {
				t.Errorf("the usage error does not say %q:\n%s", want, r)
			}
		})
	}
}
