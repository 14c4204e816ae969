package cmdutil

import (
	"github.com/fnasync/fnasync/document"
	"github.com/fnasync/fnasync/model"
)

// Factory is what commands are built from: the streams, and the
// dependencies a test may replace. Fields may be added; commands take what
// they need into their Options.
type Factory struct {
	IO *IOStreams
	// Load reads and checks a document, "-" meaning IO.In, whatever the
	// options. Nil means document.Load over IO.In.
	Load func(file string) (*model.Document, model.Diagnostics)
}

// New returns a Factory over io with the real dependencies.
func New(io *IOStreams) *Factory {
	return &Factory{IO: io}
}

// LoadDocument reads and checks the document in file ("-" = standard
// input) with Load, or document.Load when Load is nil.
func (f *Factory) LoadDocument(file string) (*model.Document, model.Diagnostics) {
	return f.Loader(nil)(file)
}

// Loader returns LoadDocument with the document options opts (nil for
// the defaults).
func (f *Factory) Loader(opts *document.Options) func(file string) (*model.Document, model.Diagnostics) {
	return func(file string) (*model.Document, model.Diagnostics) {
		if f.Load != nil {
			return f.Load(file)
		}
		return document.Load(file, f.IO.In, opts)
	}
}

// Offline are the document options of the commands that read a document
// without talking to its providers (migrate, emulate's seeds): the rule on
// plain http endpoints is for the commands that connect.
var Offline = &document.Options{InsecureEndpoint: true}
