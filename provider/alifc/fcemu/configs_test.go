package fcemu_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/provider/alifc/fcemu"
	"github.com/fnasync/fnasync/provider/emukit"
)

const (
	cfg2 = "/2021-04-06/services/svc/functions/fn/async-invoke-config"
	cfg3 = "/2023-03-30/functions/fn/async-invoke-config"
	q1   = "acs:mns:cn-hangzhou:1:/queues/q1/messages"
	f2   = "acs:fc:cn-hangzhou:1:services/s2.LATEST/functions/f2"
)

type fixture struct {
	s       *fcemu.Server
	c       *client
	log     *emukit.Log
	changes *atomic.Int32
}

func newFixture(t *testing.T, opts *fcemu.Options) *fixture {
	f := &fixture{log: &emukit.Log{}, changes: &atomic.Int32{}}
	o := fcemu.Options{}
	if opts != nil {
		o = *opts
	}
	o.Log, o.OnChange = f.log, func() { f.changes.Add(1) }
	s, base := fcemu.NewTestServer(t, &o)
	f.s = s
	now := time.Now
	if o.Clock != nil {
		now = o.Clock
	}
	f.c = newClient(t, base, now)
	for _, a := range []struct{ v, fn string }{{fcemu.Version2, "svc/fn"}, {fcemu.Version2, "svc/g"}, {fcemu.Version2, "other/h"}, {fcemu.Version3, "fn"}, {fcemu.Version3, "g"}} {
		if err := s.AddFunction(a.v, "", a.fn, "1", "prod"); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// settings picks the settable fields of a config response.
func settings(b map[string]any) map[string]any {
	out := map[string]any{}
	for _, k := range []string{"destinationConfig", "maxAsyncEventAgeInSeconds", "maxAsyncRetryAttempts", "statefulInvocation", "asyncTask", "qualifier"} {
		if v, ok := b[k]; ok {
			out[k] = v
		}
	}
	return out
}

func jsonMap(s string) map[string]any {
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		panic(err)
	}
	return m
}

// TestPutMergesOn2ReplacesOn3: the second PUT sends only some fields.
func TestPutMergesOn2ReplacesOn3(t *testing.T) {
	first := `{"destinationConfig":{"onSuccess":{"destination":"` + q1 + `"},"onFailure":{"destination":"%s"}},"maxAsyncEventAgeInSeconds":300,"maxAsyncRetryAttempts":0,"%s":true}`
	second := `{"destinationConfig":{"onSuccess":null},"maxAsyncRetryAttempts":5}`
	tests := []struct {
		path, flag, fnARN, want string
	}{
		{cfg2, "statefulInvocation", f2, `{"destinationConfig":{"onSuccess":{"destination":"` + q1 + `"},"onFailure":{"destination":"` + f2 + `"}},"maxAsyncEventAgeInSeconds":300,"maxAsyncRetryAttempts":5,"statefulInvocation":true,"qualifier":"LATEST"}`},
		{cfg3, "asyncTask", "acs:fc:cn-hangzhou:1:functions/f2", `{"destinationConfig":{"onSuccess":null,"onFailure":null},"maxAsyncEventAgeInSeconds":86400,"maxAsyncRetryAttempts":5,"asyncTask":false}`},
	}
	for _, tt := range tests {
		f := newFixture(t, nil)
		if r := f.c.do("PUT", tt.path, fmt.Sprintf(first, tt.fnARN, tt.flag)); r.Status != 200 {
			t.Fatalf("%s first PUT: %d %v", tt.path, r.Status, r.Body)
		}
		r := f.c.do("PUT", tt.path, second)
		if r.Status != 200 {
			t.Fatalf("%s second PUT: %d %v", tt.path, r.Status, r.Body)
		}
		got := f.c.do("GET", tt.path, "")
		if diff := cmp.Diff(jsonMap(tt.want), settings(got.Body)); diff != "" {
			t.Errorf("%s after a partial PUT (-want +got):\n%s", tt.path, diff)
		}
		if diff := cmp.Diff(settings(r.Body), settings(got.Body)); diff != "" {
			t.Errorf("%s: PUT answer and GET differ:\n%s", tt.path, diff)
		}
		if f.changes.Load() != 2 {
			t.Errorf("OnChange called %d times, want 2", f.changes.Load())
		}
	}
}

func TestConfigErrors(t *testing.T) {
	tests := []struct {
		name, method, path, body string
		status                   int
		code                     string
	}{
		{"age max 2.0", "PUT", cfg2, `{"maxAsyncEventAgeInSeconds":2592000}`, 200, ""},
		{"age over 2.0", "PUT", cfg2, `{"maxAsyncEventAgeInSeconds":2592001}`, 400, "InvalidArgument"},
		{"age max 3.0", "PUT", cfg3, `{"maxAsyncEventAgeInSeconds":604800}`, 200, ""},
		{"age over 3.0", "PUT", cfg3, `{"maxAsyncEventAgeInSeconds":604801}`, 400, "InvalidArgument"},
		{"age zero", "PUT", cfg3, `{"maxAsyncEventAgeInSeconds":0}`, 400, "InvalidArgument"},
		{"retries 8", "PUT", cfg2, `{"maxAsyncRetryAttempts":8}`, 200, ""},
		{"retries 9", "PUT", cfg2, `{"maxAsyncRetryAttempts":9}`, 400, "InvalidArgument"},
		{"retries -1", "PUT", cfg3, `{"maxAsyncRetryAttempts":-1}`, 400, "InvalidArgument"},
		{"wrong type", "PUT", cfg3, `{"maxAsyncRetryAttempts":"1"}`, 400, "InvalidArgument"},
		{"not JSON", "PUT", cfg2, `{`, 400, "InvalidArgument"},
		{"bad ARN", "PUT", cfg2, `{"destinationConfig":{"onFailure":{"destination":"queue-1"}}}`, 400, "InvalidArgument"},
		{"empty ARN", "PUT", cfg2, `{"destinationConfig":{"onFailure":{"destination":""}}}`, 400, "InvalidArgument"},
		{"2.0 ARN on 3.0", "PUT", cfg3, `{"destinationConfig":{"onFailure":{"destination":"` + f2 + `"}}}`, 400, "InvalidArgument"},
		{"eventbridge", "PUT", cfg3, `{"destinationConfig":{"onFailure":{"destination":"acs:eventbridge:cn-hangzhou:1:eventbus/default"}}}`, 200, ""},
		{"rocketmq", "PUT", cfg2, `{"destinationConfig":{"onFailure":{"destination":"acs:mq:cn-hangzhou:1:/instances/i-1/topic/t1"}}}`, 200, ""},
		{"no config", "GET", cfg2, "", 404, "AsyncConfigNotExists"},
		{"delete no config", "DELETE", cfg3, "", 404, "AsyncConfigNotExists"},
		{"unknown service", "GET", "/2021-04-06/services/nosvc/functions/fn/async-invoke-config", "", 404, "ServiceNotFound"},
		{"unknown function 2.0", "GET", "/2021-04-06/services/svc/functions/nofn/async-invoke-config", "", 404, "FunctionNotFound"},
		{"unknown function 3.0", "PUT", "/2023-03-30/functions/nofn/async-invoke-config", `{}`, 404, "FunctionNotFound"},
		{"unknown version", "GET", cfg2 + "?qualifier=7", "", 404, "VersionNotFound"},
		{"unknown alias", "GET", "/2021-04-06/services/svc.test/functions/fn/async-invoke-config", "", 404, "AliasNotFound"},
		{"qualifiers disagree", "GET", "/2021-04-06/services/svc.prod/functions/fn/async-invoke-config?qualifier=1", "", 400, "InvalidArgument"},
		{"bad function name", "GET", "/2023-03-30/functions/f%2F..%2Fx/async-invoke-config", "", 400, "InvalidArgument"},
		{"bad qualifier", "GET", cfg3 + "?qualifier=a%20b", "", 400, "InvalidArgument"},
		{"unknown path", "GET", "/2023-03-30/functions/fn/triggers", "", 404, "PathNotSupported"},
		{"wrong method", "POST", cfg3, "", 404, "PathNotSupported"},
		{"unclean path", "GET", "/2023-03-30/functions/x/../fn/async-invoke-config", "", 404, "PathNotSupported"},
		{"other version", "GET", "/2016-08-15/services/svc/functions/fn/async-invoke-config", "", 404, "AsyncConfigNotExists"},
		{"bad limit", "GET", "/2023-03-30/async-invoke-configs?limit=101", "", 400, "InvalidArgument"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, nil)
			r := f.c.do(tt.method, tt.path, tt.body)
			if r.Status != tt.status || r.code() != tt.code {
				t.Errorf("%s %s: %d %v, want %d %s", tt.method, tt.path, r.Status, r.Body, tt.status, tt.code)
			}
			if want := int32(0); tt.status == 200 && tt.method == "PUT" {
				want = 1
				if f.changes.Load() != want {
					t.Errorf("OnChange called %d times, want %d", f.changes.Load(), want)
				}
			} else if f.changes.Load() != 0 {
				t.Errorf("OnChange called after a failed request")
			}
		})
	}
}

