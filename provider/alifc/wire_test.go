package alifc_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/alifc"
	"github.com/fnasync/fnasync/provider/driver"
	"github.com/fnasync/fnasync/provider/emukit"
)

// captured is one request as it reached the wire.
type captured struct {
	Method string
	Path   string
	Query  url.Values
	Header http.Header
	Body   string
}

// capture starts a loopback server that records requests and answers
// each with body (status 200, 202 for an invocation, 204 for a delete);
// a body of {} stands for the least answer of each operation.
func capture(t *testing.T, body string) (string, func() []captured) {
	var mu sync.Mutex
	var got []captured
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, captured{r.Method, r.URL.Path, r.URL.Query(), r.Header.Clone(), string(b)})
		mu.Unlock()
		w.Header().Set("X-Fc-Request-Id", "req-1")
		answer := body
		switch {
		case strings.HasSuffix(r.URL.Path, "/invocations"):
			w.WriteHeader(http.StatusAccepted)
			return
		case r.Method == http.MethodDelete:
			w.WriteHeader(http.StatusNoContent)
			return
		case body != "{}":
		case strings.HasSuffix(r.URL.Path, "/async-invoke-config"):
			answer = `{"maxAsyncRetryAttempts":3}`
		case r.Method == http.MethodGet:
			answer = `{"configs":[],"functions":[],"services":[],"invocations":[],"tasks":[]}`
		}
		_, _ = io.WriteString(w, answer)
	}))
	t.Cleanup(ts.Close)
	return ts.URL, func() []captured { mu.Lock(); defer mu.Unlock(); return append([]captured(nil), got...) }
}

// TestSeedExampleResponse serves the example response of the FC 2.0
// GetFunctionAsyncInvokeConfig document verbatim.
func TestSeedExampleResponse(t *testing.T) {
	raw, err := os.ReadFile("../../mapping/testdata/fc/get-function-async-invoke-config.json")
	if err != nil {
		t.Fatal(err)
	}
	base, _ := capture(t, string(raw))
	fn := &model.Destination{Kind: model.KindFunction, Name: "s1/f1"}
	ref := &model.Destination{Kind: model.KindRef, Name: "acs:fc:cn-shanghai:xxx:services/s1/functions/f1"}
	for _, tt := range []struct {
		account string
		dest    *model.Destination
	}{{"xxx", fn}, {testAccount, ref}} {
		p := &model.Provider{Name: "ali", Type: model.TypeAliFC2, Region: "cn-shanghai", AccountID: tt.account}
		l := (&env{typ: model.TypeAliFC2}).limits()
		d, err := alifc.New(p, l, &alifc.Options{Endpoint: base, Credentials: &provider.Credentials{AccessKey: "ak", SecretKey: "sk"}})
		if err != nil {
			t.Fatal(err)
		}
		got, err := provider.NewClient(d).Get(context.Background(), model.FunctionRef{Function: "demo-service/helloworld", Qualifier: "test"})
		if err != nil {
			t.Fatalf("Get: %v", err)
		}
		want := &model.AsyncConfig{MaxEventAgeSeconds: model.Int(300), MaxRetryAttempts: model.Int(3), StatusLog: model.Bool(true),
			OnSuccess: tt.dest, OnFailure: tt.dest}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("account %s: decoded seed example (-want +got):\n%s", tt.account, diff)
		}
	}
}

