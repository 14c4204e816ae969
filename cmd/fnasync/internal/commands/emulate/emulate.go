// Package emulate implements `fnasync emulate`: every cloud's API emulator
// on one loopback listener, for trying fnasync and for tests, with no
// account.
package emulate

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/fnasync/fnasync/cmd/fnasync/internal/cmdutil"
	"github.com/fnasync/fnasync/cmd/fnasync/internal/session"
	"github.com/fnasync/fnasync/emulator"
	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/emukit"
	"github.com/fnasync/fnasync/provider/huaweifg/fgemu"
)

// DefaultListen is where emulate listens unless --listen says otherwise:
// a fixed loopback port, so that FNASYNC_ENDPOINTS and documents' endpoints
// stay valid across restarts.
const DefaultListen = "127.0.0.1:9720"

// Options are the inputs of one emulate run.
type Options struct {
	IO   *cmdutil.IOStreams
	Load func(file string) (*model.Document, model.Diagnostics)
	// Ready, if set, is called with the listener once it serves (tests).
	Ready        func(*emulator.Listener)
	Listen       string
	StateFile    string
	SeedFiles    []string
	AccessKey    string
	SecretKey    string
	Latency      time.Duration
	ErrorRate    float64
	ThrottleRate float64
	// FGTimeStyle is how FunctionGraph times are written (fgemu.TimeStyle).
	FGTimeStyle string
	Lock        session.Lock
	// ExportState prints the state file's JSON form and exits.
	ExportState bool
	Quota       float64
}

