package emukit_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/fnasync/fnasync/provider/emukit"
)

// record is a function record of typical size (a config with both
// destinations, as the emulators store it).
var record = []byte(fmt.Sprintf(`{"created":"2026-01-01T00:00:00Z","configs":{"latest":{"region":"cn-north-4","maxAge":3600,"retries":1,"statusLog":true,"onFailure":{"destination":"SMN","param":"{\"topic_urn\":\"urn:smn:cn-north-4:%032d:alerts\"}"},"created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z"}}}`, 0))

// BenchmarkStoreWrite measures durable writes (each acknowledged once
// synced): one writer at a time, and 16 concurrent writers that share
// commits, against the bound of one synced write of the same size to a
// plain file (BenchmarkFsyncBound). Keys cycle over 1,000 records.
func BenchmarkStoreWrite(b *testing.B) {
	for _, writers := range []int{1, 16} {
		b.Run(fmt.Sprintf("writers=%d", writers), func(b *testing.B) {
			s, err := emukit.OpenStore(filepath.Join(b.TempDir(), "state.db"), nil)
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			var (
				mu   sync.Mutex
				next atomic.Int64
				wg   sync.WaitGroup
			)
			b.ResetTimer()
			for range writers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for {
						i := next.Add(1)
						if i > int64(b.N) {
							return
						}
						mu.Lock()
						c := s.Write("t", false, emukit.Record{Key: fmt.Sprintf("p/default/fn-%05d", i%1000), Value: record})
						mu.Unlock()
						if err := c.Wait(); err != nil {
							b.Error(err)
							return
						}
					}
				}()
			}
			wg.Wait()
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "writes/s")
		})
	}
}

// BenchmarkFsyncBound is the bound BenchmarkStoreWrite is compared with:
// one write of a record to a plain file, then fdatasync, per operation.
func BenchmarkFsyncBound(b *testing.B) {
	f, err := os.Create(filepath.Join(b.TempDir(), "plain"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	b.ResetTimer()
	for i := range b.N {
		if _, err := f.WriteAt(record, int64(i%1000)*int64(len(record))); err != nil {
			b.Fatal(err)
		}
		if err := f.Sync(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "writes/s")
}
