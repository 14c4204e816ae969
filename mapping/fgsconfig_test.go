package mapping

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/schemas"
)

func TestNeutralToFgsBody(t *testing.T) {
	l, _ := schemas.Limits(model.TypeHuaweiFG)
	tests := []struct {
		name string
		cfg  *model.AsyncConfig
		want string
	}{
		{"zero and false are sent", model.Normalize(&model.AsyncConfig{MaxRetryAttempts: model.Int(0)}, l),
			`{"max_async_event_age_in_seconds":3600,"max_async_retry_attempts":0,"destination_config":{},"enable_async_status_log":false}`},
		{"both halves", model.Normalize(&model.AsyncConfig{MaxEventAgeSeconds: model.Int(1), StatusLog: model.Bool(true),
			OnSuccess: &model.Destination{Kind: model.KindStream, Name: "s"},
			OnFailure: &model.Destination{Kind: model.KindBucket, Name: "b1", Prefix: "/p"}}, l),
			`{"max_async_event_age_in_seconds":1,"max_async_retry_attempts":1,"destination_config":{"on_success":{"destination":"DIS","param":"{\"stream_name\":\"s\"}"},"on_failure":{"destination":"OBS","param":"{\"bucket\":\"b1\",\"expires\":0,\"prefix\":\"/p\"}"}},"enable_async_status_log":true}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w, err := NeutralToFgs(fgsTestScope, tc.cfg)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(w)
			if string(b) != tc.want {
				t.Errorf("body\n got %s\nwant %s", b, tc.want)
			}
			back, err := FgsToNeutral(fgsTestScope, w)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.cfg, model.Normalize(back, l)); diff != "" {
				t.Errorf("round trip mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNeutralToFgsErrors(t *testing.T) {
	l, _ := schemas.Limits(model.TypeHuaweiFG)
	if _, err := NeutralToFgs(fgsTestScope, &model.AsyncConfig{}); err == nil || !strings.Contains(err.Error(), "not normalized") {
		t.Errorf("unnormalized config: err %v", err)
	}
	cfg := model.Normalize(&model.AsyncConfig{OnFailure: &model.Destination{Kind: model.KindQueue, Name: "q"}}, l)
	if _, err := NeutralToFgs(fgsTestScope, cfg); err == nil || !strings.HasPrefix(err.Error(), "onFailure: ") {
		t.Errorf("queue destination: err %v", err)
	}
}

// TestFgsSeedExample decodes the example response of the API documents
// (seeds 000 and 004, GET async-invoke-config) verbatim.
func TestFgsSeedExample(t *testing.T) {
	for _, file := range []string{"testdata/fgs/show-async-invoke-config-000.json", "testdata/fgs/show-async-invoke-config-004.json"} {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var w FgsConfig
		if err := json.Unmarshal(b, &w); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		got, err := FgsToNeutral(fgsTestScope, &w)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		ref := &model.Destination{Kind: model.KindRef, Name: "urn:fss:{region}:5691ba790e2b46ceb38316xxxxxxxxxx:function:default:testPython:latest"}
		want := &model.AsyncConfig{MaxEventAgeSeconds: model.Int(60), MaxRetryAttempts: model.Int(1), OnSuccess: ref, OnFailure: ref}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s mismatch (-want +got):\n%s", file, diff)
		}
		created, modified, err := w.Times()
		if err != nil {
			t.Fatalf("%s times: %v", file, err)
		}
		if want := time.Date(2021, 3, 4, 6, 50, 2, 0, time.UTC); !created.Equal(want) || created.Location() != time.UTC {
			t.Errorf("created %v, want %v", created, want)
		}
		if want := time.Date(2021, 3, 4, 14, 50, 2, 0, time.UTC); !modified.Equal(want) || modified.Location() != time.UTC {
			t.Errorf("modified %v, want %v", modified, want)
		}
	}
}

func TestParseFgsTime(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2021-03-04T14:50:02+08:00", time.Date(2021, 3, 4, 6, 50, 2, 0, time.UTC)},
		{"2021-03-04 14:50:02", time.Date(2021, 3, 4, 14, 50, 2, 0, time.UTC)},
		{"2019-10-25T15:37:27", time.Date(2019, 10, 25, 15, 37, 27, 0, time.UTC)},
		{"2024-05-30T13:00:00Z", time.Date(2024, 5, 30, 13, 0, 0, 0, time.UTC)},
		{"2024-05-30T13:00:00.123Z", time.Date(2024, 5, 30, 13, 0, 0, 123e6, time.UTC)},
		{"2024-05-30 13:00:00+08:00", time.Date(2024, 5, 30, 5, 0, 0, 0, time.UTC)},
	}
	for _, tc := range tests {
		got, err := ParseFgsTime(tc.in)
		if err != nil || !got.Equal(tc.want) || got.Location() != time.UTC {
			t.Errorf("ParseFgsTime(%q) = %v, %v; want %v UTC", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "yesterday", "2021-03-04", "1614840602"} {
		if _, err := ParseFgsTime(bad); err == nil {
			t.Errorf("ParseFgsTime(%q) succeeded, want an error", bad)
		}
	}
	if got := FgsQueryTime(time.Date(2024, 5, 30, 21, 0, 0, 5e8, time.FixedZone("CST", 8*3600))); got != "2024-05-30T13:00:00" {
		t.Errorf("FgsQueryTime = %q", got)
	}
}
