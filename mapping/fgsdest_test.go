package mapping

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/model"
)

func TestFgsDestinationRoundTrip(t *testing.T) {
	urn := "urn:fss:cn-north-4:" + fgsPID + ":function:"
	tests := []struct {
		name string
		in   *model.Destination
		want FgsDestination
	}{
		{"function", &model.Destination{Kind: model.KindFunction, Name: "default/notify", Qualifier: "latest"},
			FgsDestination{"FunctionGraph", `{"func_urn":"` + urn + `default:notify:latest"}`}},
		{"function alias", &model.Destination{Kind: model.KindFunction, Name: "shop/notify", Qualifier: "prod"},
			FgsDestination{"FunctionGraph", `{"func_urn":"` + urn + `shop:notify:!prod"}`}},
		{"function version", &model.Destination{Kind: model.KindFunction, Name: "shop/notify", Qualifier: "v20240101-000000"},
			FgsDestination{"FunctionGraph", `{"func_urn":"` + urn + `shop:notify:v20240101-000000"}`}},
		{"topic", &model.Destination{Kind: model.KindTopic, Name: "alerts"},
			FgsDestination{"SMN", `{"topic_urn":"urn:smn:cn-north-4:` + fgsPID + `:alerts"}`}},
		{"stream", &model.Destination{Kind: model.KindStream, Name: "events_1"},
			FgsDestination{"DIS", `{"stream_name":"events_1"}`}},
		{"bucket", &model.Destination{Kind: model.KindBucket, Name: "logs.b-1", Prefix: "async/<&>", ExpireDays: model.Int(365)},
			FgsDestination{"OBS", `{"bucket":"logs.b-1","expires":365,"prefix":"async/\u003c\u0026\u003e"}`}},
		{"bucket zero expiry", &model.Destination{Kind: model.KindBucket, Name: "logs", ExpireDays: model.Int(0)},
			FgsDestination{"OBS", `{"bucket":"logs","expires":0,"prefix":""}`}},
		{"remote function ref", &model.Destination{Kind: model.KindRef, Name: "urn:fss:ap-southeast-1:" + fgsPID + ":function:default:f:latest"},
			FgsDestination{"FunctionGraph", `{"func_urn":"urn:fss:ap-southeast-1:` + fgsPID + `:function:default:f:latest"}`}},
		{"remote topic ref", &model.Destination{Kind: model.KindRef, Name: "urn:smn:cn-north-4:ffffffffffffffffffffffffffffffff:t"},
			FgsDestination{"SMN", `{"topic_urn":"urn:smn:cn-north-4:ffffffffffffffffffffffffffffffff:t"}`}},
		{"custom version ref", &model.Destination{Kind: model.KindRef, Name: urn + "default:f:v1"},
			FgsDestination{"FunctionGraph", `{"func_urn":"` + urn + `default:f:v1"}`}},
		{"unparsed ref verbatim", &model.Destination{Kind: model.KindRef, Name: "urn:fss:{region}:p:function:default:f:latest"},
			FgsDestination{"FunctionGraph", `{"func_urn":"urn:fss:{region}:p:function:default:f:latest"}`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w, err := NeutralToFgsDestination(fgsTestScope, tc.in)
			if err != nil {
				t.Fatalf("NeutralToFgsDestination: %v", err)
			}
			if diff := cmp.Diff(tc.want, *w); diff != "" {
				t.Errorf("wire mismatch (-want +got):\n%s", diff)
			}
			back, err := FgsDestinationToNeutral(fgsTestScope, w)
			if err != nil {
				t.Fatalf("FgsDestinationToNeutral: %v", err)
			}
			if diff := cmp.Diff(tc.in, back); diff != "" {
				t.Errorf("round trip mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFgsDestinationToNeutral(t *testing.T) {
	local := "urn:fss:cn-north-4:" + fgsPID + ":function:default:notify"
	tests := []struct {
		name    string
		in      *FgsDestination
		want    *model.Destination
		wantErr string
	}{
		{"nil", nil, nil, ""},
		{"empty half", &FgsDestination{}, nil, ""},
		{"version-less local urn is latest", &FgsDestination{"FunctionGraph", `{"func_urn":"` + local + `"}`},
			&model.Destination{Kind: model.KindFunction, Name: "default/notify", Qualifier: "latest"}, ""},
		{"short local urn", &FgsDestination{"FunctionGraph", `{"func_urn":"pkg:notify"}`},
			&model.Destination{Kind: model.KindFunction, Name: "pkg/notify", Qualifier: "latest"}, ""},
		{"remote short urn in full form", &FgsDestination{"FunctionGraph", `{"func_urn":"ffffffffffffffffffffffffffffffff:pkg:notify:!a"}`},
			&model.Destination{Kind: model.KindRef, Name: "urn:fss:cn-north-4:ffffffffffffffffffffffffffffffff:function:pkg:notify:!a"}, ""},
		{"alias named like a version stays a ref", &FgsDestination{"FunctionGraph", `{"func_urn":"` + local + `:!2"}`},
			&model.Destination{Kind: model.KindRef, Name: local + ":!2"}, ""},
		{"seed placeholder region stays a ref", &FgsDestination{"FunctionGraph", `{"func_urn":"urn:fss:{region}:5691ba790e2b46ceb38316xxxxxxxxxx:function:default:testPython:latest"}`},
			&model.Destination{Kind: model.KindRef, Name: "urn:fss:{region}:5691ba790e2b46ceb38316xxxxxxxxxx:function:default:testPython:latest"}, ""},
		{"spaced param, string expiry", &FgsDestination{"obs", ` { "expires" : "7", "bucket" : "b1" } `},
			&model.Destination{Kind: model.KindBucket, Name: "b1", ExpireDays: model.Int(7)}, ""},
		{"missing expiry is 0", &FgsDestination{"OBS", `{"bucket":"b1","prefix":"/p"}`},
			&model.Destination{Kind: model.KindBucket, Name: "b1", Prefix: "/p", ExpireDays: model.Int(0)}, ""},
		{"expiry out of range", &FgsDestination{"OBS", `{"bucket":"b1","expires":366}`}, nil, "0..365"},
		{"fractional expiry", &FgsDestination{"OBS", `{"bucket":"b1","expires":1.5}`}, nil, "whole number"},
		{"param not an object", &FgsDestination{"DIS", `"s"`}, nil, "not a JSON object"},
		{"param trailing data", &FgsDestination{"DIS", `{"stream_name":"s"}x`}, nil, "not a JSON object"},
		{"param null", &FgsDestination{"DIS", `null`}, nil, "not a JSON object"},
		{"bad stream name", &FgsDestination{"DIS", `{"stream_name":"a b"}`}, nil, "DIS stream name"},
		{"missing key", &FgsDestination{"SMN", `{}`}, nil, `no "topic_urn"`},
		{"key not a string", &FgsDestination{"DIS", `{"stream_name":5}`}, nil, "non-empty string"},
		{"unknown service", &FgsDestination{"MNS", `{}`}, nil, "unknown FunctionGraph destination service"},
		{"SMN URN as a function", &FgsDestination{"FunctionGraph", `{"func_urn":"urn:smn:cn-north-4:p:t"}`}, nil, "func_urn \"urn:smn:cn-north-4:p:t\" is an SMN topic URN"},
		{"function URN as a topic", &FgsDestination{"SMN", `{"topic_urn":"urn:fss:cn-north-4:p:function:default:f"}`}, nil, "is a FunctionGraph function URN"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := FgsDestinationToNeutral(fgsTestScope, tc.in)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("got %+v, %v; want error containing %q", got, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNeutralToFgsDestinationErrors(t *testing.T) {
	tests := []struct {
		name    string
		in      *model.Destination
		wantErr string
	}{
		{"empty", &model.Destination{}, "empty destination"},
		{"queue", &model.Destination{Kind: model.KindQueue, Name: "q"}, "cannot take queue destinations"},
		{"event bus", &model.Destination{Kind: model.KindEventBus, Name: "b"}, "cannot take eventBus destinations"},
		{"qualifier on topic", &model.Destination{Kind: model.KindTopic, Name: "t", Qualifier: "x"}, "only a function"},
		{"prefix on stream", &model.Destination{Kind: model.KindStream, Name: "s", Prefix: "p"}, "only a bucket"},
		{"bad function", &model.Destination{Kind: model.KindFunction, Name: "a/b/c"}, "must have the form"},
		{"bad bucket", &model.Destination{Kind: model.KindBucket, Name: "-logs"}, "OBS bucket name"},
		{"expiry too long", &model.Destination{Kind: model.KindBucket, Name: "logs", ExpireDays: model.Int(400)}, "outside 0..365"},
		{"bad topic", &model.Destination{Kind: model.KindTopic, Name: "a:b"}, "topic"},
		{"bad stream", &model.Destination{Kind: model.KindStream, Name: `a"b`}, "DIS stream name"},
		{"acs ref", &model.Destination{Kind: model.KindRef, Name: "acs:mns:cn-hangzhou:1:/queues/q/messages"}, "neither"},
		{"spaced ref", &model.Destination{Kind: model.KindRef, Name: "urn:fss:x y"}, "without spaces"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w, err := NeutralToFgsDestination(fgsTestScope, tc.in)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("got %+v, %v; want error containing %q", w, err, tc.wantErr)
			}
		})
	}
}

func TestFgsCanonicalDestination(t *testing.T) {
	tests := []struct {
		name string
		in   *model.Destination
		want *model.Destination
	}{
		{"local function ref", &model.Destination{Kind: model.KindRef, Name: "urn:fss:cn-north-4:" + fgsPID + ":function:default:notify:!prod"},
			&model.Destination{Kind: model.KindFunction, Name: "default/notify", Qualifier: "prod"}},
		{"local topic ref", &model.Destination{Kind: model.KindRef, Name: "urn:smn:cn-north-4:" + fgsPID + ":alerts"},
			&model.Destination{Kind: model.KindTopic, Name: "alerts"}},
		{"remote ref stays", &model.Destination{Kind: model.KindRef, Name: "urn:smn:cn-east-3:" + fgsPID + ":alerts"},
			&model.Destination{Kind: model.KindRef, Name: "urn:smn:cn-east-3:" + fgsPID + ":alerts"}},
		{"short function", &model.Destination{Kind: model.KindFunction, Name: "notify"},
			&model.Destination{Kind: model.KindFunction, Name: "default/notify", Qualifier: "latest"}},
		{"unwritable kept", &model.Destination{Kind: model.KindQueue, Name: "q"}, &model.Destination{Kind: model.KindQueue, Name: "q"}},
		{"empty", &model.Destination{}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, FgsCanonicalDestination(fgsTestScope, tc.in)); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFgsParamsEqual(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{`{"bucket":"b","prefix":"","expires":0}`, `{ "expires": 0.0, "prefix": "", "bucket": "\u0062" }`, true},
		{`{"bucket":"b"}`, `{"bucket":"c"}`, false},
		{`{"a":1}`, `{"a":1,"b":2}`, false},
		{`not json`, `not json`, true},
		{`not json`, `{}`, false},
	}
	for _, tc := range tests {
		if got := FgsParamsEqual(tc.a, tc.b); got != tc.want {
			t.Errorf("FgsParamsEqual(%s, %s) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestFgsParamIsJSONEncodeForm checks that every param fnasync writes is
// the text Terraform's jsonencode makes of the same object: keys sorted,
// no spaces, HTML characters and U+2028/U+2029 escaped. The FunctionGraph
// Terraform provider compares that text with what FunctionGraph returns,
// so any other form shows as drift forever.
func TestFgsParamIsJSONEncodeForm(t *testing.T) {
	tests := []struct {
		in   *model.Destination
		want string // jsonencode({bucket = ..., prefix = ..., expires = ...})
	}{
		{&model.Destination{Kind: model.KindBucket, Name: "b1", Prefix: "async/", ExpireDays: model.Int(7)},
			`{"bucket":"b1","expires":7,"prefix":"async/"}`},
		{&model.Destination{Kind: model.KindBucket, Name: "b1", Prefix: "a<b>&c\u2028d"},
			`{"bucket":"b1","expires":0,"prefix":"a\u003cb\u003e\u0026c\u2028d"}`},
		{&model.Destination{Kind: model.KindStream, Name: "s1"}, `{"stream_name":"s1"}`},
		{&model.Destination{Kind: model.KindTopic, Name: "t1"}, `{"topic_urn":"urn:smn:cn-north-4:` + fgsPID + `:t1"}`},
		{&model.Destination{Kind: model.KindFunction, Name: "default/f"},
			`{"func_urn":"urn:fss:cn-north-4:` + fgsPID + `:function:default:f:latest"}`},
	}
	for _, tc := range tests {
		t.Run(string(tc.in.Kind), func(t *testing.T) {
			for range 3 { // byte-stable: the same text every time
				w, err := NeutralToFgsDestination(fgsTestScope, tc.in)
				if err != nil {
					t.Fatal(err)
				}
				if w.Param != tc.want {
					t.Fatalf("param\n got %s\nwant %s", w.Param, tc.want)
				}
			}
		})
	}
}

// TestFgsParamKeysSorted decodes every param struct's keys in order.
func TestFgsParamKeysSorted(t *testing.T) {
	for _, p := range []any{fgsOBSParam{}, fgsSMNParam{}, fgsDISParam{}, fgsFunctionParam{}} {
		w, err := fgsDestination("X", p)
		if err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(strings.NewReader(w.Param))
		var keys []string
		_, _ = dec.Token()
		for dec.More() {
			k, _ := dec.Token()
			keys = append(keys, k.(string))
			var skip json.RawMessage
			_ = dec.Decode(&skip)
		}
		if !slices.IsSorted(keys) {
			t.Errorf("%T keys %v are not sorted", p, keys)
		}
	}
}
