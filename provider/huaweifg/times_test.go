package huaweifg_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	v2 "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/functiongraph/v2"
	fgs "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/functiongraph/v2/model"

	"github.com/fnasync/fnasync/mapping"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/huaweifg/fgemu"
)

// TestEveryTimeStyleEndToEnd serves each function's times in one of the
// forms the documents show (fgemu.TimeStyles) and reads them back through
// the adapter and the official SDK: invocation start and end times land on
// the right instant whatever their form, and so do the config's
// created_time and last_modified.
func TestEveryTimeStyleEndToEnd(t *testing.T) {
	e := newEnv(t, nil)
	d := e.driver(t, nil)
	c := provider.NewClient(d)
	ctx := context.Background()
	var sdk *v2.FunctionGraphClient
	if !d.As(&sdk) {
		t.Fatal("As(**v2.FunctionGraphClient) failed")
	}
	for _, st := range fgemu.TimeStyles {
		t.Run(string(st), func(t *testing.T) {
			name := "times-" + string(st)
			e.srv.AddFunction(testPID, name)
			e.srv.SetFunctionTimeStyle(testPID, name, st)
			fn := model.FunctionRef{Function: name}
			before := e.clock.Now().UTC().Truncate(time.Second)
			if err := c.Put(ctx, fn, &model.AsyncConfig{MaxRetryAttempts: model.Int(0)}, nil); err != nil {
				t.Fatal(err)
			}
			id, err := d.Invoke(ctx, fn, nil)
			if err != nil {
				t.Fatal(err)
			}
			after := e.clock.Now().UTC()
			e.clock.Advance(time.Second)
			invs, err := c.ListInvocations(ctx, fn, nil)
			if err != nil || len(invs) != 1 || invs[0].ID != id {
				t.Fatalf("ListInvocations: %+v, %v", invs, err)
			}
			inv := invs[0]
			if inv.Start.Before(before) || inv.Start.After(after) || inv.End.Before(inv.Start) || inv.End.After(after.Add(time.Second)) {
				t.Errorf("start %v, end %v: want both between %v and %v", inv.Start, inv.End, before, after)
			}
			resp, err := sdk.ShowFunctionAsyncInvokeConfig(&fgs.ShowFunctionAsyncInvokeConfigRequest{
				FunctionUrn: mapping.FgsFunctionURN(testRegion, testPID, "default/"+name, "latest")})
			if err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(resp)
			var w mapping.FgsConfig
			if err := json.Unmarshal(b, &w); err != nil {
				t.Fatal(err)
			}
			created, modified, err := w.Times()
			if err != nil {
				t.Fatalf("config times %q, %q: %v", w.CreatedTime, w.LastModified, err)
			}
			for _, tm := range []time.Time{created, modified} {
				if tm.Before(before) || tm.After(after) {
					t.Errorf("config time %v (from %q, %q) is not between %v and %v", tm, w.CreatedTime, w.LastModified, before, after)
				}
			}
		})
	}
}
