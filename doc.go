// Package fnasync keeps the asynchronous-invocation settings of serverless
// functions on Huawei Cloud FunctionGraph and Alibaba Cloud Function
// Compute (2.0 and 3.0) in one declarative document. This package holds
// no code: it is the overview of the module's packages.
//
// Where to start, as a Go program:
//
//   - provider: OpenFile or OpenDocument opens every provider of a
//     document (import _ "github.com/fnasync/fnasync/provider/all" to
//     register every provider type); each *provider.Client gets, puts,
//     deletes, diffs and lists async configs, and starts, lists and stops
//     async invocations, the same way on every cloud.
//   - emulator: an in-process emulator of both clouds' APIs (Start,
//     Embedded, Ephemeral), for trying everything without an account.
//   - plan: the concurrent read, diff, plan and apply the CLI runs.
//
// The other packages: model (neutral types, normalization, field-level
// diff, diagnostics), document (reading, checking and writing documents),
// schemas (the JSON Schemas and per-cloud limits), mapping (neutral to
// wire forms and cross-cloud migration), provider/driver (the contract an
// adapter implements), provider/huaweifg, provider/alifc and
// provider/memprovider (the adapters), provider/drivertest (their
// conformance suite). The command-line tool is cmd/fnasync.
package fnasync
