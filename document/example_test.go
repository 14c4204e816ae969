package document_test

import (
	"fmt"

	"github.com/fnasync/fnasync/document"
)

// ExampleParse reads a document with two mistakes and reports both, each
// located by line, column and JSON pointer: here at the offending values,
// 5 and dead-letters.
func ExampleParse() {
	src := `version: 1
providers:
  hw: {type: huaweifg, region: cn-north-4, projectId: 0123456789abcdef0123456789abcdef}
functions:
  - provider: hw
    function: orders
    maxRetryAttempts: 5
    onFailure: {queue: dead-letters}
`
	_, diags := document.Parse("fnasync.yaml", []byte(src), nil)
	for _, d := range diags {
		fmt.Println(d.File, d.Line, d.Column, d.Pointer)
	}
	// Output:
	// fnasync.yaml 7 23 /functions/0/maxRetryAttempts
	// fnasync.yaml 8 24 /functions/0/onFailure/queue
}
