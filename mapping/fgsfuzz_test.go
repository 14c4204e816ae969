package mapping

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/model"
)

// FuzzFgsURN: a parsed URN renders back to exactly its input and reparses
// to the same value; its canonical form is stable; a local URN whose
// qualifier follows FgsIsVersion's rule is what FgsFunctionURN builds
// from its neutral name and qualifier.
func FuzzFgsURN(f *testing.F) {
	for _, s := range []string{"orders", "pkg:orders", fgsPID + ":pkg:orders", fgsPID + ":pkg:orders:!prod",
		"urn:fss:cn-north-4:" + fgsPID + ":function:default:f", "urn:fss:cn-north-4:" + fgsPID + ":function:default:f:latest",
		"urn:fss:cn-north-4:" + fgsPID + ":function:default:f:!a1", "urn:fss:{region}:x:function:default:f:latest", "a:b:c:d:e:f:g:h:i"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := ParseFgsURN(s)
		if err != nil {
			return
		}
		if u.String() != s {
			t.Fatalf("ParseFgsURN(%q).String() = %q", s, u.String())
		}
		if again, err := ParseFgsURN(u.String()); err != nil || again != u {
			t.Fatalf("reparse of %q: %+v, %v; want %+v", s, again, err, u)
		}
		c := u.Canonical(fgsTestScope)
		if cc, err := ParseFgsURN(c.String()); err != nil || cc != c || c.Canonical(fgsTestScope) != c {
			t.Fatalf("canonical form of %q is not stable: %+v → %q → %+v, %v", s, c, c.String(), cc, err)
		}
		if u.Local(fgsTestScope) && (c.Alias == "" || !FgsIsVersion(c.Alias)) && (c.Version == "" || FgsIsVersion(c.Version)) {
			if got := FgsFunctionURN(fgsTestScope.Region, fgsTestScope.ProjectID, c.Name(), c.Qualifier()); got != c.String() {
				t.Fatalf("FgsFunctionURN(%q, %q) = %q, want %q", c.Name(), c.Qualifier(), got, c.String())
			}
		}
	})
}

// FuzzFgsParam: whatever FunctionGraph returns decodes to a destination;
// every decoded kind other than a ref writes back, and what is written
// reads back as exactly the same destination (a ref with its URN
// verbatim in the param).
func FuzzFgsParam(f *testing.F) {
	for _, c := range [][2]string{
		{"OBS", `{"bucket":"b1","prefix":"/p","expires":0}`}, {"OBS", `{"bucket":"b1","expires":"7"}`},
		{"SMN", `{"topic_urn":"urn:smn:cn-north-4:` + fgsPID + `:t1"}`}, {"SMN", `{"topic_urn":"urn:smn:eu-west-0:ab:t1"}`},
		{"DIS", `{"stream_name":"s"}`}, {"FunctionGraph", `{"func_urn":"urn:fss:cn-north-4:` + fgsPID + `:function:default:f:!prod"}`},
		{"FunctionGraph", `{"func_urn":"ffffffffffffffffffffffffffffffff:p:f:1"}`}, {"FunctionGraph", `{"func_urn":"urn:fss:{region}:x:function:default:f:latest"}`},
		{"FunctionGraph", `{"func_urn":"garbage"}`}, {"MNS", `{}`}, {"", ""}, {"OBS", `[1]`},
	} {
		f.Add(c[0], c[1])
	}
	f.Fuzz(func(t *testing.T, service, param string) {
		d, err := FgsDestinationToNeutral(fgsTestScope, &FgsDestination{Destination: service, Param: param})
		if err != nil || d == nil {
			return
		}
		w, err := NeutralToFgsDestination(fgsTestScope, d)
		if err != nil {
			if d.Kind != model.KindRef {
				t.Fatalf("decoded %+v from %s %s but cannot write it back: %v", d, service, param, err)
			}
			return
		}
		back, err := FgsDestinationToNeutral(fgsTestScope, w)
		if err != nil {
			t.Fatalf("cannot read back %+v: %v", w, err)
		}
		if diff := cmp.Diff(d, back); diff != "" {
			t.Fatalf("%s %s → %+v → %+v: mismatch (-first +second):\n%s", service, param, d, w, diff)
		}
		if d.Kind == model.KindRef {
			var p map[string]string
			if err := json.Unmarshal([]byte(w.Param), &p); err != nil || (p["func_urn"] != d.Name && p["topic_urn"] != d.Name) {
				t.Fatalf("ref %q written as %s, want it verbatim", d.Name, w.Param)
			}
		}
		if again, err := NeutralToFgsDestination(fgsTestScope, back); err != nil || again.Destination != w.Destination || !FgsParamsEqual(again.Param, w.Param) {
			t.Fatalf("second write %+v, %v differs from first %+v", again, err, w)
		}
	})
}

// FuzzFgsTime: a time that parses is UTC and survives RFC 3339 and, to
// the second, the query format.
func FuzzFgsTime(f *testing.F) {
	for _, s := range []string{"2021-03-04T14:50:02+08:00", "2021-03-04 14:50:02", "2019-10-25T15:37:27", "2024-05-30T13:00:00.5Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tm, err := ParseFgsTime(s)
		if err != nil {
			return
		}
		if tm.Location() != time.UTC {
			t.Fatalf("ParseFgsTime(%q) is in %v, want UTC", s, tm.Location())
		}
		if again, err := ParseFgsTime(tm.Format(time.RFC3339Nano)); err != nil || !again.Equal(tm) {
			t.Fatalf("RFC 3339 round trip of %q: %v, %v", s, again, err)
		}
		if tm.Year() >= 0 && tm.Year() <= 9999 {
			if q, err := ParseFgsTime(FgsQueryTime(tm)); err != nil || !q.Equal(tm.Truncate(time.Second)) {
				t.Fatalf("query time of %q: %v, %v", s, q, err)
			}
		}
	})
}
