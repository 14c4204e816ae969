package main

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

// invocationIDRE matches the ids the emulators give invocations: a
// FunctionGraph request id, an id fnasync chose for Function Compute.
var invocationIDRE = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|fnasync-[0-9a-f]{24}`)

// TestInvoke starts an async invocation on each cloud's emulator with
// `fnasync invoke`, in text and JSON (golden), and finds it with
// `invocations list --id`.
func TestInvoke(t *testing.T) {
	setKeys(t)
	for _, c := range []struct{ cloud, function string }{
		{"huaweifg", "hw:orders"},
		{"alifc", "ali:shop/orders"},
		{"alifc3", "fc3:orders"},
	} {
		t.Run(c.cloud, func(t *testing.T) {
			e, file := startSeeded(t, "clouds", c.cloud+".yaml")
			// Function Compute keeps records only of functions whose
			// config has statusLog on, as the documents do once applied.
			mustRun(t, 0, "", "apply", "-f", file, "--auto-approve")
			text := mustRun(t, 0, "", "invoke", "-f", file, "--function", c.function, "--payload", `{"n": 1}`)
			id := strings.TrimSpace(text.stdout)
			if !invocationIDRE.MatchString(id) || strings.Contains(id, "\n") {
				t.Fatalf("invoke printed %q, want one invocation id\n%s", text.stdout, text)
			}
			payload := writeFile(t, "event.json", `{"fnasyncOutcome": "fail"}`)
			js := mustRun(t, 0, "", "invoke", "-f", file, "--function", c.function, "--payload", "@"+payload, "-o", "json")
			var got struct{ ID string }
			if err := json.Unmarshal([]byte(js.stdout), &got); err != nil || got.ID == "" {
				t.Fatalf("invoke -o json: %v\n%s", err, js)
			}
			golden(t, "invoke/"+c.cloud, invocationIDRE.ReplaceAllString(text.String()+js.String(), "ID"))
			for _, id := range []string{id, got.ID} {
				r := mustRun(t, 0, "", "invocations", "list", "-f", file, "--function", c.function, "--id", id, "-o", "json")
				if !strings.Contains(r.stdout, id) {
					t.Errorf("invocations list --id %s does not find the invocation invoke started:\n%s", id, r)
				}
			}
			if n := len(e.Log().Requests()); n == 0 {
				t.Error("the emulator logged no request")
			}
		})
	}
}

// TestInvokeRefuses checks the payload and the function before any
// request: each refusal says what is wrong.
func TestInvokeRefuses(t *testing.T) {
	setKeys(t)
	e, file := startSeeded(t, "clouds", "huaweifg.yaml")
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"array-payload", []string{"--function", "hw:orders", "--payload", "[1]"}, "the payload must be a JSON object"},
		{"no-payload-file", []string{"--function", "hw:orders", "--payload", "@/nonexistent/event.json"}, "--payload @/nonexistent/event.json"},
		{"no-provider", []string{"--function", "orders"}, "--function must be PROVIDER:FUNCTION"},
		{"undeclared", []string{"--function", "nope:orders"}, `provider "nope" is not declared in ` + file + ` (it declares hw)`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			mark := e.mark()
			r := mustRun(t, 1, "", append([]string{"invoke", "-f", file}, tt.args...)...)
			if !strings.Contains(r.stderr, tt.want) || r.stdout != "" {
				t.Errorf("want %q on stderr and nothing on stdout\n%s", tt.want, r)
			}
			if reqs := e.since(mark); len(reqs) != 0 {
				t.Errorf("a refused invoke sent %d requests", len(reqs))
			}
		})
	}
}

// TestEndpointOverride points a document whose endpoint is a closed port
// at the emulator with --endpoint and with FNASYNC_ENDPOINTS, and checks
// that a bad override is refused.
func TestEndpointOverride(t *testing.T) {
	setKeys(t)
	e := startEmulator(t)
	file := writeDoc(t, testdata("clouds", "huaweifg.yaml"), "http://127.0.0.1:1")
	e.seed(t, file)
	mustRun(t, 0, "", "plan", "-f", file, "--endpoint", "hw="+e.URL)
	mustRun(t, 0, "", "invocations", "list", "-f", file, "--function", "hw:orders", "--endpoint", "*="+e.URL)
	t.Run("env", func(t *testing.T) {
		t.Setenv("FNASYNC_ENDPOINTS", "other=https://example.com,*="+e.URL)
		mustRun(t, 0, "", "export", "-f", file, "--provider", "hw", "--all")
	})
	for _, tt := range []struct {
		value, want string
	}{
		{"hw", "is not PROVIDER=URL"},
		{"hw=http://192.0.2.1", "plain http to a host that is not loopback"},
		{"nope=" + e.URL, `endpoint override for provider "nope": the document declares no such provider (it declares hw)`},
	} {
		r := mustRun(t, 1, "", "plan", "-f", file, "--endpoint", tt.value)
		if !strings.Contains(r.stderr, tt.want) {
			t.Errorf("--endpoint %s: want %q\n%s", tt.value, tt.want, r)
		}
	}
}
