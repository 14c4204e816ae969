package proof

import (
	"testing"
	"time"

	"github.com/fnasync/fnasync/emulator"
	"github.com/fnasync/fnasync/provider/emukit"
)

var dbgEmu func(*emu)

func TestDbgQuota(t *testing.T) {
	var e *emu
	dbgEmu = func(x *emu) { e = x }
	r := applyAgainstQuota(t, 1000, 50, false)
	t.Logf("%+v", r)
	reqs := e.Log().Requests()
	start := reqs[0].Time
	type sec struct{ fc, fct, fg, fgt int }
	var secs [60]sec
	for _, q := range reqs {
		i := int(q.Time.Sub(start) / time.Second)
		if q.Cloud == "huaweifg" {
			secs[i].fg++
			if q.Throttled {
				secs[i].fgt++
			}
		} else {
			secs[i].fc++
			if q.Throttled {
				secs[i].fct++
			}
		}
	}
	for i, s := range secs {
		if s.fc+s.fg > 0 {
			t.Logf("%2d: fc %3d (%2d throttled)  fg %3d (%2d throttled)", i, s.fc, s.fct, s.fg, s.fgt)
		}
	}
	_ = emulator.Options{}
	_ = emukit.Faults{}
}
