package document

import (
	"strings"
	"testing"
)

// TestYAML12Numbers: a number YAML 1.1 and YAML 1.2 read differently is
// refused at its value, saying how YAML 1.2 reads it; one both read alike
// is taken as YAML 1.2 reads it.
func TestYAML12Numbers(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want any    // the value read, when accepted
		msg  string // part of the finding, when refused
	}{
		{"600", int64(600), ""},
		{"0", int64(0), ""},
		{"-0", int64(0), ""},
		{"+12", int64(12), ""},
		{"0x10", int64(16), ""},
		{"0X1f", int64(31), ""},
		{"1e3", 1000.0, ""},
		{"0.5", 0.5, ""},
		{"00.5", 0.5, ""},
		{"0600.0", 600.0, ""},
		{"1:30", "1:30", ""}, // sexagesimal 90 in YAML 1.1; a string for yaml.v3 and 1.2
		{"'0600'", "0600", ""},
		{"0600", nil, "YAML 1.2 reads it as 600, YAML 1.1 as octal 384"},
		{"-0600", nil, "YAML 1.2 reads it as -600, YAML 1.1 as octal -384"},
		{"00", nil, "YAML 1.2 reads it as decimal 0"},
		{"08", nil, `YAML 1.2 reads it as 8, YAML 1.1 as the string "08"`},
		{"01e3", nil, "YAML 1.2 reads it as 1e3"},
		{"!!int 0600", nil, "YAML 1.2 reads it as 600"},
		{"0b11", nil, `binary in YAML 1.1 (3) but the string "0b11" in YAML 1.2`},
		{"-0B101", nil, "binary in YAML 1.1 (-5)"},
		{"0o17", nil, `octal in YAML 1.2 (15) but the string "0o17" in YAML 1.1`},
		{"1_000", nil, `YAML 1.2 reads it as the string "1_000", YAML 1.1 as the number 1000`},
		{"0x_10", nil, `the string "0x_10"`},
		{"1_0.5", nil, "YAML 1.1 as the number 10.5"},
		{"!!float 1_0", nil, "_ separators"},
	} {
		doc := "version: 1\nproviders: {}\nfunctions: []\nx: " + tt.in + "\n"
		root, diags := readSyntax([]byte(doc), (&Options{}).withDefaults())
		if root == nil {
			t.Fatalf("%s: %v", tt.in, diags)
		}
		v, tr, ok := toPlain(root, (&Options{}).withDefaults())
		if !ok {
			t.Fatalf("%s: %v", tt.in, tr.diags)
		}
		got := v.(map[string]any)["x"]
		if tt.msg == "" {
			if len(tr.diags) > 0 || got != tt.want {
				t.Errorf("%s: read %#v with %v, want %#v", tt.in, got, tr.diags, tt.want)
			}
			continue
		}
		if len(tr.diags) != 1 || !strings.Contains(tr.diags[0].Summary, tt.msg) || tr.diags[0].Line != 4 || tr.diags[0].Pointer != "/x" {
			t.Errorf("%s: findings %v, want one at /x line 4 saying %q", tt.in, tr.diags, tt.msg)
		}
	}
}
