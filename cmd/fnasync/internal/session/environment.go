package session

import (
	"errors"
	"slices"
	"strings"

	"github.com/fnasync/fnasync/model"
)

// errDebugSDK refuses DEBUG=sdk: the Alibaba Cloud SDK reads it when it
// loads and then prints every request's headers, security tokens
// included, to standard output (which would also break -o json).
var errDebugSDK = errors.New("DEBUG=sdk makes the Alibaba Cloud SDK print every request header, security tokens included, to standard output: unset DEBUG (or drop sdk from it) and run again")

// alibabaTypes are the provider types whose requests go through the
// Alibaba Cloud SDK.
var alibabaTypes = []string{model.TypeAliFC2, model.TypeAliFC3}

// checkEnvironment refuses settings under which a dependency would print
// credentials when a provider of one of types is opened. Open calls it:
// only commands that open providers send requests through an SDK, and
// only Function Compute's go through the Alibaba Cloud SDK.
func checkEnvironment(getenv func(string) string, types []string) error {
	if !slices.ContainsFunc(types, func(t string) bool { return slices.Contains(alibabaTypes, t) }) {
		return nil
	}
	for _, part := range strings.Split(getenv("DEBUG"), ",") {
		if strings.TrimSpace(part) == "sdk" {
			return errDebugSDK
		}
	}
	return nil
}

// openedTypes returns the types of the providers Open opens: only, or
// those doc's functions use.
func openedTypes(doc *model.Document, only []string) []string {
	names := only
	if len(names) == 0 {
		for _, e := range doc.Functions {
			names = append(names, e.Provider)
		}
	}
	var types []string
	for _, name := range names {
		if p := doc.Providers[name]; p != nil {
			types = append(types, p.Type)
		}
	}
	return types
}