// TestQualifierStyles: FC 2.0's "services/svc.q" path and ?qualifier=q
// address the same config; the 2016-08-15 prefix too.
func TestQualifierStyles(t *testing.T) {
	f := newFixture(t, nil)
	if r := f.c.do("PUT", "/2016-08-15/services/svc.prod/functions/fn/async-invoke-config", `{"maxAsyncRetryAttempts":1}`); r.Status != 200 {
		t.Fatalf("PUT: %d %v", r.Status, r.Body)
	}
	r := f.c.do("GET", cfg2+"?qualifier=prod", "")
	if r.Status != 200 || r.Body["maxAsyncRetryAttempts"] != 1.0 || r.Body["qualifier"] != "prod" || r.Body["service"] != "svc" || r.Body["function"] != "fn" {
		t.Errorf("GET ?qualifier=prod: %d %v", r.Status, r.Body)
	}
	if r := f.c.do("GET", cfg2, ""); r.Status != 404 {
		t.Errorf("LATEST has no config, got %d", r.Status)
	}
	if r := f.c.do("DELETE", "/2021-04-06/services/svc.prod/functions/fn/async-invoke-config", ""); r.Status != 204 {
		t.Errorf("DELETE: %d %v", r.Status, r.Body)
	}
	if r := f.c.do("GET", cfg2+"?qualifier=prod", ""); r.code() != "AsyncConfigNotExists" {
		t.Errorf("after DELETE: %d %v", r.Status, r.Body)
	}
}

