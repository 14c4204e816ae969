package model

import (
	"fmt"
	"sort"
)

// Severity is how serious a Diagnostic is.
type Severity string

// The severities.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Diagnostic is one finding about a document, located by JSON pointer and,
// where the document came from a file, by line and column.
type Diagnostic struct {
	Severity Severity `json:"severity"`
	Summary  string   `json:"summary"`
	Detail   string   `json:"detail"`
	Pointer  string   `json:"pointer"`
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Column   int      `json:"column"`
	// AtValue says the finding is about the value at Pointer (a wrong
	// type, a number out of range, an invalid name), so Locate puts it
	// where the value is written; without it, Locate puts it at the key,
	// which is right for an unknown, duplicate or misplaced key and for a
	// missing key (Pointer then names the object that lacks it).
	AtValue bool `json:"-" yaml:"-"`
}

// String renders d as FILE:LINE:COL: SEVERITY: POINTER: SUMMARY[: DETAIL],
// the form editors and CI annotators recognise. A finding about the whole
// document (pointer "", the root) has no POINTER part: under RFC 6901 "/"
// would name the member "" of the root.
func (d Diagnostic) String() string {
	loc := d.File
	if loc == "" {
		loc = "<input>"
	}
	if d.Line > 0 {
		loc = fmt.Sprintf("%s:%d:%d", loc, d.Line, d.Column)
	}
	msg := d.Summary
	if d.Detail != "" {
		msg += ": " + d.Detail
	}
	if d.Pointer == "" {
		return fmt.Sprintf("%s: %s: %s", loc, d.Severity, msg)
	}
	return fmt.Sprintf("%s: %s: %s: %s", loc, d.Severity, d.Pointer, msg)
}

// Diagnostics is a list of findings.
type Diagnostics []Diagnostic

// HasErrors reports whether any diagnostic is an error.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == SeverityError {
			return true
		}
	}
	return false
}

// Sort orders ds by file, line, column and pointer, keeping the order of
// equal entries.
func (ds Diagnostics) Sort() {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.Pointer < b.Pointer
	})
}

// Errorf returns an error Diagnostic at pointer.
func Errorf(pointer, format string, args ...any) Diagnostic {
	return Diagnostic{Severity: SeverityError, Pointer: pointer, Summary: fmt.Sprintf(format, args...)}
}

// Warningf returns a warning Diagnostic at pointer.
func Warningf(pointer, format string, args ...any) Diagnostic {
	return Diagnostic{Severity: SeverityWarning, Pointer: pointer, Summary: fmt.Sprintf(format, args...)}
}
