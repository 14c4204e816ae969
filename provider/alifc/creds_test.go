package alifc

import (
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/schemas"
)

// TestNoMetadataProbeOnLoopback: the credential chain of a driver whose
// endpoint is on loopback has no ECS RAM role provider, which would query
// the metadata service at 100.100.100.200; a real endpoint's has.
func TestNoMetadataProbeOnLoopback(t *testing.T) {
	t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "")
	for _, loopback := range []bool{true, false} {
		ecs := false
		for _, p := range newChain(loopback).ps {
			_, ok := p.(*credentials.ECSRAMRoleCredentialsProvider)
			ecs = ecs || ok
		}
		if ecs == loopback {
			t.Errorf("loopback %v: ECS RAM role in the chain: %v", loopback, ecs)
		}
	}
}

// TestMissingCredentials: with nothing in the environment or the profile
// files, New fails at once with one line naming the variables to set and,
// for a loopback endpoint, where the emulator's keys are.
func TestMissingCredentials(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	for _, v := range []string{"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN",
		"ALIBABA_CLOUD_CREDENTIALS_FILE", "ALIBABA_CLOUD_PROFILE", "ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
		"ALIBABA_CLOUD_OIDC_TOKEN_FILE", "ALIBABA_CLOUD_CREDENTIALS_URI"} {
		t.Setenv(v, "")
	}
	l, _ := schemas.Limits(model.TypeAliFC3)
	p := &model.Provider{Name: "ali", Type: model.TypeAliFC3, Region: "cn-hangzhou", AccountID: "1234567890123456"}
	_, err := New(p, l, &Options{Endpoint: "http://127.0.0.1:9"})
	if err == nil {
		t.Fatal("New without credentials succeeded")
	}
	msg := err.Error()
	for _, want := range []string{"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "README"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not name %s", msg, want)
		}
	}
	if strings.ContainsAny(msg, "{\n") {
		t.Errorf("error %q is not one plain line", msg)
	}
}
