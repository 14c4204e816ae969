package document_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/fnasync/fnasync/document"
)

// ExampleLoad reads a document from a file and lists what it declares;
// with file "-" it reads standard input, and its findings name <stdin>
// (here: provider hw is not declared, at line 4, column 16).
func ExampleLoad() {
	dir, err := os.MkdirTemp("", "fnasync-example-")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "fnasync.yaml")
	src := `version: 1
providers:
  hw: {type: huaweifg, region: cn-north-4, projectId: 0123456789abcdef0123456789abcdef}
  ali3: {type: alifc3, region: cn-hangzhou, accountId: "1234567890123456"}
functions:
  - provider: hw
    function: orders
    maxRetryAttempts: 0
    onFailure: {topic: alerts}
  - provider: ali3
    function: orders
    qualifier: prod
    absent: true
`
	if err := os.WriteFile(file, []byte(src), 0o600); err != nil {
		fmt.Println(err)
		return
	}
	doc, diags := document.Load(file, nil, nil)
	if diags.HasErrors() {
		fmt.Println(diags)
		return
	}
	for _, e := range doc.Functions {
		fmt.Println(e.Ref(), doc.Providers[e.Provider].Type, e.Absent, e.OnFailure)
	}

	stdin := strings.NewReader("version: 1\nproviders: {}\nfunctions:\n  - {provider: hw, function: orders}\n")
	_, diags = document.Load("-", stdin, nil)
	for _, d := range diags {
		fmt.Println(d.File, d.Line, d.Column, d.Pointer)
	}
	// Output:
	// hw:orders huaweifg false topic:alerts
	// ali3:orders@prod alifc3 true (none)
	// <stdin> 4 16 /functions/0/provider
}
