package session

import (
	"testing"

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
