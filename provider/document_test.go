package provider_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/emulator"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	_ "github.com/fnasync/fnasync/provider/all"
	"github.com/fnasync/fnasync/provider/driver"
)

// twoClouds declares a FunctionGraph and an FC 3.0 provider, both on the
// emulator, and a memory provider no function uses.
func twoClouds() *model.Document {
	return &model.Document{Version: 1,
		Providers: map[string]*model.Provider{
			"hw":   {Name: "hw", Type: model.TypeHuaweiFG, Region: "cn-north-4", ProjectID: "0123456789abcdef0123456789abcdef", Endpoint: model.EndpointEmulator},
			"ali3": {Name: "ali3", Type: model.TypeAliFC3, Region: "cn-hangzhou", AccountID: "1234567890123456", Endpoint: model.EndpointEmulator},
			"mem":  {Name: "mem", Type: model.TypeMemory}},
		Functions: []*model.FunctionEntry{
			{Provider: "hw", Function: "orders", AsyncConfig: model.AsyncConfig{MaxRetryAttempts: model.Int(0)}},
			// FC keeps invocation records only with statusLog on.
			{Provider: "ali3", Function: "orders", AsyncConfig: model.AsyncConfig{StatusLog: model.Bool(true)}}}}
}

// TestOpenDocument opens the providers a document's functions use against
// one emulator started once, puts, diffs and invokes through them, and
// stops the emulator on Close.
func TestOpenDocument(t *testing.T) {
	ctx := context.Background()
	doc := twoClouds()
	var started int
	var stopped bool
	ps, err := provider.OpenDocument(ctx, doc, &provider.DocumentOptions{Emulator: func(d *model.Document) (*provider.Emulator, error) {
		started++
		emu, err := emulator.Ephemeral(d)
		if err != nil {
			return nil, err
		}
		stop := emu.Stop
		emu.Stop = func() error { stopped = true; return stop() }
		return emu, nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for name := range ps.Clients {
		names = append(names, name)
	}
	if started != 1 || len(names) != 2 || ps.Client("mem") != nil {
		t.Errorf("opened %v with %d emulators started, want hw and ali3 with one", names, started)
	}
	for _, e := range doc.Functions {
		c := ps.Client(e.Provider)
		if err := c.Put(ctx, e.Ref(), &e.AsyncConfig, nil); err != nil {
			t.Fatal(err)
		}
		if diff, err := c.Diff(ctx, e.Ref(), &e.AsyncConfig); err != nil || len(diff) != 0 {
			t.Errorf("%s: Diff after Put = %v, %v; want none", e.Ref(), diff, err)
		}
		other := e.AsyncConfig
		other.MaxRetryAttempts = model.Int(2)
		diff, err := c.Diff(ctx, e.Ref(), &other)
		if want := []model.FieldChange{{Path: model.FieldMaxRetries, Before: *c.Normalize(&e.AsyncConfig).MaxRetryAttempts, After: 2}}; err != nil || !cmp.Equal(diff, want) {
			t.Errorf("%s: Diff = %v, %v; want %v", e.Ref(), diff, err, want)
		}
		if !c.Capabilities().Invoke {
			t.Errorf("%s cannot invoke", e.Provider)
		}
		if _, err := c.Invoke(ctx, e.Ref(), []byte(`[]`)); provider.Code(err) != provider.InvalidArgument {
			t.Errorf("%s: Invoke with an array payload: %v, want InvalidArgument", e.Ref(), err)
		}
		id, err := c.Invoke(ctx, e.Ref(), []byte(`{"n": 1}`))
		if err != nil {
			t.Fatal(err)
		}
		invs, err := c.ListInvocations(ctx, e.Ref(), &provider.InvocationListOptions{InvocationOptions: driver.InvocationOptions{ID: id}})
		if err != nil || len(invs) != 1 || invs[0].ID != id {
			t.Errorf("%s: the invocation %s is listed as %v, %v", e.Ref(), id, invs, err)
		}
	}
	if err := ps.Close(); err != nil || !stopped {
		t.Errorf("Close: %v, emulator stopped %v", err, stopped)
	}
}

// TestOpenDocumentRefuses checks the mistakes OpenDocument reports before
// opening anything.
func TestOpenDocumentRefuses(t *testing.T) {
	for _, tt := range []struct {
		name string
		opts *provider.DocumentOptions
		want string
	}{
		{"no-emulator", nil, `endpoint "emulator" needs an emulator: set DocumentOptions.Emulator`},
		{"undeclared-override", &provider.DocumentOptions{Endpoints: map[string]string{"nope": "https://example.com"}},
			`endpoint override for provider "nope": the document declares no such provider (it declares ali3, hw, mem)`},
		{"insecure-override", &provider.DocumentOptions{Endpoints: map[string]string{"*": "http://192.0.2.1"}}, "plain http to a host that is not loopback"},
		{"unknown-type", &provider.DocumentOptions{Mux: &provider.Mux{}, Endpoints: map[string]string{"*": "https://example.com"}},
			`unknown type "alifc3" (registered: none): add import _ "github.com/fnasync/fnasync/provider/all"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ps, err := provider.OpenDocument(context.Background(), twoClouds(), tt.opts)
			if err == nil {
				ps.Close()
				t.Fatal("opened")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not say %q", err, tt.want)
			}
		})
	}
}

// TestMemoryCannotInvoke: the memory provider runs no functions, and says
// so.
func TestMemoryCannotInvoke(t *testing.T) {
	doc := &model.Document{Version: 1, Providers: map[string]*model.Provider{"m": {Name: "m", Type: model.TypeMemory}},
		Functions: []*model.FunctionEntry{{Provider: "m", Function: "orders"}}}
	ps, err := provider.OpenDocument(context.Background(), doc, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ps.Close()
	c := ps.Client("m")
	if _, err := c.Invoke(context.Background(), model.FunctionRef{Function: "orders"}, nil); c.Capabilities().Invoke || provider.Code(err) != provider.Unimplemented {
		t.Errorf("Invoke on memory: %v (capability %v), want Unimplemented", err, c.Capabilities().Invoke)
	}
}
