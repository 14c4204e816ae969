package app

import (
	"context"
	"strings"
	"testing"

	"github.com/fnasync/fnasync/cmd/fnasync/internal/cmdutil"
)

func TestCheckEnvironment(t *testing.T) {
	tests := []struct {
		debug string
		want  error
	}{
		{"", nil},
		{"http", nil},
		{"sdkx", nil},
		{"sdk", errDebugSDK},
		{"tea, sdk", errDebugSDK},
	}
	for _, tc := range tests {
		t.Run(tc.debug, func(t *testing.T) {
			got := checkEnvironment(func(k string) string {
				if k == "DEBUG" {
					return tc.debug
				}
				return ""
			})
			if got != tc.want {
				t.Errorf("checkEnvironment(DEBUG=%q) = %v, want %v", tc.debug, got, tc.want)
			}
		})
	}
}

func TestMainRefusesDebugSDK(t *testing.T) {
	t.Setenv("DEBUG", "sdk")
	streams, _, out, errOut := cmdutil.Test()
	if code := Main(context.Background(), []string{"fnasync", "version"}, streams); code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if out.Len() != 0 || !strings.Contains(errOut.String(), "DEBUG=sdk") {
		t.Errorf("stdout %q, stderr %q: want nothing on stdout and the reason on stderr", out, errOut)
	}
}
