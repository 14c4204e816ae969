package main

import (
	"strings"
	"testing"
)

// TestPlainHTTPEndpointLocated: plain http to a host that is not loopback
// is the same located diagnostic, at the provider's endpoint, from
// validate (text and JSON) and from plan, apply, export and invocations;
// --insecure-endpoint lets validate accept the document and plan go on to
// the provider.
func TestPlainHTTPEndpointLocated(t *testing.T) {
	setKeys(t)
	file := writeFile(t, "remote.yaml", `version: 1
providers:
  hw:
    type: huaweifg
    region: cn-north-4
    projectId: 0123456789abcdef0123456789abcdef
    endpoint: http://192.0.2.1:9
functions:
  - provider: hw
    function: orders
`)
	const want = `remote.yaml:7:15: error: /providers/hw/endpoint: endpoint "http://192.0.2.1:9" uses plain http to 192.0.2.1, a host that is not loopback: use https, or allow it with --insecure-endpoint`
	for _, args := range [][]string{
		{"validate", file},
		{"plan", "-f", file},
		{"plan", "-f", file, "-o", "json"},
		{"apply", "-f", file, "--auto-approve"},
		{"export", "-f", file, "--provider", "hw", "--all"},
		{"invocations", "list", "-f", file, "--function", "hw:orders"},
	} {
		r := fnasync(t, "", args...)
		if r.code != 1 || !strings.Contains(r.stderr, want) {
			t.Errorf("%s: want exit 1 and\n%s\n%s", args[0], want, r)
		}
	}
	r := fnasync(t, "", "validate", "-o", "json", file)
	if r.code != 1 || !strings.Contains(r.stdout, `"pointer": "/providers/hw/endpoint"`) || !strings.Contains(r.stdout, `"line": 7`) {
		t.Errorf("validate -o json: want the finding at /providers/hw/endpoint, line 7\n%s", r)
	}
	mustRun(t, 0, "", "validate", "--insecure-endpoint", file)
	r = fnasync(t, "", "plan", "-f", file, "--insecure-endpoint", "--timeout", "1s")
	if strings.Contains(r.stderr, "uses plain http") || !strings.Contains(r.stderr, "warning: provider \"hw\": --insecure-endpoint allows plain http") {
		t.Errorf("plan --insecure-endpoint: want the warning and no finding\n%s", r)
	}
}
