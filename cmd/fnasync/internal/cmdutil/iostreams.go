package cmdutil

import (
	"bytes"
	"context"
	"io"
	"os"

	"golang.org/x/term"
)

// IOStreams are the standard streams a command reads and writes. The
// product (a plan, a document, JSON) goes to Out; diagnostics, progress
// and warnings go to ErrOut.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	// InIsTerminal, OutIsTerminal and ErrIsTerminal report whether each
	// stream is a terminal; nil means it is not.
	InIsTerminal  func() bool
	OutIsTerminal func() bool
	ErrIsTerminal func() bool

	// NoColor turns colour off whatever the terminal (the NO_COLOR
	// convention, https://no-color.org).
	NoColor bool

	// ctx, set by WithContext, ends when the command is interrupted.
	ctx context.Context
}

// System returns the process's streams, with terminal detection and
// NO_COLOR (set and not empty) honoured.
func System() *IOStreams {
	isTerm := func(f *os.File) func() bool {
		return func() bool { return term.IsTerminal(int(f.Fd())) }
	}
	return &IOStreams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		InIsTerminal: isTerm(os.Stdin), OutIsTerminal: isTerm(os.Stdout), ErrIsTerminal: isTerm(os.Stderr),
		NoColor: os.Getenv("NO_COLOR") != "",
	}
}

// Test returns streams over buffers, none of them a terminal, for tests.
func Test() (s *IOStreams, in, out, errOut *bytes.Buffer) {
	in, out, errOut = &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: in, Out: out, ErrOut: errOut}, in, out, errOut
}

// IsStdinTTY reports whether In is a terminal.
func (s *IOStreams) IsStdinTTY() bool { return call(s.InIsTerminal) }

// IsStdoutTTY reports whether Out is a terminal.
func (s *IOStreams) IsStdoutTTY() bool { return call(s.OutIsTerminal) }

// IsStderrTTY reports whether ErrOut is a terminal.
func (s *IOStreams) IsStderrTTY() bool { return call(s.ErrIsTerminal) }

// ColorEnabled reports whether Out may be coloured: a terminal, and no
// NO_COLOR.
func (s *IOStreams) ColorEnabled() bool { return !s.NoColor && s.IsStdoutTTY() }

// ErrColorEnabled reports whether ErrOut may be coloured.
func (s *IOStreams) ErrColorEnabled() bool { return !s.NoColor && s.IsStderrTTY() }

func call(f func() bool) bool { return f != nil && f() }
