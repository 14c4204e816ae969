// Package lambdaemu emulates the asynchronous-invocation APIs of AWS
// Lambda as an http.Handler, for tests and for `fnasync emulate`. It is
// written from Lambda's API reference (the operations' request syntax,
// URI parameters, JSON shapes, valid ranges and errors) and AWS's
// Signature Version 4 signing steps, not from an SDK.
//
// # Operations
//
//   - Get, Put, Update (POST), Delete FunctionEventInvokeConfig:
//     /2019-09-25/functions/{FunctionName}/event-invoke-config?Qualifier=;
//     ListFunctionEventInvokeConfigs: .../event-invoke-config/list with
//     Marker and MaxItems (1-50).
//   - ListFunctions (GET /2015-03-31/functions/), ListVersionsByFunction
//     (.../versions) and ListAliases (.../aliases), with Marker and
//     MaxItems (1-10000, at most 50 returned).
//   - Invoke (POST /2015-03-31/functions/{FunctionName}/invocations) with
//     X-Amz-Invocation-Type Event: 202 and an X-Amzn-Requestid; DryRun:
//     204. The emulator runs no code, so RequestResponse is refused (400).
//     Lambda keeps no record of async invocations that its API lists; the
//     emulator keeps the latest 100 per function for tests (Invocations).
//
// # Fidelity
//
// This is not Lambda. Known differences and choices where the reference
// is silent:
//
//   - Functions exist only through AddFunction (or a state loaded with
//     UnmarshalState). Every function has $LATEST; a number given to
//     AddFunction is a published version, another name an alias of
//     $LATEST. FunctionName is a name (1-64 of [A-Za-z0-9_-]), a partial
//     ARN (account:function:name) or an ARN, each with an optional
//     :qualifier that ?Qualifier= may repeat but not contradict (400); an
//     ARN of another region or account is not found (404).
//   - One key pair is one account, DefaultAccountID, which every returned
//     ARN names. The region is the signature's credential scope; functions
//     are not kept per region.
//   - Put replaces the config: a number or destination half it leaves out
//     is removed, and a number not set is left out of answers (Lambda's
//     default applies). Update changes what it sends (a half sent with an
//     empty Destination is removed) and needs a config. Answers carry
//     DestinationConfig with both halves, {} for none.
//   - Ranges: MaximumEventAgeInSeconds 60-21600, MaximumRetryAttempts 0-2;
//     outside them 400 InvalidParameterValueException. A destination must
//     be the ARN of a Lambda function, an SQS queue, an SNS topic, an
//     EventBridge event bus or (OnFailure only) an S3 bucket; its
//     existence is not checked.
//   - Errors carry X-Amzn-ErrorType and {"Type","Message"} (Type User, or
//     Service for a 500 ServiceException); a function, version or alias
//     that does not exist is 404 ResourceNotFoundException "Function not
//     found: ARN", a missing config 404 ResourceNotFoundException "The
//     function ARN doesn't have an EventInvokeConfig". Faults
//     (Options.Faults) answer 500 ServiceException or 429
//     TooManyRequestsException (with Retry-After) before authentication.
//   - Signature Version 4 (AWS4-HMAC-SHA256, service lambda, any region)
//     over the canonical request with the path URI-encoded twice, as for
//     every service but S3. host and x-amz-date must be signed; the date
//     must be the credential's and within 15 minutes of the emulator's
//     clock; X-Amz-Content-Sha256, when sent, must match the body. The
//     signing front door's errors have a {"message"} body: no
//     Authorization, 403 MissingAuthenticationTokenException; a malformed
//     one or an X-Amz-Security-Token left out of the signature, 400
//     IncompleteSignatureException; another access key, 403
//     UnrecognizedClientException; a wrong signature or a stale date, 403
//     InvalidSignatureException. A signed session token is accepted
//     whatever its value (Lambda would check it; the emulator has one key
//     pair and, like the other emulators, lets a token ride along).
//
// With a store (UseStore, an emukit.Store, table StoreTable, one record
// per function) every change is durable before it is answered; one that
// cannot be saved is undone and answered 500 ServiceException. Records
// are checked on load against the rules above.
//
// Every name taken from a URL path or query is checked against Lambda's
// name rules before use.
package lambdaemu
