package app

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRewrap(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"short lines stay",
			"USAGE:\n   fnasync plan -f FILE\n\nOPTIONS:\n   --all  every one",
			"USAGE:\n   fnasync plan -f FILE\n\nOPTIONS:\n   --all  every one"},
		{"an option continues under its usage column",
			"OPTIONS:\n   --prune, -p  also delete the configs of other qualifiers of the named functions",
			"OPTIONS:\n   --prune, -p  also delete the configs of other qualifiers of the\n                named functions"},
		{"a usage line keeps bracketed groups whole",
			"USAGE:\n   fnasync invocations list -f FILE [--since D | --from T --to T] [-o text|json]",
			"USAGE:\n   fnasync invocations list -f FILE [--since D | --from T --to T]\n       [-o text|json]"},
		{"authored text is left as written",
			"DESCRIPTION:\n   fnasync export -f hw.yaml --provider hw --all | fnasync migrate -f - --to ali",
			"DESCRIPTION:\n   fnasync export -f hw.yaml --provider hw --all | fnasync migrate -f - --to ali"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := rewrap(tt.in, 70)
			if diff := cmp.Diff(strings.Split(tt.want, "\n"), strings.Split(got, "\n")); diff != "" {
				t.Errorf("rewrap (-want +got):\n%s", diff)
			}
		})
	}
}