// TestWireRequests checks what each operation puts on the wire.
func TestWireRequests(t *testing.T) {
	cfg := &model.AsyncConfig{MaxEventAgeSeconds: model.Int(300), MaxRetryAttempts: model.Int(0), StatusLog: model.Bool(false),
		OnFailure: &model.Destination{Kind: model.KindQueue, Name: "dlq"}}
	dlq := `{"destination":"acs:mns:cn-hangzhou:` + testAccount + `:/queues/dlq/messages"}`
	const fc2, fc3 = "/2021-04-06/services/svc/functions/fn", "/2023-03-30/functions/fn"
	from := time.UnixMilli(1718070000000)
	type op func(context.Context, *alifc.Driver, model.FunctionRef) error
	tests := []struct {
		name   string
		typ    string
		op     op
		method string
		path   string
		query  string
		body   string
		header map[string]string
	}{
		{"get2", model.TypeAliFC2, func(ctx context.Context, d *alifc.Driver, fn model.FunctionRef) error {
			_, err := d.GetAsyncConfig(ctx, fn)
			return err
		}, "GET", fc2 + "/async-invoke-config", "qualifier=LATEST", "", map[string]string{"X-Acs-Action": "GetFunctionAsyncInvokeConfig"}},
		{"put2", model.TypeAliFC2, func(ctx context.Context, d *alifc.Driver, fn model.FunctionRef) error {
			return d.PutAsyncConfig(ctx, fn, cfg)
		}, "PUT", fc2 + "/async-invoke-config", "qualifier=LATEST",
			`{"destinationConfig":{"onSuccess":null,"onFailure":` + dlq + `},"maxAsyncEventAgeInSeconds":300,"maxAsyncRetryAttempts":0,"statefulInvocation":false}`, nil},
		{"put3", model.TypeAliFC3, func(ctx context.Context, d *alifc.Driver, fn model.FunctionRef) error {
			return d.PutAsyncConfig(ctx, fn, cfg)
		}, "PUT", fc3 + "/async-invoke-config", "qualifier=LATEST",
			`{"destinationConfig":{"onSuccess":null,"onFailure":` + dlq + `},"maxAsyncEventAgeInSeconds":300,"maxAsyncRetryAttempts":0,"asyncTask":false}`,
			map[string]string{"X-Acs-Action": "PutAsyncInvokeConfig"}},
		{"delete3", model.TypeAliFC3, func(ctx context.Context, d *alifc.Driver, fn model.FunctionRef) error {
			return d.DeleteAsyncConfig(ctx, fn)
		}, "DELETE", fc3 + "/async-invoke-config", "qualifier=LATEST", "", nil},
		{"listConfigs2", model.TypeAliFC2, func(ctx context.Context, d *alifc.Driver, fn model.FunctionRef) error {
			_, err := d.ListAsyncConfigs(ctx, fn.Function, &driver.ListOptions{PageToken: "t 1"})
			return err
		}, "GET", fc2 + "/async-invoke-configs", "limit=2&nextToken=t+1", "", nil},
		{"listConfigs3", model.TypeAliFC3, func(ctx context.Context, d *alifc.Driver, fn model.FunctionRef) error {
			_, err := d.ListAsyncConfigs(ctx, fn.Function, &driver.ListOptions{})
			return err
		}, "GET", "/2023-03-30/async-invoke-configs", "functionName=fn&limit=2", "", nil},
		{"listFunctions3", model.TypeAliFC3, func(ctx context.Context, d *alifc.Driver, _ model.FunctionRef) error {
			_, err := d.ListFunctions(ctx, &driver.ListOptions{})
			return err
		}, "GET", "/2023-03-30/functions", "limit=2", "", nil},
		{"listServices2", model.TypeAliFC2, func(ctx context.Context, d *alifc.Driver, _ model.FunctionRef) error {
			_, err := d.ListFunctions(ctx, &driver.ListOptions{})
			return err
		}, "GET", "/2021-04-06/services", "limit=2", "", map[string]string{"X-Acs-Action": "ListServices"}},
		{"listInvocations2", model.TypeAliFC2, func(ctx context.Context, d *alifc.Driver, fn model.FunctionRef) error {
			_, err := d.ListInvocations(ctx, fn, &driver.InvocationOptions{ID: "job-", From: from, Statuses: []model.InvocationStatus{model.StatusRunning}})
			return err
		}, "GET", fc2 + "/stateful-async-invocations",
			"invocationIdPrefix=job-&limit=2&qualifier=LATEST&sortOrderByTime=desc&startedTimeBegin=1718070000000&status=Running", "", nil},
		{"listTasks3", model.TypeAliFC3, func(ctx context.Context, d *alifc.Driver, fn model.FunctionRef) error {
			_, err := d.ListInvocations(ctx, fn, &driver.InvocationOptions{ID: "job-", Statuses: []model.InvocationStatus{model.StatusQueued}})
			return err
		}, "GET", fc3 + "/async-tasks", "limit=2&prefix=job-&qualifier=LATEST&sortOrderByTime=desc", "", nil},
		{"stop2", model.TypeAliFC2, func(ctx context.Context, d *alifc.Driver, fn model.FunctionRef) error {
			return d.StopInvocation(ctx, fn, "job-1")
		}, "PUT", fc2 + "/stateful-async-invocations/job-1", "qualifier=LATEST", "", map[string]string{"X-Acs-Action": "StopStatefulAsyncInvocation"}},
		{"stop3", model.TypeAliFC3, func(ctx context.Context, d *alifc.Driver, fn model.FunctionRef) error {
			return d.StopInvocation(ctx, fn, "job-1")
		}, "PUT", fc3 + "/async-tasks/job-1/stop", "qualifier=LATEST", "", nil},
		{"invoke2", model.TypeAliFC2, func(ctx context.Context, d *alifc.Driver, fn model.FunctionRef) error {
			_, err := d.Invoke(ctx, fn, []byte(`{"a":1}`))
			return err
		}, "POST", fc2 + "/invocations", "qualifier=prod", `{"a":1}`, map[string]string{"X-Fc-Invocation-Type": "Async"}},
		{"invoke3", model.TypeAliFC3, func(ctx context.Context, d *alifc.Driver, fn model.FunctionRef) error {
			_, err := d.Invoke(ctx, fn, []byte(`{}`))
			return err
		}, "POST", fc3 + "/invocations", "qualifier=prod", `{}`, map[string]string{"X-Fc-Invocation-Type": "Async"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, requests := capture(t, `{}`)
			e := &env{typ: tt.typ, url: base}
			fn := model.FunctionRef{Function: "fn"}
			if tt.typ == model.TypeAliFC2 {
				fn.Function = "svc/fn"
			}
			if strings.HasPrefix(tt.name, "invoke") {
				fn.Qualifier = "prod"
			}
			if err := tt.op(context.Background(), e.driver(t, nil), fn); err != nil {
				t.Fatalf("operation: %v", err)
			}
			reqs := requests()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			r := reqs[0]
			version := map[string]string{model.TypeAliFC2: "2021-04-06", model.TypeAliFC3: "2023-03-30"}[tt.typ]
			wantHeader := map[string]string{"Content-Type": "application/json", "X-Acs-Version": version,
				"X-Fc-Account-Id": testAccount, "X-Fnasync-Call": ""}
			for k, v := range tt.header {
				wantHeader[k] = v
			}
			for k, v := range wantHeader {
				if g := r.Header.Get(k); g != v {
					t.Errorf("header %s = %q, want %q", k, g, v)
				}
			}
			if !strings.HasPrefix(r.Header.Get("Authorization"), "acs "+emukit.DefaultAccessKey+":") {
				t.Errorf("Authorization = %q, want the acs scheme", r.Header.Get("Authorization"))
			}
			if strings.HasPrefix(tt.name, "invoke") {
				id := r.Header.Get(map[string]string{model.TypeAliFC2: "X-Fc-Stateful-Async-Invocation-Id", model.TypeAliFC3: "X-Fc-Async-Task-Id"}[tt.typ])
				if !strings.HasPrefix(id, "fnasync-") {
					t.Errorf("invocation id header = %q", id)
				}
			}
			wantQuery, _ := url.ParseQuery(tt.query)
			got := captured{Method: r.Method, Path: r.Path, Query: r.Query, Body: r.Body}
			want := captured{Method: tt.method, Path: tt.path, Query: wantQuery, Body: tt.body}
			if diff := cmp.Diff(want, got, cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".Header" }, cmp.Ignore())); diff != "" {
				t.Errorf("request mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestLatestDestinationMatchesDocument: a live FC 2.0 config whose
// destination is "services/s2.LATEST/functions/f2" (a form seen on the
// wire) compares equal to a document's {function: s2/f2}, so it shows no
// diff.
func TestLatestDestinationMatchesDocument(t *testing.T) {
	base, _ := capture(t, `{"destinationConfig":{"onSuccess":null,"onFailure":{"destination":"acs:fc:cn-hangzhou:`+testAccount+
		`:services/s2.LATEST/functions/f2"}},"maxAsyncEventAgeInSeconds":86400,"maxAsyncRetryAttempts":3,"statefulInvocation":false}`)
	c := provider.NewClient((&env{typ: model.TypeAliFC2, url: base}).driver(t, nil))
	live, err := c.Get(context.Background(), model.FunctionRef{Function: "svc/fn"})
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	doc := c.Normalize(&model.AsyncConfig{OnFailure: &model.Destination{Kind: model.KindFunction, Name: "s2/f2"}})
	if diff := cmp.Diff(doc, live); diff != "" {
		t.Errorf("document vs live (-document +live):\n%s", diff)
	}
}
