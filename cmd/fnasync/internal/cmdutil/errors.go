package cmdutil

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"
	"github.com/xrash/smetrics"
)

// Exit codes, a stable contract (see `fnasync --help`).
const (
	// CodeOK is success; with plan --detailed-exitcode, also "no changes".
	CodeOK = 0
	// CodeError is any error: invalid input, provider failure, partial
	// apply, usage.
	CodeError = 1
	// CodeChanges is only for plan --detailed-exitcode: success, and there
	// are changes.
	CodeChanges = 2
)

// ExitError asks for a particular exit code. With a nil Err the command
// has already reported what went wrong and nothing more is printed.
type ExitError struct {
	Code int
	Err  error
}

// Error returns Err's message, or "exit status N".
func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit status %d", e.Code)
	}
	return e.Err.Error()
}

// Unwrap returns Err.
func (e *ExitError) Unwrap() error { return e.Err }

// Silent returns an ExitError for a failure the command has already
// reported: exit code, nothing more printed.
func Silent(code int) error { return &ExitError{Code: code} }

// UsageError is a mistake in how a command was called; it is printed
// with a pointer to the command's help and exits 1.
type UsageError struct {
	// Command is the command path, e.g. "fnasync validate".
	Command string
	Err     error
}

// Error returns the message.
func (e *UsageError) Error() string { return e.Err.Error() }

// Unwrap returns Err.
func (e *UsageError) Unwrap() error { return e.Err }

// UsageErrorf returns a UsageError with a formatted message.
func UsageErrorf(format string, args ...any) error {
	return &UsageError{Err: fmt.Errorf(format, args...)}
}

// undefinedFlag matches the flag package's error for an unknown flag.
var undefinedFlag = regexp.MustCompile(`^flag provided but not defined: -+(.+)$`)

// OnUsageError turns a flag-parsing error into a UsageError naming the
// command, with a suggestion for a misspelt flag. The app installs it on
// every command.
func OnUsageError(cCtx *cli.Context, err error, _ bool) error {
	ue := &UsageError{Command: cCtx.App.Name, Err: err}
	flags := cCtx.App.Flags
	if name := cCtx.Command.FullName(); name != "" {
		ue.Command += " " + name
		flags = cCtx.Command.Flags
	}
	if m := undefinedFlag.FindStringSubmatch(err.Error()); m != nil {
		var names []string
		for _, f := range flags {
			names = append(names, f.Names()...)
		}
		if s := Suggest(m[1], names); s != "" {
			ue.Err = fmt.Errorf("%w (did you mean %s?)", err, dashed(s))
		} else if hint := elsewhere(cCtx, m[1]); hint != "" {
			ue.Err = fmt.Errorf("%w: %s", err, hint)
		}
	}
	return ue
}

// dashed returns a flag name as typed: -f, --file.
func dashed(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// elsewhere names the right form of a flag the command lacks: a validate
// given -f takes files as arguments; a flag of other commands is theirs.
func elsewhere(cCtx *cli.Context, flag string) string {
	cmd := cCtx.Command.Name
	if cmd == "validate" && (flag == "f" || flag == "file") {
		return "validate takes files as arguments: fnasync validate FILE..."
	}
	var owners []string
	for _, c := range cCtx.App.Commands {
		for _, f := range c.Flags {
			if c.Name != cmd && slices.Contains(f.Names(), flag) {
				owners = append(owners, c.Name)
				break
			}
		}
	}
	if len(owners) == 0 {
		return ""
	}
	list := owners[len(owners)-1]
	if len(owners) > 1 {
		list = strings.Join(owners[:len(owners)-1], ", ") + " and " + list
	}
	return fmt.Sprintf("%s is a flag of %s, not %s", dashed(flag), list, cmd)
}

// Suggest returns the candidate most like name when it is alike enough to
// be a likely typo (Jaro-Winkler similarity of at least 0.8), or "".
func Suggest(name string, candidates []string) string {
	best, score := "", 0.8
	for _, c := range candidates {
		if s := smetrics.JaroWinkler(name, c, 0.7, 4); s >= score {
			best, score = c, s
		}
	}
	return best
}

// WithCommand names the command in a UsageError that does not name one,
// so that its message points at the right help.
func WithCommand(err error, command string) error {
	var ue *UsageError
	if errors.As(err, &ue) && ue.Command == "" {
		ue.Command = command
	}
	return err
}

// Message renders err for the user: "PREFIX: MESSAGE", plus a help hint
// for a usage error; "" when err asks for silence. MESSAGE, which may
// quote a server, goes through Untrusted.
func Message(prefix string, err error) string {
	if err == nil {
		return ""
	}
	var ee *ExitError
	if errors.As(err, &ee) && ee.Err == nil {
		return ""
	}
	msg := prefix + ": " + Untrusted(strings.TrimSpace(err.Error()))
	var ue *UsageError
	if errors.As(err, &ue) {
		cmd := ue.Command
		if cmd == "" {
			cmd = prefix
		}
		msg += "\nRun '" + cmd + " --help' for usage."
	}
	return msg
}
