package cmdutil

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"
)

// requiredFlag is a flag urfave/cli would check itself.
type requiredFlag interface {
	cli.RequiredFlag
	Names() []string
}

// CheckRequired takes over urfave/cli's check of required flags for c and
// its subcommands: urfave prints the whole help on standard output when one
// is missing, where fnasync wants a usage error naming the flag on
// standard error. The flags stay marked "required" in the help text.
// parent is the path of the command's parent ("fnasync").
func CheckRequired(parent string, c *cli.Command) {
	path := parent + " " + c.Name
	for _, sub := range c.Subcommands {
		CheckRequired(path, sub)
	}
	var names []string
	for _, f := range c.Flags {
		rf, ok := f.(requiredFlag)
		if !ok || !rf.IsRequired() {
			continue
		}
		names = append(names, rf.Names()[0])
		switch x := f.(type) {
		case *cli.StringFlag:
			x.Required = false
			x.Usage += " (required)"
		case *cli.StringSliceFlag:
			x.Required = false
			x.Usage += " (required)"
		default:
			names = names[:len(names)-1] // left to urfave
		}
	}
	if len(names) == 0 || c.Action == nil {
		return
	}
	action := c.Action
	c.Action = func(cCtx *cli.Context) error {
		var missing []string
		for _, n := range names {
			if !cCtx.IsSet(n) {
				missing = append(missing, "--"+n)
			}
		}
		if len(missing) > 0 {
			_, name, _ := strings.Cut(path, " ") // "invocations list"
			return &UsageError{Command: path,
				Err: fmt.Errorf("%s needs %s", name, strings.Join(missing, " and "))}
		}
		return action(cCtx)
	}
}
