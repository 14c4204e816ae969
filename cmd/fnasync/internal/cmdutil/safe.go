package cmdutil

import (
	"io"
	"os"
	"reflect"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fnasync/fnasync/internal/safetext"
	"github.com/fnasync/fnasync/provider/emukit"
)

// CredentialVars are the environment variables whose values fnasync never
// prints: access key ids, secret keys and security tokens of both clouds'
// credential chains.
var CredentialVars = []string{
	"HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "HUAWEICLOUD_SDK_SECURITY_TOKEN",
	"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN",
	"ALICLOUD_ACCESS_KEY", "ALICLOUD_SECRET_KEY", "ALICLOUD_SECURITY_TOKEN",
}

// Secrets returns the values of CredentialVars that getenv finds, except
// the emulator's public default keys (documented, not secrets).
func Secrets(getenv func(string) string) []string {
	var out []string
	for _, v := range CredentialVars {
		if s := getenv(v); s != "" && s != emukit.DefaultAccessKey && s != emukit.DefaultSecretKey {
			out = append(out, s)
		}
	}
	return out
}

// maxUntrusted is the length Untrusted clips to: a server's message
// (clipped by the adapters to safetext.MaxMessage) with the context fnasync
// wraps around it.
const maxUntrusted = 2 * safetext.MaxMessage

// signatureRE matches the parts of an Authorization header that would
// let a request be replayed or name the key that signed it: Huawei's
// SDK-HMAC-SHA256 Access= and Signature=, Alibaba's ACS3 Credential= and
// Signature=, and the whole of an acs AK:SIGNATURE value.
var signatureRE = regexp.MustCompile(`\b(Access|Credential|Signature)=[^,;\s"'&]+|\bacs [A-Za-z0-9._-]+:[A-Za-z0-9+/=]+`)

// Untrusted returns s, text that came from a server, safe to print: the
// environment's credentials and any Authorization signature redacted,
// clipped, and control, bidi and zero-width characters escaped
// (safetext.Clean). Every server string fnasync prints goes through it,
// by Clean or Message.
func Untrusted(s string) string {
	// Cut a huge message first, far past where Clean clips, so that the
	// pattern runs over a bounded text and no secret is cut in what stays.
	s = safetext.Clip(s, 4*maxUntrusted)
	s = signatureRE.ReplaceAllStringFunc(s, func(m string) string {
		if strings.HasPrefix(m, "acs ") {
			return "acs " + safetext.Redacted
		}
		return m[:strings.IndexByte(m, '=')+1] + safetext.Redacted
	})
	return safetext.Clean(s, maxUntrusted, Secrets(os.Getenv)...)
}

// Clean returns a deep copy of v (a plan, invocation records,
// diagnostics) with every string passed through Untrusted, for printing
// as text or JSON; v itself is left as it was, since it may still be
// used (a plan's live configs are what apply writes against).
func Clean[T any](v T) T {
	rv := reflect.ValueOf(&v).Elem()
	rv.Set(cleanValue(rv))
	return v
}

func cleanValue(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.String:
		out := reflect.New(v.Type()).Elem()
		out.SetString(Untrusted(v.String()))
		return out
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		out := reflect.New(v.Type().Elem())
		out.Elem().Set(cleanValue(v.Elem()))
		return out
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		out := reflect.New(v.Type()).Elem()
		out.Set(cleanValue(v.Elem()))
		return out
	case reflect.Struct:
		out := reflect.New(v.Type()).Elem()
		out.Set(v)
		for i := range v.NumField() {
			if f := out.Field(i); f.CanSet() {
				f.Set(cleanValue(v.Field(i)))
			}
		}
		return out
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			out.Index(i).Set(cleanValue(v.Index(i)))
		}
		return out
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeMapWithSize(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			out.SetMapIndex(cleanValue(it.Key()), cleanValue(it.Value()))
		}
		return out
	}
	return v
}

// sgrRE matches a colour sequence (Select Graphic Rendition), the only
// escape sequence fnasync itself writes.
var sgrRE = regexp.MustCompile(`^\x1b\[[0-9;]*m`)

// SafeWriter returns w redacting secrets and escaping every control
// character but newline, tab, carriage return (the progress bar) and
// colour sequences: the last line of defence, under Untrusted, so that
// nothing fnasync writes can carry a credential or move the cursor, clear
// the screen or retitle the terminal.
func SafeWriter(w io.Writer, secrets []string) io.Writer { return &safeWriter{w: w, secrets: secrets} }

type safeWriter struct {
	w       io.Writer
	secrets []string
}

func (s *safeWriter) Write(p []byte) (int, error) {
	_, err := io.WriteString(s.w, Safe(string(p), s.secrets))
	return len(p), err
}

// Safe returns s with secrets redacted and control characters escaped as
// SafeWriter does.
func Safe(s string, secrets []string) string {
	s = safetext.Redact(s, secrets...)
	if strings.IndexFunc(s, streamControl) < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == 0x1b {
			if m := sgrRE.FindString(s[i:]); m != "" {
				n = len(m)
				r = 'm'
			}
		}
		if streamControl(r) {
			b.WriteString(safetext.Escape(s[i : i+n]))
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// streamControl reports a control character that is not newline, tab or
// carriage return.
func streamControl(r rune) bool {
	return unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r'
}

// LogWriter returns w for the standard logger, which packages beneath
// fnasync write to on their own (net/http quotes the bytes a server sent
// on an idle connection, a hostile server's echo of a request's
// Authorization header among them): each line is passed through
// Untrusted, and the bytes net/http quotes are not shown at all.
func LogWriter(w io.Writer) io.Writer { return logWriter{w} }

type logWriter struct{ w io.Writer }

// quotedServerBytes starts the part of a net/http log line that quotes a
// server's bytes.
const quotedServerBytes = ` starting with "`

func (l logWriter) Write(p []byte) (int, error) {
	var b strings.Builder
	for _, line := range strings.SplitAfter(string(p), "\n") {
		if line == "" {
			continue
		}
		line = strings.TrimSuffix(line, "\n")
		if head, _, ok := strings.Cut(line, quotedServerBytes); ok {
			line = head + " (the server's bytes are not shown)"
		}
		b.WriteString(Untrusted(line) + "\n")
	}
	_, err := io.WriteString(l.w, b.String())
	return len(p), err
}
