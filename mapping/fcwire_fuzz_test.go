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

// wfFCScope returns the Function Compute scope of the wire fuzz targets
// for API 3.0 (v3) or 2.0, and its limits.
func wfFCScope(v3 bool) (mapping.FCScope, model.Limits) {
	scope := mapping.FCScope{Version: mapping.FC2, Region: "cn-hangzhou", AccountID: "1234567890123456"}
	typ := model.TypeAliFC2
	if v3 {
		scope.Version, typ = mapping.FC3, model.TypeAliFC3
	}
	l, _ := schemas.Limits(typ)
	return scope, l
}

// FuzzFCConfigWire: any JSON body Function Compute could return for an
// async config, under either API version, decodes without a panic. The
// settings are carried over as they were (absent stays absent), the
// status flag is read from the version's own field only, and each
// destination half is what FCDestinationFromARN reads from its ARN
// (none for a missing or empty one). The normalized config writes back
// with NeutralToFC (unless a ref destination is no ARN) as a body with
// every setting explicit and only the version's flag, which through JSON
// reads back as exactly the normalized config.
func FuzzFCConfigWire(f *testing.F) {
	for _, s := range []string{
		`{}`, `null`,
		`{"maxAsyncEventAgeInSeconds":300,"maxAsyncRetryAttempts":0,"statefulInvocation":false,"asyncTask":true}`,
		`{"service":"s","function":"f","qualifier":"LATEST","createdTime":"2020-09-10T02:45:02Z","maxAsyncEventAgeInSeconds":86400,` +
			`"destinationConfig":{"onSuccess":{"destination":"acs:fc:cn-hangzhou:1234567890123456:services/s.LATEST/functions/g"},` +
			`"onFailure":{"destination":"acs:mns:cn-hangzhou:1234567890123456:/queues/dlq/messages"}},"statefulInvocation":true}`,
		`{"functionArn":"acs:fc:cn-hangzhou:1234567890123456:functions/f/aliases/prod","asyncTask":false,` +
			`"destinationConfig":{"onSuccess":{"destination":"acs:fc:::functions/g"},"onFailure":{"destination":"acs:eventbridge:cn-hangzhou:1234567890123456:eventbus/bus"}}}`,
		`{"destinationConfig":{"onSuccess":{"destination":""},"onFailure":{"destination":"garbage"}}}`,
		`{"destinationConfig":{"onSuccess":null,"onFailure":{"destination":"acs:mns:cn-beijing:1:/topics/t/messages"}}}`,
		`{"maxAsyncEventAgeInSeconds":-9223372036854775808,"maxAsyncRetryAttempts":9223372036854775807}`,
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, body []byte, v3 bool) {
		scope, limits := wfFCScope(v3)
		var w mapping.FCAsyncConfig
		if json.Unmarshal(body, &w) != nil {
			return
		}
		cfg := mapping.FCToNeutral(scope, &w)
		if cfg == nil {
			t.Fatalf("FCToNeutral(%s) = nil", body)
		}
		for _, v := range []struct {
			wire *int64
			got  *int
		}{{w.MaxAsyncEventAgeInSeconds, cfg.MaxEventAgeSeconds}, {w.MaxAsyncRetryAttempts, cfg.MaxRetryAttempts}} {
			if (v.wire == nil) != (v.got == nil) || (v.wire != nil && int64(*v.got) != *v.wire) {
				t.Fatalf("FCToNeutral(%s) changed a setting: %+v", body, cfg)
			}
		}
		flag := w.StatefulInvocation
		if v3 {
			flag = w.AsyncTask
		}
		if !wfSamePtr(cfg.StatusLog, flag) {
			t.Fatalf("FCToNeutral(%s) under %s read status flag %v", body, scope.Version, cfg.StatusLog)
		}
		var halves [2]*mapping.FCDestination
		if w.DestinationConfig != nil {
			halves = [2]*mapping.FCDestination{w.DestinationConfig.OnSuccess, w.DestinationConfig.OnFailure}
		}
		for i, got := range []*model.Destination{cfg.OnSuccess, cfg.OnFailure} {
			var want *model.Destination
			if h := halves[i]; h != nil && h.Destination != "" {
				want = mapping.FCDestinationFromARN(scope, h.Destination)
			}
			if diff := cmp.Diff(want, got); diff != "" || (got != nil && (got.IsEmpty() || !slices.Contains(model.AllKinds, got.Kind))) {
				t.Fatalf("FCToNeutral(%s): destination %d (-want +got):\n%s", body, i, diff)
			}
		}
		norm := model.Normalize(cfg, limits)
		out, err := mapping.NeutralToFC(scope, norm)
		if err != nil {
			if !wfIsRef(norm.OnSuccess) && !wfIsRef(norm.OnFailure) {
				t.Fatalf("%s decoded to %+v, which cannot be written back: %v", body, norm, err)
			}
			return
		}
		own, other := out.StatefulInvocation, out.AsyncTask
		if v3 {
			own, other = other, own
		}
		if out.MaxAsyncEventAgeInSeconds == nil || out.MaxAsyncRetryAttempts == nil || own == nil || other != nil || out.DestinationConfig == nil {
			t.Fatalf("NeutralToFC under %s wrote %+v: want every setting and only the version's flag", scope.Version, out)
		}
		sent, err := json.Marshal(out)
		if err != nil {
			t.Fatal(err)
		}
		var back mapping.FCAsyncConfig
		if err := json.Unmarshal(sent, &back); err != nil {
			t.Fatalf("unmarshal %s: %v", sent, err)
		}
		if diff := cmp.Diff(norm, model.Normalize(mapping.FCToNeutral(scope, &back), limits)); diff != "" {
			t.Fatalf("%s → %s: round trip changed the config (-want +got):\n%s", body, sent, diff)
		}
	})
}

