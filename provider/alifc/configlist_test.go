package alifc_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/alifc"
	"github.com/fnasync/fnasync/provider/driver"
)

// fc3Driver opens an FC 3.0 driver in cn-shanghai, account xxx (the API
// documents' examples), on base.
func fc3Driver(t *testing.T, base string) *alifc.Driver {
	t.Helper()
	p := &model.Provider{Name: "ali", Type: model.TypeAliFC3, Region: "cn-shanghai", AccountID: "xxx"}
	d, err := alifc.New(p, (&env{typ: model.TypeAliFC3}).limits(), &alifc.Options{Endpoint: base,
		Credentials: &provider.Credentials{AccessKey: "ak", SecretKey: "sk"}, Retry: &retryOnce})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Close() })
	return d
}

// TestListConfigs3DocumentExample serves the FC 3.0 ListAsyncInvokeConfigs
// example response (the API document's AsyncConfig, whose functionArn has
// the form "acs:fc:cn-shanghai:1234/functions/my-func" and which has no
// qualifier field) verbatim.
func TestListConfigs3DocumentExample(t *testing.T) {
	raw, err := os.ReadFile("../../mapping/testdata/fc/list-async-invoke-configs.json")
	if err != nil {
		t.Fatal(err)
	}
	base, _ := capture(t, string(raw))
	page, err := fc3Driver(t, base).ListAsyncConfigs(context.Background(), "my-func", &driver.ListOptions{})
	if err != nil {
		t.Fatalf("ListAsyncConfigs: %v", err)
	}
	f1 := &model.Destination{Kind: model.KindFunction, Name: "f1"}
	want := &driver.ConfigPage{NextToken: "8bj81uI8n****", Configs: []driver.QualifiedConfig{{
		Ref: model.FunctionRef{Provider: "ali", Function: "my-func", Qualifier: "LATEST"},
		Config: &model.AsyncConfig{MaxEventAgeSeconds: model.Int(3600), MaxRetryAttempts: model.Int(3), StatusLog: model.Bool(true),
			OnSuccess: f1, OnFailure: f1},
	}}}
	if diff := cmp.Diff(want, page); diff != "" {
		t.Errorf("decoded example (-want +got):\n%s", diff)
	}
}

// TestListConfigs3Identity: the qualifier of a listed FC 3.0 config comes
// from its functionArn (colon or slash after the account, /aliases/Q,
// /versions/Q or :Q), an explicit qualifier field wins, other functions'
// configs are left out.
func TestListConfigs3Identity(t *testing.T) {
	const acct = "acs:fc:cn-shanghai:1234"
	cfg := func(arn, extra string) string {
		return `{"functionArn":"` + arn + `","maxAsyncRetryAttempts":1` + extra + `}`
	}
	tests := []struct {
		name    string
		configs []string
		want    []string // qualifiers
		wantErr string
	}{
		{"unqualified", []string{cfg(acct+":functions/fn", "")}, []string{"LATEST"}, ""},
		{"alias", []string{cfg(acct+":functions/fn/aliases/prod", "")}, []string{"prod"}, ""},
		{"version", []string{cfg(acct+"/functions/fn/versions/3", "")}, []string{"3"}, ""},
		{"colon", []string{cfg(acct+":functions/fn:prod", "")}, []string{"prod"}, ""},
		{"qualifier field wins", []string{cfg(acct+":functions/fn", `,"qualifier":"prod"`)}, []string{"prod"}, ""},
		{"other function", []string{cfg(acct+":functions/fn2", ""), cfg(acct+":functions/fn/aliases/a", "")}, []string{"a"}, ""},
		{"no ARN", []string{`{"maxAsyncRetryAttempts":1}`}, []string{"LATEST"}, ""},
		// The driver reports what the cloud said; provider.Client refuses it.
		{"same qualifier twice", []string{cfg(acct+":functions/fn", ""), cfg(acct+"/functions/fn:LATEST", "")}, []string{"LATEST", "LATEST"}, ""},
		{"unreadable ARN", []string{cfg(acct+":services/s/functions/fn", "")}, nil, "names no FC 3.0 function"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, _ := capture(t, `{"configs":[`+strings.Join(tt.configs, ",")+`]}`)
			d := fc3Driver(t, base)
			page, err := d.ListAsyncConfigs(context.Background(), "fn", &driver.ListOptions{})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ListAsyncConfigs: %v, want an error containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ListAsyncConfigs: %v", err)
			}
			var got []string
			for _, c := range page.Configs {
				got = append(got, c.Ref.Qualifier)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("qualifiers (-want +got):\n%s", diff)
			}
		})
	}
}
