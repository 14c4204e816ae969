package mapping_test

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/mapping"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/schemas"
)

// The FunctionGraph scope of the wire fuzz targets.
const wfFgsProject = "0123456789abcdef0123456789abcdef"

var wfFgsScope = mapping.FgsScope{Region: "cn-north-4", ProjectID: wfFgsProject}

// wfIsRef reports whether d is a ref destination: the only kind a decoded
// config may hold that NeutralToFgs or NeutralToFC can refuse to write.
func wfIsRef(d *model.Destination) bool { return d != nil && d.Kind == model.KindRef }

// wfSamePtr reports whether two optional values are both absent or both
// present and equal.
func wfSamePtr[T comparable](a, b *T) bool {
	return (a == nil) == (b == nil) && (a == nil || *a == *b)
}

// FuzzFgsConfigWire: any JSON body FunctionGraph could return for an
// async config decodes without a panic. Its times, when they parse, are
// UTC. When FgsToNeutral accepts it, the settings are carried over as
// they were (absent stays absent), no empty destination half is kept, and
// the normalized config writes back with NeutralToFgs (unless a ref
// destination cannot be sent) as a body with every setting explicit that,
// through JSON, reads back as exactly the normalized config; writing that
// again gives the same body.
func FuzzFgsConfigWire(f *testing.F) {
	for _, s := range []string{
		`{}`, `null`,
		`{"max_async_event_age_in_seconds":3600,"max_async_retry_attempts":0,"enable_async_status_log":false}`,
		`{"func_urn":"urn:fss:cn-north-4:` + wfFgsProject + `:function:default:orders:latest","max_async_event_age_in_seconds":60,` +
			`"max_async_retry_attempts":3,"enable_async_status_log":true,"created_time":"2021-03-04T14:50:02+08:00","last_modified":"2021-03-04 14:50:02",` +
			`"destination_config":{"on_success":{"destination":"FunctionGraph","param":"{\"func_urn\":\"urn:fss:cn-north-4:` + wfFgsProject + `:function:default:notify:!prod\"}"},` +
			`"on_failure":{"destination":"SMN","param":"{\"topic_urn\":\"urn:smn:cn-north-4:` + wfFgsProject + `:alerts\"}"}}}`,
		`{"destination_config":{"on_success":{"destination":"OBS","param":"{\"bucket\":\"logs\",\"prefix\":\"async/\",\"expires\":\"7\"}"},` +
			`"on_failure":{"destination":"DIS","param":"{\"stream_name\":\"s1\"}"}}}`,
		`{"destination_config":{"on_success":{"destination":"","param":""},"on_failure":{"destination":"FunctionGraph","param":"{\"func_urn\":\"garbage\"}"}}}`,
		`{"destination_config":{"on_failure":{"destination":"SMN","param":"{\"topic_urn\":\"urn:smn:eu-west-0:` + wfFgsProject + `:t\"}"}}}`,
		`{"destination_config":{"on_failure":{"destination":"MNS","param":"{}"}}}`,
		`{"max_async_retry_attempts":-5,"created_time":"garbage"}`,
	} {
		f.Add([]byte(s))
	}
	limits, _ := schemas.Limits(model.TypeHuaweiFG)
	f.Fuzz(func(t *testing.T, body []byte) {
		var w mapping.FgsConfig
		if json.Unmarshal(body, &w) != nil {
			return
		}
		if created, modified, err := w.Times(); err == nil {
			for _, tm := range []struct {
				wire string
				got  time.Time
			}{{w.CreatedTime, created}, {w.LastModified, modified}} {
				want, _ := mapping.ParseFgsTime(tm.wire)
				if tm.got.Location() != time.UTC || (tm.wire == "" && !tm.got.IsZero()) || !tm.got.Equal(want) {
					t.Fatalf("Times of %s: %q read as %v (%v)", body, tm.wire, tm.got, tm.got.Location())
				}
			}
		}
		cfg, err := mapping.FgsToNeutral(wfFgsScope, &w)
		if err != nil {
			if w.DestinationConfig == nil {
				t.Fatalf("FgsToNeutral(%s) failed without a destination: %v", body, err)
			}
			return
		}
		if !wfSamePtr(cfg.MaxEventAgeSeconds, w.MaxAsyncEventAgeInSeconds) || !wfSamePtr(cfg.MaxRetryAttempts, w.MaxAsyncRetryAttempts) ||
			!wfSamePtr(cfg.StatusLog, w.EnableAsyncStatusLog) {
			t.Fatalf("FgsToNeutral(%s) changed the settings: %+v", body, cfg)
		}
		for _, d := range []*model.Destination{cfg.OnSuccess, cfg.OnFailure} {
			if d != nil && (d.IsEmpty() || !slices.Contains(model.AllKinds, d.Kind) || d.Name == "") {
				t.Fatalf("FgsToNeutral(%s) kept a destination that names nothing: %+v", body, d)
			}
		}
		norm := model.Normalize(cfg, limits)
		out, err := mapping.NeutralToFgs(wfFgsScope, norm)
		if err != nil {
			if !wfIsRef(norm.OnSuccess) && !wfIsRef(norm.OnFailure) {
				t.Fatalf("%s decoded to %+v, which cannot be written back: %v", body, norm, err)
			}
			return
		}
		if out.MaxAsyncEventAgeInSeconds == nil || out.MaxAsyncRetryAttempts == nil || out.EnableAsyncStatusLog == nil || out.DestinationConfig == nil {
			t.Fatalf("NeutralToFgs left a setting out: %+v", out)
		}
		sent, err := json.Marshal(out)
		if err != nil {
			t.Fatal(err)
		}
		var back mapping.FgsConfig
		if err := json.Unmarshal(sent, &back); err != nil {
			t.Fatalf("unmarshal %s: %v", sent, err)
		}
		again, err := mapping.FgsToNeutral(wfFgsScope, &back)
		if err != nil {
			t.Fatalf("%s (written from %s) does not read back: %v", sent, body, err)
		}
		if diff := cmp.Diff(norm, again); diff != "" {
			t.Fatalf("%s → %s: round trip changed the config (-want +got):\n%s", body, sent, diff)
		}
		out2, err := mapping.NeutralToFgs(wfFgsScope, again)
		if err != nil {
			t.Fatalf("second write of %+v: %v", again, err)
		}
		if sent2, _ := json.Marshal(out2); string(sent2) != string(sent) {
			t.Fatalf("second write differs:\n%s\n%s", sent, sent2)
		}
	})
}

