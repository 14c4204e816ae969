// Package fgemu emulates the async-invocation APIs of Huawei Cloud
// FunctionGraph v2 as an http.Handler, for tests and for `fnasync
// emulate`. It serves everything under /v2/:
//
//	GET    /v2/{project_id}/fgs/functions                                   ListFunctions
//	GET    /v2/{project_id}/fgs/functions/{function_urn}/async-invoke-config  ShowFunctionAsyncInvokeConfig
//	PUT    /v2/{project_id}/fgs/functions/{function_urn}/async-invoke-config  UpdateFunctionAsyncInvokeConfig
//	DELETE /v2/{project_id}/fgs/functions/{function_urn}/async-invoke-config  DeleteFunctionAsyncInvokeConfig
//	GET    /v2/{project_id}/fgs/functions/{function_urn}/async-invoke-configs ListFunctionAsyncInvokeConfig
//	GET    /v2/{project_id}/fgs/functions/{function_urn}/async-invocations    ListAsyncInvocations
//	POST   /v2/{project_id}/fgs/functions/{function_urn}/cancel               CancelAsyncInvocation
//	POST   /v2/{project_id}/fgs/functions/{function_urn}/invocations-async    AsyncInvokeFunction
//
// # Fidelity
//
// This is not FunctionGraph. It implements what fnasync uses, from the
// public API documents and the Go SDK's models, and it has not been
// compared with the real service request by request. Known differences
// and the choices made where the documents are silent:
//
//   - Functions exist only through AddFunction (or a state loaded with
//     UnmarshalState): no function, version or alias APIs, no code, no
//     triggers. Every function has the version latest plus the qualifiers
//     given. Regions are not modelled: a URN's region is echoed back, and
//     Region is used where the emulator makes one up.
//   - Function URNs are read in every form the API accepts (1, 2, 3, 4,
//     7 and 8 fields; an alias as "!NAME"); a URN that names another
//     project than the path is 400 FSS.1309, a malformed one too. Unknown
//     function: 404 FSS.1051; version: FSS.1052; alias: FSS.1053.
//   - Signatures: SDK-HMAC-SHA256 as the Huawei SDKs make it (see
//     authenticate), against one key pair, x-sdk-date signed and within 15
//     minutes of Options.Clock. A missing or wrong signature is API
//     Gateway's 401 APIGW.0301, a stale date 401 APIGW.0303, both as
//     {"error_code","error_msg","request_id"}. Tokens (X-Auth-Token) are
//     not accepted.
//   - Errors are {"error_code","error_msg"}; every answer has
//     X-Request-Id. An unknown path or method is 404 APIGW.0101.
//   - Configs: PUT replaces the whole config; fields left out take the
//     request table's defaults (3600 s, 1 retry, status log off) and an
//     absent destination half is none. Ranges are the union of the
//     documented tables: age 1–86400 s, retries 0–8; outside them 400
//     FSS.0400. A destination must be OBS, SMN, DIS or FunctionGraph with
//     a param holding a JSON object with the service's keys (bucket and
//     optional prefix and expires 0–365; topic_urn; stream_name;
//     func_urn); the target's existence is not checked and the param is
//     stored and returned verbatim. The LTS log fields are stored and not
//     returned. No config: 404 ConfigNotFoundCode (FSS.1060), a code the
//     documents do not name. Delete answers 204. The config list ignores
//     the URN's qualifier and lists every qualifier's config.
//   - Async invocations (POST .../invocations-async, body the payload)
//     answer 202 {"request_id"} and are recorded whether or not
//     enable_async_status_log is on. A record is WAIT for
//     emukit.QueuedFor, RUNNING for emukit.RunningFor, then SUCCESS, or
//     FAIL (error_code FailedCode) when the payload is a JSON object whose
//     emukit.OutcomeField ("fnasyncOutcome") is "fail"; "hang" keeps it
//     RUNNING until it is cancelled. Time is Options.Clock; start_time is
//     when the invocation was made. DISCARD is never reached: events do
//     not age out.
//   - ListAsyncInvocations lists the URN qualifier's records newest first,
//     filtered by status, request_id and start time (query_begin_time and
//     query_end_time, "YYYY-MM-DDTHH:mm:ss" UTC or with a Z; without a
//     begin time, the last hour, as documented); count is the number of
//     matching records and next_marker the offset of the next page.
//   - CancelAsyncInvocation with type force (or none) stops a WAIT or
//     RUNNING record at once: it ends FAIL with error_code 4208 "function
//     invocation canceled", the answer FunctionGraph documents for
//     stopped requests. type recursive, an unknown request id and a
//     finished invocation are 400 FSS.0400. Other requests on the same
//     instance are not stopped (the real service stops them too).
//   - Lists page with marker (an offset) and limit (maxitems for
//     ListFunctions) under each API's documented default and maximum, or
//     Options.PageSize.
//   - Faults (Options.Faults) answer 500 FSS.0500, or 429 before
//     authentication: alternately API Gateway's APIGW.0308 (in its
//     envelope, with request_id) and FunctionGraph's FSS.0429.
//
// Every name taken from the URL path or query is checked against
// FunctionGraph's name rules before use.
package fgemu
