package session

import (
	"fmt"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/fnasync/fnasync/cmd/fnasync/internal/cmdutil"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
)

// EndpointsEnv is the environment form of --endpoint: comma-separated
// PROVIDER=URL pairs, e.g. "hw=http://127.0.0.1:9720,ali=https://x". An
// --endpoint flag for the same provider wins.
const EndpointsEnv = "FNASYNC_ENDPOINTS"

// Endpoints are the values of --endpoint, each PROVIDER=URL ("*" for
// every provider, "emulator" for the embedded emulator).
type Endpoints []string

// Set adds one PROVIDER=URL pair, checking its form.
func (e *Endpoints) Set(v string) error {
	if _, _, err := splitEndpoint(v); err != nil {
		return err
	}
	*e = append(*e, v)
	return nil
}

// String lists the pairs.
func (e *Endpoints) String() string { return strings.Join(*e, " ") }

// EndpointFlag returns the --endpoint flag bound to e: the one definition
// every command that opens providers shares.
func EndpointFlag(e *Endpoints) cli.Flag {
	return &cli.GenericFlag{Name: "endpoint", Value: e,
		Usage: "PROVIDER=URL: override a provider's endpoint (repeatable; * for all; env " + EndpointsEnv + ")"}
}

func splitEndpoint(v string) (name, url string, err error) {
	name, url, ok := strings.Cut(strings.TrimSpace(v), "=")
	if !ok || name == "" || url == "" {
		return "", "", fmt.Errorf("%q is not PROVIDER=URL (e.g. hw=http://127.0.0.1:9720, or *=URL for every provider)", v)
	}
	return name, url, nil
}

// Resolve returns the overrides of the environment (EndpointsEnv, read
// with getenv; os.Getenv when nil) and of the flags, each URL checked as
// a document's endpoint is. Open merges them: the flags win, and the
// environment's names of providers a document does not declare are
// ignored (one variable serves many documents), the flags' are an error.
func (e Endpoints) Resolve(getenv func(string) string, allowInsecure bool) (env, flags map[string]string, err error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	env, flags = map[string]string{}, map[string]string{}
	add := func(to map[string]string, v, from string) error {
		name, url, err := splitEndpoint(v)
		if err != nil {
			return cmdutil.UsageErrorf("%s: %w", from, err)
		}
		if url != model.EndpointEmulator {
			if _, err := provider.CheckEndpoint(url, allowInsecure); err != nil {
				return cmdutil.UsageErrorf("%s %s: %w", from, name, err)
			}
		}
		to[name] = url
		return nil
	}
	if v := getenv(EndpointsEnv); strings.TrimSpace(v) != "" {
		for _, v := range strings.Split(v, ",") {
			if err := add(env, v, EndpointsEnv); err != nil {
				return nil, nil, err
			}
		}
	}
	for _, v := range e {
		if err := add(flags, v, "--endpoint"); err != nil {
			return nil, nil, err
		}
	}
	return env, flags, nil
}

// merge returns the overrides for doc: env's for providers doc declares
// (and "*"), then flags.
func merge(doc *model.Document, env, flags map[string]string) map[string]string {
	out := map[string]string{}
	for name, url := range env {
		if name == provider.AllProviders || doc.Providers[name] != nil {
			out[name] = url
		}
	}
	for name, url := range flags {
		out[name] = url
	}
	return out
}
