package main

import (
	"os"
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
}

func contains(words []string, w string) bool {
	for _, x := range words {
		if x == w {
			return true
		}
	}
	return false
}
