package mapping

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/model"
)

const fcAcct = "1234567890123456"

// TestFCCanonicalDestinationLatest: an FC 2.0 function destination
// qualified LATEST (as in "services/s2.LATEST/functions/f2", seen on the
// wire) has one canonical form with the unqualified one, whichever way it
// was written or read; other qualifiers (a lowercase alias "latest"
// included) are kept.
func TestFCCanonicalDestinationLatest(t *testing.T) {
	const arn = "acs:fc:cn-hangzhou:" + fcAcct + ":services/s2.LATEST/functions/f2"
	plain := &model.Destination{Kind: model.KindFunction, Name: "s2/f2"}
	tests := []struct {
		in   *model.Destination
		want *model.Destination
	}{
		{plain, plain},
		{&model.Destination{Kind: model.KindFunction, Name: "s2/f2", Qualifier: "LATEST"}, plain},
		{&model.Destination{Kind: model.KindRef, Name: arn}, plain},
		{&model.Destination{Kind: model.KindFunction, Name: "s2/f2", Qualifier: "latest"}, &model.Destination{Kind: model.KindFunction, Name: "s2/f2", Qualifier: "latest"}},
		{&model.Destination{Kind: model.KindFunction, Name: "s2/f2", Qualifier: "prod"}, &model.Destination{Kind: model.KindFunction, Name: "s2/f2", Qualifier: "prod"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, FCCanonicalDestination(fc2Scope, tt.in)); diff != "" {
			t.Errorf("FCCanonicalDestination(%+v) (-want +got):\n%s", tt.in, diff)
		}
	}
	if diff := cmp.Diff(FCCanonicalDestination(fc2Scope, plain), FCDestinationFromARN(fc2Scope, arn)); diff != "" {
		t.Errorf("%s read back differs from the document's {function: s2/f2} (-document +read):\n%s", arn, diff)
	}
}

func TestFCDestinationFromARN(t *testing.T) {
	tests := []struct {
		scope FCScope
		arn   string
		want  *model.Destination
	}{
		{fc2Scope, "", nil},
		{fc2Scope, "acs:fc:cn-hangzhou:" + fcAcct + ":services/s/functions/f", &model.Destination{Kind: model.KindFunction, Name: "s/f"}},
		{fc2Scope, "acs:fc:cn-hangzhou:" + fcAcct + ":services/s.LATEST/functions/f", &model.Destination{Kind: model.KindFunction, Name: "s/f"}},
		{fc2Scope, "acs:fc:::services/s.2/functions/f", &model.Destination{Kind: model.KindFunction, Name: "s/f", Qualifier: "2"}},
		{fc3Scope, "acs:fc:cn-hangzhou:" + fcAcct + ":functions/f", &model.Destination{Kind: model.KindFunction, Name: "f"}},
		{fc2Scope, "acs:mns:cn-hangzhou:" + fcAcct + ":/queues/q1/messages", &model.Destination{Kind: model.KindQueue, Name: "q1"}},
		{fc3Scope, "acs:mns:cn-hangzhou::/topics/t.1/messages", &model.Destination{Kind: model.KindTopic, Name: "t.1"}},
		{fc2Scope, "acs:eventbridge:cn-hangzhou:" + fcAcct + ":eventbus/default", &model.Destination{Kind: model.KindEventBus, Name: "default"}},
		// Kept verbatim: foreign account or region, other version's style,
		// unknown service or resource, not an ARN at all.
		{fc2Scope, "acs:mns:cn-hangzhou:999:/queues/q1/messages", &model.Destination{Kind: model.KindRef, Name: "acs:mns:cn-hangzhou:999:/queues/q1/messages"}},
		{fc2Scope, "acs:fc:cn-beijing::services/s/functions/f", &model.Destination{Kind: model.KindRef, Name: "acs:fc:cn-beijing::services/s/functions/f"}},
		{fc2Scope, "acs:fc:cn-hangzhou:" + fcAcct + ":functions/f", &model.Destination{Kind: model.KindRef, Name: "acs:fc:cn-hangzhou:" + fcAcct + ":functions/f"}},
		{fc3Scope, "acs:fc:cn-hangzhou:" + fcAcct + ":services/s/functions/f", &model.Destination{Kind: model.KindRef, Name: "acs:fc:cn-hangzhou:" + fcAcct + ":services/s/functions/f"}},
		{fc2Scope, "acs:mq:cn-hangzhou:" + fcAcct + ":/instances/i/topic/t", &model.Destination{Kind: model.KindRef, Name: "acs:mq:cn-hangzhou:" + fcAcct + ":/instances/i/topic/t"}},
		{fc2Scope, "acs:mns:cn-hangzhou:" + fcAcct + ":/queues/q1", &model.Destination{Kind: model.KindRef, Name: "acs:mns:cn-hangzhou:" + fcAcct + ":/queues/q1"}},
		{fc2Scope, "acs:fc:cn-hangzhou:" + fcAcct + ":services/s./functions/f", &model.Destination{Kind: model.KindRef, Name: "acs:fc:cn-hangzhou:" + fcAcct + ":services/s./functions/f"}},
		{fc2Scope, "not an arn", &model.Destination{Kind: model.KindRef, Name: "not an arn"}},
	}
	for _, tt := range tests {
		got := FCDestinationFromARN(tt.scope, tt.arn)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("FCDestinationFromARN(%s, %q) mismatch (-want +got):\n%s", tt.scope.Version, tt.arn, diff)
		}
	}
}

