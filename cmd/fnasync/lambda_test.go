package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/fnasync/fnasync/provider/emukit"
)

// TestLambdaEmulate runs a document of awslambda functions against
// `fnasync emulate`: plan shows changes (exit 2), apply applies, plan is
// clean; export --all of every function plans clean against the same
// emulator; listing invocations says why Lambda cannot; restarted on its
// state file, the emulator still plans clean.
func TestLambdaEmulate(t *testing.T) {
	setKeys(t)
	seed := writeDoc(t, testdata("clouds", "awslambda.yaml"), "emulator")
	state := filepath.Join(t.TempDir(), "state.db")
	first, run := startEmulate(t, "--seed", seed, "--state", state)
	if !listeningRE.MatchString(first) {
		t.Fatalf("first line %q; stderr:\n%s", first, run.stderr)
	}
	doc := writeDoc(t, testdata("clouds", "awslambda.yaml"), run.url)
	mustRun(t, 2, "", "plan", "-f", doc, "--detailed-exitcode")
	mustRun(t, 0, "", "apply", "-f", doc, "--auto-approve")
	if r := mustRun(t, 0, "", "plan", "-f", doc, "--detailed-exitcode"); !strings.Contains(r.stdout, "No changes.") {
		t.Errorf("plan after apply:\n%s", r)
	}
	for _, r := range getRequests(t, run.url) {
		if r.Cloud != "awslambda" || r.Status >= 400 && r.Status != 404 {
			t.Errorf("request logged as %+v", r)
		}
	}

	exp := mustRun(t, 0, "", "export", "-f", doc, "--provider", "aws", "--all")
	for _, want := range []string{"function: orders", `qualifier: "3"`, "qualifier: prod", "bucket: async-failures", "eventBus: default"} {
		if !strings.Contains(exp.stdout, want) {
			t.Errorf("export --all lacks %q:\n%s", want, exp.stdout)
		}
	}
	if strings.Contains(exp.stdout, "statusLog") {
		t.Errorf("export of Lambda configs writes statusLog, which Lambda does not have:\n%s", exp.stdout)
	}
	if r := mustRun(t, 0, exp.stdout, "plan", "-f", "-", "--detailed-exitcode"); !strings.Contains(r.stdout, "No changes.") {
		t.Errorf("the exported document does not plan clean:\n%s", r)
	}

	r := mustRun(t, 1, "", "invocations", "list", "-f", doc, "--function", "aws:orders")
	if !strings.Contains(r.stderr, "keeps no list of asynchronous invocations") || !strings.Contains(r.stderr, "CloudWatch Logs") {
		t.Errorf("invocations list on Lambda does not say why and where to look:\n%s", r)
	}

	// What was applied is durable: stopped and started again on its
	// state file, the emulator plans clean.
	if code := run.stop(t); code != 0 {
		t.Fatalf("emulate exited %d", code)
	}
	_, run = startEmulate(t, "--state", state)
	doc = writeDoc(t, testdata("clouds", "awslambda.yaml"), run.url)
	if r := mustRun(t, 0, "", "plan", "-f", doc, "--detailed-exitcode"); !strings.Contains(r.stdout, "No changes.") {
		t.Errorf("plan against the reloaded state:\n%s", r)
	}
}

