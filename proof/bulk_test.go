package proof

import (
	"bytes"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/plan"
)

// refuseBulk stands in front of an emulator: while on, it refuses FC
// 3.0's listing of every function's configs (no functionName) as FC's
// gateway refuses a request it does not permit, so that fnasync reads
// each function instead. It counts the listings it let through.
type refuseBulk struct {
	next   http.Handler
	on     atomic.Bool
	served atomic.Int64
}

func isBulkListing(r *http.Request) bool {
	return r.Method == http.MethodGet && r.URL.Path == "/2023-03-30/async-invoke-configs" && r.URL.Query().Get("functionName") == ""
}

func (h *refuseBulk) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !isBulkListing(r) {
		h.next.ServeHTTP(w, r)
		return
	}
	if !h.on.Load() {
		h.served.Add(1)
		h.next.ServeHTTP(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusForbidden)
	_, _ = w.Write([]byte(`{"Code":"AccessDenied","Message":"not permitted (proof)","RequestId":"1-proof"}`))
}

// bulkDoc is a document of n FC 3.0 functions with configs (the live
// ones when variant is 0; variant 1 changes every third), plus: a
// function with two qualifiers, one that exists without a config (bare),
// one absent and without a config (gone), and, unless seed, one that does
// not exist (ghost).
func bulkDoc(n, variant int, seed bool) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "version: 1\nproviders:\n  ali3:\n    type: alifc3\n    region: cn-north-4\n    accountId: %q\nfunctions:\n", accountID)
	for i := range n {
		age := 60 + i
		if variant == 1 && i%3 == 0 {
			age++
		}
		fmt.Fprintf(&b, "  - provider: ali3\n    function: %s\n    maxEventAgeSeconds: %d\n", fnName(i), age)
	}
	b.WriteString("  - {provider: ali3, function: multi, maxRetryAttempts: 1}\n")
	b.WriteString("  - {provider: ali3, function: multi, qualifier: prod, maxRetryAttempts: 2}\n")
	if variant == 1 || seed {
		b.WriteString("  - {provider: ali3, function: bare, maxRetryAttempts: 0}\n")
		b.WriteString("  - {provider: ali3, function: gone, absent: true}\n")
	}
	if variant == 1 && !seed {
		b.WriteString("  - {provider: ali3, function: ghost, maxRetryAttempts: 0}\n")
	}
	return b.Bytes()
}

// requestIDRE finds the request ids in messages, which differ run to run.
var requestIDRE = regexp.MustCompile(`request [0-9a-z-]+`)

// TestBulkReadsSameResults plans a document of FC 3.0 functions on one
// emulator state, with the bulk listing and with it refused (every
// function read on its own), with and without --prune: the plans are the
// same, and the bulk reads send what they promise, the listing's pages
// plus a get for each function the listing cannot tell about.
func TestBulkReadsSameResults(t *testing.T) {
	const n = 120 // two pages of 100
	var h *refuseBulk
	e := startEmu(t, nil, parseDoc(t, bulkDoc(n, 0, true)), func(next http.Handler) http.Handler {
		h = &refuseBulk{next: next}
		return h
	})
	setup := openProviders(t, parseDoc(t, bulkDoc(n, 0, false)), e.URL, fast)
	p, err := plan.Make(t.Context(), setup, nil)
	if err == nil {
		err = plan.Apply(t.Context(), setup, p, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	doc := parseDoc(t, bulkDoc(n, 1, false))
	for _, prune := range []bool{false, true} {
		opts := &plan.Options{Parallelism: 8, Prune: prune}
		run := func(refuse bool) (string, int) {
			h.on.Store(refuse)
			e.Log().Reset()
			p, err := plan.Make(t.Context(), openProviders(t, doc, e.URL, fast), opts)
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			if err := plan.WriteJSON(&out, p); err != nil {
				t.Fatal(err)
			}
			reqs := e.Log().Requests()
			for _, r := range reqs {
				if r.Mutating() {
					t.Errorf("plan sent %s %s", r.Method, r.Path)
				}
			}
			return requestIDRE.ReplaceAllString(out.String(), "request ID"), len(reqs)
		}
		bulk, bulkReqs := run(false)
		each, eachReqs := run(true)
		if diff := cmp.Diff(each, bulk); diff != "" {
			t.Errorf("prune %t: the plan with bulk reads differs from reading each function (-each +bulk):\n%s", prune, diff)
		}
		if !strings.Contains(bulk, `"action": "update"`) || !strings.Contains(bulk, "FunctionNotFound") {
			t.Errorf("prune %t: the plan lacks the updates or the ghost's error: it proves little\n%s", prune, bulk)
		}
		// Bulk: 2 pages, then a get of bare and of ghost (without
		// --prune), or a list of each (with it).
		if bulkReqs != 4 {
			t.Errorf("prune %t: bulk reads sent %d requests, want 4 (2 pages, then bare and ghost)", prune, bulkReqs)
		}
		// Each: a get (or a list) per function, one list for multi.
		if want := n + 4; eachReqs != want {
			t.Errorf("prune %t: reading each function sent %d requests, want %d", prune, eachReqs, want)
		}
	}
	if h.served.Load() != 5 {
		t.Errorf("the emulator served %d pages of the bulk listing, want 5 (1 for the set-up, 2 per bulk run)", h.served.Load())
	}
}
