package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/fnasync/fnasync/cmd/fnasync/internal/app"
	"github.com/fnasync/fnasync/cmd/fnasync/internal/cmdutil"
	"github.com/google/go-cmp/cmp"
)

// TestCLIContract checks the CLI's contract around the documents it
// reads: confirmation off a terminal, standard input, located diagnostics
// for invalid documents, and usage errors, each with its exit code and
// both streams golden.
func TestCLIContract(t *testing.T) {
	setKeys(t)
	e, good := startSeeded(t, "clouds", "huaweifg.yaml")
	goodText, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	bad := testdata("bad", "mistakes.yaml")
	badText, err := os.ReadFile(bad)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		stdin string
		args  []string
		want  int
	}{
		{"apply-needs-auto-approve", "", []string{"apply", "-f", good}, 1},
		{"apply-stdin-needs-auto-approve", string(goodText), []string{"apply", "-f", "-"}, 1},
		{"plan-stdin", string(goodText), []string{"plan", "-f", "-", "--detailed-exitcode"}, 2},
		{"plan-stdin-empty", "", []string{"plan", "-f", "-"}, 1},
		{"plan-invalid", "", []string{"plan", "-f", bad}, 1},
		{"plan-invalid-stdin", string(badText), []string{"plan", "-f", "-"}, 1},
		{"plan-invalid-json", "", []string{"plan", "-f", bad, "-o", "json"}, 1},
		{"plan-syntax", "", []string{"plan", "-f", testdata("bad", "syntax.yaml")}, 1},
		{"plan-missing-file", "", []string{"plan", "-f", testdata("bad", "no-such-file.yaml")}, 1},
		{"apply-invalid", "", []string{"apply", "--auto-approve", "-f", bad}, 1},
		{"apply-invalid-json", "", []string{"apply", "--auto-approve", "-f", bad, "-o", "json"}, 1},
		{"plan-syntax-json", "", []string{"plan", "-f", testdata("bad", "syntax.yaml"), "-o", "json"}, 1},
		{"export-invalid", "", []string{"export", "-f", bad, "--provider", "hw", "--all"}, 1},
		{"migrate-invalid", "", []string{"migrate", "-f", bad, "--to", "hw"}, 1},
		{"invocations-invalid", "", []string{"invocations", "list", "-f", bad, "--function", "hw:orders"}, 1},
		{"plan-parallelism-0", "", []string{"plan", "-f", good, "--parallelism", "0"}, 1},
		{"apply-parallelism-0", "", []string{"apply", "-f", good, "--auto-approve", "--parallelism", "0"}, 1},
		{"export-parallelism-0", "", []string{"export", "-f", good, "--provider", "hw", "--all", "--parallelism", "0"}, 1},
		{"export-unknown-provider", "", []string{"export", "-f", good, "--provider", "nope", "--all"}, 1},
		{"export-no-functions", "", []string{"export", "-f", good, "--provider", "hw"}, 1},
		{"plan-no-file", "", []string{"plan"}, 1},
		{"plan-bad-output", "", []string{"plan", "-f", good, "-o", "yaml"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mark := e.mark()
			r := fnasync(t, tt.stdin, tt.args...)
			if r.code != tt.want {
				t.Errorf("exit %d, want %d\n%s", r.code, tt.want, r)
			}
			if w := writes(e.since(mark)); len(w) > 0 {
				t.Errorf("sent mutating requests:\n%s", lines(w))
			}
			golden(t, "cli/"+tt.name, scrub(r.String(), filepath.Dir(good), "DIR", e.URL, "ENDPOINT"))
		})
	}
	// Nothing was applied by any of the above.
	mustRun(t, 2, "", "plan", "-f", good, "--detailed-exitcode")
}

