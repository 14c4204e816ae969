package emulate

import (
	"fmt"
	"io"

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
	fmt.Fprintf(w, "  export %s='%s=%s'\n", session.EndpointsEnv, provider.AllProviders, url)
}
