package awslambda_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/fnasync/fnasync/provider/awslambda"
)

// TestNoCredentialsIsOneLine: with no credentials anywhere and a cloud
// endpoint, the SDK's chain asks the instance metadata service (here a
// loopback server that refuses, as a host without a role does) and New
// fails with its one error: the SDK's own logger writes nothing to
// standard error beside it.
func TestNoCredentialsIsOneLine(t *testing.T) {
	var asked atomic.Int32
	imds := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		asked.Add(1)
		http.Error(w, "forbidden", http.StatusForbidden)
	}))
	defer imds.Close()
	dir := t.TempDir()
	for k, v := range map[string]string{
		"AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_SESSION_TOKEN": "", "AWS_PROFILE": "",
		"AWS_CONFIG_FILE": filepath.Join(dir, "config"), "AWS_SHARED_CREDENTIALS_FILE": filepath.Join(dir, "credentials"),
		"AWS_WEB_IDENTITY_TOKEN_FILE": "", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "", "AWS_CONTAINER_CREDENTIALS_FULL_URI": "",
		"AWS_EC2_METADATA_DISABLED": "", "AWS_EC2_METADATA_SERVICE_ENDPOINT": imds.URL, "HOME": dir,
	} {
		t.Setenv(k, v)
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr := os.Stderr
	os.Stderr = w
	_, err = awslambda.New(t.Context(), testProvider(), limits(), &awslambda.Options{Endpoint: "https://lambda.us-east-1.amazonaws.com"})
	os.Stderr = stderr
	w.Close()
	var logged bytes.Buffer
	if _, cerr := io.Copy(&logged, r); cerr != nil {
		t.Fatal(cerr)
	}
	if err == nil || !strings.Contains(err.Error(), "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY") || strings.Contains(err.Error(), "\n") {
		t.Errorf("New: %v; want one line naming AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", err)
	}
	if asked.Load() == 0 {
		t.Error("the instance metadata service was not asked: the test does not exercise the SDK's logging")
	}
	if logged.Len() > 0 {
		t.Errorf("the SDK wrote to standard error:\n%s", logged.String())
	}
}