// TestInvalidDocumentJSONPlan checks that plan and apply -o json on a
// document that is not valid print the JSON plan, with no changes and the
// diagnostics validate -o json prints, keep the text diagnostics on
// stderr, and exit 1.
func TestInvalidDocumentJSONPlan(t *testing.T) {
	for _, file := range []string{
		testdata("bad", "mistakes.yaml"),
		testdata("bad", "syntax.yaml"),
		testdata("bad", "no-such-file.yaml"),
	} {
		v := fnasync(t, "", "validate", "-o", "json", file)
		var want []map[string]any
		if err := json.Unmarshal([]byte(v.stdout), &want); err != nil || len(want) == 0 {
			t.Fatalf("validate -o json %s: %v\n%s", file, err, v)
		}
		for _, args := range [][]string{{"plan"}, {"apply", "--auto-approve"}} {
			r := mustRun(t, 1, "", append(args, "-o", "json", "-f", file)...)
			var got struct {
				FormatVersion string           `json:"format_version"`
				Changes       json.RawMessage  `json:"changes"`
				Summary       map[string]int   `json:"summary"`
				Diagnostics   []map[string]any `json:"diagnostics"`
			}
			if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
				t.Fatalf("%v -o json %s: stdout is not a JSON plan: %v\n%s", args, file, err, r)
			}
			zero := map[string]int{"create": 0, "update": 0, "replace": 0, "delete": 0, "no-op": 0}
			if got.FormatVersion != "1.0" || string(got.Changes) != "[]" || !cmp.Equal(zero, got.Summary) {
				t.Errorf("%v -o json %s: not an empty plan:\n%s", args, file, r)
			}
			if diff := cmp.Diff(want, got.Diagnostics); diff != "" {
				t.Errorf("%v -o json %s: diagnostics (-validate +plan):\n%s", args, file, diff)
			}
			if !strings.Contains(r.stderr, file) {
				t.Errorf("%v -o json %s: no text diagnostics on stderr:\n%s", args, file, r)
			}
		}
	}
}

// TestApplyConfirm checks the question apply asks on a terminal: only
// "yes" applies.
func TestApplyConfirm(t *testing.T) {
	setKeys(t)
	e, file := startSeeded(t, "clouds", "alifc3.yaml")
	for _, tt := range []struct {
		answer  string
		want    int
		applied bool
	}{
		{"", 1, false},
		{"no\n", 1, false},
		{"y\n", 1, false},
		{"yes\n", 0, true},
	} {
		mark := e.mark()
		r := fnasyncTTY(t, true, tt.answer, "apply", "-f", file)
		sent := writes(e.since(mark))
		if r.code != tt.want || (len(sent) > 0) != tt.applied {
			t.Errorf("answer %q: exit %d and %d writes, want exit %d, applied %v\n%s", tt.answer, r.code, len(sent), tt.want, tt.applied, r)
		}
		if !strings.Contains(r.stderr, "Only 'yes' will be accepted") {
			t.Errorf("answer %q: apply did not ask:\n%s", tt.answer, r)
		}
		if !tt.applied && !strings.Contains(r.stderr, "Apply cancelled.") {
			t.Errorf("answer %q: apply does not say it cancelled:\n%s", tt.answer, r)
		}
	}
	// Nothing to apply: no question.
	r := mustRun(t, 0, "", "apply", "-f", file, "--auto-approve")
	if r.stderr != "" {
		t.Errorf("a no-op apply wrote to stderr:\n%s", r)
	}
	r = fnasyncTTY(t, true, "", "apply", "-f", file)
	if r.code != 0 || strings.Contains(r.stderr, "Enter a value") {
		t.Errorf("a no-op apply on a terminal asked for confirmation:\n%s", r)
	}
}

