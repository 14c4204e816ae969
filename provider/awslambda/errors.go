package awslambda

import (
	"context"
	"errors"
	"fmt"
	"strings"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"

	"github.com/fnasync/fnasync/internal/safetext"
	"github.com/fnasync/fnasync/provider/driver"
	"github.com/fnasync/fnasync/provider/internal/httpx"
)

// APIError is an error Lambda answered: the HTTP status, the error code
// (X-Amzn-ErrorType, e.g. ResourceNotFoundException), its message and the
// request id (X-Amzn-RequestId), each escaped and clipped: they are the
// server's text.
type APIError struct {
	Status    int
	Code      string
	Message   string
	RequestID string

	api smithy.APIError
}

// Error renders "CODE: MESSAGE (HTTP STATUS, request ID)".
func (e *APIError) Error() string {
	s := fmt.Sprintf("%s: %s (HTTP %d", e.Code, e.Message, e.Status)
	if e.RequestID != "" {
		s += ", request " + e.RequestID
	}
	return s + ")"
}

// apiError converts an SDK error Lambda answered; other errors (transport,
// context, the SDK's own) are returned as they are.
func apiError(err error) error {
	var ae smithy.APIError
	if !errors.As(err, &ae) {
		return err
	}
	e := &APIError{Code: safetext.Clean(ae.ErrorCode(), 100), Message: safetext.Clean(ae.ErrorMessage(), 300), api: ae}
	if e.Message == "" {
		e.Message = "no error message"
	}
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		e.Status = re.HTTPStatusCode()
		e.RequestID = safetext.Clean(re.ServiceRequestID(), 100)
	}
	return e
}

// invalidError is a request the driver refused before sending.
type invalidError struct{ err error }

func (e *invalidError) Error() string { return e.err.Error() }
func (e *invalidError) Unwrap() error { return e.err }

// unsupportedError is an operation Lambda does not have.
type unsupportedError struct{ msg string }

func (e *unsupportedError) Error() string { return e.msg }

// decodeError is a success answer the driver could not read.
type decodeError struct{ op, msg string }

func (e *decodeError) Error() string { return "decode " + e.op + " response: " + e.msg }

// ErrorCode implements driver.Driver; see the package doc.
func (d *Driver) ErrorCode(err error) driver.ErrorCode { return classify(err) }

func classify(err error) driver.ErrorCode {
	var (
		ae *APIError
		ie *invalidError
		ue *unsupportedError
	)
	switch {
	case err == nil:
		return driver.OK
	case errors.Is(err, context.Canceled):
		return driver.Canceled
	case errors.Is(err, context.DeadlineExceeded):
		return driver.DeadlineExceeded
	case errors.As(err, &ae):
		return classifyAPI(ae)
	case errors.As(err, &ie):
		return driver.InvalidArgument
	case errors.As(err, &ue):
		return driver.Unimplemented
	}
	if code, ok := httpx.Code(err); ok {
		return code
	}
	return driver.Unknown
}

// throttlingCodes are Lambda's throttling errors (with 429, tested
// before anything else).
var throttlingCodes = []string{"TooManyRequestsException", "ThrottlingException", "Throttling*", "EC2ThrottledException"}

func classifyAPI(e *APIError) driver.ErrorCode {
	if httpx.Throttled(e.Status, e.Code, throttlingCodes) {
		return driver.ResourceExhausted
	}
	switch e.Code {
	case "ResourceNotFoundException":
		// One code for both: Lambda says "Function not found: ARN" for a
		// function, version or alias that does not exist, and names the
		// missing EventInvokeConfig otherwise.
		if strings.HasPrefix(e.Message, "Function not found") {
			return driver.FunctionNotFound
		}
		return driver.NotFound
	case "InvalidParameterValueException", "ValidationException", "SerializationException", "InvalidRequestContentException", "RequestTooLargeException":
		return driver.InvalidArgument
	case "UnrecognizedClientException", "InvalidSignatureException", "IncompleteSignatureException", "MissingAuthenticationTokenException",
		"AccessDeniedException", "ExpiredTokenException", "InvalidClientTokenId", "SignatureDoesNotMatch":
		return driver.PermissionDenied
	case "ResourceConflictException", "PreconditionFailedException":
		return driver.FailedPrecondition
	case "ServiceException":
		return driver.Internal
	}
	return httpx.StatusCode(e.Status)
}

// ErrorAs implements driver.Driver: **APIError, and *smithy.APIError for
// errors Lambda answered.
func (d *Driver) ErrorAs(err error, i any) bool {
	var ae *APIError
	if !errors.As(err, &ae) {
		return false
	}
	switch p := i.(type) {
	case **APIError:
		*p = ae
		return true
	case *smithy.APIError:
		*p = ae.api
		return ae.api != nil
	}
	return false
}

// do runs one API call through the shared transport: op sends it once
// through the SDK under the try's context; errors Lambda answered become
// *APIError, and what the transport refused replaces what the SDK made of
// it. Throttling, 5xx and unanswered tries are retried (c.Retryable
// overrides).
func (d *Driver) do(ctx context.Context, c *httpx.Call, op func(context.Context) error) error {
	return d.transport.Do(ctx, c, func(ctx context.Context, _ string) error { return apiError(op(ctx)) })
}
