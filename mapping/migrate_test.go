package mapping_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/mapping"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/schemas"
)

func migrationDoc(fns ...*model.FunctionEntry) *model.Document {
	return &model.Document{Version: 1, File: "doc.yaml", Providers: map[string]*model.Provider{
		"hw":  {Name: "hw", Type: model.TypeHuaweiFG, Region: "cn-north-4", ProjectID: "0123456789abcdef0123456789abcdef"},
		"fc2": {Name: "fc2", Type: model.TypeAliFC2, Region: "cn-hangzhou", AccountID: "1234567890123456"},
		"hw2": {Name: "hw2", Type: model.TypeHuaweiFG, Region: "cn-north-4", ProjectID: "0123456789abcdef0123456789abcdef",
			Limits: &model.LimitsOverride{MaxRetryAttempts: &model.Range{Min: 0, Max: 2}}},
		"fc3":  {Name: "fc3", Type: model.TypeAliFC3, Region: "cn-hangzhou", AccountID: "1234567890123456"},
		"fc2b": {Name: "fc2b", Type: model.TypeAliFC2, Region: "cn-shanghai", AccountID: "6543210987654321"},
	}, Functions: fns, Positions: model.Positions{"/functions/0/onFailure": {Line: 12, Column: 7}}}
}

func TestMigrateErrorsAndWarnings(t *testing.T) {
	bucket := &model.FunctionEntry{Provider: "hw", Function: "orders",
		AsyncConfig: model.AsyncConfig{OnFailure: &model.Destination{Kind: model.KindBucket, Name: "logs"}}}
	tests := []struct {
		name    string
		entry   *model.FunctionEntry
		to      string
		opts    *mapping.MigrateOptions
		wantErr string // substring of the first error, "" for success
		want    *model.FunctionEntry
	}{
		{name: "bucket without map entry", entry: bucket, to: "fc3", wantErr: "doc.yaml:12:7: error: /functions/0/onFailure: a bucket destination (logs) has no equivalent on alifc3"},
		{name: "bucket with map entry", entry: bucket, to: "fc3",
			opts: &mapping.MigrateOptions{Map: &mapping.MapFile{Destinations: map[string]model.DestinationDoc{"bucket:logs": {Queue: "logs"}}}},
			want: &model.FunctionEntry{Provider: "fc3", Function: "orders", AsyncConfig: model.AsyncConfig{MaxEventAgeSeconds: model.Int(3600),
				MaxRetryAttempts: model.Int(1), StatusLog: model.Bool(false), OnFailure: &model.Destination{Kind: model.KindQueue, Name: "logs"}}}},
		{name: "age out of range", to: "hw", entry: &model.FunctionEntry{Provider: "fc2", Function: "svc/f", AsyncConfig: model.AsyncConfig{MaxEventAgeSeconds: model.Int(100000)}},
			wantErr: "maxEventAgeSeconds 100000 is outside 1..86400 on huaweifg"},
		{name: "default out of range is named", to: "hw2", entry: &model.FunctionEntry{Provider: "fc2", Function: "svc/f"},
			wantErr: "maxRetryAttempts 3 (the alifc default) is outside 0..2 on huaweifg"},
		{name: "clamp", to: "hw", opts: &mapping.MigrateOptions{Clamp: true},
			entry: &model.FunctionEntry{Provider: "fc2", Function: "svc/f", Qualifier: "prod",
				AsyncConfig: model.AsyncConfig{MaxEventAgeSeconds: model.Int(100000), MaxRetryAttempts: model.Int(8)}},
			want: &model.FunctionEntry{Provider: "hw", Function: "svc/f", Qualifier: "prod", AsyncConfig: model.AsyncConfig{
				MaxEventAgeSeconds: model.Int(86400), MaxRetryAttempts: model.Int(3), StatusLog: model.Bool(false)}}},
		{name: "fc2 needs a service", to: "fc2", entry: &model.FunctionEntry{Provider: "fc3", Function: "f"},
			wantErr: "alifc needs a service"},
		{name: "service from map", to: "fc2", opts: &mapping.MigrateOptions{Map: &mapping.MapFile{Service: "shop"}},
			entry: &model.FunctionEntry{Provider: "fc3", Function: "f", Absent: true},
			want:  &model.FunctionEntry{Provider: "fc2", Function: "shop/f", Absent: true}},
		{name: "queue to huawei", to: "hw", entry: &model.FunctionEntry{Provider: "fc3", Function: "f", AsyncConfig: model.AsyncConfig{MaxEventAgeSeconds: model.Int(60),
			OnSuccess: &model.Destination{Kind: model.KindQueue, Name: "q"}}}, wantErr: "a queue destination (q) has no equivalent on huaweifg"},
		{name: "rename", to: "fc3", opts: &mapping.MigrateOptions{Map: &mapping.MapFile{Functions: map[string]string{"orders": "orders-v2"}}},
			entry: &model.FunctionEntry{Provider: "hw", Function: "orders", Absent: true},
			want:  &model.FunctionEntry{Provider: "fc3", Function: "orders-v2", Absent: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, diags := mapping.Migrate(migrationDoc(tc.entry), tc.to, tc.opts)
			if !checkMigrateErrors(t, diags, tc.wantErr) {
				return
			}
			if diff := cmp.Diff([]*model.FunctionEntry{tc.want}, out.Functions); diff != "" {
				t.Errorf("migrated entry (-want +got):\n%s", diff)
			}
		})
	}
}