// TestQuickstart runs the README's first commands on a copy of
// examples/quickstart.yaml: the embedded emulator keeps its state beside
// the document, so a second process sees what the first applied.
func TestQuickstart(t *testing.T) {
	// No keys in the environment: the embedded emulator needs none.
	for _, v := range []string{"HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
		"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"} {
		t.Setenv(v, "")
	}
	src, err := os.ReadFile(filepath.Join("..", "..", "examples", "quickstart.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	t.Run("file", func(t *testing.T) {
		file := writeFile(t, "quickstart.yaml", string(src))
		state := filepath.Join(filepath.Dir(file), ".fnasync", "emulator-state.db")
		r := mustRun(t, 0, "", "apply", "-f", file, "--auto-approve")
		if !strings.Contains(r.stdout, "Apply complete!") {
			t.Errorf("apply does not say it completed:\n%s", r)
		}
		// plan reads: the state file keeps its bytes and its time.
		before, err := os.ReadFile(state)
		if err != nil {
			t.Fatal(err)
		}
		old := time.Now().Add(-time.Hour).Truncate(time.Second)
		if err := os.Chtimes(state, old, old); err != nil {
			t.Fatal(err)
		}
		r = mustRun(t, 0, "", "plan", "-f", file, "--detailed-exitcode")
		if !strings.Contains(r.stdout, "No changes.") {
			t.Errorf("plan after apply:\n%s", r)
		}
		if after, err := os.ReadFile(state); err != nil || !bytes.Equal(before, after) {
			t.Errorf("plan changed the state file (%v)", err)
		}
		if fi, err := os.Stat(state); err != nil || !fi.ModTime().Equal(old) {
			t.Errorf("plan touched the state file: %v", err)
		}
		checkState(t, state, []string{"huaweifg", "alifc", "awslambda"})
		// Another document's state is its own.
		other := writeFile(t, "quickstart.yaml", string(src))
		mustRun(t, 2, "", "plan", "-f", other, "--detailed-exitcode")
	})
	t.Run("invocations", func(t *testing.T) {
		// The README's three lines: invoke, list, stop, each in its own
		// run, as written (go run ./cmd/fnasync is the CLI here), after
		// the Set-up's apply has created the functions in the emulator.
		file := writeFile(t, "quickstart.yaml", string(src))
		mustRun(t, 0, "", "apply", "-f", file, "--auto-approve")
		readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
		if err != nil {
			t.Fatal(err)
		}
		_, block, _ := strings.Cut(string(readme), "```sh\nid=$(")
		block, _, _ = strings.Cut("id=$("+block, "```")
		lines := strings.Split(strings.TrimSpace(block), "\n")
		if len(lines) != 3 {
			t.Fatalf("the README's invocation tour is %d lines, want 3:\n%s", len(lines), block)
		}
		var id string
		for i, line := range lines {
			line = strings.TrimSuffix(strings.TrimPrefix(line, "id=$("), ")")
			words := shellWords(strings.ReplaceAll(strings.ReplaceAll(line, "examples/quickstart.yaml", file), `"$id"`, id))
			if len(words) < 3 || strings.Join(words[:3], " ") != "go run ./cmd/fnasync" {
				t.Fatalf("README line %q does not run the CLI", line)
			}
			r := mustRun(t, 0, "", words[3:]...)
			switch i {
			case 0:
				id = strings.TrimSpace(r.stdout)
			case 1:
				if !strings.Contains(r.stdout, id) {
					t.Errorf("invocations list does not list %s:\n%s", id, r)
				}
			case 2:
				if !strings.Contains(r.stdout, "Stopped "+id) {
					t.Errorf("invocations stop:\n%s", r)
				}
			}
		}
	})
	t.Run("stdin", func(t *testing.T) {
		// From standard input the state is kept in the working directory.
		dir := t.TempDir()
		t.Chdir(dir)
		mustRun(t, 0, string(src), "apply", "-f", "-", "--auto-approve")
		mustRun(t, 0, string(src), "plan", "-f", "-", "--detailed-exitcode")
		checkState(t, filepath.Join(dir, ".fnasync", "emulator-state.db"), []string{"huaweifg", "alifc", "awslambda"})
	})
}

// checkState checks that the emulator's state file, exported as JSON
// (emulate --export-state), is a JSON object with the keys want.
func checkState(t *testing.T, file string, want []string) {
	t.Helper()
	b := []byte(mustRun(t, 0, "", "emulate", "--state", file, "--export-state").stdout)
	var st map[string]json.RawMessage
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatalf("emulator state %s is not a JSON object: %v\n%s", file, err, b)
	}
	var got []string
	for _, k := range want {
		if len(st[k]) > 0 && json.Valid(st[k]) {
			got = append(got, k)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("emulator state %s: clouds (-want +got):\n%s", file, diff)
	}
}

// TestHelpWidth checks that every command's help, option tables included,
// fits in 80 columns.
func TestHelpWidth(t *testing.T) {
	for _, cmd := range [][]string{{}, {"validate"}, {"schema"}, {"plan"}, {"apply"}, {"export"}, {"migrate"},
		{"invoke"}, {"invocations"}, {"invocations", "list"}, {"invocations", "stop"}, {"emulate"}, {"completion"}, {"man"},
		{"version"}} {
		r := mustRun(t, 0, "", append(cmd, "--help")...)
		for _, line := range strings.Split(r.stdout, "\n") {
			if n := utf8.RuneCountInString(line); n > 80 {
				t.Errorf("%v --help: a line of %d columns:\n%s", cmd, n, line)
			}
		}
	}
}

