package fcemu

import (
	"time"

	"github.com/fnasync/fnasync/provider/emukit"
)

// step is one status of an invocation and when it began.
type step struct {
	status string
	at     time.Time
}

// timeline returns the statuses inv goes through if nobody stops it:
// Enqueued when made, Running emukit.QueuedFor later, and (unless its
// outcome is "hang", which runs forever) Succeeded or Failed
// emukit.RunningFor after that. A failing invocation spends that window
// on its first attempt and on each of inv.Retries retries, Retrying then
// Running again, in equal slices, so it ends when one without retries
// would.
func (inv *invocation) timeline() []step {
	run := inv.Created.Add(emukit.QueuedFor)
	steps := []step{{"Enqueued", inv.Created}, {"Running", run}}
	end := run.Add(emukit.RunningFor)
	switch inv.Outcome {
	case "hang":
		return steps
	case "fail":
	default:
		return append(steps, step{"Succeeded", end})
	}
	n := min(max(inv.Retries, 0), maxRetries)
	slice := emukit.RunningFor / time.Duration(2*n+1)
	for i := range n {
		at := run.Add(time.Duration(2*i+1) * slice)
		steps = append(steps, step{"Retrying", at}, step{"Running", at.Add(slice)})
	}
	return append(steps, step{"Failed", end})
}

// history returns the steps inv has gone through by now (at least
// Enqueued): its timeline up to now, cut at and ended by Stopped if it was
// stopped.
func (inv *invocation) history(now time.Time) []step {
	tl := inv.timeline()
	out := tl[:1]
	for _, s := range tl[1:] {
		if s.at.After(now) || (!inv.Stopped.IsZero() && s.at.After(inv.Stopped)) {
			break
		}
		out = append(out, s)
	}
	if !inv.Stopped.IsZero() {
		out = append(out, step{"Stopped", inv.Stopped})
	}
	return out
}

// status returns inv's FC status at now, its end time (zero while it has
// not ended) and how many retries have begun.
func (inv *invocation) status(now time.Time) (st string, end time.Time, retried int64) {
	h := inv.history(now)
	for _, s := range h {
		if s.status == "Retrying" {
			retried++
		}
	}
	last := h[len(h)-1]
	switch last.status {
	case "Succeeded", "Failed", "Stopped":
		return last.status, last.at, retried
	}
	return last.status, time.Time{}, retried
}

// stoppable reports whether an invocation in FC status st can be stopped.
func stoppable(st string) bool { return st == "Enqueued" || st == "Running" || st == "Retrying" }
