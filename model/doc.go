// Package model holds fnasync's neutral types: the identity of a function
// (FunctionRef), its asynchronous-invocation settings (AsyncConfig and
// Destination), async invocation records (Invocation), the declarative
// Document, per-cloud Limits, normalization, the field-level Diff the plan
// uses, and located Diagnostics.
//
// The package is pure: it does no I/O and takes no context. Optional numbers
// and flags are pointers, so that 0 and false are values and never confused
// with "not set".
package model
