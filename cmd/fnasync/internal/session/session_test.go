package session

import (
	"bytes"
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider/retry"
)

// TestRetryWarning: the first retried failure of a provider is told on
// Warn, once, so that a run against an endpoint that does not answer says
// why it is slow; the retries themselves still happen.
func TestRetryWarning(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String()
	_ = l.Close() // nothing listens there now: every connection is refused
	t.Setenv("HUAWEICLOUD_SDK_AK", "ak")
	t.Setenv("HUAWEICLOUD_SDK_SK", "sk")
	doc := &model.Document{Version: 1,
		Providers: map[string]*model.Provider{"hw": {Name: "hw", Type: model.TypeHuaweiFG, Region: "cn-north-4",
			ProjectID: "0123456789abcdef0123456789abcdef", Endpoint: closed}},
		Functions: []*model.FunctionEntry{{Provider: "hw", Function: "orders"}}}
	var warn bytes.Buffer
	s, err := Open(context.Background(), doc, &Options{Warn: &warn,
		Retry: &retry.Policy{Attempts: 3, Base: time.Millisecond, Max: time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for range 2 {
		if _, err := s.Clients["hw"].Get(context.Background(), model.FunctionRef{Function: "orders"}); err == nil {
			t.Fatal("Get from a closed port succeeded")
		}
	}
	lines := strings.Split(strings.TrimSpace(warn.String()), "\n")
	if len(lines) != 1 || !strings.HasPrefix(lines[0], `warning: provider "hw": `) ||
		!strings.Contains(lines[0], "connection refused") || !strings.HasSuffix(lines[0], "up to 3 tries per request (later retries are not reported)") {
		t.Errorf("warnings:\n%s\nwant one line: the provider, the refused connection, the policy", warn.String())
	}
}
