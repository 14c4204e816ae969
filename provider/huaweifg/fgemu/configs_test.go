package fgemu

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestConfigLifecycle(t *testing.T) {
	e := newEnv(t, nil)
	path := fnPath(myURN(":latest"), "async-invoke-config")
	e.do(http.MethodGet, path, "").wantError(t, "get without config", http.StatusNotFound, ConfigNotFoundCode)
	e.do(http.MethodDelete, path, "").wantError(t, "delete without config", http.StatusNotFound, ConfigNotFoundCode)

	param := `{ "prefix":"/p", "bucket":"b1", "expires":0 }`
	body := `{"max_async_event_age_in_seconds":60,"max_async_retry_attempts":0,"enable_async_status_log":false,` +
		`"destination_config":{"on_failure":{"destination":"OBS","param":` + jsonString(param) + `}}}`
	var put map[string]any
	e.do(http.MethodPut, path, body).decode(t, "put", &put)
	e.clock.Advance(time.Minute)
	resp := e.do(http.MethodGet, path, "")
	var got map[string]any
	resp.decode(t, "get", &got)
	want := map[string]any{
		"func_urn": myURN(":latest"), "max_async_event_age_in_seconds": 60.0, "max_async_retry_attempts": 0.0,
		"enable_async_status_log": false, "created_time": "2026-11-24T02:00:00+08:00", "last_modified": "2026-11-23 18:00:00",
		"destination_config": map[string]any{"on_failure": map[string]any{"destination": "OBS", "param": param}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("get mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(put, got); diff != "" {
		t.Errorf("put and get answers differ (-put +get):\n%s", diff)
	}

	// A PUT replaces: what it leaves out takes the defaults; created_time stays.
	e.do(http.MethodPut, path, `{"enable_async_status_log":true}`).decode(t, "second put", &put)
	e.do(http.MethodGet, path, "").decode(t, "get after second put", &got)
	want = map[string]any{
		"func_urn": myURN(":latest"), "max_async_event_age_in_seconds": 3600.0, "max_async_retry_attempts": 1.0,
		"enable_async_status_log": true, "created_time": "2026-11-24T02:00:00+08:00", "last_modified": "2026-11-23 18:01:00",
		"destination_config": map[string]any{},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("replacing put mismatch (-want +got):\n%s", diff)
	}
	if r := e.do(http.MethodDelete, path, ""); r.status != http.StatusNoContent || len(r.body) != 0 {
		t.Fatalf("delete: %d %s", r.status, r.body)
	}
	e.do(http.MethodGet, path, "").wantError(t, "get after delete", http.StatusNotFound, ConfigNotFoundCode)
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func TestConfigValidation(t *testing.T) {
	e := newEnv(t, nil)
	path := fnPath(myURN(":latest"), "async-invoke-config")
	dest := func(service, param string) string {
		return `{"destination_config":{"on_success":{"destination":"` + service + `","param":` + jsonString(param) + `}}}`
	}
	tests := []struct {
		name string
		body string
	}{
		{"empty body", ""},
		{"not json", "{"},
		{"age as string", `{"max_async_event_age_in_seconds":"60"}`},
		{"age -1", `{"max_async_event_age_in_seconds":-1}`}, // seed 004 allows 0
		{"age too long", `{"max_async_event_age_in_seconds":86401}`},
		{"negative retries", `{"max_async_retry_attempts":-1}`},
		{"retries 9", `{"max_async_retry_attempts":9}`},
		{"unknown service", dest("MNS", `{}`)},
		{"param not json", dest("DIS", `stream`)},
		{"param null", dest("DIS", `null`)},
		{"OBS without bucket", dest("OBS", `{"prefix":"p"}`)},
		{"OBS expiry 366", dest("OBS", `{"bucket":"b","expires":366}`)},
		{"OBS fractional expiry", dest("OBS", `{"bucket":"b","expires":1.5}`)},
		{"SMN bad urn", dest("SMN", `{"topic_urn":"alerts"}`)},
		{"DIS empty stream", dest("DIS", `{"stream_name":""}`)},
		{"FunctionGraph bad urn", dest("FunctionGraph", `{"func_urn":"urn:fss:x"}`)},
		{"FunctionGraph urn not a string", dest("FunctionGraph", `{"func_urn":5}`)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e.do(http.MethodPut, path, tc.body).wantError(t, tc.name, http.StatusBadRequest, "FSS.0400")
		})
	}
	for _, good := range []string{`{"max_async_event_age_in_seconds":1,"max_async_retry_attempts":8}`,
		`{"max_async_event_age_in_seconds":86400,"max_async_retry_attempts":0}`, dest("DIS", `{"stream_name":"s"}`),
		dest("FunctionGraph", `{"func_urn":"notify"}`), dest("SMN", `{"topic_urn":"urn:smn:cn-north-4:`+testPID+`:t1"}`)} {
		if r := e.do(http.MethodPut, path, good); r.status != http.StatusOK {
			t.Errorf("PUT %s: %d %s", good, r.status, r.body)
		}
	}
}

func TestResolve(t *testing.T) {
	e := newEnv(t, nil)
	e.do(http.MethodPut, fnPath(myURN(":latest"), "async-invoke-config"), `{"max_async_retry_attempts":3}`).decode(t, "put", &map[string]any{})
	e.do(http.MethodPut, fnPath(myURN(":!prod"), "async-invoke-config"), `{"max_async_retry_attempts":4}`).decode(t, "put alias", &map[string]any{})
	same := []struct {
		urn     string
		retries float64
	}{
		{"my-func", 3}, {"default:my-func", 3}, {testPID + ":default:my-func", 3}, {testPID + ":default:my-func:latest", 3},
		{myURN(""), 3}, {myURN(":latest"), 3}, {myURN(":!prod"), 4}, {testPID + ":default:my-func:!prod", 4},
		{"urn:fss:ap-southeast-1:" + testPID + ":function:default:my-func:latest", 3},
	}
	for _, tc := range same {
		var got configReply
		e.do(http.MethodGet, fnPath(tc.urn, "async-invoke-config"), "").decode(t, tc.urn, &got)
		if float64(got.MaxAsyncRetryAttempts) != tc.retries {
			t.Errorf("%s: retries %d, want %v", tc.urn, got.MaxAsyncRetryAttempts, tc.retries)
		}
	}
	errs := []struct {
		path   string
		status int
		code   string
	}{
		{fnPath(myURN(":v20240101-000000"), "async-invoke-config"), http.StatusNotFound, ConfigNotFoundCode},
		{fnPath(myURN(":2"), "async-invoke-config"), http.StatusNotFound, ConfigNotFoundCode},
		{fnPath("default:other", "async-invoke-config"), http.StatusNotFound, "FSS.1051"},
		{fnPath(myURN(":v9"), "async-invoke-config"), http.StatusNotFound, "FSS.1052"},
		{fnPath(myURN(":prod"), "async-invoke-config"), http.StatusNotFound, "FSS.1052"},
		{fnPath(myURN(":!staging"), "async-invoke-config"), http.StatusNotFound, "FSS.1053"},
		{fnPath("ffffffffffffffffffffffffffffffff:default:my-func", "async-invoke-config"), http.StatusBadRequest, "FSS.1309"},
		{fnPath("urn:fss:cn-north-4:"+testPID+":function:default:my-func:..", "async-invoke-config"), http.StatusBadRequest, "FSS.1309"},
		{fnPath("my-func%2Fx", "async-invoke-config"), http.StatusBadRequest, "FSS.1309"},
		{fnPath(strings.Repeat("a", 270), "async-invoke-config"), http.StatusBadRequest, "FSS.1309"},
		{"/v2/bad-project/fgs/functions/my-func/async-invoke-config", http.StatusBadRequest, "FSS.0400"},
		{fnPath("my-func", "nothing"), http.StatusNotFound, "APIGW.0101"},
		{"/v2/" + testPID + "/fgs/functions/my-func", http.StatusNotFound, "APIGW.0101"},
		{"/v3/" + testPID + "/fgs/functions", http.StatusNotFound, "APIGW.0101"},
	}
	for _, tc := range errs {
		e.do(http.MethodGet, tc.path, "").wantError(t, tc.path, tc.status, tc.code)
	}
	e.do(http.MethodPost, fnPath("my-func", "async-invoke-config"), "{}").wantError(t, "POST config", http.StatusNotFound, "APIGW.0101")
}

func TestListConfigsPaging(t *testing.T) {
	e := newEnv(t, &Options{PageSize: 2})
	quals := []string{":latest", ":v20240101-000000", ":!prod", ":2"}
	for i, q := range quals {
		e.do(http.MethodPut, fnPath(myURN(q), "async-invoke-config"), fmt.Sprintf(`{"max_async_retry_attempts":%d}`, i)).decode(t, "put", &map[string]any{})
	}
	var urns []string
	for marker := 0; ; {
		var page configListReply
		e.do(http.MethodGet, fnPath(myURN(""), "async-invoke-configs")+fmt.Sprintf("?marker=%d&limit=100", marker), "").decode(t, "list", &page)
		if page.Count != 4 || len(page.AsyncInvokeConfigs) > 2 || page.PageInfo.CurrentCount != int64(len(page.AsyncInvokeConfigs)) {
			t.Fatalf("page at %d: %+v", marker, page)
		}
		for _, c := range page.AsyncInvokeConfigs {
			urns = append(urns, c.FuncURN)
		}
		if page.PageInfo.NextMarker >= page.Count {
			break
		}
		marker = int(page.PageInfo.NextMarker)
	}
	want := []string{myURN(":!prod"), myURN(":2"), myURN(":latest"), myURN(":v20240101-000000")}
	if diff := cmp.Diff(want, urns); diff != "" {
		t.Errorf("listed (-want +got):\n%s", diff)
	}
	e.do(http.MethodGet, fnPath(myURN(""), "async-invoke-configs")+"?limit=-1", "").wantError(t, "negative limit", http.StatusBadRequest, "FSS.1001")
	e.do(http.MethodGet, fnPath(myURN(""), "async-invoke-configs")+"?marker=x", "").wantError(t, "bad marker", http.StatusBadRequest, "FSS.1001")
}
