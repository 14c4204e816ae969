package document

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestLatestSpellingWarns checks that the other cloud's spelling of the
// unqualified version is a located warning, not an error, and that each
// cloud's own spelling is silent.
func TestLatestSpellingWarns(t *testing.T) {
	const head = "version: 1\nproviders:\n" +
		"  hw: {type: huaweifg, region: cn-north-4, projectId: 0123456789abcdef0123456789abcdef}\n" +
		"  ali: {type: alifc, region: cn-hangzhou, accountId: \"1234567890123456\"}\n" +
		"  ali3: {type: alifc3, region: cn-hangzhou, accountId: \"1234567890123456\"}\n" +
		"functions:\n"
	tests := []struct {
		name, entry string
		want        []string
	}{
		{"hw LATEST", "  - {provider: hw, function: orders, qualifier: LATEST}\n",
			[]string{`t.yaml:7:49: warning: /functions/0/qualifier: qualifier "LATEST" is not the unqualified version on huaweifg, which is "latest"`}},
		{"hw latest", "  - {provider: hw, function: orders, qualifier: latest}\n", nil},
		{"ali latest", "  - {provider: ali, function: shop/orders, qualifier: latest}\n",
			[]string{`t.yaml:7:55: warning: /functions/0/qualifier: qualifier "latest" is not the unqualified version on alifc, which is "LATEST"`}},
		{"ali3 Latest", "  - {provider: ali3, function: orders, qualifier: Latest}\n",
			[]string{`t.yaml:7:51: warning: /functions/0/qualifier: qualifier "Latest" is not the unqualified version on alifc3, which is "LATEST"`}},
		{"ali3 LATEST", "  - {provider: ali3, function: orders, qualifier: LATEST}\n", nil},
		{"hw destination", "  - {provider: hw, function: orders, onFailure: {function: f, qualifier: LATEST}}\n",
			[]string{`t.yaml:7:74: warning: /functions/0/onFailure/qualifier: qualifier "LATEST" is not the unqualified version on huaweifg`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, diags := Parse("t.yaml", []byte(head+tc.entry), nil)
			if doc == nil || diags.HasErrors() {
				t.Fatalf("errors: %v", diags)
			}
			var got []string
			for i, d := range diags {
				s := d.String()
				if i < len(tc.want) && strings.HasPrefix(s, tc.want[i]) {
					s = tc.want[i]
				}
				got = append(got, s)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}
