package plan

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
)

// target is one function qualifier the document names, resolved.
type target struct {
	pointer string
	ref     model.FunctionRef // normalized
	client  *provider.Client
	desired *model.AsyncConfig // normalized; nil for absent
}

// Make reads the live state of everything doc names and returns the plan.
// It sends no mutating request. A function that cannot be read becomes a
// located diagnostic and the others are still planned; the error is
// non-nil only when ctx ends or doc names a provider without a client.
func Make(ctx context.Context, ps *Providers, opts *Options) (*Plan, error) {
	o := opts.withDefaults()
	targets, err := ps.targets()
	if err != nil {
		return nil, err
	}
	groups := byFunction(targets, func(t target) model.FunctionRef { return t.ref })
	bulk := ps.bulkReads(groups, o)
	o.Progress.Start("reading", len(targets))
	defer o.Progress.Finish()

	var (
		mu      sync.Mutex
		changes []*Change
		diags   model.Diagnostics
	)
	rctx := provider.WithInFlight(ctx, make(chan struct{}, o.Parallelism))
	var wg sync.WaitGroup
	for name, b := range bulk { // first, so that the groups waiting for them wait least
		wg.Add(1)
		go func() {
			defer wg.Done()
			b.read(rctx, ps.clients[name])
		}()
	}
	byProvider(groups, func(t target) string { return t.ref.Provider }, o.Parallelism, func(grp []target) {
		if ctx.Err() != nil {
			return
		}
		cs, ds := ps.readGroup(rctx, grp, o, bulk[grp[0].ref.Provider])
		mu.Lock()
		defer mu.Unlock()
		changes = append(changes, cs...)
		diags = append(diags, ds...)
	})
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	diags.Sort()
	p := newPlan(changes, diags)
	inDocumentOrder(p.Changes, targets)
	return p, nil
}

// inDocumentOrder sorts changes as the document names them: a change of a
// qualifier the document does not name (--prune) follows the last entry
// of its function, those in the order newPlan gave them.
func inDocumentOrder(changes []*Change, targets []target) {
	rank := map[model.FunctionRef]int{}
	last := map[[2]string]int{}
	for i, t := range targets {
		if _, ok := rank[t.ref]; !ok {
			rank[t.ref] = 2 * i
		}
		last[[2]string{t.ref.Provider, t.ref.Function}] = 2*i + 1
	}
	key := func(c *Change) int {
		if r, ok := rank[c.Ref()]; ok {
			return r
		}
		return last[[2]string{c.Provider, c.Function}]
	}
	slices.SortStableFunc(changes, func(a, b *Change) int { return key(a) - key(b) })
}

func (ps *Providers) targets() ([]target, error) {
	var out []target
	for i, e := range ps.doc.Functions {
		c, ok := ps.clients[e.Provider]
		if !ok {
			return nil, fmt.Errorf("functions[%d]: no client for provider %q", i, e.Provider)
		}
		t := target{pointer: fmt.Sprintf("/functions/%d", i), ref: c.Ref(e.Ref()), client: c}
		if !e.Absent {
			t.desired = c.Normalize(&e.AsyncConfig)
		}
		out = append(out, t)
	}
	return out, nil
}

// byFunction groups items by provider and function, keeping their order,
// so that one goroutine reads (and later writes) all of a function's
// qualifiers.
func byFunction[T any](items []T, key func(T) model.FunctionRef) [][]T {
	index := map[[2]string]int{}
	var out [][]T
	for _, it := range items {
		r := key(it)
		k := [2]string{r.Provider, r.Function}
		i, ok := index[k]
		if !ok {
			i = len(out)
			index[k] = i
			out = append(out, nil)
		}
		out[i] = append(out[i], it)
	}
	return out
}

func (ps *Providers) readError(t target, err error) model.Diagnostic {
	d := model.Errorf(t.pointer, "cannot read the live config of %s", t.ref)
	d.Detail = err.Error()
	return ps.doc.Locate(d)
}

// missingFunction plans a group whose function (or service) does not
// exist: its absent entries are satisfied, so they are no-ops and there
// is nothing to prune; an entry with settings is a create when the
// function will be created (Options.WillCreate) and cannot be planned
// otherwise.
func (ps *Providers) missingFunction(grp []target, err error, o Options, add func(ref model.FunctionRef, before, after *model.AsyncConfig)) model.Diagnostics {
	var diags model.Diagnostics
	for _, t := range grp {
		o.Progress.Step()
		if t.desired != nil && (o.WillCreate == nil || !o.WillCreate(t.ref)) {
			diags = append(diags, ps.readError(t, err))
			continue
		}
		add(t.ref, nil, t.desired)
	}
	return diags
}
