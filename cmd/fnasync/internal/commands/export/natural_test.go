package export

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestNatural sorts names with numbers by their value and the rest as
// text.
func TestNatural(t *testing.T) {
	for _, tt := range []struct{ in, want []string }{
		{[]string{"fn10", "fn2", "fn1"}, []string{"fn1", "fn2", "fn10"}},
		{[]string{"10", "2", "", "LATEST", "1"}, []string{"", "1", "2", "10", "LATEST"}},
		{[]string{"a01b", "a1a", "a1", "a"}, []string{"a", "a1", "a1a", "a01b"}},
		{[]string{"shop/orders2", "shop/orders", "pay/x", "shop10/a", "shop9/b"}, []string{"pay/x", "shop/orders", "shop/orders2", "shop9/b", "shop10/a"}},
	} {
		got := slices.Clone(tt.in)
		slices.SortFunc(got, natural)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("sorting %q (-want +got):\n%s", tt.in, diff)
		}
	}
}
