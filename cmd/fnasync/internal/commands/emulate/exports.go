package emulate

import (
	"fmt"
	"io"
	"net"
	"net/url"

	"github.com/fnasync/fnasync/cmd/fnasync/internal/session"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/emukit"
)

// writeExports prints the shell lines that point fnasync at the emulator
// at url: both SDKs' credential variables and the endpoint override. The
// secret is printed only when it is the public default; otherwise its
// variable is named with a placeholder.
func writeExports(w io.Writer, url, ak, sk string) {
	if sk != emukit.DefaultSecretKey {
		sk = "YOUR-SECRET-KEY"
	}
	fmt.Fprintf(w, "To use it from another shell:\n")
	fmt.Fprintf(w, "  export HUAWEICLOUD_SDK_AK=%s HUAWEICLOUD_SDK_SK=%s\n", ak, sk)
	fmt.Fprintf(w, "  export ALIBABA_CLOUD_ACCESS_KEY_ID=%s ALIBABA_CLOUD_ACCESS_KEY_SECRET=%s\n", ak, sk)
	fmt.Fprintf(w, "  export AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s\n", ak, sk)
	fmt.Fprintf(w, "  export %s='%s=%s'\n", session.EndpointsEnv, provider.AllProviders, reachable(url))
}

// reachable returns url with an unspecified host (a listener on 0.0.0.0
// or [::]) replaced by loopback, the address another shell on this
// machine sends to (and plain http is accepted to).
func reachable(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	ip := net.ParseIP(u.Hostname())
	switch {
	case ip == nil || !ip.IsUnspecified():
		return raw
	case ip.To4() != nil:
		u.Host = net.JoinHostPort("127.0.0.1", u.Port())
	default:
		u.Host = net.JoinHostPort("::1", u.Port())
	}
	return u.String()
}
