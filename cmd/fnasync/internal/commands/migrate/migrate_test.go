package migrate

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/fnasync/fnasync/model"
)

// TestInternalError: a finding about migrate's own output loses the
// positions of a document the user never saw and says whose fault it is.
func TestInternalError(t *testing.T) {
	tests := []struct {
		in, want model.Diagnostic
	}{
		{model.Diagnostic{Severity: model.SeverityError, Summary: "bad", Pointer: "/functions/0", File: "<input>", Line: 3, Column: 5, AtValue: true},
			model.Diagnostic{Severity: model.SeverityError, Summary: "internal error: migrate produced an invalid document (please report it): /functions/0: bad"}},
		{model.Diagnostic{Severity: model.SeverityWarning, Summary: "odd", Pointer: "/providers/x", File: "<input>", Line: 1, Column: 1},
			model.Diagnostic{Severity: model.SeverityWarning, Summary: "migrated document: /providers/x: odd"}},
	}
	for _, tc := range tests {
		if diff := cmp.Diff(tc.want, internalError(tc.in)); diff != "" {
			t.Errorf("internalError(%v) (-want +got):\n%s", tc.in, diff)
		}
	}
}