func TestFCDestinationARN(t *testing.T) {
	tests := []struct {
		scope   FCScope
		d       *model.Destination
		want    string
		wantErr string
	}{
		{fc2Scope, &model.Destination{Kind: model.KindQueue, Name: "q"}, "acs:mns:cn-hangzhou:" + fcAcct + ":/queues/q/messages", ""},
		{fc2Scope, &model.Destination{Kind: model.KindTopic, Name: "t"}, "acs:mns:cn-hangzhou:" + fcAcct + ":/topics/t/messages", ""},
		{fc3Scope, &model.Destination{Kind: model.KindEventBus, Name: "b"}, "acs:eventbridge:cn-hangzhou:" + fcAcct + ":eventbus/b", ""},
		{fc2Scope, &model.Destination{Kind: model.KindFunction, Name: "s/f", Qualifier: "prod"}, "acs:fc:cn-hangzhou:" + fcAcct + ":services/s.prod/functions/f", ""},
		// A local ref is written in its kind's canonical form; a foreign one verbatim.
		{fc2Scope, &model.Destination{Kind: model.KindRef, Name: "acs:mns:::/queues/q/messages"}, "acs:mns:cn-hangzhou:" + fcAcct + ":/queues/q/messages", ""},
		{fc2Scope, &model.Destination{Kind: model.KindRef, Name: "acs:mns:cn-beijing::/queues/q/messages"}, "acs:mns:cn-beijing::/queues/q/messages", ""},
		{fc2Scope, &model.Destination{Kind: model.KindRef, Name: "queue q"}, "", "does not have the form"},
		{fc2Scope, &model.Destination{Kind: model.KindBucket, Name: "b"}, "", "bucket destinations cannot be used"},
		{fc3Scope, &model.Destination{Kind: model.KindStream, Name: "s"}, "", "stream destinations cannot be used"},
		{fc2Scope, &model.Destination{Kind: model.KindQueue, Name: "q", Qualifier: "x"}, "", "only a function"},
		{fc2Scope, &model.Destination{Kind: model.KindQueue, Name: "q/x"}, "", "cannot have"},
		{fc2Scope, &model.Destination{Kind: model.KindQueue, Name: "q", ExpireDays: model.Int(0)}, "", "no prefix or expiry"},
		{fc2Scope, &model.Destination{}, "", "empty destination"},
	}
	for _, tt := range tests {
		got, err := FCDestinationARN(tt.scope, tt.d)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("FCDestinationARN(%v) = %q, %v; want error containing %q", tt.d, got, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("FCDestinationARN(%v) = %q, %v; want %q", tt.d, got, err, tt.want)
		}
	}
}

func TestFCNeutralToFCBody(t *testing.T) {
	cfg := &model.AsyncConfig{MaxEventAgeSeconds: model.Int(300), MaxRetryAttempts: model.Int(0), StatusLog: model.Bool(false),
		OnFailure: &model.Destination{Kind: model.KindQueue, Name: "dlq"}}
	tests := []struct {
		scope FCScope
		want  string
	}{
		{fc2Scope, `{"destinationConfig":{"onSuccess":null,"onFailure":{"destination":"acs:mns:cn-hangzhou:` + fcAcct + `:/queues/dlq/messages"}},"maxAsyncEventAgeInSeconds":300,"maxAsyncRetryAttempts":0,"statefulInvocation":false}`},
		{fc3Scope, `{"destinationConfig":{"onSuccess":null,"onFailure":{"destination":"acs:mns:cn-hangzhou:` + fcAcct + `:/queues/dlq/messages"}},"maxAsyncEventAgeInSeconds":300,"maxAsyncRetryAttempts":0,"asyncTask":false}`},
	}
	for _, tt := range tests {
		w, err := NeutralToFC(tt.scope, cfg)
		if err != nil {
			t.Fatalf("NeutralToFC(%s): %v", tt.scope.Version, err)
		}
		b, _ := json.Marshal(w)
		if string(b) != tt.want {
			t.Errorf("NeutralToFC(%s) body\n got %s\nwant %s", tt.scope.Version, b, tt.want)
		}
		if diff := cmp.Diff(cfg, FCToNeutral(tt.scope, w)); diff != "" {
			t.Errorf("FCToNeutral(NeutralToFC(cfg)) mismatch (-want +got):\n%s", diff)
		}
	}
	if _, err := NeutralToFC(fc2Scope, &model.AsyncConfig{MaxRetryAttempts: model.Int(1)}); err == nil {
		t.Errorf("NeutralToFC of an unnormalized config succeeded")
	}
	bad := model.Normalize(&model.AsyncConfig{OnSuccess: &model.Destination{Kind: model.KindBucket, Name: "b"}}, model.Limits{StatusFlag: "statusLog"})
	if _, err := NeutralToFC(fc2Scope, bad); err == nil || !strings.Contains(err.Error(), "onSuccess") {
		t.Errorf("NeutralToFC with a bucket: %v, want an onSuccess error", err)
	}
}

