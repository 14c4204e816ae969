package schema

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/fnasync/fnasync/cmd/fnasync/internal/cmdutil"
	"github.com/fnasync/fnasync/schemas"
)

func TestRun(t *testing.T) {
	io, _, out, errOut := cmdutil.Test()
	if err := run(t.Context(), &Options{IO: io}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), schemas.DocumentSchema()) || errOut.Len() > 0 {
		t.Errorf("schema printed %d bytes (stderr %q), want the %d-byte document schema", out.Len(), errOut, len(schemas.DocumentSchema()))
	}
	var v map[string]any
	if err := json.Unmarshal(out.Bytes(), &v); err != nil || v["$id"] != schemas.DocumentSchemaID {
		t.Errorf("output is not the document schema: %v, $id %v", err, v["$id"])
	}
}
