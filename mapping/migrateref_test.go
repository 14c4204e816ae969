package mapping_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/mapping"
	"github.com/fnasync/fnasync/model"
)

// The scopes of migrationDoc's providers.
const (
	fcLocal  = "cn-hangzhou:1234567890123456"
	hwLocal  = "cn-north-4:0123456789abcdef0123456789abcdef"
	hwOther  = "cn-north-4:fedcba9876543210fedcba9876543210"
	mnsQueue = "acs:mns:" + fcLocal + ":/queues/audit-dl/messages"
)

// TestMigrateRefDestinations: a ref local to the source provider is read
// as its kind with the provider's own parser and then treated as that kind
// (carried over, looked up in the map file under that kind, or an error
// naming that kind's key); a foreign ref is an error that says so unless
// the map file has its ref: key, or the ARN means the same on the target
// (both Function Compute, and not a function ARN across API versions).
func TestMigrateRefDestinations(t *testing.T) {
	ref := func(s string) *model.Destination { return &model.Destination{Kind: model.KindRef, Name: s} }
	dests := func(kv ...string) *mapping.MigrateOptions {
		m := &mapping.MapFile{Destinations: map[string]model.DestinationDoc{}}
		for i := 0; i < len(kv); i += 2 {
			m.Destinations[kv[i]] = model.DestinationDoc{Topic: kv[i+1]}
		}
		return &mapping.MigrateOptions{Map: m}
	}
	tests := []struct {
		name     string
		from, to string
		fn       string // the source function; "svc/f" or "f" by default
		dest     *model.Destination
		opts     *mapping.MigrateOptions
		want     *model.Destination // the migrated onFailure
		wantWarn string             // substring of the only warning; "" for none
		wantErr  string             // substring of the first error
	}{
		// Function Compute → FunctionGraph.
		{name: "fc2 topic", from: "fc2", to: "hw", dest: ref("acs:mns:" + fcLocal + ":/topics/t1/messages"),
			want:     &model.Destination{Kind: model.KindTopic, Name: "t1"},
			wantWarn: "ref destination acs:mns:" + fcLocal + ":/topics/t1/messages is read as topic:t1 (it is in provider fc2's own account and region) and carried over as topic:t1"},
		{name: "fc2 topic with empty account and region", from: "fc2", to: "hw", dest: ref("acs:mns:::/topics/t1/messages"),
			want: &model.Destination{Kind: model.KindTopic, Name: "t1"}, wantWarn: "is read as topic:t1"},
		{name: "fc2 function with qualifier", from: "fc2", to: "hw", dest: ref("acs:fc:" + fcLocal + ":services/svc.prod/functions/notify"),
			want: &model.Destination{Kind: model.KindFunction, Name: "svc/notify", Qualifier: "prod"}, wantWarn: "is read as function:svc/notify@prod"},
		{name: "fc3 function", from: "fc3", to: "hw", dest: ref("acs:fc:" + fcLocal + ":functions/notify"),
			want: &model.Destination{Kind: model.KindFunction, Name: "notify"}, wantWarn: "is read as function:notify"},
		{name: "fc2 queue without map entry", from: "fc2", to: "hw", dest: ref(mnsQueue),
			wantErr: `a queue destination (audit-dl, read from ref ` + mnsQueue + ` in provider fc2's own account and region) has no equivalent on huaweifg, which takes [function topic stream bucket]: add a replacement under destinations: {"queue:audit-dl": {...}}`},
		{name: "fc2 queue mapped by its kind", from: "fc2", to: "hw", dest: ref(mnsQueue), opts: dests("queue:audit-dl", "audit"),
			want:     &model.Destination{Kind: model.KindTopic, Name: "audit"},
			wantWarn: "queue destination audit-dl (read from ref " + mnsQueue + " in provider fc2's own account and region) replaced by topic:audit from the map file"},
		{name: "fc2 ref key wins over the kind key", from: "fc2", to: "hw", dest: ref(mnsQueue),
			opts: dests("queue:audit-dl", "audit", "ref:"+mnsQueue, "by-ref"),
			want: &model.Destination{Kind: model.KindTopic, Name: "by-ref"}, wantWarn: "ref destination " + mnsQueue + " replaced by topic:by-ref"},
		{name: "fc3 event bus without map entry", from: "fc3", to: "hw", dest: ref("acs:eventbridge:" + fcLocal + ":eventbus/default"),
			wantErr: `an eventBus destination (default, read from ref`},
		{name: "fc foreign account", from: "fc2", to: "hw", dest: ref("acs:mns:cn-hangzhou:9999999999999999:/topics/t1/messages"),
			wantErr: `a ref destination (acs:mns:cn-hangzhou:9999999999999999:/topics/t1/messages) is foreign: it names account 9999999999999999, region cn-hangzhou, not provider fc2's own account and region (account 1234567890123456, region cn-hangzhou)`},
		{name: "fc foreign region", from: "fc3", to: "hw", dest: ref("acs:mns:cn-shanghai::/queues/q/messages"),
			wantErr: `is foreign: it names account 1234567890123456, region cn-shanghai`},
		{name: "fc foreign ref mapped", from: "fc2", to: "hw", dest: ref("acs:mns:cn-shanghai::/queues/q/messages"),
			opts: dests("ref:acs:mns:cn-shanghai::/queues/q/messages", "q"),
			want: &model.Destination{Kind: model.KindTopic, Name: "q"}, wantWarn: "replaced by topic:q from the map file"},
		{name: "fc local ref of no kind", from: "fc3", to: "hw", dest: ref("acs:fc:" + fcLocal + ":services/svc/functions/f"),
			wantErr: `a ref destination (acs:fc:` + fcLocal + `:services/svc/functions/f) has no equivalent on huaweifg`},

		// FunctionGraph → Function Compute.
		{name: "hw topic", from: "hw", to: "fc3", fn: "f", dest: ref("urn:smn:" + hwLocal + ":alerts"),
			want:     &model.Destination{Kind: model.KindTopic, Name: "alerts"},
			wantWarn: "ref destination urn:smn:" + hwLocal + ":alerts is read as topic:alerts (it is in provider hw's own project and region)"},
		{name: "hw function", from: "hw", to: "fc3", fn: "f", dest: ref("urn:fss:" + hwLocal + ":function:default:notify:latest"),
			want: &model.Destination{Kind: model.KindFunction, Name: "notify"}, wantWarn: "is read as function:default/notify@latest"},
		{name: "hw function alias to fc2", from: "hw", to: "fc2", fn: "svc/f", dest: ref("urn:fss:" + hwLocal + ":function:svc:notify:!prod"),
			opts: &mapping.MigrateOptions{Map: &mapping.MapFile{Service: "svc"}},
			want: &model.Destination{Kind: model.KindFunction, Name: "svc/notify", Qualifier: "prod"}, wantWarn: "is read as function:svc/notify@prod"},
		{name: "hw function renamed by its parsed name", from: "hw", to: "fc3", fn: "f", dest: ref("urn:fss:" + hwLocal + ":function:default:notify"),
			opts: &mapping.MigrateOptions{Map: &mapping.MapFile{Functions: map[string]string{"default/notify": "notify-v2"}}},
			want: &model.Destination{Kind: model.KindFunction, Name: "notify-v2"}, wantWarn: "carried over as function:notify-v2"},
		{name: "hw function mapped by its kind", from: "hw", to: "fc3", fn: "f", dest: ref("urn:fss:" + hwLocal + ":function:default:notify"),
			opts: dests("function:default/notify", "notices"),
			want: &model.Destination{Kind: model.KindTopic, Name: "notices"}, wantWarn: "function destination default/notify (read from ref"},
		{name: "hw foreign function", from: "hw", to: "fc3", fn: "f", dest: ref("urn:fss:" + hwOther + ":function:default:notify:latest"),
			wantErr: `is foreign: it names project fedcba9876543210fedcba9876543210, region cn-north-4, not provider hw's own project and region (project 0123456789abcdef0123456789abcdef, region cn-north-4)`},
		// Function Compute → Function Compute: an ARN carries over as is.
		{name: "fc2 foreign topic to fc3", from: "fc2", to: "fc3", opts: &mapping.MigrateOptions{Map: &mapping.MapFile{Functions: map[string]string{"svc/f": "f"}}}, dest: ref("acs:mns:cn-hangzhou:9999999999999999:/topics/t1/messages"),
			want:     ref("acs:mns:cn-hangzhou:9999999999999999:/topics/t1/messages"),
			wantWarn: "ref destination acs:mns:cn-hangzhou:9999999999999999:/topics/t1/messages (account 9999999999999999, region cn-hangzhou) is carried over as is: the ARN means the same on alifc3"},
		{name: "fc3 unmapped local ARN to fc2", from: "fc3", to: "fc2b", fn: "f", opts: &mapping.MigrateOptions{Map: &mapping.MapFile{Service: "svc"}},
			dest: ref("acs:oss:" + fcLocal + ":bucket/b"), want: ref("acs:oss:" + fcLocal + ":bucket/b"), wantWarn: "(a kind fnasync does not map) is carried over as is"},
		{name: "fc2 foreign function to fc2", from: "fc2", to: "fc2b", dest: ref("acs:fc:cn-beijing:9999999999999999:services/s/functions/g"),
			want: ref("acs:fc:cn-beijing:9999999999999999:services/s/functions/g"), wantWarn: "is carried over as is"},
		{name: "fc2 foreign function to fc3", from: "fc2", to: "fc3", dest: ref("acs:fc:cn-beijing:9999999999999999:services/s/functions/g"),
			wantErr: "is foreign: it names account 9999999999999999, region cn-beijing"},
		{name: "hw foreign topic", from: "hw", to: "fc3", fn: "f", dest: ref("urn:smn:ap-southeast-1:0123456789abcdef0123456789abcdef:alerts"),
			wantErr: `it names project 0123456789abcdef0123456789abcdef, region ap-southeast-1`},
		{name: "hw foreign topic mapped", from: "hw", to: "fc3", fn: "f", dest: ref("urn:smn:" + hwOther + ":alerts"),
			opts: &mapping.MigrateOptions{Map: &mapping.MapFile{Destinations: map[string]model.DestinationDoc{"ref:urn:smn:" + hwOther + ":alerts": {Queue: "alerts"}}}},
			want: &model.Destination{Kind: model.KindQueue, Name: "alerts"}, wantWarn: "replaced by queue:alerts from the map file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fn := tc.fn
			if fn == "" {
				fn = "svc/f"
				if tc.from == "fc3" {
					fn = "f"
				}
			}
			entry := &model.FunctionEntry{Provider: tc.from, Function: fn,
				AsyncConfig: model.AsyncConfig{MaxEventAgeSeconds: model.Int(60), MaxRetryAttempts: model.Int(1), OnFailure: tc.dest}}
			out, diags := mapping.Migrate(migrationDoc(entry), tc.to, tc.opts)
			if !checkMigrateErrors(t, diags, tc.wantErr) {
				return
			}
			checkOnlyWarning(t, diags, tc.wantWarn)
			if diff := cmp.Diff(tc.want, out.Functions[0].OnFailure); diff != "" {
				t.Errorf("migrated onFailure (-want +got):\n%s", diff)
			}
		})
	}
}

