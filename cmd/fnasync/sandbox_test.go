package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEmbeddedEmulatorIsHonest checks that the embedded emulator does not
// hide a newcomer's mistakes: a function it has never seen is planned as
// a create with a warning, plan and export leave its state file as it
// was, and only apply creates the function, saying so.
func TestEmbeddedEmulatorIsHonest(t *testing.T) {
	for _, v := range []string{"HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"} {
		t.Setenv(v, "")
	}
	src, err := os.ReadFile(filepath.Join("..", "..", "examples", "quickstart.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	quick := writeFile(t, "quickstart.yaml", string(src))
	dir := filepath.Dir(quick)
	state := filepath.Join(dir, ".fnasync", "emulator-state.db")
	mustRun(t, 0, "", "apply", "-f", quick, "--auto-approve")
	before, err := os.ReadFile(state)
	if err != nil {
		t.Fatal(err)
	}
	typo := filepath.Join(dir, "typo.yaml")
	doc := strings.Replace(string(src), "function: orders        # default/orders, version latest", "function: ordrs", 1)
	doc = strings.Replace(doc, "functions:\n", "functions:\n  - {provider: ali3, function: orders, qualifier: latest, maxRetryAttempts: 1}\n", 1)
	if err := os.WriteFile(typo, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}

	r := mustRun(t, 0, "", "validate", typo)
	if !strings.Contains(r.stderr, `warning: /functions/0/qualifier: qualifier "latest" is not the unqualified version on alifc3`) {
		t.Errorf("validate does not warn about latest on FC 3.0:\n%s", r)
	}
	r = mustRun(t, 2, "", "plan", "-f", typo, "--detailed-exitcode")
	for _, want := range []string{
		"hw:default/ordrs@latest does not exist in the embedded emulator: apply will create the function there (a real cloud would answer FunctionNotFound",
		"ali3:orders@latest does not exist in the embedded emulator",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("plan does not warn %q:\n%s", want, r)
		}
	}
	if !strings.Contains(r.stdout, "# hw:default/ordrs@latest will be created") || strings.Contains(r.stdout, "default/orders@latest will") {
		t.Errorf("plan does not plan the typo as a create, and only it:\n%s", r)
	}
	if r := mustRun(t, 2, "", "plan", "-f", typo, "--prune", "--detailed-exitcode"); !strings.Contains(r.stdout, "# hw:default/ordrs@latest will be created") {
		t.Errorf("plan --prune does not plan the typo as a create:\n%s", r)
	}
	if strings.Contains(r.stderr, "hw:billing/invoices") {
		t.Errorf("plan warns about a function the emulator has:\n%s", r)
	}
	r = mustRun(t, 0, "", "export", "-f", typo, "--provider", "hw", "--all")
	if strings.Contains(r.stdout, "ordrs") {
		t.Errorf("a planned typo shows in export --all:\n%s", r)
	}
	mustRun(t, 1, "", "export", "-f", typo, "--provider", "hw", "--function", "ordrs")
	after, err := os.ReadFile(state)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Errorf("plan and export changed the emulator's state file:\n--- before\n%s\n--- after\n%s", before, after)
	}

	r = mustRun(t, 0, "", "apply", "-f", typo, "--auto-approve")
	for _, want := range []string{
		"Created function hw:default/ordrs@latest in the embedded emulator (a real cloud would answer FunctionNotFound).",
		"Created function ali3:orders@latest in the embedded emulator",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("apply does not announce %q:\n%s", want, r)
		}
	}
	r = mustRun(t, 0, "", "plan", "-f", typo, "--detailed-exitcode")
	if strings.Contains(r.stderr, "does not exist in the embedded emulator") {
		t.Errorf("plan after apply still warns:\n%s", r)
	}
	r = mustRun(t, 0, "", "export", "-f", typo, "--provider", "hw", "--all")
	if !strings.Contains(r.stdout, "ordrs") {
		t.Errorf("an applied function is missing from export --all:\n%s", r)
	}
}
