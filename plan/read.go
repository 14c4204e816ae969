package plan

import (
	"context"
	"sync"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/driver"
)

// bulkRead is one provider's listing of every function's configs, read
// once; the groups of its functions wait for it.
type bulkRead struct {
	maxPages int
	once     sync.Once
	all      provider.AllConfigs // nil: not to be had; read functions one by one
}

// read lists, once; a failed or unfinished listing leaves b.all nil.
func (b *bulkRead) read(ctx context.Context, c *provider.Client) provider.AllConfigs {
	b.once.Do(func() {
		all, ok, err := c.ListAllConfigs(ctx, b.maxPages)
		if ok && err == nil {
			b.all = all
		}
	})
	return b.all
}

// bulkReads picks, per provider, bulk or per-function reads by which
// sends fewer requests for these groups: a provider that lists every
// function's configs at once gets a bulkRead when the reads it replaces
// (one list per function read whole, one get per other qualifier) are
// worth a listing of provider.BulkPages pages.
func (ps *Providers) bulkReads(groups [][]target, o Options) map[string]*bulkRead {
	reads := map[string]int{}
	for _, grp := range groups {
		n := len(grp)
		if o.Prune || n > 1 {
			n = 1
		}
		reads[grp[0].ref.Provider] += n
	}
	out := map[string]*bulkRead{}
	for name, n := range reads {
		if c := ps.clients[name]; c != nil && c.CanListAll() && provider.BulkPages(n) > 0 {
			out[name] = &bulkRead{maxPages: provider.BulkPages(n)}
		}
	}
	return out
}

// readGroup reads one function's qualifiers and plans them. The live
// configs come from the provider's bulk listing when it has one, else
// from one list of the function's configs when the group names several
// qualifiers or prunes, else from one get per qualifier. A qualifier a
// listing lacks is still read on its own when the document wants a
// config there, since only the get tells a qualifier without a config
// from one (or a function) that does not exist; so are all of them when
// the listing fails. The result is the same as reading each qualifier.
// What cannot be read becomes a diagnostic.
func (ps *Providers) readGroup(ctx context.Context, grp []target, o Options, bulk *bulkRead) ([]*Change, model.Diagnostics) {
	c := grp[0].client
	mergeOnPut := c.Capabilities().MergeOnPut
	var changes []*Change
	add := func(ref model.FunctionRef, before, after *model.AsyncConfig) {
		action, fields := decide(before, after, mergeOnPut)
		changes = append(changes, &Change{Provider: ref.Provider, Type: ps.typeOf(ref.Provider),
			Function: ref.Function, Qualifier: ref.Qualifier, Action: action, Before: before, After: after, Fields: fields})
	}
	var live map[string]*model.AsyncConfig // nil: not listed
	if bulk != nil {
		if all := bulk.read(ctx, c); all != nil {
			live = byQualifier(all[grp[0].ref.Function])
		}
	}
	if o.Prune {
		if live == nil || (len(live) == 0 && wantsConfig(grp)) {
			// Only the function's own list tells whether it exists.
			l, err := c.ListConfigs(ctx, grp[0].ref.Function)
			if provider.Code(err) == provider.FunctionNotFound {
				return changes, ps.missingFunction(grp, err, o, add)
			}
			if err != nil {
				return nil, model.Diagnostics{ps.readError(grp[0], err)}
			}
			live = byQualifier(l)
		}
		for _, t := range grp {
			add(t.ref, live[t.ref.Qualifier], t.desired)
			delete(live, t.ref.Qualifier)
			o.Progress.Step()
		}
		for q, cfg := range live {
			ref := grp[0].ref
			ref.Qualifier = q
			add(ref, cfg, nil)
		}
		return changes, nil
	}
	if live == nil && len(grp) > 1 {
		if l, err := c.ListConfigs(ctx, grp[0].ref.Function); err == nil {
			live = byQualifier(l)
		}
	}
	var diags model.Diagnostics
	for _, t := range grp {
		if cfg, ok := live[t.ref.Qualifier]; ok || (live != nil && t.desired == nil) {
			// Listed; or unlisted and wanted absent, which it is
			// whether the qualifier has no config or does not exist.
			add(t.ref, cfg, t.desired)
			o.Progress.Step()
			continue
		}
		before, err := c.Get(ctx, t.ref)
		o.Progress.Step()
		switch code := provider.Code(err); {
		case code == provider.FunctionNotFound && t.desired == nil:
			// A config that must not exist does not, with its function.
		case code == provider.FunctionNotFound && o.WillCreate != nil && o.WillCreate(t.ref):
			before = nil // the function will be created, without a config
		case err != nil && code != provider.NotFound:
			diags = append(diags, ps.readError(t, err))
			continue
		}
		add(t.ref, before, t.desired)
	}
	return changes, diags
}

// byQualifier indexes listed configs by qualifier; never nil.
func byQualifier(l []driver.QualifiedConfig) map[string]*model.AsyncConfig {
	out := map[string]*model.AsyncConfig{}
	for _, qc := range l {
		out[qc.Ref.Qualifier] = qc.Config
	}
	return out
}

// wantsConfig reports whether any target of grp wants a config.
func wantsConfig(grp []target) bool {
	for _, t := range grp {
		if t.desired != nil {
			return true
		}
	}
	return false
}