// FuzzFgsInvocationWire: any ListAsyncInvocations body decodes without a
// panic. Each record either converts, or has a start or end time that
// ParseFgsTime refuses. A converted record keeps its id, qualifier, error
// and status word, its times are UTC (zero only when the wire left them
// out or wrote the zero instant), and its status is a neutral status:
// the one FgsStatusToNeutral gives, whose filter word is the record's
// own, or invalid for a word FunctionGraph has not documented.
func FuzzFgsInvocationWire(f *testing.F) {
	for _, s := range []string{
		`{"invocations":[{"request_id":"r1","status":"SUCCESS","error_code":0,"start_time":"2021-03-04T14:50:02","end_time":"2021-03-04T14:50:03"}],"count":1,"next_marker":0}`,
		`{"invocations":[{"request_id":"r2","status":"FAIL","error_code":4208,"error_message":"function invocation canceled","start_time":"2021-03-04 14:50:02"}]}`,
		`{"invocations":[{"request_id":"r3","status":"WAIT"},{"request_id":"r4","status":"RUNNING","start_time":"2024-05-30T13:00:00.5Z"},{"status":"DISCARD"}]}`,
		`{"invocations":[{"request_id":"r5","status":"PAUSED","error_code":-1,"end_time":"not a time"}]}`,
		`{"invocations":[{"status":"FAIL","error_code":500,"start_time":"0000-01-01T00:00:00+01:00"}]}`,
		`{"invocations":null,"count":null}`,
	} {
		f.Add([]byte(s), "latest")
	}
	f.Fuzz(func(t *testing.T, body []byte, qualifier string) {
		var list mapping.FgsInvocationList
		if json.Unmarshal(body, &list) != nil {
			return
		}
		for _, w := range list.Invocations {
			inv, err := mapping.FgsInvocationToNeutral(w, qualifier)
			start, serr := mapping.ParseFgsTime(w.StartTime)
			end, eerr := mapping.ParseFgsTime(w.EndTime)
			badStart, badEnd := w.StartTime != "" && serr != nil, w.EndTime != "" && eerr != nil
			if err != nil {
				if !badStart && !badEnd {
					t.Fatalf("FgsInvocationToNeutral(%+v) failed with good times: %v", w, err)
				}
				continue
			}
			if badStart || badEnd {
				t.Fatalf("FgsInvocationToNeutral(%+v) accepted a bad time: %+v", w, inv)
			}
			if inv.ID != w.RequestID || inv.Qualifier != qualifier || inv.CloudStatus != w.Status || inv.Error != w.ErrorMessage {
				t.Fatalf("FgsInvocationToNeutral(%+v) = %+v: a field was not carried over", w, inv)
			}
			for _, tm := range []struct {
				wire      string
				got, want time.Time
			}{{w.StartTime, inv.Start, start}, {w.EndTime, inv.End, end}} {
				if tm.got.Location() != time.UTC {
					t.Fatalf("FgsInvocationToNeutral(%+v): time %v is in %v, want UTC", w, tm.got, tm.got.Location())
				}
				if (tm.wire == "" && !tm.got.IsZero()) || (tm.wire != "" && !tm.got.Equal(tm.want)) {
					t.Fatalf("FgsInvocationToNeutral(%+v): time %q read as %v", w, tm.wire, tm.got)
				}
			}
			if !slices.Contains(model.AllStatuses, inv.Status) {
				t.Fatalf("FgsInvocationToNeutral(%+v): status %q is not a neutral status", w, inv.Status)
			}
			st, known := mapping.FgsStatusToNeutral(w.Status, w.ErrorCode)
			switch {
			case !known && inv.Status != model.StatusInvalid:
				t.Fatalf("unknown word %q read as %q, want invalid", w.Status, inv.Status)
			case known && inv.Status != st:
				t.Fatalf("word %q (code %d) read as %q, FgsStatusToNeutral says %q", w.Status, w.ErrorCode, inv.Status, st)
			case known:
				if word, ok := mapping.NeutralToFgsStatus(inv.Status); !ok || word != w.Status {
					t.Fatalf("status %q read from %q filters by %q, %v", inv.Status, w.Status, word, ok)
				}
			}
			if (inv.Status == model.StatusStopped) != (w.Status == mapping.FgsFail && w.ErrorCode == mapping.FgsCanceledCode) {
				t.Fatalf("word %q code %d read as %q", w.Status, w.ErrorCode, inv.Status)
			}
		}
	})
}

