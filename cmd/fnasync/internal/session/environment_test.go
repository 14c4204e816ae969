package session

import (
	"context"
	"errors"
	"testing"

	"github.com/fnasync/fnasync/model"
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

// TestOpenRefusesDebugSDK: opening a document's providers is refused
// under DEBUG=sdk, before any provider is opened.
func TestOpenRefusesDebugSDK(t *testing.T) {
	t.Setenv("DEBUG", "sdk")
	doc := &model.Document{Version: 1, Providers: map[string]*model.Provider{"m": {Name: "m", Type: model.TypeMemory}},
		Functions: []*model.FunctionEntry{{Provider: "m", Function: "orders"}}}
	if s, err := Open(context.Background(), doc, nil); !errors.Is(err, errDebugSDK) {
		if s != nil {
			s.Close()
		}
		t.Errorf("Open under DEBUG=sdk: %v, want the refusal", err)
	}
}
