package mapping

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/model"
)

// FuzzFCARN: a parsed ARN renders back to exactly its input, and
// canonicalizing twice changes nothing more than once.
func FuzzFCARN(f *testing.F) {
	for _, s := range []string{"acs:fc:cn-hangzhou:123:services/s.LATEST/functions/f", "acs:mns:::/queues/q/messages", "acs:x:y:z:a:b", "acs::::", "acs:fc:r:a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseFCARN(s)
		if err != nil {
			return
		}
		if a.String() != s {
			t.Fatalf("ParseFCARN(%q).String() = %q", s, a.String())
		}
		b, err := ParseFCARN(a.String())
		if err != nil || b != a {
			t.Fatalf("reparse of %q: %+v, %v", s, b, err)
		}
		c := a.Canonical(fc2Scope)
		if c.Canonical(fc2Scope) != c {
			t.Fatalf("Canonical is not idempotent on %q", s)
		}
		if a.Local(fc2Scope) != (c.Region == fc2Scope.Region && c.Account == fc2Scope.AccountID) {
			t.Fatalf("Local(%q) disagrees with Canonical", s)
		}
	})
}

// FuzzFCDestination: whatever FC returns decodes to a destination that
// writes back as the canonical form of what was read (verbatim for a ref;
// an FC 2.0 function's ".LATEST" dropped) and then reads back as the same
// destination.
func FuzzFCDestination(f *testing.F) {
	for _, s := range []string{"acs:fc:cn-hangzhou:1234567890123456:services/s.2/functions/f", "acs:fc:::functions/f",
		"acs:mns:cn-hangzhou::/topics/t/messages", "acs:eventbridge:cn-beijing:1:eventbus/b", "garbage", ""} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, v3 bool) {
		scope := fc2Scope
		if v3 {
			scope = fc3Scope
		}
		d := FCDestinationFromARN(scope, s)
		if d == nil {
			if s != "" {
				t.Fatalf("FCDestinationFromARN(%q) = nil", s)
			}
			return
		}
		a, perr := ParseFCARN(s)
		enc, err := FCDestinationARN(scope, d)
		if d.Kind == model.KindRef && perr != nil {
			if err == nil {
				t.Fatalf("a ref that is no ARN (%q) was accepted for writing", s)
			}
			return
		}
		if err != nil {
			t.Fatalf("FCDestinationARN(%+v) from %q: %v", d, s, err)
		}
		want := s
		if d.Kind != model.KindRef {
			want = a.Canonical(scope).String()
		}
		if d.Kind == model.KindFunction && !v3 {
			want = strings.Replace(want, "."+fcLatest+"/functions/", "/functions/", 1)
		}
		if enc != want {
			t.Fatalf("%q decoded to %+v, which writes as %q, want %q", s, d, enc, want)
		}
		if diff := cmp.Diff(d, FCDestinationFromARN(scope, enc)); diff != "" {
			t.Fatalf("re-read of %q changed (-first +second):\n%s", enc, diff)
		}
	})
}

// FuzzFCConfig: a config written with NeutralToFC and read back with
// FCToNeutral through JSON equals the config with its destinations
// canonicalized, for every value and name the mapper accepts.
func FuzzFCConfig(f *testing.F) {
	f.Add(int64(300), int64(0), false, false, byte(0), "s/f", "LATEST", byte(2), "dlq")
	f.Add(int64(1), int64(8), true, true, byte(0), "f", "", byte(6), "acs:mns:::/queues/q/messages")
	f.Add(int64(86400), int64(3), true, false, byte(5), "bus", "", byte(4), "b")
	f.Fuzz(func(t *testing.T, age, retries int64, flag, v3 bool, k1 byte, n1, q1 string, k2 byte, n2 string) {
		scope := fc2Scope
		if v3 {
			scope = fc3Scope
		}
		kind := func(k byte) model.DestinationKind { return model.AllKinds[int(k)%len(model.AllKinds)] }
		cfg := &model.AsyncConfig{MaxEventAgeSeconds: model.Int(int(age)), MaxRetryAttempts: model.Int(int(retries)), StatusLog: model.Bool(flag)}
		if n1 != "" {
			cfg.OnSuccess = &model.Destination{Kind: kind(k1), Name: n1, Qualifier: q1}
		}
		if n2 != "" {
			cfg.OnFailure = &model.Destination{Kind: kind(k2), Name: n2}
		}
		w, err := NeutralToFC(scope, cfg)
		if err != nil {
			return
		}
		body, err := json.Marshal(w)
		if err != nil {
			t.Fatal(err)
		}
		var back FCAsyncConfig
		if err := json.Unmarshal(body, &back); err != nil {
			t.Fatalf("unmarshal %s: %v", body, err)
		}
		want := cfg.Clone()
		want.OnSuccess = FCCanonicalDestination(scope, cfg.OnSuccess)
		want.OnFailure = FCCanonicalDestination(scope, cfg.OnFailure)
		if diff := cmp.Diff(want, FCToNeutral(scope, &back)); diff != "" {
			t.Fatalf("round trip through %s (-want +got):\n%s", body, diff)
		}
	})
}

// FuzzFC3ConfigIdentity: an identity read from any functionArn has names
// FC accepts, and every accepted form of that identity reads back as it.
func FuzzFC3ConfigIdentity(f *testing.F) {
	for _, s := range []string{"acs:fc:cn-shanghai:1234/functions/my-func", "acs:fc:::functions/f/aliases/prod",
		"acs:fc:r:1:functions/f/versions/2", "acs:fc:r:1/functions/f:q", "acs:fc:r:1:functions/f/x/y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fn, q, ok := FC3ConfigIdentity(s)
		if !ok {
			if fn != "" || q != "" {
				t.Fatalf("FC3ConfigIdentity(%q) refused it but returned %q, %q", s, fn, q)
			}
			return
		}
		if checkFCPart("function", fn) != nil || checkFCPart("qualifier", q) != nil {
			t.Fatalf("FC3ConfigIdentity(%q) = %q, %q: names FC cannot have", s, fn, q)
		}
		for _, form := range []string{"acs:fc:r:1:functions/" + fn + "/aliases/" + q, "acs:fc:r:1/functions/" + fn + "/versions/" + q,
			"acs:fc:::functions/" + fn + ":" + q} {
			if f2, q2, ok2 := FC3ConfigIdentity(form); !ok2 || f2 != fn || q2 != q {
				t.Fatalf("%q read as %q, %q; its form %q reads as %q, %q, %v", s, fn, q, form, f2, q2, ok2)
			}
		}
	})
}