// TestErrorColour: on a terminal the severity of diagnostics and the
// "error:" of a failed command are painted; piped or with NO_COLOR, not.
func TestErrorColour(t *testing.T) {
	for _, tt := range []struct {
		name         string
		tty, noColor bool
		want         bool
	}{{"terminal", true, false, true}, {"pipe", false, false, false}, {"no-color", true, true, false}} {
		t.Run(tt.name, func(t *testing.T) {
			for _, args := range [][]string{{"validate", "../../testdata/bad/several-mistakes.yaml"}, {"plan", "-f", "/nonexistent.yaml"}} {
				streams, _, _, errOut := cmdutil.Test()
				streams.ErrIsTerminal = func() bool { return tt.tty }
				streams.NoColor = tt.noColor
				if code := app.Main(t.Context(), append([]string{"fnasync"}, args...), streams); code != 1 {
					t.Errorf("%v: exit %d", args, code)
				}
				painted := strings.Contains(errOut.String(), "\x1b[1;31merror\x1b[0m: ") || strings.Contains(errOut.String(), "fnasync: \x1b[1;31merror:\x1b[0m ")
				if painted != tt.want || (!tt.want && strings.Contains(errOut.String(), "\x1b[")) {
					t.Errorf("%v: painted %v, want %v:\n%q", args, painted, tt.want, errOut)
				}
			}
		})
	}
}

// TestFlagHints: an unknown flag gets the right form or the command it
// belongs to, besides the closest flag of the command.
func TestFlagHints(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"validate", "-f", "x.yaml"}, "validate takes files as arguments: fnasync validate FILE..."},
		{[]string{"apply", "--detailed-exitcode", "-f", "x.yaml"}, "--detailed-exitcode is a flag of plan, not apply"},
		{[]string{"validate", "--prune"}, "--prune is a flag of plan and apply, not validate"},
		{[]string{"plan", "--paralelism", "3"}, "(did you mean --parallelism?)"},
		{[]string{"plan", "--status", "failed"}, "--status is a flag of invocations list, not plan"},
		{[]string{"validate", "--endpoint", "hw=http://127.0.0.1:1"}, "--endpoint is a flag of plan, apply, export, invoke, invocations list and invocations stop, not validate"},
		{[]string{"invocations", "list", "--auto-approve"}, "--auto-approve is a flag of apply, not invocations list\nRun 'fnasync invocations list --help' for usage."},
		{[]string{"invocations", "--function", "hw:orders", "list"}, "--function is a flag of export, invoke, invocations list and invocations stop, not invocations"},
		{[]string{"schema", "-o", "json"}, "-o is a flag of validate, plan, apply, export, migrate, invoke and invocations list, not schema"},
		{[]string{"-f", "x.yaml", "plan"}, "fnasync: unknown flag -f: flags come after the command: -f is a flag of plan, apply, export, migrate, invoke, invocations list and invocations stop\nRun 'fnasync --help' for usage."},
		{[]string{"--auto-approve", "apply"}, "flags come after the command: --auto-approve is a flag of apply\n"},
		{[]string{"validate", "--endpoint", "hw=http://127.0.0.1:1"}, "fnasync: unknown flag --endpoint: --endpoint is a flag of"},
		{[]string{"invocations", "list", "--id"}, "fnasync: --id needs a value\n"},
		{[]string{"plan", "-f", "x.yaml", "--endpoint", "hw"}, "fnasync: invalid value \"hw\" for --endpoint: "},
		{[]string{"emulate", "--latency", "20"}, "fnasync: invalid value \"20\" for --latency: not a duration such as 20ms or 2s\n"},
		{[]string{"emulate", "--error-rate", "x"}, "fnasync: invalid value \"x\" for --error-rate: not a number\n"},
		{[]string{"plan", "-f", "x.yaml", "--parallelism", "1.5"}, "fnasync: invalid value \"1.5\" for --parallelism: not a whole number\n"},
		{[]string{"emulate", "-f", "x.yaml"}, "emulate takes documents with --seed: fnasync emulate --seed FILE..."},
		{[]string{"invoke", "--provider", "hw", "--function", "orders"}, "invoke takes the provider in --function: --function PROVIDER:FUNCTION (e.g. hw:orders)"},
		{[]string{"invocations", "list", "--provider", "hw"}, "invocations list takes the provider in --function: --function PROVIDER:FUNCTION (e.g. hw:orders)"},
	} {
		r := mustRun(t, 1, "", tt.args...)
		if !strings.Contains(r.stderr, tt.want) {
			t.Errorf("fnasync %s: want %q\n%s", strings.Join(tt.args, " "), tt.want, r)
		}
	}
}