// NewCommand returns the emulate command; runF replaces the run in tests.
func NewCommand(f *cmdutil.Factory, runF func(context.Context, *Options) error) *cli.Command {
	opts := &Options{IO: f.IO, Load: f.Loader(cmdutil.Offline)}
	var seeds files
	return &cli.Command{
		Name:      "emulate",
		Usage:     "Run the local emulators of every cloud",
		UsageText: "fnasync emulate [--listen ADDR] [--state FILE] [--seed FILE]...\n  [--latency D] [--error-rate F] [--throttle-rate F] [--quota RPS]\n  [--lock=false] [--lock-timeout D]\nfnasync emulate --state FILE --export-state",
		Description: `Serves emulators of every cloud's async-invocation APIs on one
listener, loopback by default: FunctionGraph under /v2/, Function Compute
2.0 under /2021-04-06/ and 3.0 under /2023-03-30/, AWS Lambda under
/2015-03-31/ and /2019-09-25/ (Signature Version 4, account
123456789012). It listens on 127.0.0.1:9720 unless --listen names another
address (127.0.0.1:0 for a free port). The first line on standard output
is "fnasync emulator listening on http://HOST:PORT"; standard error then
shows the lines to paste into a shell: the emulator's keys in each SDK's
environment variables (HUAWEICLOUD_SDK_AK/_SK,
ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET, AWS_ACCESS_KEY_ID/_SECRET_ACCESS_KEY)
and FNASYNC_ENDPOINTS='*=URL', which points every provider of any
document at the emulator (or set a provider's endpoint, or pass
--endpoint). The default keys are public:
  access key ` + emukit.DefaultAccessKey + `
  secret key ` + emukit.DefaultSecretKey + `
So --listen takes an address that is not loopback only with your own
--access-key and --secret-key, and warns that the emulator is then
reachable from the network.

--seed takes a document: every function (and qualifier) it names exists.
It may be repeated; the functions of every seed exist.
--state keeps the emulator's state in a file across runs: each change is
on disk (synced) before it is answered, and a change that cannot be saved
is answered with the cloud's 5xx error. The file is locked while the
emulator runs: another process using it fails at once, naming the holder,
or waits up to --lock-timeout; --lock=false opens it only for each write
(for several --lock=false processes; changes to one function overwrite
each other). A JSON state file of older versions is imported once.
--export-state prints the state file's content as JSON and exits.
Inspection: GET /_emulator/requests lists the last 10,000 requests (seq,
cloud, operation, method, path, status; ?since=SEQ for the newer ones);
GET /_emulator/state shows the state as JSON; POST /_emulator/reset
empties the log and the state, then seeds again: the seeded functions
exist, with no configs and no invocations. They refuse browser requests
(an Origin header, a form or text/plain body); off loopback they need a
signature with the keys, as API requests. The APIs refuse browser
requests too (an Origin header). Stops cleanly on Ctrl-C or
SIGTERM.

--fg-time-style picks the form of FunctionGraph's times among those its
documents show: document (as their examples: created_time at +08:00,
last_modified without a zone, invocation times with a T and no zone),
utc (RFC 3339 with Z), offset (RFC 3339 at +08:00) or plain
(2021-03-04 14:50:02); times without a zone are UTC.

--quota RPS gives each FunctionGraph project and each Function Compute
account (FC 2.0 and 3.0 share it) a token bucket of RPS requests a second,
holding at most RPS rounded up (full at the start); a request that finds
it empty gets the cloud's throttling error, and is marked "throttled" in
the request log.

Async invocations made with FunctionGraph's or Function Compute's async
invoke API are recorded and move on by the clock: queued for
` + emukit.QueuedFor.String() + `, running for ` + emukit.RunningFor.String() + `, then succeeded. The payload decides
otherwise: a JSON object with
"` + emukit.OutcomeField + `": "fail" ends failed (on Function Compute after a
Retrying step for each allowed retry, in the same ` + emukit.RunningFor.String() + `), and
"` + emukit.OutcomeField + `": "hang" keeps it running until it is stopped.
Lambda's Event invocations are accepted (202) and kept for inspection only:
Lambda has no API that lists or stops them.

Examples:
  fnasync emulate --seed examples/alifc3.yaml --state /tmp/emu.db
  fnasync emulate --seed examples/huaweifg.yaml --seed examples/alifc3.yaml
  fnasync emulate --listen 127.0.0.1:8080 --latency 20ms --error-rate 0.2
  fnasync emulate --seed examples/alifc3.yaml --quota 50`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "listen", Value: DefaultListen, Usage: "address to listen on (port 0 picks a free one)", Destination: &opts.Listen},
			&cli.StringFlag{Name: "state", Usage: "file to load state from and save it to", TakesFile: true, Destination: &opts.StateFile},
			&cli.BoolFlag{Name: "export-state", Usage: "print the --state file as JSON and exit", Destination: &opts.ExportState},
			&cli.GenericFlag{Name: "seed", Usage: "a document whose functions must exist (repeatable)", TakesFile: true, Value: &seeds},
			&cli.StringFlag{Name: "access-key", Value: emukit.DefaultAccessKey, Usage: "access key requests must be signed with", Destination: &opts.AccessKey},
			&cli.StringFlag{Name: "secret-key", Value: emukit.DefaultSecretKey, Usage: "secret key requests must be signed with", Destination: &opts.SecretKey},
			&cli.DurationFlag{Name: "latency", Usage: "delay every request by this much (e.g. 20ms)", Destination: &opts.Latency},
			&cli.Float64Flag{Name: "error-rate", Usage: "fraction of requests answered with the cloud's 5xx error (0..1)", Destination: &opts.ErrorRate},
			&cli.Float64Flag{Name: "throttle-rate", Usage: "fraction of requests answered with the cloud's throttling error (0..1)", Destination: &opts.ThrottleRate},
			&cli.StringFlag{Name: "fg-time-style", Value: string(fgemu.TimesDocument), Usage: "FunctionGraph times: document, utc, offset or plain", Destination: &opts.FGTimeStyle},
			&cli.Float64Flag{Name: "quota", Usage: "requests a second per project or account; more are throttled", Destination: &opts.Quota},
		}, session.LockFlags(&opts.Lock)...),
		Action: cmdutil.Action(opts, func(cCtx *cli.Context, opts *Options) error {
			opts.SeedFiles = seeds
			return prepare(cCtx, opts)
		}, runF, run),
	}
}

// files are the values of a repeatable flag, each taken whole: a path may
// hold a comma, which would split a cli.StringSlice value.
type files []string

func (f *files) Set(v string) error { *f = append(*f, v); return nil }
func (f *files) String() string     { return strings.Join(*f, " ") }