// FuzzFgsTopicURN: a topic URN that parses renders back to exactly its
// input and reparses to the same value, and an SMN destination naming it
// reads as a topic exactly when it is of the scope's region and project
// (else as a ref, verbatim). A topic destination is written exactly when
// the URN built from the scope and its name parses, and then reads back
// as the same topic.
func FuzzFgsTopicURN(f *testing.F) {
	for _, c := range [][2]string{
		{"urn:smn:cn-north-4:" + wfFgsProject + ":alerts", "alerts"},
		{"urn:smn:eu-west-0:" + wfFgsProject + ":t-1_x", "t-1_x"},
		{"urn:smn:cn-north-4:short:alerts", "a:b"},
		{"urn:smn:cn-north-4:" + wfFgsProject + ":", ""},
		{"urn:fss:cn-north-4:" + wfFgsProject + ":alerts", "-x"},
		{"urn:smn:CN:" + wfFgsProject + ":a:b", "bad name"},
	} {
		f.Add(c[0], c[1])
	}
	f.Fuzz(func(t *testing.T, s, topic string) {
		if u, err := mapping.ParseFgsTopicURN(s); err == nil {
			if u.String() != s {
				t.Fatalf("ParseFgsTopicURN(%q).String() = %q", s, u.String())
			}
			if again, err := mapping.ParseFgsTopicURN(u.String()); err != nil || again != u {
				t.Fatalf("reparse of %q: %+v, %v; want %+v", s, again, err, u)
			}
			param, _ := json.Marshal(map[string]string{"topic_urn": s})
			d, err := mapping.FgsDestinationToNeutral(wfFgsScope, &mapping.FgsDestination{Destination: mapping.FgsSMN, Param: string(param)})
			want := &model.Destination{Kind: model.KindRef, Name: s}
			if u.Region == wfFgsScope.Region && u.ProjectID == wfFgsScope.ProjectID {
				want = &model.Destination{Kind: model.KindTopic, Name: u.Topic}
			}
			if err != nil || !d.Equal(want) {
				t.Fatalf("SMN destination %s read as %+v, %v; want %+v", param, d, err, want)
			}
		}
		built := mapping.FgsTopicURN{Region: wfFgsScope.Region, ProjectID: wfFgsScope.ProjectID, Topic: topic}
		parsed, perr := mapping.ParseFgsTopicURN(built.String())
		if perr == nil && parsed != built {
			t.Fatalf("built %+v, parsed back as %+v", built, parsed)
		}
		d := &model.Destination{Kind: model.KindTopic, Name: topic}
		w, err := mapping.NeutralToFgsDestination(wfFgsScope, d)
		if (err == nil) != (perr == nil) {
			t.Fatalf("topic %q: written with error %v, but its URN %q parses with error %v", topic, err, built.String(), perr)
		}
		if err != nil {
			return
		}
		if w.Destination != mapping.FgsSMN {
			t.Fatalf("topic %q written to %q", topic, w.Destination)
		}
		back, err := mapping.FgsDestinationToNeutral(wfFgsScope, w)
		if err != nil || !back.Equal(d) {
			t.Fatalf("topic %q written as %+v reads back as %+v, %v", topic, w, back, err)
		}
	})
}
