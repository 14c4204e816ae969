package provider_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/driver"
	"github.com/fnasync/fnasync/provider/memprovider"
	"github.com/fnasync/fnasync/schemas"
)

// misbehaving is a memory driver whose listings answer as a faulty cloud
// might: every page comes from pages, given the page token asked for.
type misbehaving struct {
	*memprovider.Driver
	configs func(token string) *driver.ConfigPage
}

func (m *misbehaving) ListAsyncConfigs(_ context.Context, _ string, opts *driver.ListOptions) (*driver.ConfigPage, error) {
	return m.configs(opts.PageToken), nil
}

func (m *misbehaving) ListFunctions(_ context.Context, opts *driver.ListOptions) (*driver.FunctionPage, error) {
	return &driver.FunctionPage{Functions: []string{"f" + opts.PageToken}, NextToken: next(opts.PageToken)}, nil
}

func (m *misbehaving) ListInvocations(_ context.Context, _ model.FunctionRef, opts *driver.InvocationOptions) (*driver.InvocationPage, error) {
	return &driver.InvocationPage{Invocations: []model.Invocation{{ID: "i" + opts.PageToken}}, NextToken: next(opts.PageToken)}, nil
}

// next is a page token that never repeats.
func next(token string) string {
	n, _ := strconv.Atoi(token)
	return strconv.Itoa(n + 1)
}

func newMisbehaving(t *testing.T, configs func(token string) *driver.ConfigPage) *provider.Client {
	t.Helper()
	limits, err := schemas.ProviderLimits(&model.Provider{Name: "mem", Type: model.TypeMemory})
	if err != nil {
		t.Fatal(err)
	}
	return provider.NewClient(&misbehaving{Driver: memprovider.New(limits, nil), configs: configs})
}

// TestListingsRefuseWhatCannotBeTrue: a listing whose cloud never stops
// returning a next token is an Internal error, not a silently truncated
// list; so is a config listing naming one qualifier twice, on one page or
// across pages, spelled out or as the default.
func TestListingsRefuseWhatCannotBeTrue(t *testing.T) {
	ctx := context.Background()
	endless := newMisbehaving(t, func(token string) *driver.ConfigPage {
		return &driver.ConfigPage{Configs: []driver.QualifiedConfig{{Ref: model.FunctionRef{Function: "fn", Qualifier: "q" + token},
			Config: &model.AsyncConfig{}}}, NextToken: next(token)}
	})
	_, errConfigs := endless.ListConfigs(ctx, "fn")
	_, errFunctions := endless.ListFunctions(ctx)
	_, errInvocations := endless.ListInvocations(ctx, model.FunctionRef{Function: "fn"}, nil)
	for name, err := range map[string]error{"configs": errConfigs, "functions": errFunctions, "invocations": errInvocations} {
		if provider.Code(err) != provider.Internal || !strings.Contains(err.Error(), "keeps returning a next page token") {
			t.Errorf("endless %s listing: %v (code %v), want Internal and the reason", name, err, provider.Code(err))
		}
	}

	qualified := func(qs ...string) []driver.QualifiedConfig {
		var out []driver.QualifiedConfig
		for _, q := range qs {
			out = append(out, driver.QualifiedConfig{Ref: model.FunctionRef{Function: "fn", Qualifier: q}, Config: &model.AsyncConfig{}})
		}
		return out
	}
	for _, tt := range []struct {
		name    string
		pages   [][]string // qualifiers per page
		wantErr string
	}{
		{"distinct", [][]string{{"a", "b"}, {"c"}}, ""},
		{"twice on a page", [][]string{{"a", "a"}}, "two configs for qualifier a"},
		{"twice across pages", [][]string{{"a", "b"}, {"b"}}, "two configs for qualifier b"},
		{"default spelled out", [][]string{{""}, {"latest"}}, "two configs for qualifier latest"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := newMisbehaving(t, func(token string) *driver.ConfigPage {
				n, _ := strconv.Atoi(token)
				p := &driver.ConfigPage{Configs: qualified(tt.pages[n]...)}
				if n+1 < len(tt.pages) {
					p.NextToken = next(token)
				}
				return p
			})
			got, err := c.ListConfigs(ctx, "fn")
			if tt.wantErr == "" {
				if err != nil || len(got) != 3 {
					t.Errorf("ListConfigs = %d configs, %v; want 3", len(got), err)
				}
				return
			}
			if provider.Code(err) != provider.Internal || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ListConfigs: %v (code %v), want Internal with %q", err, provider.Code(err), tt.wantErr)
			}
		})
	}
}

// TestListLimits: a listing stops at its page and item limits (set with
// OpenOptions.List) with an Internal error, at the context's end between
// pages with the context's error, and tells its progress page by page.
func TestListLimits(t *testing.T) {
	limits, err := schemas.ProviderLimits(&model.Provider{Name: "mem", Type: model.TypeMemory})
	if err != nil {
		t.Fatal(err)
	}
	wide := func(token string) *driver.ConfigPage { // 50 configs a page, never ending
		p := &driver.ConfigPage{NextToken: next(token)}
		for i := range 50 {
			p.Configs = append(p.Configs, driver.QualifiedConfig{Ref: model.FunctionRef{Function: "fn", Qualifier: "q" + token + "-" + strconv.Itoa(i)},
				Config: &model.AsyncConfig{}})
		}
		return p
	}
	mux := &provider.Mux{}
	mux.Register(model.TypeMemory, func(context.Context, *model.Provider, model.Limits, *provider.OpenOptions) (driver.Driver, error) {
		return &misbehaving{Driver: memprovider.New(limits, nil), configs: wide}, nil
	})
	open := func(l *provider.ListLimits) *provider.Client {
		c, err := mux.Open(context.Background(), &model.Provider{Name: "mem", Type: model.TypeMemory}, limits, &provider.OpenOptions{List: l})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	var pages, items int
	ctx := provider.WithListProgress(context.Background(), func(p, n int) { pages, items = p, n })
	_, err = open(&provider.ListLimits{Pages: 7}).ListFunctions(ctx)
	if provider.Code(err) != provider.Internal || !strings.Contains(err.Error(), "gave up after 7 pages") || pages != 7 || items != 7 {
		t.Errorf("7-page limit: %v; progress %d pages, %d items", err, pages, items)
	}
	_, err = open(&provider.ListLimits{Items: 120}).ListConfigs(context.Background(), "fn")
	if provider.Code(err) != provider.Internal || !strings.Contains(err.Error(), "gave up after 120 items") {
		t.Errorf("120-item limit: %v", err)
	}
	cctx, cancel := context.WithCancel(context.Background())
	n := 0
	_, err = open(nil).ListInvocations(provider.WithListProgress(cctx, func(p, _ int) {
		if n = p; p == 3 {
			cancel()
		}
	}), model.FunctionRef{Function: "fn"}, nil)
	if err != context.Canceled || n != 3 {
		t.Errorf("cancelled after 3 pages: %v after %d pages", err, n)
	}
}
