package cmdutil

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/model"
)

func TestUntrusted(t *testing.T) {
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI5tExampleKeyId")
	t.Setenv("HUAWEICLOUD_SDK_SECURITY_TOKEN", "hw-token-0123456789")
	for _, tt := range []struct{ in, want string }{
		{"plain message", "plain message"},
		{"key LTAI5tExampleKeyId and token hw-token-0123456789", "key [redacted] and token [redacted]"},
		{"Authorization: SDK-HMAC-SHA256 Access=AKID, SignedHeaders=host;x-sdk-date, Signature=0123abcd",
			"Authorization: SDK-HMAC-SHA256 Access=[redacted], SignedHeaders=host;x-sdk-date, Signature=[redacted]"},
		{"Authorization: acs SOMEAK:c2lnbmF0dXJl= next", "Authorization: acs [redacted] next"},
		{"ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=a,Signature=ff00", "ACS3-HMAC-SHA256 Credential=[redacted],SignedHeaders=a,Signature=[redacted]"},
		{"\x1b[2Jline\nforged\u202e", `\x1b[2Jline\nforged\u202e`},
	} {
		if got := Untrusted(tt.in); got != tt.want {
			t.Errorf("Untrusted(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := Untrusted(strings.Repeat("x", 10<<20)); len(got) > maxUntrusted+40 {
		t.Errorf("Untrusted of 10 MB is %d bytes", len(got))
	}
}

// TestClean: the copy is clean, the original untouched (apply still
// writes against it).
func TestClean(t *testing.T) {
	topic := "alerts\x1b[2J"
	orig := []*model.AsyncConfig{{OnFailure: &model.Destination{Kind: model.KindTopic, Name: topic}, MaxRetryAttempts: model.Int(2)}}
	diags := model.Diagnostics{{Summary: "s", Detail: "d\n\x07"}}
	got, gotDiags := Clean(orig), Clean(diags)
	if got[0].OnFailure.Name != `alerts\x1b[2J` || *got[0].MaxRetryAttempts != 2 || gotDiags[0].Detail != `d\n\x07` {
		t.Errorf("Clean = %+v %+v", got[0].OnFailure, gotDiags)
	}
	if orig[0].OnFailure.Name != topic || diags[0].Detail != "d\n\x07" {
		t.Error("Clean changed its argument")
	}
	var anyv any = map[string]any{"k": []any{"a\x00"}}
	if diff := cmp.Diff(map[string]any{"k": []any{`a\x00`}}, Clean(anyv)); diff != "" {
		t.Errorf("Clean(any) (-want +got):\n%s", diff)
	}
}

func TestSafeWriter(t *testing.T) {
	var b bytes.Buffer
	w := SafeWriter(&b, []string{"sekrit-value"})
	in := "\x1b[32m+ create\x1b[0m\r[===]\ttab\nleak sekrit-value \x1b[2J \x1b]0;title\x07 \u0085 héllo\n"
	if _, err := w.Write([]byte(in)); err != nil {
		t.Fatal(err)
	}
	want := "\x1b[32m+ create\x1b[0m\r[===]\ttab\nleak [redacted] \\x1b[2J \\x1b]0;title\\x07 \\x85 héllo\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestSecrets(t *testing.T) {
	env := map[string]string{"HUAWEICLOUD_SDK_AK": "FNASYNCEMULATORAK001", "HUAWEICLOUD_SDK_SK": "real-secret",
		"ALIBABA_CLOUD_SECURITY_TOKEN": "tok", "PATH": "/bin"}
	if diff := cmp.Diff([]string{"real-secret", "tok"}, Secrets(func(k string) string { return env[k] })); diff != "" {
		t.Errorf("Secrets (-want +got):\n%s", diff)
	}
}

func TestLogWriter(t *testing.T) {
	var b bytes.Buffer
	w := LogWriter(&b)
	in := "2026/01/01 00:00:00 Unsolicited response received on idle HTTP channel starting with \"acs AK0001:c2lnbmF0dXJl= token\"; err=<nil>\n" +
		"2026/01/01 00:00:00 http: TLS handshake error \x1b[2J Signature=abcdef0123\n"
	if _, err := w.Write([]byte(in)); err != nil {
		t.Fatal(err)
	}
	want := "2026/01/01 00:00:00 Unsolicited response received on idle HTTP channel (the server's bytes are not shown)\n" +
		"2026/01/01 00:00:00 http: TLS handshake error \\x1b[2J Signature=[redacted]\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
