package model

// Provider types.
const (
	TypeHuaweiFG  = "huaweifg"
	TypeAliFC2    = "alifc"
	TypeAliFC3    = "alifc3"
	TypeAWSLambda = "awslambda"
	TypeMemory    = "memory"
)

// EndpointEmulator as a provider's endpoint runs it against the embedded,
// in-process emulator.
const EndpointEmulator = "emulator"

// Document is a declarative fnasync document (version 1).
type Document struct {
	Version   int                  `json:"version" yaml:"version"`
	Providers map[string]*Provider `json:"providers" yaml:"providers"`
	Functions []*FunctionEntry     `json:"functions" yaml:"functions"`

	// File is where the document was read from ("-" for standard input);
	// empty when built in code.
	File string `json:"-" yaml:"-"`
	// Positions locates JSON pointers in File; nil when built in code.
	Positions Positions `json:"-" yaml:"-"`
}

// Provider is one cloud account and region a document addresses.
type Provider struct {
	// Name is the key under providers; filled by the parser.
	Name      string          `json:"-" yaml:"-"`
	Type      string          `json:"type" yaml:"type"`
	Region    string          `json:"region,omitempty" yaml:"region,omitempty"`
	ProjectID string          `json:"projectId,omitempty" yaml:"projectId,omitempty"`
	AccountID string          `json:"accountId,omitempty" yaml:"accountId,omitempty"`
	Endpoint  string          `json:"endpoint,omitempty" yaml:"endpoint,omitempty"`
	RateLimit float64         `json:"rateLimit,omitempty" yaml:"rateLimit,omitempty"`
	Limits    *LimitsOverride `json:"limits,omitempty" yaml:"limits,omitempty"`
}

// FunctionEntry declares the wanted async config of one function qualifier,
// or with Absent that it must have none.
type FunctionEntry struct {
	Provider    string `json:"provider" yaml:"provider"`
	Function    string `json:"function" yaml:"function"`
	Qualifier   string `json:"qualifier,omitempty" yaml:"qualifier,omitempty"`
	AsyncConfig `yaml:",inline"`
	Absent      bool `json:"absent,omitempty" yaml:"absent,omitempty"`
}

// Ref returns the FunctionRef the entry declares.
func (e *FunctionEntry) Ref() FunctionRef {
	return FunctionRef{Provider: e.Provider, Function: e.Function, Qualifier: e.Qualifier}
}

// Pos is a 1-based line and column in a source file.
type Pos struct {
	Line   int
	Column int
}

// Place is where a located part of a document is written. Line and Column
// are where an object member's key is (for an array element or the root,
// which have no key, where the element or document starts); Value is where
// the value starts, the zero Pos when it is not known (a Place written as
// {Line, Column} is a key alone), e.g. `maxRetryAttempts: 5` has its key at
// column 5 and its value at column 23.
type Place struct {
	Line   int
	Column int
	Value  Pos
}

// Key returns where the key is written (the element itself for an array
// element or the root).
func (p Place) Key() Pos { return Pos{Line: p.Line, Column: p.Column} }

// Positions maps JSON pointers ("/functions/0/maxRetryAttempts") to where
// the member or element is written in the source.
type Positions map[string]Place

// Locate fills d's file ("<stdin>" for "-"), line and column from
// Positions: where the value d.Pointer refers to is written when
// d.AtValue, else where its key is (for an array element or the root, the
// element or document itself). A pointer that is not located (a missing
// member) takes the key of its nearest located parent.
func (doc *Document) Locate(d Diagnostic) Diagnostic {
	if d.File == "" {
		d.File = doc.File
		if d.File == "-" {
			d.File = "<stdin>"
		}
	}
	if d.Line > 0 || doc.Positions == nil {
		return d
	}
	for p, exact := d.Pointer, true; ; p, exact = parentPointer(p), false {
		if place, ok := doc.Positions[p]; ok {
			pos := place.Key()
			if exact && d.AtValue && place.Value.Line > 0 {
				pos = place.Value
			}
			d.Line, d.Column = pos.Line, pos.Column
			return d
		}
		if p == "" {
			return d
		}
	}
}

func parentPointer(p string) string {
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] == '/' {
			return p[:i]
		}
	}
	return ""
}
