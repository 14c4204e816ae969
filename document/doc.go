// Package document reads, checks and writes fnasync documents (format
// version 1, see DESIGN.md), in YAML or JSON.
//
// # Reading
//
// [Load] and [Parse] read a document and check it in one go: syntax, then
// three validation passes reported together, each finding a located
// [model.Diagnostic] (FILE:LINE:COL, JSON pointer, message):
//
//  1. structure, by the JSON Schema of package schemas (types, required and
//     unknown keys, enums);
//  2. semantics: undeclared providers, the same function qualifier
//     declared twice, `absent: true` beside settings, malformed
//     destinations;
//  3. per cloud, from the provider's limits: value ranges, destination
//     kinds the cloud cannot take, names that are not valid on the cloud
//     or would escape an URL path, provider fields each type needs.
//
// JSON is read by the same YAML parser, so positions work for both. Unknown
// and duplicate keys are errors. Input size, nesting depth and the number
// of values after alias expansion are limited ([Options]), so a hostile
// document (an alias "billion laughs", deep nesting, a huge file) fails
// fast with a clear error and bounded memory. YAML merge keys (`<<: *x`)
// are honoured.
//
// # Positions
//
// Every value of the document gets an entry in [model.Positions], keyed by
// its RFC 6901 JSON pointer, that records where its key and where its value
// are written: for `maxRetryAttempts: 5`, `/functions/0/maxRetryAttempts`
// has its key at `maxRetryAttempts:` and its value at `5`. An array element
// and the root have no key: both are where the element or document starts.
// A finding about a value (a wrong type, a number out of range, an enum or
// pattern mismatch, an invalid name, a destination kind the cloud cannot
// take, `absent: true` beside settings) is located at the value; one about
// a key (unknown, duplicate, or not used by the provider's type, an invalid
// provider name) at that key; one about a missing key at the key of the
// object that lacks it.
//
// # Writing
//
// [Encode] writes a document as YAML or JSON in a fixed key order; what it
// writes parses back with [Parse] to an equal document, so `export`,
// `migrate` and `apply -f -` compose. [Validate] runs the three passes on a
// document built in code.
package document
