package driver

// ErrorCode is the portable classification of a driver error.
type ErrorCode int

// The error codes.
const (
	// OK is no error.
	OK ErrorCode = iota
	// Unknown is an error no other code fits.
	Unknown
	// NotFound: the function exists but has no async config (or the
	// invocation does not exist).
	NotFound
	// FunctionNotFound: the function, version or alias does not exist.
	FunctionNotFound
	// InvalidArgument: the request was refused as invalid, by fnasync
	// before sending or by the cloud.
	InvalidArgument
	// PermissionDenied: the credentials were refused or lack a permission.
	PermissionDenied
	// ResourceExhausted: throttled.
	ResourceExhausted
	// Internal: the cloud failed (5xx).
	Internal
	// Unavailable: the cloud could not be reached.
	Unavailable
	// Unimplemented: the operation is not supported by this cloud.
	Unimplemented
	// FailedPrecondition: the request is valid but not in this state.
	FailedPrecondition
	// Canceled: the context was cancelled.
	Canceled
	// DeadlineExceeded: the context's deadline passed.
	DeadlineExceeded
)

var codeNames = [...]string{"OK", "Unknown", "NotFound", "FunctionNotFound", "InvalidArgument",
	"PermissionDenied", "ResourceExhausted", "Internal", "Unavailable", "Unimplemented",
	"FailedPrecondition", "Canceled", "DeadlineExceeded"}

// String returns the code's name.
func (c ErrorCode) String() string {
	if c >= 0 && int(c) < len(codeNames) {
		return codeNames[c]
	}
	return "Unknown"
}

// Retryable reports whether an error of this code is worth retrying:
// throttling, cloud failures and unreachable endpoints.
func (c ErrorCode) Retryable() bool {
	return c == ResourceExhausted || c == Internal || c == Unavailable
}
