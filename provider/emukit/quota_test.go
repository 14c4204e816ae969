package emukit

import (
	"testing"
	"time"
)

func TestQuota(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	q := &Quota{RPS: 2, Now: func() time.Time { return now }}
	steps := []struct {
		advance time.Duration
		key     string
		want    bool
	}{
		{0, "a", true}, {0, "a", true}, // the burst: RPS rounded up
		{0, "a", false},
		{0, "b", true}, // another project or account has its own bucket
		{250 * time.Millisecond, "a", false},
		{250 * time.Millisecond, "a", true}, // 2 a second: one token per 500ms
		{0, "a", false},
		{10 * time.Second, "a", true}, {0, "a", true}, {0, "a", false}, // refilled to the burst, no more
	}
	for i, s := range steps {
		now = now.Add(s.advance)
		if got := q.Admit(s.key); got != s.want {
			t.Errorf("step %d (%s after %v): admitted %t, want %t", i, s.key, s.advance, got, s.want)
		}
	}
	q.Reset()
	if !q.Admit("a") {
		t.Error("after Reset the bucket is not full")
	}
	var none *Quota
	if !none.Admit("a") || !(&Quota{}).Admit("a") || !(&Faults{}).Admit("a") {
		t.Error("no quota throttles")
	}
}
