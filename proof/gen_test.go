package proof

import (
	"bytes"
	"fmt"
	"regexp"
	"testing"

	"github.com/fnasync/fnasync/document"
	"github.com/fnasync/fnasync/model"
)

// The generated documents' project and account.
const (
	projectID = "0123456789abcdef0123456789abcdef"
	accountID = "1234567890123456"
)

// fnName is the name of generated function i; fnRE finds such names in
// request paths (URNs and FC paths alike).
func fnName(i int) string { return fmt.Sprintf("fn-%05d", i) }

var fnRE = regexp.MustCompile(`fn-\d{5}`)

// genDoc returns a document of n functions spread in turn over
// FunctionGraph (provider hw), FC 2.0 (ali) and FC 3.0 (ali3), every
// provider at endpoint (none when empty). Function i is fnName(i) (FC 2.0:
// in service svcK). Each has every setting and a destination its cloud
// takes; variant shifts the event age, so documents of two variants differ
// in every function.
func genDoc(n int, endpoint string, variant int) []byte {
	var b bytes.Buffer
	b.WriteString("version: 1\nproviders:\n")
	for _, p := range []struct{ name, typ, id string }{
		{"hw", model.TypeHuaweiFG, "projectId: " + projectID},
		{"ali", model.TypeAliFC2, `accountId: "` + accountID + `"`},
		{"ali3", model.TypeAliFC3, `accountId: "` + accountID + `"`},
	} {
		fmt.Fprintf(&b, "  %s:\n    type: %s\n    region: cn-north-4\n    %s\n", p.name, p.typ, p.id)
		if endpoint != "" {
			fmt.Fprintf(&b, "    endpoint: %s\n", endpoint)
		}
	}
	b.WriteString("functions:\n")
	for i := range n {
		age := 60 + i%1000 + variant
		switch i % 3 {
		case 0:
			fmt.Fprintf(&b, "  - provider: hw\n    function: %s\n    maxEventAgeSeconds: %d\n    maxRetryAttempts: %d\n    statusLog: %t\n    onFailure: {topic: alerts-%d}\n",
				fnName(i), age, i%4, i%2 == 0, i%5)
		case 1:
			fmt.Fprintf(&b, "  - provider: ali\n    function: svc%d/%s\n    maxEventAgeSeconds: %d\n    maxRetryAttempts: %d\n    statusLog: %t\n    onFailure: {queue: dead-letters-%d}\n",
				i%7, fnName(i), age, i%9, i%2 == 0, i%5)
		default:
			fmt.Fprintf(&b, "  - provider: ali3\n    function: %s\n    maxEventAgeSeconds: %d\n    maxRetryAttempts: %d\n    onSuccess: {eventBus: bus-%d}\n",
				fnName(i), age, i%9, i%3)
		}
	}
	return b.Bytes()
}

// parseDoc parses a generated document, which must be valid.
func parseDoc(t testing.TB, data []byte) *model.Document {
	t.Helper()
	doc, diags := document.Parse("gen.yaml", data, nil)
	if diags.HasErrors() || doc == nil {
		t.Fatalf("generated document is invalid: %v", diags)
	}
	return doc
}
