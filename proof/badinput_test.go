package proof

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/fnasync/fnasync/document"
)

// huge are generated bad documents past the parser's limits, by name:
// bigger than MaxBytes, and just under it but with tens of millions of
// nodes, in flow and in block style.
var huge = map[string]func() []byte{
	"huge-file.yaml": func() []byte {
		return bytes.Repeat([]byte("  - {provider: hw, function: orders}\n"), int(document.DefaultMaxBytes)/36+1000)
	},
	"huge-flow.yaml": func() []byte {
		return append([]byte("version: 1\nfunctions: ["), bytes.Repeat([]byte("0,"), int(document.DefaultMaxBytes)/2-100)...)
	},
	"huge-block.yaml": func() []byte {
		return append([]byte("version: 1\nfunctions:\n"), bytes.Repeat([]byte("- 0\n"), int(document.DefaultMaxBytes)/4-100)...)
	},
}

// writeHuge writes the huge documents into dir and returns their paths.
func writeHuge(t testing.TB, dir string) []string {
	var paths []string
	for name, gen := range huge {
		paths = append(paths, writeFile(t, dir, name, gen()))
	}
	return paths
}

// badCorpus returns the repository's bad documents, at least 40.
func badCorpus(t testing.TB) []string {
	t.Helper()
	var files []string
	for _, ext := range []string{"yaml", "json"} {
		m, err := filepath.Glob(filepath.Join("..", "testdata", "bad", "*."+ext))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 40 {
		t.Fatalf("%d bad documents in testdata/bad, want at least 40", len(files))
	}
	return files
}

// TestBadDocumentsCLI runs the fnasync binary's validate on every bad
// document, those of testdata/bad and huge generated ones, and plan on one
// of the huge ones (cmd/fnasync's FuzzBadDocument runs plan on every other
// one, in process): each run exits 1 without a panic and reports, for
// every file, at least one error located at a line and column.
func TestBadDocumentsCLI(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	env := cleanEnv(dir)
	corpus := badCorpus(t)
	for i, f := range corpus {
		abs, err := filepath.Abs(f)
		if err != nil {
			t.Fatal(err)
		}
		corpus[i] = abs
	}
	big := writeHuge(t, dir)
	files := append(corpus, big...)
	checkBadRun(t, run(t, env, dir, append([]string{"validate"}, files...)...), files...)
	block := filepath.Join(dir, "huge-block.yaml")
	checkBadRun(t, run(t, env, dir, "plan", "-f", block), block)
}

var diagRE = regexp.MustCompile(`(?m)^(.+):(\d+):(\d+): error: `)

// checkBadRun checks a run of the CLI on bad files: exit 1, no panic, and
// for every file a diagnostic at a line and column.
func checkBadRun(t *testing.T, r result, files ...string) {
	t.Helper()
	if r.code != 1 || strings.Contains(r.stderr, "panic:") || strings.Contains(r.stderr, "goroutine ") {
		t.Errorf("want exit 1 without a panic\n%s", r)
		return
	}
	located := map[string]bool{}
	for _, m := range diagRE.FindAllStringSubmatch(r.stderr, -1) {
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		if line >= 1 && col >= 1 {
			located[m[1]] = true
		}
	}
	for _, f := range files {
		if !located[f] {
			t.Errorf("no located error for %s\n%s", f, r)
		}
	}
}

// TestBadDocumentsMemory parses the alias bomb and the huge documents in
// this process: each is refused with a located error, allocating a bounded
// amount (a few times the input for the huge ones, which are read whole).
func TestBadDocumentsMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates documents of 32 MiB")
	}
	dir := t.TempDir()
	files := append(writeHuge(t, dir), filepath.Join("..", "testdata", "bad", "alias-bomb.yaml"), filepath.Join("..", "testdata", "bad", "alias-recursive.yaml"))
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			info, err := os.Stat(file)
			if err != nil {
				t.Fatal(err)
			}
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			doc, diags := document.Load(file, nil, nil)
			runtime.ReadMemStats(&after)
			if doc != nil || !diags.HasErrors() || diags[0].Line < 1 || diags[0].Column < 1 {
				t.Fatalf("want no document and a located error, got %v", diags)
			}
			limit := 6*uint64(min(info.Size(), document.DefaultMaxBytes)) + 8<<20
			if total := after.TotalAlloc - before.TotalAlloc; total > limit {
				t.Errorf("Load of %d bytes allocated %d MiB, want under %d MiB: %v", info.Size(), total>>20, limit>>20, diags[0])
			} else {
				t.Logf("%s: %s (%d KiB read, %d KiB allocated)", filepath.Base(file), diags[0].Summary, info.Size()>>10, total>>10)
			}
		})
	}
}

// TestCorpusCoverage checks that the bad corpus has each kind of mistake
// the CLI must survive: a document of each kind exists and fails.
func TestCorpusCoverage(t *testing.T) {
	t.Parallel()
	have := map[string]bool{}
	for _, f := range badCorpus(t) {
		have[filepath.Base(f)] = true
	}
	for _, name := range []string{
		"malformed-yaml.yaml", "malformed-json.json", "wrong-types.yaml", "wrong-types.json",
		"huaweifg-retries-out-of-range.yaml", "huaweifg-event-age-out-of-range.yaml", "alifc-retries-negative.yaml",
		"alifc-event-age-out-of-range.yaml", "alifc3-event-age-out-of-range.yaml", "alifc3-retries-out-of-range.yaml",
		"unknown-key-top.yaml", "unknown-key-function.yaml", "duplicate-key.yaml", "duplicate-key.json", "duplicate-function.yaml",
		"huaweifg-queue-destination.yaml", "alifc-bucket-destination.yaml",
		"name-dotdot.yaml", "name-slashes.yaml", "name-percent.yaml", "name-space.yaml", "name-control-char.yaml",
		"name-too-long.yaml", "name-query.yaml", "qualifier-dotdot.yaml",
		"deep-nesting.json", "deep-nesting.yaml", "alias-bomb.yaml", "alias-recursive.yaml", "empty.yaml", "binary.yaml", "invalid-utf8.yaml",
	} {
		if !have[name] {
			t.Errorf("testdata/bad has no %s", name)
		}
	}
}
