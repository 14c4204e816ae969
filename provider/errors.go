package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider/driver"
)

// ErrorCode is the portable classification of an error; see the constants.
type ErrorCode = driver.ErrorCode

// The error codes, re-exported so that callers import only this package.
const (
	OK                 = driver.OK
	Unknown            = driver.Unknown
	NotFound           = driver.NotFound
	FunctionNotFound   = driver.FunctionNotFound
	InvalidArgument    = driver.InvalidArgument
	PermissionDenied   = driver.PermissionDenied
	ResourceExhausted  = driver.ResourceExhausted
	Internal           = driver.Internal
	Unavailable        = driver.Unavailable
	Unimplemented      = driver.Unimplemented
	FailedPrecondition = driver.FailedPrecondition
	Canceled           = driver.Canceled
	DeadlineExceeded   = driver.DeadlineExceeded
)

// Sentinels for errors.Is: errors.Is(err, provider.ErrNotFound) holds for
// every error of code NotFound from a Client.
var (
	ErrNotFound         = &sentinel{NotFound}
	ErrFunctionNotFound = &sentinel{FunctionNotFound}
	ErrInvalidArgument  = &sentinel{InvalidArgument}
	ErrPermissionDenied = &sentinel{PermissionDenied}
	ErrThrottled        = &sentinel{ResourceExhausted}
	ErrUnimplemented    = &sentinel{Unimplemented}
)

type sentinel struct{ code ErrorCode }

func (s *sentinel) Error() string { return s.code.String() }

// Error is an error from a Client: the operation, the function, the
// portable code and the driver's raw error.
type Error struct {
	Code ErrorCode
	Op   string
	Ref  model.FunctionRef
	Err  error
}

// Error renders "OP FUNCTION: MESSAGE".
func (e *Error) Error() string {
	if e.Ref == (model.FunctionRef{}) {
		return fmt.Sprintf("%s: %v", e.Op, e.Err)
	}
	return fmt.Sprintf("%s %s: %v", e.Op, e.Ref, e.Err)
}

// Unwrap returns the driver's error.
func (e *Error) Unwrap() error { return e.Err }

// Is matches the sentinels of this package by code.
func (e *Error) Is(target error) bool {
	s, ok := target.(*sentinel)
	return ok && s.code == e.Code
}

// Code returns the portable code of err: OK for nil, Canceled and
// DeadlineExceeded for context errors, the code of a *Error, Unknown
// otherwise.
func Code(err error) ErrorCode {
	var e *Error
	switch {
	case err == nil:
		return OK
	case errors.Is(err, context.Canceled):
		return Canceled
	case errors.Is(err, context.DeadlineExceeded):
		return DeadlineExceeded
	case errors.As(err, &e):
		return e.Code
	}
	return Unknown
}
