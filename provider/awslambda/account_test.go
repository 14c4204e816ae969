package awslambda_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
)

// TestAccountLearned: without accountId in the document, the driver
// learns the account from Lambda before it writes a destination ARN, and
// reads its own ARNs back as their kinds.
func TestAccountLearned(t *testing.T) {
	e := newEnv(t, nil)
	if err := e.emu.AddFunction("orders", "prod"); err != nil {
		t.Fatal(err)
	}
	p := testProvider()
	p.AccountID = ""
	c := provider.NewClient(e.driver(t, p, nil))
	fn := model.FunctionRef{Provider: "aws", Function: "orders", Qualifier: "prod"}
	cfg := &model.AsyncConfig{OnSuccess: &model.Destination{Kind: model.KindQueue, Name: "q"},
		OnFailure: &model.Destination{Kind: model.KindRef, Name: "arn:aws:sns:us-east-1:" + testAccount + ":alerts"}}
	if err := c.Put(context.Background(), fn, cfg, nil); err != nil {
		t.Fatal(err)
	}
	got, err := c.Get(context.Background(), fn)
	if err != nil {
		t.Fatal(err)
	}
	want := c.Normalize(cfg)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Get after Put (-want +got):\n%s", diff)
	}
	if got.OnFailure.Kind != model.KindTopic {
		t.Errorf("the account's own SNS ARN reads back as %v, want a topic", got.OnFailure)
	}
}
