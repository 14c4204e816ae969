package main

import (
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/emulator"
)

// refuseBulk refuses, while on, FC 3.0's listing of every function's
// configs (AccessDenied, as a RAM policy without that permission would),
// so that fnasync reads each function instead; it counts the listings it
// let through.
type refuseBulk struct {
	next   http.Handler
	on     atomic.Bool
	served atomic.Int64
}

func (h *refuseBulk) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	bulk := r.Method == http.MethodGet && r.URL.Path == "/2023-03-30/async-invoke-configs" && r.URL.Query().Get("functionName") == ""
	if !bulk {
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
	_, _ = w.Write([]byte(`{"Code":"AccessDenied","Message":"not permitted (test)","RequestId":"1-test"}`))
}

// TestBulkReadsSameCLIResults: plan --detailed-exitcode (before and after
// apply) and export --all print the same and exit the same with FC 3.0's
// bulk listing as when it is refused and each function is read.
func TestBulkReadsSameCLIResults(t *testing.T) {
	setKeys(t)
	srv, err := emulator.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	h := &refuseBulk{next: srv}
	hs := httptest.NewServer(h)
	defer hs.Close()
	doc := writeDoc(t, testdata("clouds", "alifc3.yaml"), hs.URL)
	if err := srv.Seed(loadDoc(t, doc)); err != nil {
		t.Fatal(err)
	}
	both := func(name string, want int, args ...string) {
		t.Helper()
		var out [2]string
		for i, refuse := range []bool{false, true} {
			h.on.Store(refuse)
			before := h.served.Load()
			r := mustRun(t, want, "", args...)
			out[i] = scrubRequestIDs(r.String())
			if used := h.served.Load() > before; used == refuse {
				t.Errorf("%s (bulk listing refused: %t): bulk listing used %t", name, refuse, used)
			}
		}
		if diff := cmp.Diff(out[1], out[0]); diff != "" {
			t.Errorf("%s: with bulk reads (+) and reading each function (-):\n%s", name, diff)
		}
	}
	both("plan before apply", 2, "plan", "-f", doc, "--detailed-exitcode")
	both("plan -o json before apply", 2, "plan", "-f", doc, "--detailed-exitcode", "-o", "json")
	mustRun(t, 0, "", "apply", "-f", doc, "--auto-approve")
	both("plan after apply", 0, "plan", "-f", doc, "--detailed-exitcode")
	both("export --all", 0, "export", "-f", doc, "--provider", "fc3", "--all")
}
