package cmdutil

import (
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"
	"github.com/xrash/smetrics"

	"github.com/fnasync/fnasync/model"
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

// The flag package's other errors, which name a flag with one dash.
var (
	flagNeedsValue   = regexp.MustCompile(`^flag needs an argument: -+(.+)$`)
	flagInvalidValue = regexp.MustCompile(`^invalid value (".*") for flag -+([^:]+): `)
)

// flagError rewords the flag package's error as fnasync names flags:
// "unknown flag --endpoint", "--id needs a value", "invalid value "x"
// for --limit: not a whole number" (where the package says only "parse
// error", what flags, the command's, expected).
func flagError(err error, flags []cli.Flag) error {
	msg := err.Error()
	switch {
	case undefinedFlag.MatchString(msg):
		return fmt.Errorf("unknown flag %s", dashed(undefinedFlag.FindStringSubmatch(msg)[1]))
	case flagNeedsValue.MatchString(msg):
		return fmt.Errorf("%s needs a value", dashed(flagNeedsValue.FindStringSubmatch(msg)[1]))
	case flagInvalidValue.MatchString(msg):
		m := flagInvalidValue.FindStringSubmatchIndex(msg)
		name, why := msg[m[4]:m[5]], msg[m[1]:]
		if why == "parse error" {
			why = expected(name, flags, why)
		}
		return fmt.Errorf("invalid value %s for %s: %s", msg[m[2]:m[3]], dashed(name), why)
	}
	return err
}

// expected says what the flag called name takes, by its type, or why.
func expected(name string, flags []cli.Flag, why string) string {
	for _, f := range flags {
		if !slices.Contains(f.Names(), name) {
			continue
		}
		switch f.(type) {
		case *cli.IntFlag, *cli.Int64Flag, *cli.UintFlag, *cli.Uint64Flag:
			return "not a whole number"
		case *cli.Float64Flag:
			return "not a number"
		case *cli.DurationFlag:
			return "not a duration such as 20ms or 2s"
		}
	}
	return why
}

// OnUsageError turns a flag-parsing error into a UsageError naming the
// command, with a suggestion for a misspelt flag. The app installs it on
// every command.
func OnUsageError(cCtx *cli.Context, err error, _ bool) error {
	ue := &UsageError{Command: cCtx.App.Name, Err: err}
	flags := cCtx.App.Flags
	if name := command(cCtx); name != "" {
		ue.Command += " " + name
		flags = cCtx.Command.Flags
	}
	ue.Err = flagError(err, flags)
	if m := undefinedFlag.FindStringSubmatch(err.Error()); m != nil {
		var names []string
		for _, f := range flags {
			names = append(names, f.Names()...)
		}
		if s := Suggest(m[1], names); s != "" {
			ue.Err = fmt.Errorf("%w (did you mean %s?)", ue.Err, dashed(s))
		} else if hint := elsewhere(cCtx, m[1]); hint != "" {
			ue.Err = fmt.Errorf("%w: %s", ue.Err, hint)
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

// command returns the path of the command being run ("invocations
// list"), or "" for the application itself.
func command(cCtx *cli.Context) string {
	if cCtx.Command == nil || cCtx.Command.Name == cCtx.App.Name {
		return ""
	}
	// HelpName is the whole path ("fnasync invocations list") where
	// FullName of a subcommand may be its name alone.
	if path, ok := strings.CutPrefix(cCtx.Command.HelpName, cCtx.App.Name+" "); ok {
		return path
	}
	return cCtx.Command.FullName()
}

// elsewhere names the right form of a flag the command lacks: a validate
// given -f takes files as arguments, emulate takes --seed, invoke and
// invocations take the provider in --function; a flag of other commands
// (or subcommands) is theirs; before any command, flags come after it.
func elsewhere(cCtx *cli.Context, flag string) string {
	cmd := command(cCtx)
	switch {
	case cmd == "validate" && (flag == "f" || flag == "file"):
		return "validate takes files as arguments: fnasync validate FILE..."
	case cmd == "emulate" && (flag == "f" || flag == "file"):
		return "emulate takes documents with --seed: fnasync emulate --seed FILE..."
	case flag == "provider" && (cmd == "invoke" || strings.HasPrefix(cmd, "invocations ")):
		return cmd + " takes the provider in --function: --function PROVIDER:FUNCTION (e.g. hw:orders)"
	}
	owners := owning(cCtx.App.Commands, "", cmd, flag)
	if len(owners) == 0 {
		return ""
	}
	list := owners[len(owners)-1]
	if len(owners) > 1 {
		list = strings.Join(owners[:len(owners)-1], ", ") + " and " + list
	}
	if cmd == "" {
		return fmt.Sprintf("flags come after the command: %s is a flag of %s", dashed(flag), list)
	}
	return fmt.Sprintf("%s is a flag of %s, not %s", dashed(flag), list, cmd)
}

// owning returns the paths of the commands under prefix, other than cmd,
// that have flag, in help order.
func owning(commands []*cli.Command, prefix, cmd, flag string) []string {
	var owners []string
	for _, c := range commands {
		path := strings.TrimSpace(prefix + " " + c.Name)
		if path != cmd && slices.ContainsFunc(c.Flags, func(f cli.Flag) bool { return slices.Contains(f.Names(), flag) }) {
			owners = append(owners, path)
		}
		owners = append(owners, owning(c.Subcommands, path, cmd, flag)...)
	}
	return owners
}

// UnknownCommand is the usage error of a command name that does not
// exist under parent ("" or "invocations"), naming the likeliest of the
// commands names there, or all of them.
func UnknownCommand(parent, name string, names []string) error {
	path := func(n string) string { return strings.TrimSpace(parent + " " + n) }
	if s := Suggest(name, names); s != "" {
		return UsageErrorf("unknown command %q: did you mean %q?", path(name), path(s))
	}
	var all []string
	for _, n := range slices.Sorted(slices.Values(names)) {
		all = append(all, path(n))
	}
	return UsageErrorf("unknown command %q: the commands are %s", path(name), strings.Join(all, ", "))
}

// UndeclaredProvider is the usage error of a provider name that file,
// the document doc, does not declare; it names those it does.
func UndeclaredProvider(name, file string, doc *model.Document) error {
	names := slices.Sorted(maps.Keys(doc.Providers))
	return UsageErrorf("provider %q is not declared in %s (it declares %s)", name, file, strings.Join(names, ", "))
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