// checkMigrateErrors fails the test unless the last of diags is an error
// containing wantErr, or when wantErr is "" there is no error; it reports
// whether the migration succeeded, so that its result can be checked.
func checkMigrateErrors(t *testing.T, diags model.Diagnostics, wantErr string) bool {
	t.Helper()
	if wantErr != "" {
		if !diags.HasErrors() || !strings.Contains(diags[len(diags)-1].String(), wantErr) {
			t.Fatalf("diagnostics %v, want an error containing %q", diags, wantErr)
		}
		return false
	}
	if diags.HasErrors() {
		t.Fatalf("unexpected errors: %v", diags)
	}
	return true
}

// randomHuaweiEntry makes a FunctionGraph entry whose every setting both
// Function Compute versions can represent.
func randomHuaweiEntry(r *rand.Rand, i int) *model.FunctionEntry {
	e := &model.FunctionEntry{Provider: "hw", Function: fmt.Sprintf("fn%d", i)}
	if r.IntN(2) == 0 {
		e.Qualifier = []string{"prod", "v1", "blue"}[r.IntN(3)]
	}
	if r.IntN(4) > 0 {
		e.MaxEventAgeSeconds = model.Int(1 + r.IntN(86400))
	}
	if r.IntN(4) > 0 {
		e.MaxRetryAttempts = model.Int(r.IntN(4))
	}
	if r.IntN(3) > 0 {
		e.StatusLog = model.Bool(r.IntN(2) == 0)
	}
	dest := func() *model.Destination {
		switch r.IntN(3) {
		case 0:
			return &model.Destination{Kind: model.KindFunction, Name: fmt.Sprintf("target%d", r.IntN(5))}
		case 1:
			return &model.Destination{Kind: model.KindTopic, Name: fmt.Sprintf("topic-%d", r.IntN(5))}
		}
		return nil
	}
	e.OnSuccess, e.OnFailure = dest(), dest()
	if r.IntN(10) == 0 {
		e.AsyncConfig, e.Absent = model.AsyncConfig{}, true
	}
	return e
}

func TestMigrateRoundTripPreservesSettings(t *testing.T) {
	hl, _ := schemas.Limits(model.TypeHuaweiFG)
	for seed := range uint64(50) {
		r := rand.New(rand.NewPCG(seed, 7))
		var entries []*model.FunctionEntry
		for i := range 1 + r.IntN(8) {
			entries = append(entries, randomHuaweiEntry(r, i))
		}
		for _, via := range []string{"fc3", "fc2"} {
			doc := migrationDoc(entries...)
			opts := &mapping.MigrateOptions{Map: &mapping.MapFile{Service: "default"}}
			mid, diags := mapping.Migrate(doc, via, opts)
			if diags.HasErrors() {
				t.Fatalf("seed %d: hw → %s: %v", seed, via, diags)
			}
			mid.Providers = doc.Providers
			back, diags := mapping.Migrate(mid, "hw", nil)
			if diags.HasErrors() {
				t.Fatalf("seed %d: %s → hw: %v", seed, via, diags)
			}
			for i, e := range entries {
				got := back.Functions[i]
				if diff := cmp.Diff(model.NormalizeRef(e.Ref(), hl), model.NormalizeRef(got.Ref(), hl)); diff != "" {
					t.Errorf("seed %d via %s: identity (-want +got):\n%s", seed, via, diff)
				}
				if e.Absent != got.Absent {
					t.Errorf("seed %d via %s: absent %v → %v", seed, via, e.Absent, got.Absent)
					continue
				}
				if e.Absent {
					continue
				}
				if diff := cmp.Diff(model.Normalize(&e.AsyncConfig, hl), model.Normalize(&got.AsyncConfig, hl)); diff != "" {
					t.Errorf("seed %d via %s: %s settings (-want +got):\n%s", seed, via, e.Function, diff)
				}
			}
		}
	}
}
