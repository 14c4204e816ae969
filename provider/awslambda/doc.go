// Package awslambda is the fnasync adapter for AWS Lambda (provider type
// "awslambda"): the event invoke configs of functions, versions and
// aliases (Get, Put, Delete and ListFunctionEventInvokeConfigs, API
// 2019-09-25), ListFunctions, ListVersionsByFunction and ListAliases for
// export, and Invoke with InvocationType Event, through
// github.com/aws/aws-sdk-go-v2/service/lambda, which signs with Signature
// Version 4.
//
// # Endpoints and credentials
//
// The endpoint is the SDK's regional one unless OpenOptions.Endpoint
// (Options.Endpoint), then the provider's endpoint, overrides it; plain
// http is allowed only to loopback or with AllowInsecure
// (provider.CheckEndpoint). A provider endpoint of "emulator" must be
// replaced by the caller with the embedded emulator's URL. The region is
// required; accountId is optional: ARNs are canonicalized in the
// provider's account, and without one the account is learned from the
// first FunctionArn Lambda answers.
//
// Credentials come from OpenOptions.Credentials when set (emulators only),
// otherwise from the AWS SDK's default chain (config.LoadDefaultConfig):
// environment, shared config and credentials files, profiles, SSO, web
// identity, container and instance roles, resolved when the driver opens,
// so that none found is one line naming what to set. They are never logged
// or put in an error message. When the endpoint is loopback the
// instance-metadata client is disabled, so no metadata probe leaves the
// machine.
//
// Requests go through the shared HTTP layer of every adapter
// (provider/internal/httpx): only to the endpoint's host, never following
// a redirect, each try bounded in time and each answer in size, only the
// operation's documented status (200; 204 for a delete, 202 for Invoke)
// and an answer that holds what the operation returns counting as
// success, the access key id, signature and session token redacted from
// every answer. That layer verifies TLS against the system's roots: the
// shared configuration's ca_bundle (AWS_CA_BUNDLE) is not applied.
//
// # Semantics
//
// PutFunctionEventInvokeConfig replaces the whole config, so MergeOnPut is
// false and no plan needs a delete first; every put sends both numbers and
// the destination halves the config has. Lambda has no async status flag
// (a statusLog of true is refused before any request), takes S3 buckets in
// onFailure only, and keeps no list of async invocations and cannot stop
// one: Capabilities says so, with where to look instead. Throttling
// (429, TooManyRequestsException, ThrottlingException,
// EC2ThrottledException), 5xx and unanswered tries are retried with
// backoff and jitter, honouring Retry-After (OpenOptions.Retry, default
// retry.Default), within the context's deadline; the SDK's own retryer is
// off. Invoke retries throttling only.
//
// # As
//
// Client: **lambda.Client. Error: **awslambda.APIError, and
// *smithy.APIError (github.com/aws/smithy-go) for errors Lambda answered.
//
// # Errors
//
// ErrorCode classifies: ResourceNotFoundException whose message starts
// "Function not found" (a function, version or alias that does not exist)
// → FunctionNotFound, any other (no EventInvokeConfig) → NotFound;
// TooManyRequestsException and 429 → ResourceExhausted;
// InvalidParameterValueException, ValidationException and other 4xx →
// InvalidArgument; UnrecognizedClientException, InvalidSignatureException,
// IncompleteSignatureException, MissingAuthenticationTokenException,
// AccessDeniedException, ExpiredTokenException and 403 →
// PermissionDenied; ResourceConflictException and 409 →
// FailedPrecondition; ServiceException and 5xx → Internal; a try that got
// no answer → Unavailable; a redirect, an undocumented status or an answer
// that is not the operation's → Unknown. Context errors are returned
// unwrapped.
package awslambda
