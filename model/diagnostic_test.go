package model_test

import (
	"testing"

	"github.com/fnasync/fnasync/model"
)

func TestLocateKeyOrValue(t *testing.T) {
	// maxRetryAttempts: 5 on line 14: the key at column 5, the value at 23.
	doc := &model.Document{File: "f.yaml", Positions: model.Positions{
		"":                               {Line: 1, Column: 1, Value: model.Pos{Line: 1, Column: 1}},
		"/functions/0":                   {Line: 12, Column: 5, Value: model.Pos{Line: 12, Column: 5}},
		"/functions/0/maxRetryAttempts":  {Line: 14, Column: 5, Value: model.Pos{Line: 14, Column: 23}},
		"/functions/0/onFailure":         {Line: 15, Column: 5, Value: model.Pos{Line: 15, Column: 16}},
		"/functions/0/onFailure/queue":   {Line: 15, Column: 17, Value: model.Pos{Line: 15, Column: 24}},
		"/functions/0/written-before-v2": {Line: 16, Column: 5}, // no value position: the key
	}}
	atValue := func(d model.Diagnostic) model.Diagnostic { d.AtValue = true; return d }
	for _, tt := range []struct {
		name string
		d    model.Diagnostic
		want string
	}{
		{"a value", atValue(model.Errorf("/functions/0/maxRetryAttempts", "out of range")),
			"f.yaml:14:23: error: /functions/0/maxRetryAttempts: out of range"},
		{"a key (the default)", model.Errorf("/functions/0/maxRetryAttempts", "duplicate key"),
			"f.yaml:14:5: error: /functions/0/maxRetryAttempts: duplicate key"},
		{"a missing key, at the object's key", model.Errorf("/functions/0/onFailure", "missing key"),
			"f.yaml:15:5: error: /functions/0/onFailure: missing key"},
		{"a value inside a flow mapping", atValue(model.Errorf("/functions/0/onFailure/queue", "no queues here")),
			"f.yaml:15:24: error: /functions/0/onFailure/queue: no queues here"},
		{"not located: the nearest parent's key", atValue(model.Errorf("/functions/0/onFailure/topic/x", "bad")),
			"f.yaml:15:5: error: /functions/0/onFailure/topic/x: bad"},
		{"no value position: the key", atValue(model.Errorf("/functions/0/written-before-v2", "bad")),
			"f.yaml:16:5: error: /functions/0/written-before-v2: bad"},
		{"the root has no pointer part", atValue(model.Errorf("", "document is empty")),
			"f.yaml:1:1: error: document is empty"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := doc.Locate(tt.d).String(); got != tt.want {
				t.Errorf("Locate(...).String() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDiagnosticStringRoot(t *testing.T) {
	// RFC 6901: "" is the root, "/" the member named "" of the root; a
	// finding about the whole document has no pointer part in text.
	for _, tt := range []struct {
		d    model.Diagnostic
		want string
	}{
		{model.Diagnostic{Severity: model.SeverityError, File: "nonexist.yaml", Summary: "cannot read the document"},
			"nonexist.yaml: error: cannot read the document"},
		{model.Diagnostic{Severity: model.SeverityError, File: "a.yaml", Pointer: "/", Line: 2, Column: 3, Summary: "bad"},
			"a.yaml:2:3: error: /: bad"},
		{model.Diagnostic{Severity: model.SeverityWarning, Pointer: "/version", Summary: "old", Detail: "why"},
			"<input>: warning: /version: old: why"},
	} {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}
