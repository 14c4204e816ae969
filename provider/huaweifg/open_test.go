package huaweifg_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/driver"
	"github.com/fnasync/fnasync/provider/emukit"
	"github.com/fnasync/fnasync/provider/huaweifg"
)

func TestOpenEndpoints(t *testing.T) {
	creds := &provider.Credentials{AccessKey: emukit.DefaultAccessKey, SecretKey: emukit.DefaultSecretKey}
	with := func(f func(*model.Provider)) *model.Provider {
		p := testProvider()
		f(p)
		return p
	}
	tests := []struct {
		name    string
		p       *model.Provider
		opts    *provider.OpenOptions
		want    string // endpoint, or the error's text
		wantErr bool
	}{
		{"regional default", testProvider(), &provider.OpenOptions{Credentials: creds}, "https://functiongraph.cn-north-4.myhuaweicloud.com", false},
		{"provider endpoint", with(func(p *model.Provider) { p.Endpoint = "https://fgs.example.com:8443" }), &provider.OpenOptions{Credentials: creds},
			"https://fgs.example.com:8443", false},
		{"bare host gets https", with(func(p *model.Provider) { p.Endpoint = "fgs.example.com" }), &provider.OpenOptions{Credentials: creds},
			"https://fgs.example.com", false},
		{"options override the provider", with(func(p *model.Provider) { p.Endpoint = "https://fgs.example.com" }),
			&provider.OpenOptions{Endpoint: "http://127.0.0.1:9", Credentials: creds}, "http://127.0.0.1:9", false},
		{"emulator needs the CLI", with(func(p *model.Provider) { p.Endpoint = model.EndpointEmulator }), &provider.OpenOptions{Credentials: creds},
			"the fnasync CLI supplies", true},
		{"emulator with a URL", with(func(p *model.Provider) { p.Endpoint = model.EndpointEmulator }),
			&provider.OpenOptions{Endpoint: "http://[::1]:9", Credentials: creds}, "http://[::1]:9", false},
		{"plain http elsewhere", with(func(p *model.Provider) { p.Endpoint = "http://fgs.example.com" }), &provider.OpenOptions{Credentials: creds},
			"plain http", true},
		{"plain http allowed", with(func(p *model.Provider) { p.Endpoint = "http://fgs.example.com" }),
			&provider.OpenOptions{Credentials: creds, AllowInsecure: true}, "http://fgs.example.com", false},
		{"endpoint with a path", with(func(p *model.Provider) { p.Endpoint = "https://fgs.example.com/v2" }), &provider.OpenOptions{Credentials: creds},
			"no path", true},
		{"no region", with(func(p *model.Provider) { p.Region = "" }), &provider.OpenOptions{Credentials: creds}, "region", true},
		{"short project", with(func(p *model.Provider) { p.ProjectID = "abc" }), &provider.OpenOptions{Credentials: creds}, "projectId", true},
		{"wrong type", with(func(p *model.Provider) { p.Type = model.TypeAliFC2 }), &provider.OpenOptions{Credentials: creds}, "is not huaweifg", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := huaweifg.Open(context.Background(), tc.p, limits(), tc.opts)
			if tc.wantErr {
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Fatalf("Open: %v, want an error containing %q", err, tc.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			if got := d.(*huaweifg.Driver).Endpoint(); got != tc.want {
				t.Errorf("endpoint %q, want %q", got, tc.want)
			}
		})
	}
}

func TestRegistered(t *testing.T) {
	if !slices.Contains(provider.DefaultMux.Types(), model.TypeHuaweiFG) {
		t.Fatalf("types %v lack %s", provider.DefaultMux.Types(), model.TypeHuaweiFG)
	}
	e := newEnv(t, nil)
	c, err := provider.Open(context.Background(), testProvider(), limits(), &provider.OpenOptions{Endpoint: e.url,
		Credentials: &provider.Credentials{AccessKey: emukit.DefaultAccessKey, SecretKey: emukit.DefaultSecretKey}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if caps := c.Capabilities(); caps.MergeOnPut || !caps.StopInvocation || caps.Limits.Type != model.TypeHuaweiFG {
		t.Errorf("capabilities %+v", caps)
	}
}

// TestRefusedBeforeRequest: what FunctionGraph cannot take is refused with
// InvalidArgument and no request, by the portable client (kinds) and by
// the driver itself (refs, payloads, page tokens).
func TestRefusedBeforeRequest(t *testing.T) {
	e := newEnv(t, nil)
	e.srv.AddFunction(testPID, "orders")
	d := e.driver(t, nil)
	c := provider.NewClient(d)
	ctx := context.Background()
	fn := model.FunctionRef{Function: "orders"}
	for _, dest := range []*model.Destination{{Kind: model.KindQueue, Name: "q1"}, {Kind: model.KindEventBus, Name: "bus"},
		{Kind: model.KindRef, Name: "acs:mns:cn-hangzhou:1234567890123456:/queues/q1/messages"}} {
		err := c.Put(ctx, fn, &model.AsyncConfig{OnFailure: dest}, nil)
		if provider.Code(err) != provider.InvalidArgument {
			t.Errorf("Put with %v: code %v (%v), want InvalidArgument", dest, provider.Code(err), err)
		}
		err = d.PutAsyncConfig(ctx, fn, &model.AsyncConfig{OnFailure: dest})
		if d.ErrorCode(err) != driver.InvalidArgument {
			t.Errorf("driver Put with %v: code %v (%v)", dest, d.ErrorCode(err), err)
		}
	}
	if _, err := d.Invoke(ctx, fn, []byte(`[1]`)); d.ErrorCode(err) != driver.InvalidArgument {
		t.Errorf("Invoke with an array payload: %v", err)
	}
	if _, err := d.ListFunctions(ctx, &driver.ListOptions{PageToken: "next"}); d.ErrorCode(err) != driver.InvalidArgument {
		t.Errorf("ListFunctions with a bad token: %v", err)
	}
	if _, err := d.GetAsyncConfig(ctx, model.FunctionRef{Function: "a/b/c"}); d.ErrorCode(err) != driver.InvalidArgument {
		t.Errorf("Get of a bad name: %v", err)
	}
	if n := len(e.log.Requests()); n != 0 {
		t.Errorf("%d requests reached the emulator, want none: %+v", n, e.log.Requests())
	}
}

// TestMissingCredentials: with nothing in the environment or the profile
// file, Open fails with one line naming the variables to set and, for a
// loopback endpoint, where the emulator's keys are.
func TestMissingCredentials(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	for _, v := range []string{"HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "HUAWEICLOUD_SDK_SECURITY_TOKEN", "HUAWEICLOUD_SDK_CREDENTIALS_FILE"} {
		t.Setenv(v, "")
	}
	for _, ep := range []string{"http://127.0.0.1:9", "https://fgs.example.com"} {
		_, err := huaweifg.Open(context.Background(), testProvider(), limits(), &provider.OpenOptions{Endpoint: ep})
		if err == nil {
			t.Fatalf("%s: Open without credentials succeeded", ep)
		}
		msg := err.Error()
		for _, want := range []string{"HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK"} {
			if !strings.Contains(msg, want) {
				t.Errorf("%s: error %q does not name %s", ep, msg, want)
			}
		}
		if strings.Contains(msg, "README") != strings.HasPrefix(ep, "http://127.") {
			t.Errorf("%s: error %q: the emulator's keys named only for loopback", ep, msg)
		}
		if strings.ContainsAny(msg, "{\n") {
			t.Errorf("%s: error %q is not one plain line", ep, msg)
		}
	}
}