// TestMemoryNote: a run with a memory provider says that nothing of it is
// kept after the run.
func TestMemoryNote(t *testing.T) {
	file := writeFile(t, "mem.yaml", "version: 1\nproviders:\n  m: {type: memory}\nfunctions:\n  - {provider: m, function: orders}\n")
	r := mustRun(t, 0, "", "apply", "-f", file, "--auto-approve")
	if !strings.Contains(r.stderr, `note: provider "m" is of type memory: its configs live in this run only, and nothing is kept after it`) {
		t.Errorf("apply on a memory provider does not say it keeps nothing:\n%s", r)
	}
}

// TestDebugSDKOnlyWhereProvidersOpen: DEBUG=sdk is refused by commands
// that open providers, and not by the others.
func TestDebugSDKOnlyWhereProvidersOpen(t *testing.T) {
	t.Setenv("DEBUG", "sdk")
	mustRun(t, 0, "", "version")
	mustRun(t, 0, "", "validate", "../../examples/quickstart.yaml")
	if r := mustRun(t, 1, "", "plan", "-f", "../../examples/quickstart.yaml"); !strings.Contains(r.stderr, "DEBUG=sdk makes the Alibaba Cloud SDK print") {
		t.Errorf("plan under DEBUG=sdk:\n%s", r)
	}
	// Where no Function Compute provider is opened, the Alibaba SDK sends
	// nothing: the memory provider, or FunctionGraph alone.
	mustRun(t, 0, "", "plan", "-f", "../../examples/memory.yaml")
	quickstart, err := os.ReadFile("../../examples/quickstart.yaml")
	if err != nil {
		t.Fatal(err)
	}
	file := writeFile(t, "quickstart.yaml", string(quickstart))
	t.Setenv("DEBUG", "")
	mustRun(t, 0, "", "apply", "-f", file, "--auto-approve")
	t.Setenv("DEBUG", "sdk")
	mustRun(t, 0, "", "invocations", "list", "-f", file, "--function", "hw:orders")
	mustRun(t, 1, "", "invocations", "list", "-f", file, "--function", "ali:shop/orders")
}

// shellWords splits a command line as a shell would, for the README's
// simple lines: words separated by spaces, '...' and "..." quoting.
func shellWords(line string) []string {
	var words []string
	var w strings.Builder
	inWord := false
	var quote rune
	for _, r := range line {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			w.WriteRune(r)
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ':
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		default:
			w.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	return words
}

// TestSubcommandMistakes: a mistaken subcommand of invocations gets the
// same kind of message as a mistaken command, naming the whole path.
func TestSubcommandMistakes(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"invocations", "lst"}, "fnasync: unknown command \"invocations lst\": did you mean \"invocations list\"?\nRun 'fnasync invocations --help' for usage.\n"},
		{[]string{"invocations", "purge"}, "fnasync: unknown command \"invocations purge\": the commands are invocations list, invocations stop\nRun 'fnasync invocations --help' for usage.\n"},
		{[]string{"invocations", "list"}, "fnasync: invocations list needs --file and --function\nRun 'fnasync invocations list --help' for usage.\n"},
		{[]string{"invocations", "stop", "-f", "x.yaml", "--function", "hw:orders"}, "fnasync: invocations stop takes exactly one invocation ID (after the flags)\nRun 'fnasync invocations stop --help' for usage.\n"},
	} {
		if r := mustRun(t, 1, "", tt.args...); r.stderr != tt.want {
			t.Errorf("fnasync %s: want %q\n%s", strings.Join(tt.args, " "), tt.want, r)
		}
	}
	if r := mustRun(t, 0, "", "invocations"); !strings.Contains(r.stdout, "fnasync invocations - List and stop") {
		t.Errorf("fnasync invocations does not show its help:\n%s", r)
	}
}
