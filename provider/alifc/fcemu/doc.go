// Package fcemu emulates the async-invocation APIs of Alibaba Cloud
// Function Compute 2.0 (API 2021-04-06, also served under fc-go-sdk's
// /2016-08-15) and 3.0 (API 2023-03-30) as an http.Handler, for tests and
// for `fnasync emulate`.
//
// # Fidelity
//
// This is not Function Compute. It implements what fnasync uses, from the
// public API documents and SDK models, and it has not been compared with
// the real service request by request. Known differences and choices
// where the documents are silent:
//
//   - Functions exist only through AddFunction (or a state loaded with
//     UnmarshalState); there are no create/delete function APIs, no code,
//     no triggers. Every function has LATEST plus the qualifiers given;
//     an unknown qualifier is VersionNotFound (digits) or AliasNotFound.
//     2.0 and 3.0 functions are separate: neither API sees the other's.
//   - The account is the X-Fc-Account-Id header, or the account of an
//     ACCOUNT.REGION.fc.aliyuncs.com Host (the endpoint Alibaba's clients
//     use), or DefaultAccountID when there is neither; a header and a host
//     naming different accounts are 400 InvalidArgument (an assumption). Region is not modelled; returned ARNs name
//     Region.
//   - Signatures: the ROA "acs" HMAC-SHA1 scheme (Content-MD5 checked
//     when sent) and ACS3-HMAC-SHA256 (x-acs-date must be signed;
//     x-acs-content-sha256 checked), against one key pair, with FC's
//     15-minute window on the signed date. Missing Authorization: 403
//     MissingRequiredHeader; unknown key: 403 InvalidAccessKeyID; bad
//     signature: 403 SignatureNotMatch; stale date: 403
//     RequestTimeTooSkewed. FC's own "FC AK:sig" scheme is not accepted.
//   - Errors: FC 2.0 paths answer {"ErrorCode","ErrorMessage"}, FC 3.0
//     paths the POP envelope {"Code","Message","RequestId"}; every answer
//     has X-Fc-Request-Id. An unknown path is 404 PathNotSupported.
//   - Configs: PUT on 2.0 merges (fields and destination halves not sent,
//     or sent as null, keep their values; a new config starts from
//     86400 s, 3 retries, flag false); PUT on 3.0 replaces (what is not
//     sent takes those defaults). Ranges: max event age 1–2592000 s on
//     2.0 and 1–604800 s on 3.0 (the 3.0 SDK comment and ROS), retries
//     0–8; outside them 400 InvalidArgument. Destinations must be ARNs of
//     an FC function in the version's own style, an MNS queue or topic,
//     an EventBridge bus or a RocketMQ topic; the target's existence is
//     not checked. No config: 404 AsyncConfigNotExists.
//   - An FC 3.0 config has no qualifier field (its service, function and
//     qualifier became functionArn). The emulator names a config of a
//     qualifier other than LATEST in its functionArn:
//     "acs:fc:REGION:ACCOUNT:functions/FN/versions/Q" for a version (digits)
//     and ".../functions/FN/aliases/Q" for an alias. That is an assumption
//     (the documents show only an unqualified functionArn; the real
//     service's form has not been seen).
//   - Async invocations (POST .../invocations with X-Fc-Invocation-Type:
//     Async; synchronous invocation is refused) are recorded only when
//     the qualifier's config has statefulInvocation/asyncTask on, as FC
//     keeps them; otherwise they run unrecorded, lists are empty and a
//     stop is 400 InvalidArgument (the code is an assumption). The caller
//     may name the id (X-Fc-Stateful-Async-Invocation-Id on 2.0,
//     X-Fc-Async-Task-Id on 3.0), else the emulator makes one; the 202
//     echoes it in the same header. Invoking again with an existing id
//     records nothing. A record is Enqueued for emukit.QueuedFor, Running for
//     emukit.RunningFor, then Succeeded, or Failed when the payload is a
//     JSON object whose emukit.OutcomeField is "fail"; "hang" keeps it
//     Running until stopped. A failing record spends the Running window
//     on its first attempt and on each of the config's
//     maxAsyncRetryAttempts retries (3 without a config), Retrying then
//     Running again in equal slices, so it fails when one without retries
//     would; alreadyRetriedTimes counts them and events list every step.
//     Time is Options.Clock. Stopping an Enqueued, Running or Retrying
//     record makes it Stopped at once; stopping any other is 400
//     InvalidArgument. startedTime is when the invocation was made.
//     Unknown ids are 404 StatefulAsyncInvocationNotFound /
//     AsyncTaskNotFound (codes the documents do not name).
//   - Lists page with limit (1–100, default Options.PageSize) and an
//     opaque nextToken; ListServices lists the services that have
//     functions.
//   - Faults (Options.Faults) answer 500 InternalServerError or 429
//     ResourceThrottled before authentication.
//
// Every name taken from a URL path or query is checked against FC's name
// rules before use.
package fcemu
