package huaweifg_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/mapping"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider/driver"
	"github.com/fnasync/fnasync/provider/huaweifg"
)

// captured is one request as it reached the server.
type captured struct {
	method, uri, path string
	header            http.Header
	body              []byte
}

// capture serves canned successes and records every request.
func capture(t *testing.T) (string, func() []captured) {
	t.Helper()
	var mu sync.Mutex
	var reqs []captured
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		reqs = append(reqs, captured{r.Method, r.RequestURI, r.URL.Path, r.Header.Clone(), b})
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Method == http.MethodDelete:
			w.WriteHeader(http.StatusNoContent)
		case strings.HasSuffix(r.URL.Path, "/invocations-async"):
			w.WriteHeader(http.StatusAccepted)
			_, _ = w.Write([]byte(`{"request_id":"r-1"}`))
		case strings.HasSuffix(r.URL.Path, "/cancel"):
			_, _ = w.Write([]byte(`null`))
		case strings.HasSuffix(r.URL.Path, "/async-invoke-configs"):
			_, _ = w.Write([]byte(`{"async_invoke_configs":[],"count":0}`))
		case strings.HasSuffix(r.URL.Path, "/async-invocations"):
			_, _ = w.Write([]byte(`{"invocations":[],"count":0}`))
		case strings.HasSuffix(r.URL.Path, "/functions"):
			_, _ = w.Write([]byte(`{"functions":[],"count":0}`))
		default:
			_, _ = w.Write([]byte(`{"max_async_retry_attempts":0}`))
		}
	}))
	t.Cleanup(ts.Close)
	return ts.URL, func() []captured {
		mu.Lock()
		defer mu.Unlock()
		return append([]captured(nil), reqs...)
	}
}

// decodeBody decodes a JSON body keeping numbers as json.Number, and
// every destination param (which must be a string) parsed.
func decodeBody(t *testing.T, b []byte) map[string]any {
	t.Helper()
	if !bytes.HasSuffix(b, []byte("\n")) {
		t.Errorf("body %q does not end with the SDK's newline", b)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("body %s: %v", b, err)
	}
	if dc, ok := m["destination_config"].(map[string]any); ok {
		for _, half := range dc {
			h := half.(map[string]any)
			s, ok := h["param"].(string)
			if !ok {
				t.Fatalf("param %v is a %T, want a JSON string", h["param"], h["param"])
			}
			var p any
			pd := json.NewDecoder(strings.NewReader(s))
			pd.UseNumber()
			if err := pd.Decode(&p); err != nil {
				t.Fatalf("param %q: %v", s, err)
			}
			h["param"] = p
		}
	}
	return m
}

