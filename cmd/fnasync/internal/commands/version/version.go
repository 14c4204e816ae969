// Package version implements `fnasync version`: the version of the
// binary, from its build information.
package version

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/urfave/cli/v2"

	"github.com/fnasync/fnasync/cmd/fnasync/internal/cmdutil"
)

// Options are the inputs of one version run.
type Options struct {
	IO *cmdutil.IOStreams
	// Info returns the build information; nil means debug.ReadBuildInfo.
	Info func() (*debug.BuildInfo, bool)
}

// NewCommand returns the version command. runF replaces the run for tests
// of argument parsing; nil runs it.
func NewCommand(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cli.Command {
	opts := &Options{IO: f.IO}
	return &cli.Command{
		Name:   "version",
		Usage:  "Print the version of fnasync",
		Action: cmdutil.Action(opts, cmdutil.NoArgs[Options], runF, run),
	}
}

func run(_ context.Context, opts *Options) error {
	info := opts.Info
	if info == nil {
		info = debug.ReadBuildInfo
	}
	_, err := fmt.Fprintln(opts.IO.Out, String(info))
	return err
}

// String renders the version line: "fnasync VERSION (REVISION, GO, OS/ARCH)",
// VERSION being the module version ("devel" for a local build) and
// REVISION the VCS commit, when the build recorded them.
func String(info func() (*debug.BuildInfo, bool)) string {
	version, details := "devel", ""
	if bi, ok := info(); ok && bi != nil {
		if v := bi.Main.Version; v != "" && v != "(devel)" {
			version = v
		}
		var rev, modified string
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					modified = "+dirty"
				}
			}
		}
		if rev != "" {
			details = rev[:min(12, len(rev))] + modified + ", "
		}
	}
	return fmt.Sprintf("fnasync %s (%s%s, %s/%s)", version, details, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
