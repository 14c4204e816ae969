package emulator_test

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"runtime"
	"strings"
	"testing"

	"github.com/fnasync/fnasync/emulator"
)

// TestLogBoundedUnderFlood sends unsigned requests whose request lines
// are half a megabyte long (a long path, a long query, each cloud's prefix)
// and checks that the emulator keeps nearly none of that memory: the
// request log keeps clipped copies, not pieces of the lines. Without the
// copies the heap grows by the whole flood.
func TestLogBoundedUnderFlood(t *testing.T) {
	srv, err := emulator.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	l, err := emulator.Listen("", srv, false)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	addr := strings.TrimPrefix(l.URL, "http://")
	long := strings.Repeat("a", 512<<10)
	targets := []string{"/v2/" + long, "/v2/p/fgs/functions?x=" + long, "/2023-03-30/functions/" + long, "/2021-04-06/services?x=" + long}
	heap := func() uint64 {
		var ms runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	before := heap()
	const n = 48
	for i := range n {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", targets[i%len(targets)], addr)
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		c.Close()
	}
	if got := len(srv.Log().Requests()); got != n {
		t.Fatalf("the log holds %d requests, want %d", got, n)
	}
	if grown := int64(heap()) - int64(before); grown > 8<<20 {
		t.Errorf("after %d requests of 512 KB the heap grew by %d MB, want under 8 MB (the log keeps %d clipped entries)", n, grown>>20, n)
	}
}