// checkOnlyWarning fails unless diags is one warning containing want, or
// none when want is "".
func checkOnlyWarning(t *testing.T, diags model.Diagnostics, want string) {
	t.Helper()
	switch {
	case want == "" && len(diags) > 0:
		t.Errorf("unexpected diagnostics: %v", diags)
	case want != "" && (len(diags) != 1 || !strings.Contains(diags[0].String(), want)):
		t.Errorf("diagnostics %v, want one warning containing %q", diags, want)
	}
}

// TestMigrateServiceReplacesPackage: the map file's service is the FC 2.0
// service of every function that comes without one; a FunctionGraph
// package other than default that it replaces is reported.
func TestMigrateServiceReplacesPackage(t *testing.T) {
	tests := []struct {
		function, want, wantWarn string
	}{
		{"billing/invoice", "shop/invoice", `service "shop" from the map file replaces package "billing" of billing/invoice (rename it under functions: in the map file to keep it)`},
		{"invoice", "shop/invoice", ""},
		{"default/invoice", "shop/invoice", ""},
		{"shop/invoice", "shop/invoice", ""},
	}
	for _, tc := range tests {
		t.Run(tc.function, func(t *testing.T) {
			doc := migrationDoc(&model.FunctionEntry{Provider: "hw", Function: tc.function, Absent: true})
			out, diags := mapping.Migrate(doc, "fc2", &mapping.MigrateOptions{Map: &mapping.MapFile{Service: "shop"}})
			if diags.HasErrors() {
				t.Fatalf("unexpected errors: %v", diags)
			}
			checkOnlyWarning(t, diags, tc.wantWarn)
			if got := out.Functions[0].Function; got != tc.want {
				t.Errorf("function %q, want %q", got, tc.want)
			}
		})
	}
}
