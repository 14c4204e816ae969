package mapping

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/model"
)

var (
	fc2Scope = FCScope{Version: FC2, Region: "cn-hangzhou", AccountID: "1234567890123456"}
	fc3Scope = FCScope{Version: FC3, Region: "cn-hangzhou", AccountID: "1234567890123456"}
)

func TestParseFCARN(t *testing.T) {
	tests := []struct {
		in      string
		want    FCARN
		wantErr string
	}{
		{in: "acs:fc:cn-hangzhou:123:services/s/functions/f", want: FCARN{"fc", "cn-hangzhou", "123", "services/s/functions/f"}},
		{in: "acs:mns:cn-hangzhou:123:/queues/q/messages", want: FCARN{"mns", "cn-hangzhou", "123", "/queues/q/messages"}},
		{in: "acs:mq:r::/instances/i/topic/t", want: FCARN{"mq", "r", "", "/instances/i/topic/t"}},
		{in: "acs:x:::a:b:c", want: FCARN{"x", "", "", "a:b:c"}},
		{in: "arn:aws:lambda:us-east-1:1:function:f", wantErr: "does not have the form"},
		{in: "acs:fc:r:a", wantErr: "does not have the form"},
		{in: "acs::r:a:res", wantErr: "no service"},
		{in: "acs:fc:r:a:", wantErr: "no resource"},
		{in: "acs:fc:r:a:services/s /functions/f", wantErr: "whitespace"},
		{in: "", wantErr: "does not have the form"},
	}
	for _, tt := range tests {
		got, err := ParseFCARN(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseFCARN(%q) error = %v, want it to contain %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseFCARN(%q): %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ParseFCARN(%q) mismatch (-want +got):\n%s", tt.in, diff)
		}
		if got.String() != tt.in {
			t.Errorf("ParseFCARN(%q).String() = %q", tt.in, got.String())
		}
	}
}

func TestFCARNCanonicalAndLocal(t *testing.T) {
	tests := []struct {
		in        string
		canonical string
		local     bool
	}{
		{"acs:mns:::/queues/q/messages", "acs:mns:cn-hangzhou:1234567890123456:/queues/q/messages", true},
		{"acs:mns:cn-hangzhou::/queues/q/messages", "acs:mns:cn-hangzhou:1234567890123456:/queues/q/messages", true},
		{"acs:mns:cn-beijing::/queues/q/messages", "acs:mns:cn-beijing:1234567890123456:/queues/q/messages", false},
		{"acs:mns::999:/queues/q/messages", "acs:mns:cn-hangzhou:999:/queues/q/messages", false},
	}
	for _, tt := range tests {
		a, err := ParseFCARN(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := a.Canonical(fc2Scope).String(); got != tt.canonical {
			t.Errorf("Canonical(%q) = %q, want %q", tt.in, got, tt.canonical)
		}
		if got := a.Local(fc2Scope); got != tt.local {
			t.Errorf("Local(%q) = %v, want %v", tt.in, got, tt.local)
		}
	}
}

func TestFCFunctionARN(t *testing.T) {
	tests := []struct {
		scope     FCScope
		function  string
		qualifier string
		want      string
		wantErr   string
	}{
		{fc2Scope, "s/f", "", "acs:fc:cn-hangzhou:1234567890123456:services/s/functions/f", ""},
		{fc2Scope, "s/f", "LATEST", "acs:fc:cn-hangzhou:1234567890123456:services/s.LATEST/functions/f", ""},
		{fc2Scope, "s/f", "prod", "acs:fc:cn-hangzhou:1234567890123456:services/s.prod/functions/f", ""},
		{fc3Scope, "f", "", "acs:fc:cn-hangzhou:1234567890123456:functions/f", ""},
		{fc3Scope, "f", "prod", "", "carry no qualifier"},
		{fc2Scope, "f", "", "", "service/function"},
		{fc2Scope, "s.x/f", "", "", "cannot have"},
		{fc2Scope, "s/f", "a.b", "", "cannot have"},
		{fc3Scope, "s/f", "", "", "cannot have"},
		{FCScope{Version: "2016-08-15"}, "s/f", "", "", "unknown FC API version"},
	}
	for _, tt := range tests {
		got, err := FCFunctionARN(tt.scope, tt.function, tt.qualifier)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("FCFunctionARN(%s, %q, %q) = %q, %v; want error containing %q", tt.scope.Version, tt.function, tt.qualifier, got, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("FCFunctionARN(%s, %q, %q) = %q, %v; want %q", tt.scope.Version, tt.function, tt.qualifier, got, err, tt.want)
		}
	}
}

func TestFC3ConfigIdentity(t *testing.T) {
	type identity struct {
		Function, Qualifier string
		OK                  bool
	}
	tests := []struct {
		arn  string
		want identity
	}{
		{"acs:fc:cn-shanghai:1234/functions/my-func", identity{"my-func", "LATEST", true}}, // the API document's example
		{"acs:fc:cn-hangzhou:1234567890123456:functions/f", identity{"f", "LATEST", true}},
		{"acs:fc:::functions/f", identity{"f", "LATEST", true}},
		{"acs:fc:cn-hangzhou:1:functions/f/aliases/prod", identity{"f", "prod", true}},
		{"acs:fc:cn-hangzhou:1/functions/f/versions/12", identity{"f", "12", true}},
		{"acs:fc:cn-hangzhou:1:functions/f:prod", identity{"f", "prod", true}},
		{"acs:fc:cn-hangzhou:1/functions/f:LATEST", identity{"f", "LATEST", true}},
		{"acs:fc:cn-hangzhou:1:functions/f/layers/x", identity{}},
		{"acs:fc:cn-hangzhou:1:functions/f/aliases/", identity{}},
		{"acs:fc:cn-hangzhou:1:functions/f/aliases/a/b", identity{}},
		{"acs:fc:cn-hangzhou:1:functions/f:", identity{}},
		{"acs:fc:cn-hangzhou:1:functions/f:a:b", identity{}},
		{"acs:fc:cn-hangzhou:1:functions/", identity{}},
		{"acs:fc:cn-hangzhou:1:services/s/functions/f", identity{}},
		{"acs:fc:cn-hangzhou:1:functions/s.x", identity{}},
		{"acs:mns:cn-hangzhou:1:functions/f", identity{}},
		{"acs:fc:cn-hangzhou", identity{}},
		{"", identity{}},
	}
	for _, tt := range tests {
		var got identity
		got.Function, got.Qualifier, got.OK = FC3ConfigIdentity(tt.arn)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("FC3ConfigIdentity(%q) (-want +got):\n%s", tt.arn, diff)
		}
	}
}

