package alifc

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/responses"

	"github.com/fnasync/fnasync/internal/safetext"
	"github.com/fnasync/fnasync/provider/driver"
	"github.com/fnasync/fnasync/provider/internal/httpx"
)

// throttlingCodes are the codes Function Compute documents for
// throttling: ResourceExhausted (429, concurrency over the limit),
// ResourceThrottled (503, instances over the limit), and the POP
// gateway's Throttling, Throttling.User, Throttling.Api and the like. HTTP
// 429 is throttling whatever its code.
var throttlingCodes = []string{"ResourceExhausted", "ResourceThrottled", "Throttling*"}

// APIError is an error Function Compute answered: the HTTP status, FC's
// error code and message, and the request id (X-Fc-Request-Id).
type APIError struct {
	Status    int
	Code      string
	Message   string
	RequestID string

	server *sdkerrors.ServerError
}

// Error renders "CODE: MESSAGE (HTTP STATUS, request ID)". The fields
// are the server's text, redacted by the transport and escaped and
// clipped by apiError.
func (e *APIError) Error() string {
	code := e.Code
	if code == "" {
		code = http.StatusText(e.Status)
	}
	s := fmt.Sprintf("%s: %s (HTTP %d", code, e.Message, e.Status)
	if e.RequestID != "" {
		s += ", request " + e.RequestID
	}
	return s + ")"
}

// apiError decodes FC's error body from resp: FC 2.0's
// {"ErrorCode","ErrorMessage"} or the POP envelope {"Code","Message",
// "RequestId"}; a body that is neither becomes the message.
func apiError(resp *responses.CommonResponse, se *sdkerrors.ServerError) *APIError {
	e := &APIError{Status: se.HttpStatus(), server: se}
	var body []byte
	if resp != nil {
		e.Status = resp.GetHttpStatus()
		body = resp.GetHttpContentBytes()
		if h := resp.GetHttpHeaders(); h != nil {
			e.RequestID = http.Header(h).Get("X-Fc-Request-Id")
		}
	}
	var b struct {
		ErrorCode, ErrorMessage, Code, Message, RequestID string
	}
	if json.Unmarshal(body, &b) == nil {
		e.Code, e.Message = first(b.ErrorCode, b.Code), first(b.ErrorMessage, b.Message)
		e.RequestID = first(e.RequestID, b.RequestID)
	} else {
		e.Message = strings.TrimSpace(string(body))
	}
	if e.RequestID == "" {
		e.RequestID = se.RequestId()
	}
	if e.Message == "" {
		e.Message = "no error message"
	}
	e.Code, e.Message, e.RequestID = safetext.Clean(e.Code, 64), safetext.Clean(e.Message, 0), safetext.Clean(e.RequestID, 64)
	return e
}

func first(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// invalidError is a request the driver refused before sending.
type invalidError struct{ err error }

func (e *invalidError) Error() string { return e.err.Error() }
func (e *invalidError) Unwrap() error { return e.err }

func invalid(format string, args ...any) error {
	return &invalidError{err: fmt.Errorf(format, args...)}
}

// notedError is an error FC answered whose code the driver knew from the
// call (a refused stop), with a note that explains it. Unwrap gives the
// *APIError, for ErrorAs.
type notedError struct {
	code driver.ErrorCode
	note string
	err  error
}

// Error gives the cloud's reason first, then the note.
func (e *notedError) Error() string { return e.err.Error() + ". " + e.note }
func (e *notedError) Unwrap() error { return e.err }

// decodeError is a success response the driver could not read.
type decodeError struct{ err error }

func (e *decodeError) Error() string { return safetext.Escape(e.err.Error()) }
func (e *decodeError) Unwrap() error { return e.err }

// sdkFailure is an error of the SDK that is not an answer (a request it
// could not build or sign), its text cleaned.
type sdkFailure struct{ err error }

func (e *sdkFailure) Error() string { return "alifc: " + safetext.Clean(e.err.Error(), 300) }
func (e *sdkFailure) Unwrap() error { return e.err }

// ErrorCode implements driver.Driver; see the package doc.
func (d *Driver) ErrorCode(err error) driver.ErrorCode { return classify(err) }

func classify(err error) driver.ErrorCode {
	var (
		ae    *APIError
		noted *notedError
		ie    *invalidError
	)
	switch {
	case err == nil:
		return driver.OK
	case errors.Is(err, context.Canceled):
		return driver.Canceled
	case errors.Is(err, context.DeadlineExceeded):
		return driver.DeadlineExceeded
	case errors.As(err, &noted):
		return noted.code
	case errors.As(err, &ae):
		return classifyAPI(ae)
	case errors.As(err, &ie):
		return driver.InvalidArgument
	}
	if code, ok := httpx.Code(err); ok {
		return code
	}
	return driver.Unknown
}

func classifyAPI(e *APIError) driver.ErrorCode {
	if httpx.Throttled(e.Status, e.Code, throttlingCodes) {
		return driver.ResourceExhausted
	}
	switch e.Code {
	case "AsyncConfigNotExists":
		return driver.NotFound
	case "FunctionNotFound", "ServiceNotFound", "VersionNotFound", "AliasNotFound":
		return driver.FunctionNotFound
	case "SignatureNotMatch", "InvalidAccessKeyID", "AccessDenied",
		// The POP gateway's (FC 3.0) codes for a bad key, signature or
		// date, which it may answer with 400 or 404.
		"SignatureDoesNotMatch", "IncompleteSignature", "InvalidAccessKeyId", "InvalidAccessKeyId.NotFound",
		"InvalidTimeStamp.Expired", "RequestTimeTooSkewed":
		return driver.PermissionDenied
	}
	return httpx.StatusCode(e.Status)
}

// ErrorAs implements driver.Driver: **APIError, and **errors.ServerError
// of the SDK for errors FC answered.
func (d *Driver) ErrorAs(err error, i any) bool {
	var ae *APIError
	if !errors.As(err, &ae) {
		return false
	}
	switch p := i.(type) {
	case **APIError:
		*p = ae
		return true
	case **sdkerrors.ServerError:
		if ae.server == nil {
			return false
		}
		*p = ae.server
		return true
	}
	return false
}
