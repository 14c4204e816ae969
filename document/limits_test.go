package document

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func wantOneError(t *testing.T, diags []string, contains string) {
	t.Helper()
	if len(diags) != 1 || !strings.Contains(diags[0], contains) {
		t.Errorf("diagnostics = %q, want one containing %q", diags, contains)
	}
}

func strs[T interface{ String() string }](ds []T) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.String())
	}
	return out
}

func TestHugeFile(t *testing.T) {
	t.Run("over the default limit", func(t *testing.T) {
		data := bytes.Repeat([]byte("# padding line of a huge document\n"), DefaultMaxBytes/34+1)
		_, diags := Parse("huge.yaml", data, nil)
		wantOneError(t, strs(diags), "huge.yaml:1:1: error: document is larger than the limit of 32 MiB: split it into several documents")
	})
	t.Run("a file's real size, unread", func(t *testing.T) {
		// 40 MiB, sparse: Load must refuse it from its size, not read
		// 32 MiB of it and report that.
		path := filepath.Join(t.TempDir(), "big40.yaml")
		if err := os.WriteFile(path, []byte("version: 1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(path, 40<<20); err != nil {
			t.Fatal(err)
		}
		var diags []string
		n := allocated(func() { _, ds := Load(path, nil, nil); diags = strs(ds) })
		wantOneError(t, diags, "big40.yaml:1:1: error: document is 40 MiB, more than the limit of 32 MiB: split it into several documents")
		if n > 1<<20 {
			t.Errorf("refusing a 40 MiB file allocated %d KiB, want under 1 MiB", n>>10)
		}
	})
	t.Run("configured limit on a file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "big.yaml")
		data := append([]byte("version: 1\nproviders: {}\nfunctions: []\n"), bytes.Repeat([]byte("#\n"), 3<<19)...)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, diags := Load(path, nil, &Options{MaxBytes: 1 << 20})
		wantOneError(t, strs(diags), "big.yaml:1:1: error: document is 3.0 MiB, more than the limit of 1 MiB")
		if _, diags := Load(path, nil, &Options{MaxBytes: 4 << 20}); len(diags) > 0 {
			t.Errorf("within a raised limit: %v", diags)
		}
	})
	t.Run("map file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "map.yaml")
		if err := os.WriteFile(path, bytes.Repeat([]byte("#\n"), 1<<20), 0o644); err != nil {
			t.Fatal(err)
		}
		_, diags := LoadMap(path, &Options{MaxBytes: 1 << 20})
		if got := strs(diags); len(got) != 1 || !strings.HasSuffix(got[0], "map.yaml:1:1: error: map file is 2 MiB, more than the limit of 1 MiB") {
			t.Errorf("diagnostics = %q, want one about the map file's size, without a hint about documents", got)
		}
	})
	t.Run("endless stdin is read only to the limit", func(t *testing.T) {
		var r endless
		_, diags := Load("-", &r, &Options{MaxBytes: 1 << 20})
		wantOneError(t, strs(diags), "<stdin>:1:1: error: document is larger than the limit of 1 MiB: split it into several documents")
		if r.n > 1<<20+1<<16 {
			t.Errorf("read %d bytes of an endless input, want about 1 MiB", r.n)
		}
	})
}

// endless is a reader that never ends.
type endless struct{ n int }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = '#'
	}
	e.n += len(p)
	return len(p), nil
}

func TestAliasBomb(t *testing.T) {
	// Ten levels of ten aliases each: 10^10 values once expanded.
	var b strings.Builder
	b.WriteString("version: 1\nproviders: {}\nl0: &l0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i <= 10; i++ {
		prev := fmt.Sprintf("*l%d", i-1)
		fmt.Fprintf(&b, "l%d: &l%d [%s%s]\n", i, i, strings.Repeat(prev+", ", 9), prev)
	}
	b.WriteString("functions: *l10\n")
	data := []byte(b.String())
	start := time.Now()
	var got []string
	n := allocated(func() {
		_, diags := Parse("bomb.yaml", data, nil)
		got = strs(diags)
	})
	wantOneError(t, got, "expands to more than 1000000 keys and values through its YAML aliases")
	if n > 4<<20 {
		t.Errorf("alias bomb allocated %d KB, want under 4 MB", n>>10)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("alias bomb took %v", d)
	}
}

func TestDeepNesting(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"past our limit", "version: 1\nproviders: {}\nfunctions: " + strings.Repeat("[", 40) + strings.Repeat("]", 40) + "\n",
			"deep.yaml:3:43: error: document is nested more than 32 levels deep"},
		{"past the parser's limit", strings.Repeat("[", 20000) + strings.Repeat("]", 20000),
			"deep.yaml:1:1: error: not valid YAML or JSON: exceeded max depth of 10000"},
		{"through an alias", "version: 1\nproviders: {}\nx: &x " + strings.Repeat("[", 20) + strings.Repeat("]", 20) + "\nfunctions: " + strings.Repeat("[", 15) + "*x" + strings.Repeat("]", 15) + "\n",
			"deep.yaml:4:27: error: document is nested more than 32 levels deep"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := Parse("deep.yaml", []byte(tt.in), nil)
			wantOneError(t, strs(diags), tt.want)
		})
	}
	if _, diags := Parse("deep.yaml", []byte("version: 1\nproviders: {}\nfunctions: [[[]]]\n"), &Options{MaxDepth: 3}); len(diags) != 1 {
		t.Errorf("MaxDepth 3: %v", diags)
	}
}

func TestMaxNodes(t *testing.T) {
	in := []byte("version: 1\nproviders: {}\nfunctions: [" + strings.Repeat("1, ", 100) + "1]\n")
	_, diags := Parse("n.yaml", in, &Options{MaxNodes: 50})
	wantOneError(t, strs(diags), "n.yaml:1:1: error: document has more than 50 keys and values")
}
