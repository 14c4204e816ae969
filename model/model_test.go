package model_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/schemas"
)

func limits(t *testing.T, typ string) model.Limits {
	t.Helper()
	l, ok := schemas.Limits(typ)
	if !ok {
		t.Fatalf("no limits for %s", typ)
	}
	return l
}

func TestNormalize(t *testing.T) {
	hw := limits(t, model.TypeHuaweiFG)
	tests := []struct {
		name string
		in   *model.AsyncConfig
		want *model.AsyncConfig
	}{
		{"nil is all defaults", nil, &model.AsyncConfig{MaxEventAgeSeconds: model.Int(3600), MaxRetryAttempts: model.Int(1), StatusLog: model.Bool(false)}},
		{"zero and false are kept", &model.AsyncConfig{MaxRetryAttempts: model.Int(0), StatusLog: model.Bool(false), MaxEventAgeSeconds: model.Int(1)},
			&model.AsyncConfig{MaxEventAgeSeconds: model.Int(1), MaxRetryAttempts: model.Int(0), StatusLog: model.Bool(false)}},
		{"empty halves dropped, function filled", &model.AsyncConfig{OnSuccess: &model.Destination{}, OnFailure: &model.Destination{Kind: model.KindFunction, Name: "notify"}},
			&model.AsyncConfig{MaxEventAgeSeconds: model.Int(3600), MaxRetryAttempts: model.Int(1), StatusLog: model.Bool(false),
				OnFailure: &model.Destination{Kind: model.KindFunction, Name: "default/notify", Qualifier: "latest"}}},
		{"bucket expiry defaults to 0", &model.AsyncConfig{OnFailure: &model.Destination{Kind: model.KindBucket, Name: "b"}},
			&model.AsyncConfig{MaxEventAgeSeconds: model.Int(3600), MaxRetryAttempts: model.Int(1), StatusLog: model.Bool(false),
				OnFailure: &model.Destination{Kind: model.KindBucket, Name: "b", ExpireDays: model.Int(0)}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var before *model.AsyncConfig
			if tc.in != nil {
				before = tc.in.Clone()
			}
			got := model.Normalize(tc.in, hw)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Normalize (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(before, tc.in); diff != "" {
				t.Errorf("Normalize changed its input (-before +after):\n%s", diff)
			}
		})
	}
}

func TestDiff(t *testing.T) {
	topic := &model.Destination{Kind: model.KindTopic, Name: "t"}
	tests := []struct {
		name          string
		before, after *model.AsyncConfig
		want          []model.FieldChange
		removes       bool
	}{
		{"equal", &model.AsyncConfig{MaxRetryAttempts: model.Int(0)}, &model.AsyncConfig{MaxRetryAttempts: model.Int(0)}, nil, false},
		{"zero differs from one", &model.AsyncConfig{MaxRetryAttempts: model.Int(1)}, &model.AsyncConfig{MaxRetryAttempts: model.Int(0)},
			[]model.FieldChange{{Path: "maxRetryAttempts", Before: 1, After: 0}}, false},
		{"added destination", &model.AsyncConfig{}, &model.AsyncConfig{OnFailure: topic},
			[]model.FieldChange{{Path: "onFailure", Before: nil, After: topic}}, false},
		{"removed destination", &model.AsyncConfig{OnSuccess: topic, StatusLog: model.Bool(true)}, &model.AsyncConfig{StatusLog: model.Bool(false)},
			[]model.FieldChange{{Path: "statusLog", Before: true, After: false}, {Path: "onSuccess", Before: topic, After: nil}}, true},
		{"from nothing", nil, &model.AsyncConfig{MaxEventAgeSeconds: model.Int(60)},
			[]model.FieldChange{{Path: "maxEventAgeSeconds", Before: nil, After: 60}}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, model.Diff(tc.before, tc.after)); diff != "" {
				t.Errorf("Diff (-want +got):\n%s", diff)
			}
			if got := model.RemovesDestination(tc.before, tc.after); got != tc.removes {
				t.Errorf("RemovesDestination = %v, want %v", got, tc.removes)
			}
		})
	}
}

func TestDestinationDocumentForm(t *testing.T) {
	tests := []struct {
		in      string
		want    *model.Destination
		wantErr string
	}{
		{in: `{"function":"notify","qualifier":"prod"}`, want: &model.Destination{Kind: model.KindFunction, Name: "notify", Qualifier: "prod"}},
		{in: `{"bucket":"b","prefix":"p/","expireDays":0}`, want: &model.Destination{Kind: model.KindBucket, Name: "b", Prefix: "p/", ExpireDays: model.Int(0)}},
		{in: `{"ref":"acs:mns:r:1:/queues/q/messages"}`, want: &model.Destination{Kind: model.KindRef, Name: "acs:mns:r:1:/queues/q/messages"}},
		{in: `{}`, want: &model.Destination{}},
		{in: `{"topic":"a","queue":"b"}`, wantErr: "sets both topic and queue"},
		{in: `{"topic":"a","qualifier":"x"}`, wantErr: "qualifier only applies to a function"},
		{in: `{"queue":"a","prefix":"x"}`, wantErr: "only apply to a bucket"},
		{in: `{"qualifier":"x"}`, wantErr: "names no target"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			var got model.Destination
			err := json.Unmarshal([]byte(tc.in), &got)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, &got); diff != "" {
				t.Fatalf("decoded (-want +got):\n%s", diff)
			}
			out, err := json.Marshal(got)
			if err != nil || (string(out) != tc.in && tc.in != `{}`) {
				t.Errorf("re-encoded %s (err %v), want %s", out, err, tc.in)
			}
		})
	}
}

func TestCheckFunction(t *testing.T) {
	tests := []struct {
		typ, name string
		wantErr   string
	}{
		{model.TypeHuaweiFG, "orders", ""},
		{model.TypeHuaweiFG, "billing/orders", ""},
		{model.TypeHuaweiFG, "a/b/c", "must have the form [package/]function"},
		{model.TypeHuaweiFG, "../x", "not valid"},
		{model.TypeAliFC2, "orders", "must have the form service/function"},
		{model.TypeAliFC2, "shop/orders", ""},
		{model.TypeAliFC3, "shop/orders", "must have the form function"},
		{model.TypeAliFC3, "a%2Fb", "not valid"},
		{model.TypeAliFC3, "a b", "not valid"},
		{model.TypeAliFC3, strings.Repeat("x", 65), "not valid"},
	}
	for _, tc := range tests {
		t.Run(tc.typ+"/"+tc.name, func(t *testing.T) {
			err := model.CheckFunction(tc.name, limits(t, tc.typ))
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("err = %v, want one containing %q", err, tc.wantErr)
			}
		})
	}
	if err := model.CheckName("topic", "a/b", limits(t, model.TypeHuaweiFG)); err == nil {
		t.Errorf("a topic name with / was accepted")
	}
}

func TestLocate(t *testing.T) {
	doc := &model.Document{File: "-", Positions: model.Positions{"/functions/1": {Line: 9, Column: 5}}}
	got := doc.Locate(model.Errorf("/functions/1/onFailure/topic", "bad"))
	if got.String() != "<stdin>:9:5: error: /functions/1/onFailure/topic: bad" {
		t.Errorf("Locate gave %q", got.String())
	}
}