func TestSplitFC2Function(t *testing.T) {
	svc, fn, err := SplitFC2Function("shop/orders")
	if err != nil || svc != "shop" || fn != "orders" {
		t.Errorf("SplitFC2Function(shop/orders) = %q, %q, %v", svc, fn, err)
	}
	for _, bad := range []string{"orders", "/orders", "shop/", "a/b/c", "a:b/c"} {
		if _, _, err := SplitFC2Function(bad); err == nil {
			t.Errorf("SplitFC2Function(%q) succeeded, want an error", bad)
		}
	}
}

func TestFCStatusToNeutral(t *testing.T) {
	want := map[string]model.InvocationStatus{
		"Enqueued": model.StatusQueued, "Dequeued": model.StatusQueued, "Running": model.StatusRunning,
		"Succeeded": model.StatusSucceeded, "Failed": model.StatusFailed, "Expired": model.StatusExpired,
		"Stopped": model.StatusStopped, "Stopping": model.StatusStopping, "Retrying": model.StatusRetrying,
		"Invalid": model.StatusInvalid,
	}
	for w, s := range want {
		if got, ok := FCStatusToNeutral(w); !ok || got != s {
			t.Errorf("FCStatusToNeutral(%q) = %q, %v; want %q", w, got, ok, s)
		}
	}
	if _, ok := FCStatusToNeutral("running"); ok {
		t.Errorf("FCStatusToNeutral(running) accepted a lowercase word")
	}
	if diff := cmp.Diff([]string{"Enqueued"}, NeutralToFCStatuses(FC2, model.StatusQueued)); diff != "" {
		t.Errorf("NeutralToFCStatuses(FC2, queued) (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Enqueued", "Dequeued"}, NeutralToFCStatuses(FC3, model.StatusQueued)); diff != "" {
		t.Errorf("NeutralToFCStatuses(FC3, queued) (-want +got):\n%s", diff)
	}
	for _, s := range model.AllStatuses {
		ws := NeutralToFCStatuses(FC3, s)
		if len(ws) == 0 {
			t.Errorf("neutral status %q has no FC word", s)
		}
		for _, w := range ws {
			if back, _ := FCStatusToNeutral(w); back != s {
				t.Errorf("%q → %q → %q", s, w, back)
			}
		}
	}
}
