package mapping_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/mapping"
	"github.com/fnasync/fnasync/model"
)

// TestMigrateHoldsTheResultToTheTarget: what Migrate writes must validate
// on the target, so what would not is an error located in the source
// document: two entries that become one function (also when one of them
// is already on the target), a destination qualifier the target's rule
// refuses (after the map file's qualifier renames, which apply to
// destinations too), a map-file replacement the target cannot take as
// written, and a destination of no kind (a document built in code).
func TestMigrateHoldsTheResultToTheTarget(t *testing.T) {
	absent := func(provider, function string) *model.FunctionEntry {
		return &model.FunctionEntry{Provider: provider, Function: function, Absent: true}
	}
	withDest := func(provider, function string, d *model.Destination) *model.FunctionEntry {
		return &model.FunctionEntry{Provider: provider, Function: function, AsyncConfig: model.AsyncConfig{MaxEventAgeSeconds: model.Int(60), OnSuccess: d}}
	}
	fn := func(name, qualifier string) *model.Destination {
		return &model.Destination{Kind: model.KindFunction, Name: name, Qualifier: qualifier}
	}
	logs := &model.Destination{Kind: model.KindBucket, Name: "logs"}
	replace := func(dd model.DestinationDoc) *mapping.MigrateOptions {
		return &mapping.MigrateOptions{Map: &mapping.MapFile{Destinations: map[string]model.DestinationDoc{"bucket:logs": dd}}}
	}
	tests := []struct {
		name    string
		entries []*model.FunctionEntry
		to      string
		opts    *mapping.MigrateOptions
		wantErr string             // substring of an error, with its pointer; "" for success
		want    *model.Destination // the migrated onSuccess of the first entry
	}{
		// Two entries, one already on the target, that become one function.
		{name: "rewritten entry after one on the target", to: "fc3", entries: []*model.FunctionEntry{absent("fc3", "orders"), absent("hw", "orders")},
			wantErr: "/functions/1: hw:default/orders@latest becomes fc3:orders@LATEST on fc3, which the entry at /functions/0 already declares"},
		{name: "entry on the target after a rewritten one", to: "hw", entries: []*model.FunctionEntry{absent("fc3", "orders"), absent("hw", "default/orders")},
			wantErr: "/functions/1: hw:default/orders@latest is declared on hw, and fc3:orders@LATEST becomes it too (/functions/0)"},
		{name: "two rewritten entries", to: "fc3", entries: []*model.FunctionEntry{absent("hw", "a/orders"), absent("hw", "b/orders")},
			wantErr: "/functions/1: hw:b/orders@latest becomes fc3:orders@LATEST on fc3, as hw:a/orders@latest does (/functions/0)"},
		{name: "two entries on the target", to: "hw", entries: []*model.FunctionEntry{absent("hw", "orders"), absent("hw", "default/orders")},
			wantErr: "/functions/1: hw:default/orders@latest is declared twice (first at /functions/0)"},

		// Destination qualifiers.
		{name: "destination qualifier fc2 refuses", to: "fc2", entries: []*model.FunctionEntry{withDest("hw", "shop/orders", fn("shop/notify", "1a"))},
			wantErr: `/functions/0/onSuccess/qualifier: destination qualifier name "1a" is not valid on alifc`},
		{name: "destination qualifier renamed by the map file", to: "fc2", entries: []*model.FunctionEntry{withDest("hw", "shop/orders", fn("shop/notify", "1a"))},
			opts: &mapping.MigrateOptions{Map: &mapping.MapFile{Qualifiers: map[string]string{"1a": "v1a"}}},
			want: fn("shop/notify", "v1a")},
		{name: "destination qualifier renamed into what huaweifg refuses", to: "hw", entries: []*model.FunctionEntry{withDest("fc2", "svc/orders", fn("svc/notify", "blue"))},
			opts:    &mapping.MigrateOptions{Map: &mapping.MapFile{Qualifiers: map[string]string{"blue": "blue_"}}},
			wantErr: `/functions/0/onSuccess/qualifier: destination qualifier name "blue_" is not valid on huaweifg`},
		{name: "destination qualifier renamed to the target's default", to: "hw", entries: []*model.FunctionEntry{withDest("fc2", "svc/orders", fn("svc/notify", "prod"))},
			opts: &mapping.MigrateOptions{Map: &mapping.MapFile{Qualifiers: map[string]string{"prod": "latest"}}},
			want: fn("svc/notify", "")},
		{name: "destination qualifier kept", to: "hw", entries: []*model.FunctionEntry{withDest("fc2", "svc/orders", fn("svc/notify", "12"))},
			want: fn("svc/notify", "12")},

		// Map-file replacements, checked against the target's rules.
		{name: "replacement function without a service", to: "fc2", entries: []*model.FunctionEntry{withDest("hw", "shop/orders", logs)},
			opts:    replace(model.DestinationDoc{Function: "audit"}),
			wantErr: `/functions/0/onSuccess: map file replacement for "bucket:logs": function "audit" must have the form service/function on alifc`},
		{name: "replacement function with a bad qualifier", to: "fc2", entries: []*model.FunctionEntry{withDest("hw", "shop/orders", logs)},
			opts:    replace(model.DestinationDoc{Function: "shop/audit", Qualifier: "1a"}),
			wantErr: `map file replacement for "bucket:logs": qualifier name "1a" is not valid on alifc`},
		{name: "replacement ref not in the target's form", to: "fc3", entries: []*model.FunctionEntry{withDest("hw", "orders", logs)},
			opts:    replace(model.DestinationDoc{Ref: "urn:smn:cn-north-4:p:alerts"}),
			wantErr: `map file replacement for "bucket:logs": ref "urn:smn:cn-north-4:p:alerts" is not an Alibaba ARN`},
		{name: "replacement of a kind the target lacks", to: "fc3", entries: []*model.FunctionEntry{withDest("hw", "orders", logs)},
			opts:    replace(model.DestinationDoc{Stream: "s"}),
			wantErr: `map file replacement for "bucket:logs": alifc3 cannot take stream destinations`},
		{name: "replacement topic name with a slash", to: "fc3", entries: []*model.FunctionEntry{withDest("hw", "orders", logs)},
			opts:    replace(model.DestinationDoc{Topic: "a/b"}),
			wantErr: `map file replacement for "bucket:logs": topic name "a/b" has characters`},
		{name: "replacement of no destination", to: "fc3", entries: []*model.FunctionEntry{withDest("hw", "orders", logs)},
			opts:    replace(model.DestinationDoc{}),
			wantErr: `map file replacement for "bucket:logs": it names no destination`},
		{name: "replacement valid on the target", to: "fc2", entries: []*model.FunctionEntry{withDest("hw", "shop/orders", logs)},
			opts: replace(model.DestinationDoc{Function: "shop/audit", Qualifier: "prod"}),
			want: fn("shop/audit", "prod")},

		// A document built in code may hold what no file can.
		{name: "destination of no kind", to: "fc3", entries: []*model.FunctionEntry{withDest("hw", "orders", &model.Destination{Name: "x"})},
			wantErr: `/functions/0/onSuccess: destination "x" of kind "" names no target`},
		{name: "destination of no kind to its own provider", to: "hw", entries: []*model.FunctionEntry{withDest("fc3", "orders", &model.Destination{Kind: "queue!", Name: "x"})},
			wantErr: `/functions/0/onSuccess: destination "x" of kind "queue!" names no target`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, diags := mapping.Migrate(migrationDoc(tc.entries...), tc.to, tc.opts)
			if tc.wantErr != "" {
				found := false
				for _, d := range diags {
					found = found || (d.Severity == model.SeverityError && strings.Contains(d.String(), tc.wantErr))
				}
				if !found || out != nil {
					t.Fatalf("diagnostics %v (document %v), want an error containing %q and no document", diags, out != nil, tc.wantErr)
				}
				return
			}
			if diags.HasErrors() {
				t.Fatalf("unexpected errors: %v", diags)
			}
			if diff := cmp.Diff(tc.want, out.Functions[0].OnSuccess); diff != "" {
				t.Errorf("migrated onSuccess (-want +got):\n%s", diff)
			}
		})
	}
}
