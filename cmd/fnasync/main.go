// Command fnasync manages the asynchronous-invocation settings of
// serverless functions on Huawei Cloud FunctionGraph and Alibaba Cloud
// Function Compute from one declarative document. Run `fnasync --help`.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/fnasync/fnasync/cmd/fnasync/internal/app"
	"github.com/fnasync/fnasync/cmd/fnasync/internal/cmdutil"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := app.Main(ctx, os.Args, cmdutil.System())
	stop()
	os.Exit(code)
}
