// Package proof holds fnasync's end-to-end proofs, tests only: that apply
// under injected faults either converges or names exactly what it did not
// do; that an interrupted apply says what was and was not applied and
// never leaves a corrupt emulator state; that bad documents never crash
// the CLI and are always reported at a position, within bounded memory;
// that credentials never reach output or files; that transports refuse
// unverified TLS, plain http off loopback, and unsigned, wrongly signed or
// stale requests; and, in benchmarks, how validate, plan and apply scale.
//
// The tests that run the fnasync binary build it once per test run (with
// -race when the tests run with it) and are skipped with -short. The
// benchmarks run only with -bench; BENCHMARKS.md at the repository root
// holds their figures.
package proof
