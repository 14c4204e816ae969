package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCompletion checks each shell's script (golden) and that the words
// the bash and zsh scripts ask fnasync for are its commands and flags.
func TestCompletion(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish"} {
		r := mustRun(t, 0, "", "completion", shell)
		golden(t, "completion/"+shell, r.stdout)
	}
	for _, tt := range []struct {
		args []string
		want []string
	}{
		{[]string{"--generate-bash-completion"}, []string{"plan", "apply", "invoke", "invocations", "completion", "man"}},
		{[]string{"plan", "-", "--generate-bash-completion"}, []string{"--file", "--endpoint", "--detailed-exitcode"}},
		{[]string{"invocations", "--generate-bash-completion"}, []string{"list", "stop"}},
		{[]string{"invoke", "-", "--generate-bash-completion"}, []string{"--function", "--payload", "--endpoint"}},
	} {
		// urfave/cli reads the words being completed from os.Args.
		args := os.Args
		os.Args = append([]string{"fnasync"}, tt.args...)
		r := mustRun(t, 0, "", tt.args...)
		os.Args = args
		words := strings.Fields(r.stdout)
		for _, w := range tt.want {
			if !contains(words, w) {
				t.Errorf("fnasync %s: %q lacks %s", strings.Join(tt.args, " "), words, w)
			}
		}
	}
	r := mustRun(t, 1, "", "completion", "tcsh")
	if !strings.Contains(r.stderr, `unknown shell "tcsh" (known: bash, zsh, fish)`) {
		t.Errorf("completion tcsh:\n%s", r)
	}
}

// TestMan checks the manual page (golden): generated from the commands'
// definitions, so it names every command.
func TestMan(t *testing.T) {
	r := mustRun(t, 0, "", "man")
	golden(t, "man", r.stdout)
	for _, cmd := range []string{"validate", "plan", "apply", "invoke", "invocations", "emulate", "completion"} {
		if !strings.Contains(r.stdout, "\n.SH "+cmd+"\n") {
			t.Errorf("the man page does not describe %s", cmd)
		}
	}
	// Each command's description is there, as --help has it, and the
	// indented lines (examples, tables) are kept as lines (.EX ... .EE),
	// not filled into the paragraph before them.
	for _, want := range []string{
		"Reads the live async config of every function qualifier", // plan's description
		"try\n\n.EX\n  fnasync apply -f examples/quickstart.yaml --auto-approve\n.EE\n",
		".EX\n  0  success (with plan --detailed-exitcode: no changes)\n  1  any error",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the man page lacks %q", want)
		}
	}
}

func contains(words []string, w string) bool {
	for _, x := range words {
		if x == w {
			return true
		}
	}
	return false
}

// TestCompletionInShells sources each script in its shell, where the
// shell is installed, with a stand-in fnasync that answers as the real
// one does (its answers are checked above): `fnasync plan --<TAB>` offers
// the flags (urfave/cli answers nothing after a "--"), and in fish the
// flags that take files complete file names.
func TestCompletionInShells(t *testing.T) {
	dir := t.TempDir()
	stub := filepath.Join(dir, "fnasync")
	// The stand-in prints plan's flags only when asked as the real one
	// answers them: after a lone "-"; asked for the value of -f, it
	// answers as urfave/cli does, with the flags like "-f".
	if err := os.WriteFile(stub, []byte("#!/bin/sh\ncase \"$*\" in\n"+
		"'plan - --generate-bash-completion') printf -- '--file\\n--prune\\n-f\\n';;\n"+
		"'plan -f --generate-bash-completion') printf -- '--file\\n';;\nesac\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	bash := mustRun(t, 0, "", "completion", "bash").stdout
	if _, err := exec.LookPath("bash"); err == nil {
		for _, tt := range []struct{ words, want string }{
			{"fnasync plan --", "--file --prune"},
			{"fnasync plan -f ''", ""}, // file names, by -o default
		} {
			script := bash + "\nCOMP_WORDS=(" + tt.words + "); COMP_CWORD=$((${#COMP_WORDS[@]}-1)); _fnasync_complete; echo \"${COMPREPLY[*]}\"\n"
			out, err := exec.Command("bash", "-c", script).CombinedOutput()
			if got := strings.TrimSpace(string(out)); err != nil || got != tt.want {
				t.Errorf("bash: %s<TAB> offers %q (%v), want %q", tt.words, got, err, tt.want)
			}
		}
	}
	zsh := mustRun(t, 0, "", "completion", "zsh").stdout
	if _, err := exec.LookPath("zsh"); err == nil {
		for _, tt := range []struct{ words, want string }{
			{"fnasync plan --", "describe: --file --prune -f"},
			{"fnasync plan -f ''", "files"},
		} {
			script := "compdef() {}\n" + zsh + "\n_describe() { print -r -- \"describe: ${opts[*]}\"; }\n_files() { print files; }\nwords=(" + tt.words + "); _fnasync\n"
			out, err := exec.Command("zsh", "-f", "-c", script).CombinedOutput()
			if got := strings.TrimSpace(string(out)); err != nil || got != tt.want {
				t.Errorf("zsh: %s<TAB> offers %q (%v), want %q", tt.words, got, err, tt.want)
			}
		}
	}
	fish := mustRun(t, 0, "", "completion", "fish").stdout
	for _, line := range strings.Split(fish, "\n") {
		for _, f := range []string{"-l file", "-l map", "-l state", "-l seed"} {
			if strings.Contains(line, f+" ") && strings.Contains(line, " -f ") {
				t.Errorf("fish: a flag that takes a file does not complete file names:\n%s", line)
			}
		}
	}
	if _, err := exec.LookPath("fish"); err == nil {
		if err := os.WriteFile(filepath.Join(dir, "doc.yaml"), nil, 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("fish", "--no-config", "-c", fish+"\ncomplete -C 'fnasync plan -f do'")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil || !strings.Contains(string(out), "doc.yaml") {
			t.Errorf("fish: fnasync plan -f do<TAB> offers %q (%v), want doc.yaml", out, err)
		}
	}
}
