// Package huaweifg is the fnasync adapter for Huawei Cloud FunctionGraph
// (provider type "huaweifg"). It calls the FunctionGraph v2 API through
// github.com/huaweicloud/huaweicloud-sdk-go-v3 (services/functiongraph/v2),
// which signs with SDK-HMAC-SHA256:
//
//   - get: ShowFunctionAsyncInvokeConfig; put: UpdateFunctionAsyncInvokeConfig
//     with the complete body (every setting explicit,
//     max_async_retry_attempts 0 and enable_async_status_log false
//     included; destination_config with the halves the config has);
//     delete: DeleteFunctionAsyncInvokeConfig;
//   - the configs of every qualifier: ListFunctionAsyncInvokeConfig with the
//     version-less URN, paged by marker;
//   - the project's functions: ListFunctions ("package/name");
//   - invocations: ListAsyncInvocations, CancelAsyncInvocation (type
//     force), and Driver.Invoke (AsyncInvokeFunction).
//
// Names map to URNs with package mapping (mapping.FgsFunctionURN):
// "urn:fss:REGION:PROJECT:function:PACKAGE:NAME:QUALIFIER". A neutral
// qualifier does not say whether it is a version or an alias; "latest",
// published-version names (vYYYYMMDD-HHMMSS) and names starting with a
// digit are sent as versions, every other name as an alias ("!NAME"), see
// mapping.FgsIsVersion. When FunctionGraph answers that such an alias does
// not exist (FSS.1053), the request is sent again with the name as a
// version, one published under a custom name ("v1"), and the driver
// addresses it as a version from then on.
//
// Invocation statuses map WAIT → queued, RUNNING → running, SUCCESS →
// succeeded, FAIL → failed (stopped when its error code is 4208, "function
// invocation canceled", which is how a stopped invocation ends), DISCARD →
// expired: FunctionGraph discards an event that outlived its max age or
// its retries without delivering it. Without a start time ListInvocations
// asks for InvocationLookback (FunctionGraph's own default is the last
// hour); times are sent as "YYYY-MM-DDTHH:mm:ss" in UTC, to the second.
//
// # URLs
//
// The endpoint is https://functiongraph.REGION.myhuaweicloud.com unless
// OpenOptions.Endpoint (Options.Endpoint), then the provider's endpoint,
// overrides it; plain http is allowed only to loopback or with
// AllowInsecure (provider.CheckEndpoint). A provider endpoint of
// "emulator" must be replaced by the caller with the embedded emulator's
// URL. The provider's region and 32-character projectId are required;
// the project id always comes from the document, so the SDK never asks
// IAM for it. TLS certificates are verified; HTTPS_PROXY and friends are
// honoured except for loopback.
//
// Credentials come from OpenOptions.Credentials when set (emulators only),
// otherwise from the SDK's chain: HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK
// (with HUAWEICLOUD_SDK_SECURITY_TOKEN for temporary keys), then the
// profile file (HUAWEICLOUD_SDK_CREDENTIALS_FILE, default
// ~/.huaweicloud/credentials). They are never logged or put in an error
// message.
//
// Requests go through the adapters' shared HTTP layer
// (provider/internal/httpx): only to the endpoint's host, never following
// a redirect, each try bounded by a timeout and its body by a cap
// (Options.Transport, provider.TransportOptions), only the documented
// success status counted as success and only a body that holds the
// operation's answer as one, credentials redacted from every answer.
// Throttling, 5xx and unanswered tries are retried with backoff and
// jitter (OpenOptions.Retry, default retry.Default), honouring
// Retry-After, within the context's deadline; the SDK retries nothing
// itself. Invoke retries only throttling, since another failure may have
// run the function. The SDK takes no context, so the driver hands each
// try's context to the transport: cancelling the context aborts the
// request in flight.
//
// # As
//
// Client: **v2.FunctionGraphClient
// (github.com/huaweicloud/huaweicloud-sdk-go-v3/services/functiongraph/v2).
// Error: **sdkerr.ServiceResponseError
// (github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr) for errors
// FunctionGraph or its API Gateway answered.
//
// # Errors
//
// The driver returns the SDK's errors (*sdkerr.ServiceResponseError with
// the HTTP status, error_code, error_msg and X-Request-Id), at most with a
// note in front. ErrorCode classifies:
//
//   - FSS.1051, FSS.1052, FSS.1053 (function, version, alias not found)
//     and 404 FSS.0404 about the function ("can not find function", but
//     not about a config of it) → FunctionNotFound;
//   - first, 429 and the throttling codes (API Gateway's APIGW.0308,
//     also spelled APIG.0308, and FSS.0429) → ResourceExhausted;
//   - 401, 403 and API Gateway's other APIGW.03xx (bad signature, stale
//     date) → PermissionDenied; 5xx → Internal;
//   - API Gateway's APIGW.01xx (no such API at this endpoint) →
//     Unimplemented;
//   - any other 404 → NotFound: on the async-invoke-config path, the
//     function has no config (FunctionGraph documents no code for this;
//     the emulator answers FSS.1060);
//   - 409 → FailedPrecondition; other 4xx → InvalidArgument;
//   - a 400 to CancelAsyncInvocation (finished or unknown invocation) →
//     FailedPrecondition, with a note on what FunctionGraph can stop;
//   - network errors and tries that got no complete answer within the
//     timeout → Unavailable (an open breaker too, not retried); a TLS
//     certificate that fails verification, a redirect, an undocumented
//     status, a body past its cap or one that is not the operation's
//     answer → Unknown (not retried).
//
// A config, name or payload the mapping cannot express is refused before
// any request with InvalidArgument. Context errors are returned as they
// are.
package huaweifg
