package emukit_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/fnasync/fnasync/provider/emukit"
)

// TestInspectRefusesBrowsers sends, on loopback, what a web page can make
// a browser send, and what curl sends.
func TestInspectRefusesBrowsers(t *testing.T) {
	log := &emukit.Log{}
	log.Add(emukit.Request{Path: "/v2/x"})
	resets := 0
	srv := httptest.NewServer(emukit.Inspect(&emukit.InspectOptions{Log: log,
		Routes: map[string]http.HandlerFunc{"POST /_emulator/reset": func(w http.ResponseWriter, _ *http.Request) {
			resets++
			w.WriteHeader(http.StatusNoContent)
		}}}))
	defer srv.Close()
	tests := []struct {
		name, method, path string
		header             map[string]string
		want               int
	}{
		{"curl GET", "GET", "/_emulator/requests", nil, http.StatusOK},
		{"curl POST", "POST", "/_emulator/reset", nil, http.StatusNoContent},
		{"JSON POST", "POST", "/_emulator/reset", map[string]string{"Content-Type": "application/json"}, http.StatusNoContent},
		{"typed address", "GET", "/_emulator/requests", map[string]string{"Sec-Fetch-Site": "none"}, http.StatusOK},
		{"fetch with Origin", "GET", "/_emulator/requests", map[string]string{"Origin": "https://evil.example"}, http.StatusForbidden},
		{"no-cors POST", "POST", "/_emulator/reset", map[string]string{"Origin": "null"}, http.StatusForbidden},
		{"cross-site", "POST", "/_emulator/reset", map[string]string{"Sec-Fetch-Site": "cross-site"}, http.StatusForbidden},
		{"rebinding", "GET", "/_emulator/requests", map[string]string{"Sec-Fetch-Site": "same-origin"}, http.StatusForbidden},
		{"form POST", "POST", "/_emulator/reset", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, http.StatusForbidden},
		{"multipart POST", "POST", "/_emulator/reset", map[string]string{"Content-Type": "multipart/form-data; boundary=x"}, http.StatusForbidden},
		{"text POST", "POST", "/_emulator/reset", map[string]string{"Content-Type": "text/plain;charset=UTF-8"}, http.StatusForbidden},
		{"rebound Host", "GET", "/_emulator/requests", map[string]string{"Host": "evil.example"}, http.StatusUnauthorized},
		{"bad since", "GET", "/_emulator/requests?since=x", nil, http.StatusBadRequest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := resets
			req, _ := http.NewRequest(tc.method, srv.URL+tc.path, nil)
			for k, v := range tc.header {
				if k == "Host" {
					req.Host = v
				} else {
					req.Header.Set(k, v)
				}
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tc.want {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.want)
			}
			if tc.want >= 400 && resets != before {
				t.Errorf("a refused request reset the emulator")
			}
		})
	}
}

func TestInspectSince(t *testing.T) {
	log := &emukit.Log{}
	for _, p := range []string{"/a", "/b", "/c"} {
		log.Add(emukit.Request{Path: p})
	}
	srv := httptest.NewServer(emukit.Inspect(&emukit.InspectOptions{Log: log}))
	defer srv.Close()
	for since, want := range map[string]string{"": "/a /b /c", "1": "/b /c", "3": ""} {
		resp, err := http.Get(srv.URL + "/_emulator/requests?since=" + since)
		if err != nil {
			t.Fatal(err)
		}
		var got []emukit.Request
		err = json.NewDecoder(resp.Body).Decode(&got)
		resp.Body.Close()
		if err != nil || got == nil {
			t.Fatalf("since=%s: %v, %v (want a JSON list)", since, got, err)
		}
		var paths []string
		for _, r := range got {
			paths = append(paths, r.Path)
		}
		if s := strings.Join(paths, " "); s != want {
			t.Errorf("since=%s: %q, want %q", since, s, want)
		}
	}
}
