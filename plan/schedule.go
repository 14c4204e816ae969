package plan

import (
	"sync"

	"golang.org/x/sync/errgroup"
)

// byProvider runs work on each group, each provider's groups in order
// and up to limit of them at once, the providers side by side: a
// provider waiting for its rate does not hold back another's groups, as
// one queue in document order would. It returns when all are done.
func byProvider[T any](groups [][]T, provider func(T) string, limit int, work func([]T)) {
	var order []string
	queues := map[string][][]T{}
	for _, g := range groups {
		p := provider(g[0])
		if _, ok := queues[p]; !ok {
			order = append(order, p)
		}
		queues[p] = append(queues[p], g)
	}
	var wg sync.WaitGroup
	for _, p := range order {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var g errgroup.Group
			g.SetLimit(limit)
			for _, grp := range queues[p] {
				g.Go(func() error {
					work(grp)
					return nil
				})
			}
			_ = g.Wait()
		}()
	}
	wg.Wait()
}
