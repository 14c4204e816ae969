// Package alifc is the fnasync adapter for Alibaba Cloud Function Compute:
// provider type "alifc" speaks API 2021-04-06 (FC 2.0, functions
// "service/function") and "alifc3" API 2023-03-30 (FC 3.0, functions
// "function"). It calls FC's ROA API through the generic sdk.Client and
// requests.CommonRequest of github.com/aliyun/alibaba-cloud-sdk-go, which
// sign with the "acs" HMAC-SHA1 scheme.
//
// # URLs
//
// The endpoint is https://ACCOUNT.REGION.fc.aliyuncs.com unless
// OpenOptions.Endpoint (Options.Endpoint), then the provider's endpoint,
// overrides it; plain http is allowed only to loopback or with
// AllowInsecure (provider.CheckEndpoint). A provider endpoint of
// "emulator" must be replaced by the caller with the embedded emulator's
// URL. The provider's region and accountId are required: FC's host, its
// X-Fc-Account-Id header and every destination ARN are account-scoped.
//
// Credentials come from OpenOptions.Credentials when set (emulators only),
// otherwise from the SDK's default chain: ALIBABA_CLOUD_ACCESS_KEY_ID and
// ALIBABA_CLOUD_ACCESS_KEY_SECRET (and _SECURITY_TOKEN), OIDC, the CLI and
// credentials-file profiles, ECS RAM roles (not when the endpoint is on
// loopback: no request goes to the metadata service then). They are
// resolved when the driver is made, so missing credentials are one error
// line then, and are never logged or put in an error message.
//
// Every request carries Content-Type: application/json, x-acs-version and
// X-Fc-Account-Id. PUT sends the complete config: every field, 0 and false
// included, and a destinationConfig with both halves (null for none).
// FC 2.0's PUT merges, so Capabilities().MergeOnPut is true there and the
// portable client deletes first when a destination half must go; FC 3.0
// replaces. Requests go through the adapters' shared HTTP layer
// (provider/internal/httpx): only to the endpoint's host, never following
// a redirect, each try bounded by a timeout and its body by a cap
// (Options.Transport, provider.TransportOptions), only the documented
// success status counted as success and only a body that holds the
// operation's answer as one, credentials redacted from every answer.
// Throttling, 5xx and unanswered tries are retried with backoff and
// jitter (OpenOptions.Retry, default retry.Default), honouring
// Retry-After, within the context's deadline (Invoke retries throttling
// only; see below); the SDK's own AutoRetry stays off. The SDK takes no
// context, so the driver hands each try's context to the transport:
// cancelling the context aborts the request in flight.
//
// Invoke starts an async invocation. The driver chooses the id
// ("fnasync-" and 24 hex digits) and sends it as
// X-Fc-Stateful-Async-Invocation-Id (2.0) or X-Fc-Async-Task-Id (3.0),
// so the id is known even if the 202's headers do not carry it. FC
// deduplicates by that id only while statefulInvocation / asyncTask is
// on, so Invoke retries throttling only: after a 5xx or a network error
// the function may have run, and a retry could run it twice.
//
// # As
//
// Client: **sdk.Client (github.com/aliyun/alibaba-cloud-sdk-go/sdk).
// Error: **alifc.APIError, and **errors.ServerError of the SDK's errors
// package for errors FC answered.
//
// # Errors
//
// FC's error body ({"ErrorCode","ErrorMessage"}, or the POP envelope
// {"Code","Message","RequestId"} of FC 3.0) is decoded into *APIError
// with the X-Fc-Request-Id header. ErrorCode classifies:
// AsyncConfigNotExists (and other 404s) → NotFound; FunctionNotFound,
// ServiceNotFound, VersionNotFound, AliasNotFound → FunctionNotFound;
// first, 429 and the throttling codes ResourceExhausted,
// ResourceThrottled and Throttling* → ResourceExhausted;
// SignatureNotMatch, InvalidAccessKeyID, AccessDenied, the POP gateway's
// SignatureDoesNotMatch, IncompleteSignature, InvalidAccessKeyId(.NotFound),
// InvalidTimeStamp.Expired and RequestTimeTooSkewed (whatever their
// status), and any 403 → PermissionDenied; other 4xx → InvalidArgument
// (409 FailedPrecondition, as is a 400 InvalidArgument to a stop, with a
// note on what FC can stop); 5xx → Internal; network errors and tries
// with no complete answer within the timeout → Unavailable; a TLS
// certificate that fails verification, a redirect, an undocumented
// status, a body past its cap or one that is not the operation's answer
// → Unknown (not retried). A config or name the mapping cannot express is refused
// before any request with InvalidArgument. Context errors are returned
// unwrapped.
package alifc