// TestFCSeedExample decodes the example response of the FC 2.0
// GetFunctionAsyncInvokeConfig document (seeds/002), verbatim.
func TestFCSeedExample(t *testing.T) {
	raw, err := os.ReadFile("testdata/fc/get-function-async-invoke-config.json")
	if err != nil {
		t.Fatal(err)
	}
	var w FCAsyncConfig
	if err := json.Unmarshal(raw, &w); err != nil {
		t.Fatal(err)
	}
	if w.Service != "demo-service" || w.Function != "helloworld" || w.Qualifier != "test" {
		t.Errorf("identity = %q %q %q", w.Service, w.Function, w.Qualifier)
	}
	if _, err := time.Parse(time.RFC3339, w.CreatedTime); err != nil {
		t.Errorf("createdTime: %v", err)
	}
	// The example's account is the placeholder "xxx": in that account the
	// destination is the function s1/f1; seen from another one it is a ref.
	fn := &model.Destination{Kind: model.KindFunction, Name: "s1/f1"}
	ref := &model.Destination{Kind: model.KindRef, Name: "acs:fc:cn-shanghai:xxx:services/s1/functions/f1"}
	for _, tt := range []struct {
		scope FCScope
		dest  *model.Destination
	}{
		{FCScope{Version: FC2, Region: "cn-shanghai", AccountID: "xxx"}, fn},
		{FCScope{Version: FC2, Region: "cn-shanghai", AccountID: fcAcct}, ref},
	} {
		want := &model.AsyncConfig{MaxEventAgeSeconds: model.Int(300), MaxRetryAttempts: model.Int(3),
			StatusLog: model.Bool(true), OnSuccess: tt.dest, OnFailure: tt.dest}
		if diff := cmp.Diff(want, FCToNeutral(tt.scope, &w)); diff != "" {
			t.Errorf("account %s: mismatch (-want +got):\n%s", tt.scope.AccountID, diff)
		}
	}
}

func TestFCToNeutralVersionFlag(t *testing.T) {
	w := &FCAsyncConfig{StatefulInvocation: model.Bool(true), AsyncTask: model.Bool(false)}
	if got := FCToNeutral(fc2Scope, w).StatusLog; got == nil || !*got {
		t.Errorf("FC 2.0 reads statefulInvocation: got %v", got)
	}
	if got := FCToNeutral(fc3Scope, w).StatusLog; got == nil || *got {
		t.Errorf("FC 3.0 reads asyncTask: got %v", got)
	}
	empty := FCToNeutral(fc2Scope, &FCAsyncConfig{DestinationConfig: &FCDestinationConfig{OnSuccess: &FCDestination{}}})
	if diff := cmp.Diff(&model.AsyncConfig{}, empty); diff != "" {
		t.Errorf("empty destination not dropped (-want +got):\n%s", diff)
	}
}

func TestFCInvocationToNeutral(t *testing.T) {
	tests := []struct {
		in   FCInvocation
		want model.Invocation
	}{
		{FCInvocation{InvocationID: "a1", Qualifier: "LATEST", Status: "Failed", InvocationErrorMessage: "boom",
			StartedTime: 1718070000000, EndTime: 1718070000500},
			model.Invocation{ID: "a1", Qualifier: "LATEST", Status: model.StatusFailed, CloudStatus: "Failed", Error: "boom",
				Start: time.UnixMilli(1718070000000).UTC(), End: time.UnixMilli(1718070000500).UTC()}},
		{FCInvocation{TaskID: "t1", Status: "Dequeued", TaskErrorMessage: "x"},
			model.Invocation{ID: "t1", Status: model.StatusQueued, CloudStatus: "Dequeued", Error: "x"}},
		{FCInvocation{TaskID: "t2", Status: "Paused"},
			model.Invocation{ID: "t2", Status: model.StatusInvalid, CloudStatus: "Paused"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, FCInvocationToNeutral(tt.in)); diff != "" {
			t.Errorf("FCInvocationToNeutral mismatch (-want +got):\n%s", diff)
		}
	}
	var l FCInvocationList
	if err := json.Unmarshal([]byte(`{"tasks":[{"taskId":"x","status":"Running"}],"nextToken":"n"}`), &l); err != nil {
		t.Fatal(err)
	}
	if r := l.Records(); len(r) != 1 || r[0].TaskID != "x" || l.NextToken != "n" {
		t.Errorf("Records() = %+v", r)
	}
	if FCMillis(time.Time{}) != 0 || FCMillis(time.UnixMilli(5)) != 5 {
		t.Errorf("FCMillis")
	}
}
