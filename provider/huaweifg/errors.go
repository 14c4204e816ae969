package huaweifg

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"

	"github.com/fnasync/fnasync/internal/safetext"
	"github.com/fnasync/fnasync/provider/driver"
	"github.com/fnasync/fnasync/provider/internal/httpx"
)

// throttlingCodes are the codes FunctionGraph and its API Gateway answer
// when throttling: the gateway's APIGW.0308 ("The throttling threshold
// has been reached", also written APIG.0308) and FunctionGraph's
// FSS.0429. HTTP 429 is throttling whatever its code.
var throttlingCodes = []string{"APIGW.0308", "APIG.0308", "FSS.0429"}

// classified is a raw SDK error whose code the driver knew when it got it
// (e.g. a 404 on the async-invoke-config path), with an optional note that
// explains it. Unwrap gives the SDK error, for ErrorAs.
type classified struct {
	code driver.ErrorCode
	note string
	err  error
}

func (e *classified) Error() string {
	if e.note == "" {
		return e.err.Error()
	}
	return e.note + ": " + e.err.Error()
}

func (e *classified) Unwrap() error { return e.err }

// serviceError renders an error FunctionGraph answered in one line
// ("FSS.1051: Not found the function (HTTP 404, request r-1)"), its text
// escaped and clipped (the transport has redacted it); the SDK's own
// Error is its JSON. Unwrap gives the SDK error, for ErrorAs.
type serviceError struct{ se *sdkerr.ServiceResponseError }

func (e *serviceError) Error() string {
	msg := safetext.Clean(strings.TrimSpace(e.se.ErrorMessage), 0)
	if e.se.ErrorCode != "" {
		msg = safetext.Clean(e.se.ErrorCode, 64) + ": " + msg
	}
	detail := "HTTP " + strconv.Itoa(e.se.StatusCode)
	if e.se.RequestId != "" {
		detail += ", request " + safetext.Clean(e.se.RequestId, 64)
	}
	return msg + " (" + detail + ")"
}

func (e *serviceError) Unwrap() error { return e.se }

// sdkFailure is an error of the SDK that is not an answer (a request it
// could not build or an answer it could not decode), its text cleaned.
type sdkFailure struct{ err error }

func (e *sdkFailure) Error() string { return "huaweifg: " + safetext.Clean(e.err.Error(), 300) }
func (e *sdkFailure) Unwrap() error { return e.err }

// invalid is a config, name or payload the driver refused before sending
// anything.
func invalid(err error) error { return &classified{code: driver.InvalidArgument, err: err} }

// functionNotFound reports whether an error means the function, its
// version or its alias does not exist: FSS.1051, FSS.1052, FSS.1053, or
// the generic 404 FSS.0404 when its message is about the function ("can
// not find function", as ListAsyncInvocations documents it) and not about
// a config of it, which would be a missing async config: a new config
// read as a missing function would fail every plan that creates one.
func functionNotFound(e *sdkerr.ServiceResponseError) bool {
	switch e.ErrorCode {
	case "FSS.1051", "FSS.1052", "FSS.1053":
		return true
	case "FSS.0404":
		msg := strings.ToLower(e.ErrorMessage)
		return e.StatusCode == http.StatusNotFound && strings.Contains(msg, "function") && !strings.Contains(msg, "config")
	}
	return false
}

// ErrorCode implements driver.Driver; see the package doc's # Errors.
func (d *Driver) ErrorCode(err error) driver.ErrorCode { return classify(err) }

func classify(err error) driver.ErrorCode {
	var (
		c  *classified
		se *sdkerr.ServiceResponseError
	)
	switch {
	case err == nil:
		return driver.OK
	case errors.Is(err, context.Canceled):
		return driver.Canceled
	case errors.Is(err, context.DeadlineExceeded):
		return driver.DeadlineExceeded
	case errors.As(err, &c):
		return c.code
	case errors.As(err, &se):
		return classifyService(se)
	}
	if code, ok := httpx.Code(err); ok {
		return code
	}
	return driver.Unknown
}

func classifyService(e *sdkerr.ServiceResponseError) driver.ErrorCode {
	code := e.ErrorCode
	switch {
	case httpx.Throttled(e.StatusCode, code, throttlingCodes):
		return driver.ResourceExhausted
	case functionNotFound(e):
		return driver.FunctionNotFound
	case e.StatusCode == http.StatusUnauthorized || e.StatusCode == http.StatusForbidden || strings.HasPrefix(code, "APIGW.03"):
		return driver.PermissionDenied
	case e.StatusCode >= 500:
		return driver.Internal
	case strings.HasPrefix(code, "APIGW.01"):
		return driver.Unimplemented // no such API at this endpoint
	case e.StatusCode == http.StatusNotFound:
		// On the async-invoke-config path: the qualifier has no config.
		// FunctionGraph documents no code for that; fgemu answers FSS.1060.
		return driver.NotFound
	case e.StatusCode == http.StatusConflict:
		return driver.FailedPrecondition
	case e.StatusCode >= 400:
		return driver.InvalidArgument
	}
	return driver.Unknown
}

// ErrorAs implements driver.Driver: **sdkerr.ServiceResponseError for
// errors FunctionGraph (or its API Gateway) answered.
func (d *Driver) ErrorAs(err error, i any) bool {
	p, ok := i.(**sdkerr.ServiceResponseError)
	if !ok {
		return false
	}
	return errors.As(err, p)
}
