package huaweifg_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/emukit"
	"github.com/fnasync/fnasync/provider/huaweifg"
)

const leakySecret = "fnasync-test-secret-DO-NOT-LEAK-0001"

// wantNoSecret fails if any rendering of v contains the secret.
func wantNoSecret(t *testing.T, what string, v any) {
	t.Helper()
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		if s := fmt.Sprintf(verb, v); strings.Contains(s, leakySecret) {
			t.Errorf("%s rendered with %s contains the secret key: %s", what, verb, s)
		}
	}
}

func TestWrongSecretKeyRefused(t *testing.T) {
	e := newEnv(t, nil)
	e.srv.AddFunction(testPID, "orders")
	d := e.driver(t, &huaweifg.Options{Credentials: &provider.Credentials{AccessKey: emukit.DefaultAccessKey, SecretKey: leakySecret}})
	c := provider.NewClient(d)
	_, err := c.Get(context.Background(), model.FunctionRef{Function: "orders"})
	if provider.Code(err) != provider.PermissionDenied {
		t.Fatalf("Get with a wrong secret key: code %v (%v), want PermissionDenied", provider.Code(err), err)
	}
	var se *sdkerr.ServiceResponseError
	if !c.ErrorAs(err, &se) || se.StatusCode != http.StatusUnauthorized || se.ErrorCode != "APIGW.0301" {
		t.Errorf("ErrorAs: %+v", se)
	}
	if n := len(e.log.Requests()); n != 1 {
		t.Errorf("%d requests for a refused signature, want 1 (no retry)", n)
	}
	wantNoSecret(t, "error", err)
	wantNoSecret(t, "driver", d)
	b, _ := json.Marshal(e.log.Requests())
	wantNoSecret(t, "emulator log", string(b))
}

func TestStaleDateRefused(t *testing.T) {
	e := newEnv(t, nil)
	e.srv.AddFunction(testPID, "orders")
	e.clock.Advance(20 * time.Minute) // the emulator's clock runs ahead of the SDK's X-Sdk-Date
	c := provider.NewClient(e.driver(t, nil))
	_, err := c.Get(context.Background(), model.FunctionRef{Function: "orders"})
	var se *sdkerr.ServiceResponseError
	if provider.Code(err) != provider.PermissionDenied || !c.ErrorAs(err, &se) || se.ErrorCode != "APIGW.0303" {
		t.Fatalf("Get with a stale date: code %v, err %v", provider.Code(err), err)
	}
}

func TestOpenErrorsHideCredentials(t *testing.T) {
	t.Setenv("HUAWEICLOUD_SDK_AK", "")
	t.Setenv("HUAWEICLOUD_SDK_SK", leakySecret)
	t.Setenv("HUAWEICLOUD_SDK_CREDENTIALS_FILE", t.TempDir()+"/none")
	_, err := huaweifg.New(testProvider(), limits(), &huaweifg.Options{Endpoint: "http://127.0.0.1:1"})
	if err == nil || !strings.Contains(err.Error(), "HUAWEICLOUD_SDK_AK") {
		t.Fatalf("New without credentials: %v", err)
	}
	wantNoSecret(t, "open error", err)
	_, err = huaweifg.New(testProvider(), limits(), &huaweifg.Options{Endpoint: "http://127.0.0.1:1",
		Credentials: &provider.Credentials{SecretKey: leakySecret}})
	if err == nil {
		t.Fatal("New with a secret key and no access key succeeded")
	}
	wantNoSecret(t, "open error", err)
}

// TestEnvironmentCredentials opens without static keys: the SDK's chain
// reads HUAWEICLOUD_SDK_AK/SK, and the project id still comes from the
// document, not from HUAWEICLOUD_SDK_PROJECT_ID.
func TestEnvironmentCredentials(t *testing.T) {
	e := newEnv(t, nil)
	e.srv.AddFunction(testPID, "orders")
	t.Setenv("HUAWEICLOUD_SDK_AK", emukit.DefaultAccessKey)
	t.Setenv("HUAWEICLOUD_SDK_SK", emukit.DefaultSecretKey)
	t.Setenv("HUAWEICLOUD_SDK_PROJECT_ID", strings.Repeat("f", 32))
	d, err := huaweifg.Open(context.Background(), testProvider(), limits(), &provider.OpenOptions{Endpoint: e.url})
	if err != nil {
		t.Fatal(err)
	}
	c := provider.NewClient(d)
	defer c.Close()
	_, err = c.Get(context.Background(), model.FunctionRef{Function: "orders"})
	if provider.Code(err) != provider.NotFound {
		t.Fatalf("Get with environment credentials: code %v (%v), want NotFound", provider.Code(err), err)
	}
	if reqs := e.log.Requests(); len(reqs) != 1 || !strings.HasPrefix(reqs[0].Path, "/v2/"+testPID+"/") {
		t.Errorf("requests %+v, want one to the document's project", reqs)
	}
}
