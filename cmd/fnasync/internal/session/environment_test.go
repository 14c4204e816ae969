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
		types []string
		want  error
	}{
		{"", []string{"alifc"}, nil},
		{"http", []string{"alifc"}, nil},
		{"sdkx", []string{"alifc3"}, nil},
		{"sdk", []string{"alifc"}, errDebugSDK},
		{"tea, sdk", []string{"huaweifg", "alifc3"}, errDebugSDK},
		// No request goes through the Alibaba SDK.
		{"sdk", []string{"huaweifg", "memory"}, nil},
		{"sdk", nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.debug, func(t *testing.T) {
			got := checkEnvironment(func(k string) string {
				if k == "DEBUG" {
					return tc.debug
				}
				return ""
			}, tc.types)
			if got != tc.want {
				t.Errorf("checkEnvironment(DEBUG=%q, %q) = %v, want %v", tc.debug, tc.types, got, tc.want)
			}
		})
	}
}

// TestOpenRefusesDebugSDK: opening a document's Function Compute
// providers is refused under DEBUG=sdk, before any provider is opened;
// opening only its others is not.
func TestOpenRefusesDebugSDK(t *testing.T) {
	t.Setenv("DEBUG", "sdk")
	doc := &model.Document{Version: 1, Providers: map[string]*model.Provider{
		"m":    {Name: "m", Type: model.TypeMemory},
		"ali3": {Name: "ali3", Type: model.TypeAliFC3, Region: "cn-hangzhou", AccountID: "1234567890123456"}},
		Functions: []*model.FunctionEntry{{Provider: "m", Function: "orders"}, {Provider: "ali3", Function: "orders"}}}
	s, err := Open(context.Background(), doc, &Options{Only: []string{"m"}})
	if err != nil {
		t.Fatalf("Open of the memory provider alone under DEBUG=sdk: %v", err)
	}
	s.Close()
	if s, err := Open(context.Background(), doc, nil); !errors.Is(err, errDebugSDK) {
		if s != nil {
			s.Close()
		}
		t.Errorf("Open under DEBUG=sdk: %v, want the refusal", err)
	}
}