// FuzzFCInvocationWire: any list body of either API version
// (ListStatefulAsyncInvocations' "invocations", ListAsyncTasks' "tasks")
// decodes without a panic, and every record converts: the id and error
// are the 2.0 field or else the 3.0 one, the qualifier and status word are
// kept, the times are UTC and the same millisecond as on the wire (zero
// for 0 or less), and the status is a neutral status: the one
// FCStatusToNeutral gives, among whose FC 3.0 words the record's own is,
// or invalid for a word FC has not documented.
func FuzzFCInvocationWire(f *testing.F) {
	for _, s := range []string{
		`{"invocations":[{"invocationId":"i1","serviceName":"s","functionName":"f","qualifier":"LATEST","status":"Succeeded","startedTime":1600000000000,"endTime":1600000001000}],"nextToken":"x"}`,
		`{"tasks":[{"taskId":"t1","functionArn":"acs:fc:cn-hangzhou:1:functions/f","status":"Dequeued","startedTime":1,"taskErrorMessage":"boom"}]}`,
		`{"tasks":[{"taskId":"t2","status":"Stopping"},{"status":"Paused","endTime":-1}],"invocations":[{"invocationId":"ignored","status":"Running"}]}`,
		`{"invocations":[{"invocationId":"i2","taskId":"t3","invocationErrorMessage":"","taskErrorMessage":"e","status":"Retrying","startedTime":9223372036854775807}]}`,
		`{"invocations":[{"status":"Expired","events":[{"eventId":1,"status":"Enqueued","timestamp":1}]}],"tasks":[]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var list mapping.FCInvocationList
		if json.Unmarshal(body, &list) != nil {
			return
		}
		records := list.Records()
		if want := list.Tasks; len(want) == 0 {
			if want = list.Invocations; len(records) != len(want) {
				t.Fatalf("Records of %s: %d records, want the %d invocations", body, len(records), len(want))
			}
		} else if len(records) != len(want) {
			t.Fatalf("Records of %s: %d records, want the %d tasks", body, len(records), len(want))
		}
		for _, w := range records {
			inv := mapping.FCInvocationToNeutral(w)
			id, msg := w.InvocationID, w.InvocationErrorMessage
			if id == "" {
				id = w.TaskID
			}
			if msg == "" {
				msg = w.TaskErrorMessage
			}
			if inv.ID != id || inv.Error != msg || inv.Qualifier != w.Qualifier || inv.CloudStatus != w.Status {
				t.Fatalf("FCInvocationToNeutral(%+v) = %+v: a field was not carried over", w, inv)
			}
			for _, tm := range []struct {
				wire int64
				got  time.Time
			}{{w.StartedTime, inv.Start}, {w.EndTime, inv.End}} {
				if tm.got.Location() != time.UTC {
					t.Fatalf("FCInvocationToNeutral(%+v): time %v is in %v, want UTC", w, tm.got, tm.got.Location())
				}
				if (tm.wire <= 0 && !tm.got.IsZero()) || (tm.wire > 0 && tm.got.UnixMilli() != tm.wire) || mapping.FCMillis(tm.got) != max(tm.wire, 0) {
					t.Fatalf("FCInvocationToNeutral(%+v): time %d read as %v", w, tm.wire, tm.got)
				}
			}
			if !slices.Contains(model.AllStatuses, inv.Status) {
				t.Fatalf("FCInvocationToNeutral(%+v): status %q is not a neutral status", w, inv.Status)
			}
			st, known := mapping.FCStatusToNeutral(w.Status)
			switch {
			case !known && inv.Status != model.StatusInvalid:
				t.Fatalf("unknown word %q read as %q, want invalid", w.Status, inv.Status)
			case known && inv.Status != st:
				t.Fatalf("word %q read as %q, FCStatusToNeutral says %q", w.Status, inv.Status, st)
			case known && !slices.Contains(mapping.NeutralToFCStatuses(mapping.FC3, st), w.Status):
				t.Fatalf("word %q read as %q, whose FC 3.0 words %v do not include it", w.Status, st, mapping.NeutralToFCStatuses(mapping.FC3, st))
			}
		}
	})
}
