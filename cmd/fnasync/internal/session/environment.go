package session

import (
	"errors"
	"strings"
)

// errDebugSDK refuses DEBUG=sdk: the Alibaba Cloud SDK reads it when it
// loads and then prints every request's headers, security tokens
// included, to standard output (which would also break -o json).
var errDebugSDK = errors.New("DEBUG=sdk makes the Alibaba Cloud SDK print every request header, security tokens included, to standard output: unset DEBUG (or drop sdk from it) and run again")

// checkEnvironment refuses settings under which a dependency would print
// credentials. Open calls it: only commands that open providers send
// requests through an SDK.
func checkEnvironment(getenv func(string) string) error {
	for _, part := range strings.Split(getenv("DEBUG"), ",") {
		if strings.TrimSpace(part) == "sdk" {
			return errDebugSDK
		}
	}
	return nil
}
