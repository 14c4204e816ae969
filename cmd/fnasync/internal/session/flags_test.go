package session

import (
	"testing"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/fnasync/fnasync/cmd/fnasync/internal/cmdutil"
)

// TestProgress checks that the progress bar is drawn only on a terminal,
// and never with NO_COLOR.
func TestProgress(t *testing.T) {
	yes := func() bool { return true }
	for _, tt := range []struct {
		name     string
		terminal func() bool
		noColor  bool
		want     bool
	}{
		{"terminal", yes, false, true},
		{"terminal-no-color", yes, true, false},
		{"pipe", nil, false, false},
		{"pipe-no-color", nil, true, false},
	} {
		io, _, _, _ := cmdutil.Test()
		io.ErrIsTerminal, io.NoColor = tt.terminal, tt.noColor
		if got := Progress(io) != nil; got != tt.want {
			t.Errorf("%s: progress bar %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestLockFlags checks what --lock and --lock-timeout set.
func TestLockFlags(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want Lock
	}{
		{nil, Lock{}},
		{[]string{"--lock=false"}, Lock{Disabled: true}},
		{[]string{"--lock=true", "--lock-timeout", "30s"}, Lock{Timeout: 30 * time.Second}},
	} {
		var got Lock
		app := &cli.App{Flags: LockFlags(&got), Action: func(*cli.Context) error { return nil }}
		if err := app.Run(append([]string{"test"}, tt.args...)); err != nil {
			t.Fatalf("%v: %v", tt.args, err)
		}
		if got != tt.want {
			t.Errorf("%v: got %+v, want %+v", tt.args, got, tt.want)
		}
	}
}
