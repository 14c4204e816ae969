package document

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/fnasync/fnasync/mapping"
	"github.com/fnasync/fnasync/model"
)

func TestParseMap(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    *mapping.MapFile
		wantErr string
	}{
		{name: "full", in: "version: 1\nservice: shop\nfunctions: {orders: orders-v2}\nqualifiers: {latest: LATEST}\ndestinations:\n  bucket:logs: {queue: logs}\n",
			want: &mapping.MapFile{Version: 1, Service: "shop", Functions: map[string]string{"orders": "orders-v2"},
				Qualifiers: map[string]string{"latest": "LATEST"}, Destinations: map[string]model.DestinationDoc{"bucket:logs": {Queue: "logs"}}}},
		{name: "unknown key", in: "version: 1\nservise: shop\n", wantErr: "map.yaml:2:1: error: /servise"},
		{name: "bad key", in: "version: 1\ndestinations:\n  logs: {queue: q}\n", wantErr: "map.yaml:3:3: error: /destinations/logs"},
		{name: "two kinds", in: "version: 1\ndestinations:\n  bucket:logs: {queue: q, topic: t}\n", wantErr: "map.yaml:3:16: error: /destinations/bucket:logs: destination sets both"},
		{name: "syntax", in: "version: [1\n", wantErr: "map.yaml:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, diags := ParseMap("map.yaml", []byte(tc.in), nil)
			if tc.wantErr != "" {
				if !diags.HasErrors() || !strings.HasPrefix(diags[0].String(), tc.wantErr) {
					t.Fatalf("diagnostics %v, want one starting %q", diags, tc.wantErr)
				}
				return
			}
			if len(diags) > 0 {
				t.Fatalf("unexpected diagnostics: %v", diags)
			}
			if diff := cmp.Diff(tc.want, got, cmpopts.IgnoreFields(mapping.MapFile{}, "Source")); diff != "" {
				t.Errorf("map (-want +got):\n%s", diff)
			}
			// Source locates the map file's parts for migrate's messages.
			d := got.Source.Locate(model.Diagnostic{Pointer: "/destinations/bucket:logs", AtValue: true})
			if d.File != "map.yaml" || d.Line != 6 || d.Column != 16 {
				t.Errorf("the replacement is located at %s:%d:%d, want map.yaml:6:16", d.File, d.Line, d.Column)
			}
		})
	}
}
