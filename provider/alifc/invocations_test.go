package alifc_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/alifc"
	"github.com/fnasync/fnasync/provider/emukit"
)

// TestStopFinishedRefused: stopping a finished invocation is
// FailedPrecondition with a note naming what FC can stop (and the
// version's status flag); FC's own error is still there for ErrorAs.
func TestStopFinishedRefused(t *testing.T) {
	for _, tt := range []struct{ typ, flag string }{{model.TypeAliFC2, "statefulInvocation"}, {model.TypeAliFC3, "asyncTask"}} {
		e := newEnv(t, tt.typ, nil)
		e.addFunction(t, e.name("fn"))
		d := e.driver(t, nil)
		c := provider.NewClient(d)
		fn := model.FunctionRef{Function: e.name("fn")}
		id, err := d.Invoke(context.Background(), fn, nil)
		if err != nil {
			t.Fatalf("%s: Invoke: %v", tt.typ, err)
		}
		e.clock.Advance(emukit.QueuedFor + emukit.RunningFor + time.Millisecond)
		err = c.StopInvocation(context.Background(), fn, id)
		if provider.Code(err) != provider.FailedPrecondition {
			t.Errorf("%s: stop of a finished invocation: code %v (%v), want FailedPrecondition", tt.typ, provider.Code(err), err)
		}
		if msg := err.Error(); !strings.Contains(msg, "stops only invocations that are still queued, running or retrying") || !strings.Contains(msg, tt.flag) {
			t.Errorf("%s: the refusal does not explain itself: %v", tt.typ, err)
		}
		var ae *alifc.APIError
		if !c.ErrorAs(err, &ae) || ae.Status != 400 {
			t.Errorf("%s: ErrorAs(*APIError) = %+v", tt.typ, ae)
		}
	}
}