// TestLambdaAWSCLI: the emulator accepts requests of an independent AWS
// client, the AWS CLI (botocore's own Signature Version 4 signer), pointed
// at it with --endpoint-url and the emulator's keys, and refuses them with
// a wrong secret, as Lambda would.
func TestLambdaAWSCLI(t *testing.T) {
	aws, err := exec.LookPath("aws")
	if err != nil {
		t.Skip("the aws command is not installed")
	}
	setKeys(t)
	seed := writeDoc(t, testdata("clouds", "awslambda.yaml"), "emulator")
	_, run := startEmulate(t, "--seed", seed)
	cli := func(secret string, args ...string) (string, error) {
		ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, aws, append([]string{"lambda", "--endpoint-url", run.url, "--region", "us-east-1", "--output", "json"}, args...)...)
		var env []string
		for _, kv := range os.Environ() {
			if !strings.HasPrefix(kv, "AWS_") || strings.HasPrefix(kv, "AWS_CA_BUNDLE=") {
				env = append(env, kv)
			}
		}
		cmd.Env = append(env, "AWS_ACCESS_KEY_ID="+emukit.DefaultAccessKey, "AWS_SECRET_ACCESS_KEY="+secret,
			"AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null",
			"AWS_EC2_METADATA_DISABLED=true", "AWS_MAX_ATTEMPTS=1", "AWS_PAGER=")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	out, err := cli(emukit.DefaultSecretKey, "put-function-event-invoke-config", "--function-name", "orders", "--qualifier", "prod",
		"--maximum-retry-attempts", "1", "--destination-config", `{"OnFailure":{"Destination":"arn:aws:sqs:us-east-1:123456789012:dlq"}}`)
	if err != nil || !strings.Contains(out, `"MaximumRetryAttempts": 1`) || !strings.Contains(out, "function:orders:prod") {
		t.Fatalf("aws lambda put-function-event-invoke-config: %v\n%s", err, out)
	}
	out, err = cli(emukit.DefaultSecretKey, "list-function-event-invoke-configs", "--function-name", "orders")
	if err != nil || !strings.Contains(out, "arn:aws:sqs:us-east-1:123456789012:dlq") {
		t.Errorf("aws lambda list-function-event-invoke-configs: %v\n%s", err, out)
	}
	out, err = cli(emukit.DefaultSecretKey, "list-functions")
	if err != nil || !strings.Contains(out, `"FunctionName": "refunds"`) {
		t.Errorf("aws lambda list-functions: %v\n%s", err, out)
	}
	out, err = cli(emukit.DefaultSecretKey, "get-function-event-invoke-config", "--function-name", "refunds")
	if err == nil || !strings.Contains(out, "ResourceNotFoundException") {
		t.Errorf("aws lambda get-function-event-invoke-config without a config: %v\n%s", err, out)
	}
	out, err = cli("not-the-emulator-secret", "get-function-event-invoke-config", "--function-name", "orders", "--qualifier", "prod")
	if err == nil || !strings.Contains(out, "InvalidSignatureException") {
		t.Errorf("aws lambda with a wrong secret: %v\n%s", err, out)
	}
}

// TestMigrateLambdaChain: FC 3.0 configs exported, migrated to Lambda
// (with --clamp: FC's default age and retries are outside Lambda's
// ranges), applied, exported again and migrated to FunctionGraph; each
// document validates, plans, applies and then plans clean.
func TestMigrateLambdaChain(t *testing.T) {
	setKeys(t)
	e, doc := startSeeded(t, "migrate", "lambda-chain.yaml")
	r := fnasync(t, "", "apply", "-f", doc, "--auto-approve")
	// The target entries have no settings, so they are applied too; only
	// the FC 3.0 ones matter here, and the others are replaced below.
	if r.code != 0 {
		t.Fatalf("apply: %s", r)
	}
	from := "ali3"
	for _, step := range []struct {
		to   string
		args []string
		warn string
	}{
		{"aws", []string{"--clamp"}, "maxRetryAttempts 3 is outside 0..2 on awslambda: clamped to 2"},
		{"hw", nil, ""},
	} {
		exported := mustRun(t, 0, "", "export", "-f", doc, "--provider", from, "--all")
		migrated := mustRun(t, 0, exported.stdout, append([]string{"migrate", "-f", "-", "--to", step.to}, step.args...)...)
		if !strings.Contains(migrated.stderr, step.warn) {
			t.Errorf("migrate to %s does not warn %q:\n%s", step.to, step.warn, migrated)
		}
		mustRun(t, 0, migrated.stdout, "validate", "-")
		mark := e.mark()
		mustRun(t, 2, migrated.stdout, "plan", "-f", "-", "--detailed-exitcode")
		mustRun(t, 0, migrated.stdout, "apply", "-f", "-", "--auto-approve")
		if len(writes(e.since(mark))) == 0 {
			t.Errorf("apply of the document migrated to %s sent no write", step.to)
		}
		if r := mustRun(t, 0, migrated.stdout, "plan", "-f", "-", "--detailed-exitcode"); !strings.Contains(r.stdout, "No changes.") {
			t.Errorf("plan of the applied migration to %s:\n%s", step.to, r)
		}
		from = step.to
	}
}
