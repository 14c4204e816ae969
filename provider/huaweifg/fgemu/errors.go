package fgemu

import (
	"fmt"
	"net/http"
	"sync/atomic"
)

// apiError is an error answer: an HTTP status, FunctionGraph's (or API
// Gateway's) code and a message, rendered as {"error_code","error_msg"}.
type apiError struct {
	status  int
	code    string
	msg     string
	gateway bool // answered by API Gateway: the body carries request_id
}

func errf(status int, code, format string, args ...any) *apiError {
	return &apiError{status: status, code: code, msg: fmt.Sprintf(format, args...)}
}

// The error catalog: the codes of the FunctionGraph error-code appendix
// and the per-API examples, API Gateway's authentication codes, and
// ConfigNotFoundCode, which the documents do not name.

// ConfigNotFoundCode is the code of the 404 the emulator answers when a
// function qualifier has no async config. FunctionGraph documents no code
// for this case; clients should rely on the 404 on the
// async-invoke-config path, not on this code.
const ConfigNotFoundCode = "FSS.1060"

// CanceledCode and CanceledMessage are what a cancelled invocation's
// record carries: FunctionGraph documents that a stopped invocation
// returns "4208 function invocation canceled".
const (
	CanceledCode    = 4208
	CanceledMessage = "function invocation canceled"
)

// FailedCode is the error code of an invocation whose payload asked to
// fail (the documents give no list of runtime error codes).
const FailedCode = 1

func errInvalid(format string, args ...any) *apiError {
	return errf(http.StatusBadRequest, "FSS.0400", format, args...)
}

func errInvalidQuery(format string, args ...any) *apiError {
	return errf(http.StatusBadRequest, "FSS.1001", format, args...)
}

func errInvalidURN(format string, args ...any) *apiError {
	return errf(http.StatusBadRequest, "FSS.1309", format, args...)
}

func errFunctionNotFound(fn string) *apiError {
	return errf(http.StatusNotFound, "FSS.1051", "Not found the function: %s", fn)
}

func errVersionNotFound(v string) *apiError {
	return errf(http.StatusNotFound, "FSS.1052", "Not found the function version: %s", v)
}

func errAliasNotFound(a string) *apiError {
	return errf(http.StatusNotFound, "FSS.1053", "Not found the function alias: %s", a)
}

func errConfigNotFound(urn string) *apiError {
	return errf(http.StatusNotFound, ConfigNotFoundCode, "async invoke config not found: %s", urn)
}

func errInternal() *apiError {
	return errf(http.StatusInternalServerError, "FSS.0500", "Internal server error (injected by the emulator)")
}

// throttles counts the throttling answers, so that they alternate.
var throttles atomic.Uint64

// errThrottled is the emulator's one throttling answer (every fault or
// quota that throttles uses it): HTTP 429, alternately as API Gateway
// sends it, {"error_code":"APIGW.0308","error_msg":"The throttling
// threshold has been reached: ...","request_id":"..."}, and as
// FunctionGraph does, FSS.0429 "Too many requests".
func errThrottled() *apiError {
	if throttles.Add(1)%2 == 1 {
		return errGateway(http.StatusTooManyRequests, "APIGW.0308",
			"The throttling threshold has been reached: policy user over ratelimit,limit:%d,time:1 second (injected by the emulator)", 100)
	}
	return errf(http.StatusTooManyRequests, "FSS.0429", "Too many requests (injected by the emulator)")
}

func errGateway(status int, code, format string, args ...any) *apiError {
	e := errf(status, code, format, args...)
	e.gateway = true
	return e
}

// errAuth is API Gateway's answer to a missing or wrong signature.
func errAuth(format string, args ...any) *apiError {
	return errGateway(http.StatusUnauthorized, "APIGW.0301", "Incorrect IAM authentication information: "+format, args...)
}

// errStale is API Gateway's answer to an X-Sdk-Date more than 15 minutes
// away from its clock.
func errStale(format string, args ...any) *apiError {
	return errGateway(http.StatusUnauthorized, "APIGW.0303", "Incorrect app authentication information: "+format, args...)
}

func errNoAPI(method, path string) *apiError {
	return errGateway(http.StatusNotFound, "APIGW.0101", "The API does not exist or has not been published in the environment: %s %s", method, clip(path))
}
