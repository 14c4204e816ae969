package ctxtransport

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestTransport(t *testing.T) {
	block := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Call") != "" {
			t.Errorf("the key header reached the server")
		}
		if r.URL.Path == "/slow" {
			select {
			case <-block:
			case <-r.Context().Done():
			}
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	defer close(block)
	tr := New(&http.Transport{}, "X-Call")
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}

	tests := []struct {
		name    string
		path    string
		cancel  bool
		withKey bool
		wantErr error
	}{
		{name: "keyed request passes", path: "/", withKey: true},
		{name: "unkeyed request passes", path: "/"},
		{name: "cancelling the call aborts the request", path: "/slow", withKey: true, cancel: true, wantErr: context.Canceled},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			req, _ := http.NewRequest(http.MethodGet, srv.URL+tc.path, nil)
			if tc.withKey {
				key, done := tr.Register(ctx)
				defer done()
				req.Header.Set("X-Call", key)
			}
			if tc.cancel {
				time.AfterFunc(50*time.Millisecond, cancel)
			}
			resp, err := client.Do(req)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusNoContent {
				t.Errorf("status %d", resp.StatusCode)
			}
		})
	}
}
