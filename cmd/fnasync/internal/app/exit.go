package app

import (
	"errors"

	"github.com/fnasync/fnasync/cmd/fnasync/internal/cmdutil"
)

// ExitCode maps the error a command returned to the process's exit code,
// the one place that does: nil is 0, an *cmdutil.ExitError (wrapped or
// not) its Code, and every other error, a usage error or a cancellation
// included, 1.
func ExitCode(err error) int {
	if err == nil {
		return cmdutil.CodeOK
	}
	var ee *cmdutil.ExitError
	if errors.As(err, &ee) {
		return ee.Code
	}
	return cmdutil.CodeError
}
