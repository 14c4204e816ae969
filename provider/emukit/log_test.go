package emukit

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

// TestLogIsABoundedRing floods a small log with requests whose paths are
// long: it keeps the newest Size, clipped, numbered without gaps, and
// Since pages through them.
func TestLogIsABoundedRing(t *testing.T) {
	l := &Log{Size: 5}
	long := "/" + strings.Repeat("x", 100_000)
	for range 23 {
		l.Add(Request{Method: strings.Repeat("M", 1000), Path: long})
	}
	got := l.Requests()
	if len(got) != 5 {
		t.Fatalf("the log keeps %d requests, want 5", len(got))
	}
	for i, r := range got {
		if want := uint64(19 + i); r.Seq != want {
			t.Errorf("request %d has seq %d, want %d (oldest first)", i, r.Seq, want)
		}
		if len(r.Path) > MaxLogPath+40 || !strings.HasPrefix(r.Path, "/xxx") {
			t.Errorf("path of %d bytes kept, want at most %d and a note", len(r.Path), MaxLogPath)
		}
		if len(r.Method) > maxLogMethod+40 {
			t.Errorf("method of %d bytes kept", len(r.Method))
		}
	}
	tests := []struct {
		since uint64
		want  []uint64
	}{
		{0, []uint64{19, 20, 21, 22, 23}},
		{21, []uint64{22, 23}},
		{23, nil},
		{1000, nil},
	}
	for _, tc := range tests {
		var seqs []uint64
		for _, r := range l.Since(tc.since) {
			seqs = append(seqs, r.Seq)
		}
		if !slices.Equal(seqs, tc.want) {
			t.Errorf("Since(%d) = %v, want %v", tc.since, seqs, tc.want)
		}
	}
	l.Reset()
	l.Add(Request{Path: "/a"})
	l.Add(Request{Path: "/b"})
	if got := l.Requests(); len(got) != 2 || got[0].Seq != 24 || got[1].Path != "/b" {
		t.Errorf("after Reset: %+v, want seq 24 and 25 in order", got)
	}
}

func TestLogDefaultSize(t *testing.T) {
	var l Log
	for range DefaultLogSize + 10 {
		l.Add(Request{Path: "/"})
	}
	if n := len(l.Requests()); n != DefaultLogSize {
		t.Errorf("the zero Log keeps %d requests, want %d", n, DefaultLogSize)
	}
}

// TestLogKeepsNoRequestMemory adds requests whose method and path are
// short pieces of one long request line, as net/http parses them: the log
// keeps copies, so a flood of long request lines (a long query, a long
// path clipped) cannot keep each line alive in the ring.
func TestLogKeepsNoRequestMemory(t *testing.T) {
	line := "GET /v2/x?" + strings.Repeat("q", 1<<20)
	inLine := func(s string) bool {
		if s == "" {
			return false
		}
		p, start := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(unsafe.StringData(line)))
		return p >= start && p < start+uintptr(len(line))
	}
	l := &Log{Size: 3}
	l.Add(Request{Cloud: line[4:6], Operation: line[4:6], Method: line[:3], Path: line[4:9]})
	r := l.Requests()[0]
	for name, s := range map[string]string{"cloud": r.Cloud, "operation": r.Operation, "method": r.Method, "path": r.Path} {
		if inLine(s) {
			t.Errorf("the log's %s %q shares the memory of the request line", name, s)
		}
	}
}

// TestLogMarksThrottled: a request answered 429 (every emulator's
// throttling status, --throttle-rate or --quota) is marked throttled,
// whichever emulator logged it; others are not.
func TestLogMarksThrottled(t *testing.T) {
	var l Log
	for _, status := range []int{http.StatusOK, http.StatusTooManyRequests, http.StatusServiceUnavailable} {
		l.Add(Request{Cloud: "awslambda", Method: http.MethodGet, Path: "/", Status: status})
	}
	var got []bool
	for _, r := range l.Requests() {
		got = append(got, r.Throttled)
	}
	if want := []bool{false, true, false}; !slices.Equal(got, want) {
		t.Errorf("throttled marks %v, want %v", got, want)
	}
}