// TestRequestShapes checks the requests the adapter sends: documented
// paths and query keys, the complete PUT body with JSON types (0 and
// false present, param a string), no internal header on the wire.
func TestRequestShapes(t *testing.T) {
	url, got := capture(t)
	d := (&env{}).driver(t, &huaweifg.Options{Endpoint: url})
	ctx := context.Background()
	fn := model.FunctionRef{Function: "orders"}
	cfg := &model.AsyncConfig{MaxRetryAttempts: model.Int(0), StatusLog: model.Bool(false),
		OnSuccess: &model.Destination{Kind: model.KindFunction, Name: "shop/notify", Qualifier: "prod"},
		OnFailure: &model.Destination{Kind: model.KindBucket, Name: "logs", Prefix: "async/", ExpireDays: model.Int(7)}}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(d.PutAsyncConfig(ctx, fn, cfg))
	must(d.PutAsyncConfig(ctx, model.FunctionRef{Function: "shop/orders", Qualifier: "prod"}, &model.AsyncConfig{
		OnSuccess: &model.Destination{Kind: model.KindTopic, Name: "alerts"}, OnFailure: &model.Destination{Kind: model.KindStream, Name: "events"}}))
	must(d.DeleteAsyncConfig(ctx, model.FunctionRef{Function: "orders", Qualifier: "v20240101-000000"}))
	_, err := d.ListAsyncConfigs(ctx, "orders", &driver.ListOptions{})
	must(err)
	_, err = d.ListFunctions(ctx, &driver.ListOptions{PageToken: "4"})
	must(err)
	from, to := time.Date(2024, 5, 30, 21, 0, 0, 0, time.FixedZone("CST", 8*3600)), time.Date(2024, 5, 30, 15, 0, 0, 0, time.UTC)
	_, err = d.ListInvocations(ctx, fn, &driver.InvocationOptions{Statuses: []model.InvocationStatus{model.StatusFailed}, ID: "r-1", From: from, To: to, PageSize: 50})
	must(err)
	must(d.StopInvocation(ctx, fn, "r-1"))
	id, err := d.Invoke(ctx, fn, []byte(`{"n":1,"fnasyncOutcome":"fail"}`))
	if err != nil || id != "r-1" {
		t.Fatalf("Invoke = %q, %v", id, err)
	}

	base := "/v2/" + testPID + "/fgs/functions"
	urn := "urn:fss:" + testRegion + ":" + testPID + ":function:"
	type shape struct{ Method, Path, Query string }
	want := []shape{
		{"PUT", base + "/" + urn + "default:orders:latest/async-invoke-config", ""},
		{"PUT", base + "/" + urn + "shop:orders:!prod/async-invoke-config", ""},
		{"DELETE", base + "/" + urn + "default:orders:v20240101-000000/async-invoke-config", ""},
		{"GET", base + "/" + urn + "default:orders/async-invoke-configs", "limit=100&marker=0"},
		{"GET", base, "marker=4&maxitems=400"},
		{"GET", base + "/" + urn + "default:orders:latest/async-invocations",
			"limit=50&marker=0&query_begin_time=2024-05-30T13%3A00%3A00&query_end_time=2024-05-30T15%3A00%3A00&request_id=r-1&status=FAIL"},
		{"POST", base + "/" + urn + "default:orders:latest/cancel", ""},
		{"POST", base + "/" + urn + "default:orders:latest/invocations-async", ""},
	}
	reqs := got()
	var shapes []shape
	for _, r := range reqs {
		_, q, _ := strings.Cut(r.uri, "?")
		shapes = append(shapes, shape{r.method, r.path, q})
		if r.header.Get("Content-Type") != "application/json" || r.header.Get("X-Project-Id") != testPID ||
			!strings.HasPrefix(r.header.Get("Authorization"), "SDK-HMAC-SHA256 Access=") || r.header.Get("X-Sdk-Date") == "" {
			t.Errorf("%s %s: headers %v", r.method, r.path, r.header)
		}
		for k := range r.header {
			if strings.Contains(strings.ToLower(k), "fnasync") {
				t.Errorf("%s %s: internal header %s reached the wire", r.method, r.path, k)
			}
		}
	}
	if diff := cmp.Diff(want, shapes); diff != "" {
		t.Fatalf("requests (-want +got):\n%s", diff)
	}

	body := func(s string) map[string]any {
		var m map[string]any
		dec := json.NewDecoder(strings.NewReader(s))
		dec.UseNumber()
		if err := dec.Decode(&m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	bodies := []map[string]any{
		body(`{"max_async_event_age_in_seconds":3600,"max_async_retry_attempts":0,"enable_async_status_log":false,"destination_config":{
			"on_success":{"destination":"FunctionGraph","param":{"func_urn":"` + urn + `shop:notify:!prod"}},
			"on_failure":{"destination":"OBS","param":{"bucket":"logs","prefix":"async/","expires":7}}}}`),
		body(`{"max_async_event_age_in_seconds":3600,"max_async_retry_attempts":1,"enable_async_status_log":false,"destination_config":{
			"on_success":{"destination":"SMN","param":{"topic_urn":"urn:smn:` + testRegion + `:` + testPID + `:alerts"}},
			"on_failure":{"destination":"DIS","param":{"stream_name":"events"}}}}`),
	}
	for i, b := range bodies {
		if diff := cmp.Diff(b, decodeBody(t, reqs[i].body)); diff != "" {
			t.Errorf("PUT body %d (-want +got):\n%s", i, diff)
		}
	}
	for i, r := range reqs[2:6] {
		if len(r.body) != 0 {
			t.Errorf("request %d has a body: %q", i+2, r.body)
		}
	}
	if diff := cmp.Diff(body(`{"request_id":"r-1","type":"force"}`), decodeBody(t, reqs[6].body)); diff != "" {
		t.Errorf("cancel body (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(body(`{"fnasyncOutcome":"fail","n":1}`), decodeBody(t, reqs[7].body)); diff != "" {
		t.Errorf("invoke body (-want +got):\n%s", diff)
	}
	// The captured param compares equal, parsed, to what mapping writes.
	w, _ := mapping.NeutralToFgsDestination(d.Scope(), cfg.OnFailure)
	var sent map[string]any
	_ = json.Unmarshal(reqs[0].body, &sent)
	p := sent["destination_config"].(map[string]any)["on_failure"].(map[string]any)["param"].(string)
	if !mapping.FgsParamsEqual(w.Param, p) {
		t.Errorf("param %s, mapping writes %s", p, w.Param)
	}
}