// TestListConfigsPaging lists the configs of every qualifier page by page:
// FC 2.0 names the qualifier in qualifier, FC 3.0 (which has no such
// field) in functionArn.
func TestListConfigsPaging(t *testing.T) {
	const arn3 = "acs:fc:cn-hangzhou:" + fcemu.DefaultAccountID + ":functions/fn"
	for _, tt := range []struct {
		cfg, list, flag, key string
		want                 []string
	}{
		{cfg2, "/2021-04-06/services/svc/functions/fn/async-invoke-configs?limit=2", "statefulInvocation", "qualifier",
			[]string{"1", "LATEST", "prod"}},
		{cfg3, "/2023-03-30/async-invoke-configs?functionName=fn&limit=2", "asyncTask", "functionArn",
			[]string{arn3 + "/versions/1", arn3, arn3 + "/aliases/prod"}},
	} {
		f := newFixture(t, nil)
		for _, q := range []string{"LATEST", "1", "prod"} {
			if r := f.c.do("PUT", tt.cfg+"?qualifier="+q, `{"maxAsyncRetryAttempts":2}`); r.Status != 200 {
				t.Fatal(r.Body)
			}
		}
		var got []string
		token := ""
		for range 5 {
			path := tt.list
			if token != "" {
				path += "&nextToken=" + token
			}
			r := f.c.do("GET", path, "")
			for _, c := range r.Body["configs"].([]any) {
				m := c.(map[string]any)
				if _, ok := m[tt.flag]; !ok {
					t.Errorf("config %v has no %s", m, tt.flag)
				}
				if _, ok := m["qualifier"]; ok != (tt.key == "qualifier") {
					t.Errorf("config %v: has a qualifier field: %v", m, ok)
				}
				got = append(got, fmt.Sprint(m[tt.key]))
			}
			token, _ = r.Body["nextToken"].(string)
			if token == "" {
				break
			}
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: qualifiers (-want +got):\n%s", tt.list, diff)
		}
	}
}

// TestListFunctions pages services and functions.
func TestListFunctions(t *testing.T) {
	f := newFixture(t, nil)
	names := func(path, list, key string) []string {
		var out []string
		token := ""
		for range 10 {
			p := path
			if token != "" {
				p += "&nextToken=" + token
			}
			r := f.c.do("GET", p, "")
			if r.Status != 200 {
				t.Fatalf("%s: %d %v", p, r.Status, r.Body)
			}
			for _, it := range r.Body[list].([]any) {
				out = append(out, it.(map[string]any)[key].(string))
			}
			if token, _ = r.Body["nextToken"].(string); token == "" {
				return out
			}
		}
		return out
	}
	for _, tt := range []struct {
		path, list, key string
		want            []string
	}{
		{"/2021-04-06/services?limit=1", "services", "serviceName", []string{"other", "svc"}},
		{"/2021-04-06/services/svc/functions?limit=1", "functions", "functionName", []string{"fn", "g"}},
		{"/2023-03-30/functions?limit=1", "functions", "functionName", []string{"fn", "g"}},
		{"/2023-03-30/functions?limit=5&prefix=g", "functions", "functionName", []string{"g"}},
	} {
		if diff := cmp.Diff(tt.want, names(tt.path, tt.list, tt.key)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.path, diff)
		}
	}
	if r := f.c.do("GET", "/2021-04-06/services/nosvc/functions", ""); r.code() != "ServiceNotFound" {
		t.Errorf("functions of an unknown service: %d %v", r.Status, r.Body)
	}
	if !strings.Contains(fmt.Sprint(f.log.Requests()), "ListServices") {
		t.Errorf("log has no ListServices: %v", f.log.Requests())
	}
}