func prepare(cCtx *cli.Context, opts *Options) error {
	if err := cmdutil.NoArgs(cCtx, opts); err != nil {
		return err
	}
	for _, r := range []struct {
		name string
		v    float64
	}{{"--error-rate", opts.ErrorRate}, {"--throttle-rate", opts.ThrottleRate}} {
		if r.v < 0 || r.v > 1 {
			return cmdutil.UsageErrorf("%s must be between 0 and 1, not %g", r.name, r.v)
		}
	}
	if opts.ErrorRate+opts.ThrottleRate > 1 {
		return cmdutil.UsageErrorf("--error-rate and --throttle-rate add up to more than 1")
	}
	if opts.Quota < 0 {
		return cmdutil.UsageErrorf("--quota must not be negative")
	}
	if opts.Latency < 0 {
		return cmdutil.UsageErrorf("--latency must not be negative")
	}
	if _, err := fgemu.ParseTimeStyle(opts.FGTimeStyle); err != nil {
		return cmdutil.UsageErrorf("--fg-time-style: %v", err)
	}
	if opts.ExportState && opts.StateFile == "" {
		return cmdutil.UsageErrorf("--export-state needs --state FILE")
	}
	if opts.Lock.Timeout < 0 {
		return cmdutil.UsageErrorf("--lock-timeout must not be negative")
	}
	if opts.AccessKey == "" || opts.SecretKey == "" {
		return cmdutil.UsageErrorf("--access-key and --secret-key must not be empty")
	}
	if remote(opts.Listen) && !ownKeys(opts) {
		return cmdutil.UsageErrorf("--listen %s is not loopback: with the public default keys anyone on the network could use the emulator; pass your own --access-key and --secret-key to listen there", opts.Listen)
	}
	return nil
}

// remote reports whether addr's host is not loopback.
func remote(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	return err == nil && !provider.IsLoopback(host)
}

// ownKeys reports whether neither key is a public default.
func ownKeys(opts *Options) bool {
	return opts.AccessKey != emukit.DefaultAccessKey && opts.SecretKey != emukit.DefaultSecretKey
}

func run(ctx context.Context, opts *Options) error {
	if opts.ExportState {
		if _, err := os.Stat(opts.StateFile); err != nil {
			return fmt.Errorf("--export-state: %w", err)
		}
	}
	faults := emukit.Faults{Latency: opts.Latency, ErrorRate: opts.ErrorRate, ThrottleRate: opts.ThrottleRate}
	if opts.Quota > 0 {
		faults.Quota = &emukit.Quota{RPS: opts.Quota}
	}
	srv, err := emulator.New(&emulator.Options{AccessKey: opts.AccessKey, SecretKey: opts.SecretKey, StateFile: opts.StateFile,
		Store:              opts.Lock.StoreOptions(opts.IO.ErrOut),
		Faults:             faults,
		FunctionGraphTimes: fgemu.TimeStyle(opts.FGTimeStyle)})
	if err != nil {
		return session.LockError(err)
	}
	if opts.ExportState {
		return exportState(opts, srv)
	}
	for _, file := range opts.SeedFiles {
		doc, diags := opts.Load(file)
		if err := ctx.Err(); err != nil {
			return err // while reading standard input: not a finding
		}
		if diags.HasErrors() {
			_ = cmdutil.PrintDiagnostics(opts.IO.ErrOut, cmdutil.OutputText, diags)
			return cmdutil.Silent(cmdutil.CodeError)
		}
		if err := srv.Seed(doc); err != nil {
			_ = srv.Close()
			return err
		}
	}
	l, err := emulator.Listen(opts.Listen, srv, ownKeys(opts))
	if err != nil {
		_ = srv.Close()
		if errors.Is(err, syscall.EADDRINUSE) {
			return fmt.Errorf("%s is in use (another fnasync emulate?): stop it, or pass --listen 127.0.0.1:0 for a free port", opts.Listen)
		}
		return err
	}
	if remote(opts.Listen) {
		fmt.Fprintf(opts.IO.ErrOut, "warning: --listen %s is not loopback: the emulator is reachable from the network, by anyone who has its keys\n", opts.Listen)
	}
	fmt.Fprintf(opts.IO.Out, "fnasync emulator listening on %s\n", l.URL)
	fmt.Fprintf(opts.IO.ErrOut, "FunctionGraph: %s/v2/  Function Compute: %s/2021-04-06/ and %s/2023-03-30/\nAWS Lambda: %s/2015-03-31/ and %s/2019-09-25/\nInspect: GET %s/_emulator/requests. Stop with Ctrl-C.\n", l.URL, l.URL, l.URL, l.URL, l.URL, l.URL)
	writeExports(opts.IO.ErrOut, l.URL, opts.AccessKey, opts.SecretKey)
	if opts.Ready != nil {
		opts.Ready(l)
	}
	<-ctx.Done()
	if err := l.Close(); err != nil {
		return fmt.Errorf("stopping the emulator: %w", err)
	}
	fmt.Fprintln(opts.IO.ErrOut, "fnasync emulator stopped")
	return nil
}

// exportState prints the state's JSON form and releases it.
func exportState(opts *Options, srv *emulator.Server) error {
	b, err := srv.MarshalState()
	if cerr := srv.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(opts.IO.Out, "%s\n", b)
	return err
}
