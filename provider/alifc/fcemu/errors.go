package fcemu

import (
	"fmt"
	"net/http"
)

// apiError is an FC error: an HTTP status and FC's own code. FC 2.0
// renders it as {"ErrorCode","ErrorMessage"}, FC 3.0 as the POP envelope
// {"Code","Message","RequestId"}.
type apiError struct {
	status int
	code   string
	msg    string
}

func errf(status int, code, format string, args ...any) *apiError {
	return &apiError{status: status, code: code, msg: fmt.Sprintf(format, args...)}
}

// The error catalog: FC's documented codes (functioncompute error codes,
// doc-detail/154973) with the emulator's messages.

func errInvalid(format string, args ...any) *apiError {
	return errf(http.StatusBadRequest, "InvalidArgument", format, args...)
}

func errInternal() *apiError {
	return errf(http.StatusInternalServerError, "InternalServerError", "an internal error occurred (injected by the emulator)")
}

func errThrottled() *apiError {
	return errf(http.StatusTooManyRequests, "ResourceThrottled", "the request was throttled (injected by the emulator)")
}

func errSignature(format string, args ...any) *apiError {
	return errf(http.StatusForbidden, "SignatureNotMatch", format, args...)
}

const signatureMismatch = "The request signature we calculated does not match the signature you provided. Check your access key and signing method."

func errServiceNotFound(svc string) *apiError {
	return errf(http.StatusNotFound, "ServiceNotFound", "service %s does not exist", svc)
}

func errFunctionNotFound(fn string) *apiError {
	return errf(http.StatusNotFound, "FunctionNotFound", "function %s does not exist", fn)
}

func errQualifierNotFound(q string) *apiError {
	if reVersion.MatchString(q) {
		return errf(http.StatusNotFound, "VersionNotFound", "version %s does not exist", q)
	}
	return errf(http.StatusNotFound, "AliasNotFound", "alias %s does not exist", q)
}

func errConfigNotFound(fn, q string) *apiError {
	return errf(http.StatusNotFound, "AsyncConfigNotExists", "function %s qualifier %s has no async invoke config", fn, q)
}

// errInvocationNotFound uses codes the documents do not name; the status
// (404) is what clients rely on.
func errInvocationNotFound(version, id string) *apiError {
	if version == Version3 {
		return errf(http.StatusNotFound, "AsyncTaskNotFound", "async task %s does not exist", id)
	}
	return errf(http.StatusNotFound, "StatefulAsyncInvocationNotFound", "stateful async invocation %s does not exist", id)
}

// Error renders the code and message, for Verify.
func (e *apiError) Error() string { return e.code + ": " + e.msg }
