package document

import (
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/schemas"
)

// StdinName is how diagnostics name standard input (file "-").
const StdinName = "<stdin>"

// Load reads the document in file, or standard input from stdin when file
// is "-", and parses it with Parse. At most opts.MaxBytes are read.
func Load(file string, stdin io.Reader, opts *Options) (*model.Document, model.Diagnostics) {
	o := opts.withDefaults()
	data, diag := read(file, "document", stdin, o)
	if diag != nil {
		return nil, model.Diagnostics{*diag}
	}
	return Parse(file, data, &o)
}

// read reads what (a document, a map file) from file, or from stdin when
// file is "-": at most one byte more than o.MaxBytes, so that Parse can
// say the input is too large without reading all of it. A regular file
// whose size is over the limit is refused, with that size, unread.
func read(file, what string, stdin io.Reader, o Options) ([]byte, *model.Diagnostic) {
	var r io.Reader
	if file == "-" {
		if stdin == nil {
			d := fileError(file, "no standard input to read the %s from", what)
			return nil, &d
		}
		r = stdin
	} else {
		f, err := os.Open(file)
		if err != nil {
			d := fileError(file, "cannot read the %s: %v", what, unwrapPath(err))
			return nil, &d
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > o.MaxBytes {
			d := finish(file, nil, model.Diagnostics{tooLarge(what, fi.Size(), o)})[0]
			return nil, &d
		}
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, o.MaxBytes+1))
	if err != nil {
		d := fileError(file, "cannot read the %s: %v", what, unwrapPath(err))
		return nil, &d
	}
	return data, nil
}

// Parse reads data, a YAML or JSON document from file ("-" for standard
// input), and checks it: syntax, then the schema, semantic and per-cloud
// passes, all reported together, sorted by position, every finding
// located. It returns a document whenever the syntax was readable, even
// with findings, with File, Positions and each provider's Name set; and
// nil when the syntax or a size limit stopped it.
func Parse(file string, data []byte, opts *Options) (*model.Document, model.Diagnostics) {
	o := opts.withDefaults()
	root, diags := readSyntax(data, o)
	if root == nil {
		return nil, finish(file, nil, diags)
	}
	v, t, ok := toPlain(root, o)
	diags = append(diags, t.diags...)
	if !ok {
		return nil, finish(file, nil, diags)
	}
	for _, e := range schemas.Validate(v) {
		if !t.unreadable[e.Pointer] {
			diags = append(diags, schemaDiagnostic(e))
		}
	}
	b := &builder{}
	doc := b.document(v)
	doc.File, doc.Positions = file, t.pos
	diags = append(diags, b.diags...)
	c := newChecker(doc, o)
	c.semantics(b.destErrs)
	c.cloud()
	diags = append(diags, c.diags...)
	return doc, finish(file, doc, diags)
}

// Validate checks a document built in code with the schema, semantic and
// per-cloud passes. Findings are located when doc has Positions.
func Validate(doc *model.Document) model.Diagnostics { return ValidateWith(doc, nil) }

// ValidateWith is Validate with options; only InsecureEndpoint matters.
func ValidateWith(doc *model.Document, opts *Options) model.Diagnostics {
	if doc == nil {
		return model.Diagnostics{model.Errorf("", "no document")}
	}
	var diags model.Diagnostics
	for _, e := range schemas.Validate(plain(ordered(doc))) {
		diags = append(diags, schemaDiagnostic(e))
	}
	c := newChecker(doc, opts.withDefaults())
	c.semantics(nil)
	c.cloud()
	diags = append(diags, c.diags...)
	return finish(doc.File, doc, diags)
}

// schemaDiagnostic turns a schema finding into an error located at the
// value, or at the key when the finding is about the key.
func schemaDiagnostic(e schemas.SchemaError) model.Diagnostic {
	d := model.Errorf(e.Pointer, "%s", e.Message)
	d.AtValue = !e.AtKey
	return d
}

// finish locates, names, sorts and de-duplicates diagnostics.
func finish(file string, doc *model.Document, diags model.Diagnostics) model.Diagnostics {
	if len(diags) == 0 {
		return nil
	}
	name := file
	if file == "-" {
		name = StdinName
	}
	for i, d := range diags {
		if doc != nil {
			d = doc.Locate(d)
		}
		d.File = name
		diags[i] = d
	}
	diags.Sort()
	return slices.Compact(diags)
}

func fileError(file, format string, args ...any) model.Diagnostic {
	return finish(file, nil, model.Diagnostics{model.Errorf("", format, args...)})[0]
}

// unwrapPath drops the *os.PathError wrapper, whose path the diagnostic
// already names.
func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}
