package mapping

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const fgsPID = "0123456789abcdef0123456789abcdef"

var fgsTestScope = FgsScope{Region: "cn-north-4", ProjectID: fgsPID}

func TestParseFgsURN(t *testing.T) {
	full := "urn:fss:cn-north-4:" + fgsPID + ":function:default:my-func"
	tests := []struct {
		in      string
		want    FgsURN
		wantErr string
	}{
		{in: "orders", want: FgsURN{Package: "default", Function: "orders", Fields: 1}},
		{in: "pkg:orders", want: FgsURN{Package: "pkg", Function: "orders", Fields: 2}},
		{in: fgsPID + ":pkg:orders", want: FgsURN{ProjectID: fgsPID, Package: "pkg", Function: "orders", Fields: 3}},
		{in: fgsPID + ":pkg:orders:v20240101-120000", want: FgsURN{ProjectID: fgsPID, Package: "pkg", Function: "orders", Version: "v20240101-120000", Fields: 4}},
		{in: fgsPID + ":pkg:orders:!prod", want: FgsURN{ProjectID: fgsPID, Package: "pkg", Function: "orders", Alias: "prod", Fields: 4}},
		{in: full, want: FgsURN{Region: "cn-north-4", ProjectID: fgsPID, Package: "default", Function: "my-func", Fields: 7}},
		{in: full + ":latest", want: FgsURN{Region: "cn-north-4", ProjectID: fgsPID, Package: "default", Function: "my-func", Version: "latest", Fields: 8}},
		{in: full + ":!a1", want: FgsURN{Region: "cn-north-4", ProjectID: fgsPID, Package: "default", Function: "my-func", Alias: "a1", Fields: 8}},
		{in: "", wantErr: "1 to 269"},
		{in: strings.Repeat("a", 270), wantErr: "1 to 269"},
		{in: "a:b:c:d:e", wantErr: "has 5 fields"},
		{in: "urn:fss:cn-north-4:" + fgsPID + ":func:default:f:latest", wantErr: "must have the form"},
		{in: "urn:xyz:cn-north-4:" + fgsPID + ":function:default:f", wantErr: "must have the form"},
		{in: "urn:fss:{region}:" + fgsPID + ":function:default:f:latest", wantErr: "not a region name"},
		{in: "urn:fss:cn-north-4:abc-def:function:default:f:latest", wantErr: "project id"},
		{in: "urn:fss:x", wantErr: "project id"},
		{in: full + ":", wantErr: "qualifier name is empty"},
		{in: full + ":!", wantErr: "qualifier name is empty"},
		{in: full + ":la test", wantErr: "not valid"},
		{in: "urn:fss:cn-north-4:" + fgsPID + ":function:default:1func:latest", wantErr: "function name"},
		{in: "pkg/x:orders", wantErr: "package name"},
		{in: "../orders", wantErr: "function name"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseFgsURN(tc.in)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("ParseFgsURN(%q) = %+v, %v; want error containing %q", tc.in, got, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseFgsURN(%q): %v", tc.in, err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("ParseFgsURN(%q) mismatch (-want +got):\n%s", tc.in, diff)
			}
			if s := got.String(); s != tc.in {
				t.Errorf("String() = %q, want %q", s, tc.in)
			}
		})
	}
}

func TestFgsURNCanonicalAndLocal(t *testing.T) {
	tests := []struct {
		in        string
		canonical string
		local     bool
	}{
		{"orders", "urn:fss:cn-north-4:" + fgsPID + ":function:default:orders:latest", true},
		{"p:orders", "urn:fss:cn-north-4:" + fgsPID + ":function:p:orders:latest", true},
		{fgsPID + ":p:orders:!prod", "urn:fss:cn-north-4:" + fgsPID + ":function:p:orders:!prod", true},
		{"ffffffffffffffffffffffffffffffff:p:orders:1", "urn:fss:cn-north-4:ffffffffffffffffffffffffffffffff:function:p:orders:1", false},
		{"urn:fss:ap-southeast-1:" + fgsPID + ":function:p:o", "urn:fss:ap-southeast-1:" + fgsPID + ":function:p:o:latest", false},
	}
	for _, tc := range tests {
		u, err := ParseFgsURN(tc.in)
		if err != nil {
			t.Fatalf("ParseFgsURN(%q): %v", tc.in, err)
		}
		if got := u.Canonical(fgsTestScope).String(); got != tc.canonical {
			t.Errorf("Canonical(%q) = %q, want %q", tc.in, got, tc.canonical)
		}
		if got := u.Local(fgsTestScope); got != tc.local {
			t.Errorf("Local(%q) = %v, want %v", tc.in, got, tc.local)
		}
	}
}

func TestFgsFunctionURN(t *testing.T) {
	base := "urn:fss:cn-north-4:" + fgsPID + ":function:"
	tests := []struct{ fn, q, want string }{
		{"orders", "latest", base + "default:orders:latest"},
		{"shop/orders", "", base + "shop:orders"},
		{"shop/orders", "prod", base + "shop:orders:!prod"},
		{"shop/orders", "!prod", base + "shop:orders:!prod"},
		{"orders", "v20240530-130000", base + "default:orders:v20240530-130000"},
		{"orders", "2", base + "default:orders:2"},
		{"orders", "v1", base + "default:orders:!v1"},
	}
	for _, tc := range tests {
		if got := FgsFunctionURN("cn-north-4", fgsPID, tc.fn, tc.q); got != tc.want {
			t.Errorf("FgsFunctionURN(%q, %q) = %q, want %q", tc.fn, tc.q, got, tc.want)
		}
	}
}

func TestParseFgsTopicURN(t *testing.T) {
	good := "urn:smn:cn-north-4:" + fgsPID + ":alerts"
	got, err := ParseFgsTopicURN(good)
	if err != nil || got.Topic != "alerts" || got.String() != good {
		t.Fatalf("ParseFgsTopicURN(%q) = %+v, %v", good, got, err)
	}
	for _, bad := range []string{"urn:smn:cn-north-4:" + fgsPID, "urn:fss:cn-north-4:" + fgsPID + ":t", "urn:smn:{region}:" + fgsPID + ":t",
		"urn:smn:cn-north-4:" + fgsPID + ":a b", "urn:smn:cn-north-4::t"} {
		if _, err := ParseFgsTopicURN(bad); err == nil {
			t.Errorf("ParseFgsTopicURN(%q) succeeded, want an error", bad)
		}
	}
}
