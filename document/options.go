package document

// Default limits of Options.
const (
	DefaultMaxBytes = 32 << 20
	DefaultMaxDepth = 32
	DefaultMaxNodes = 1_000_000
)

// Options tunes reading. A nil *Options, or a zero field, means the
// default.
type Options struct {
	// MaxBytes is the largest input accepted, in bytes (DefaultMaxBytes).
	MaxBytes int64
	// MaxDepth is the deepest nesting of objects and arrays accepted
	// (DefaultMaxDepth); a version 1 document needs 5.
	MaxDepth int
	// MaxNodes is the most keys and values a document may have once its
	// YAML aliases are expanded (DefaultMaxNodes, about 50,000 functions).
	MaxNodes int
	// InsecureEndpoint accepts a provider endpoint of plain http:// to a
	// host that is not loopback (--insecure-endpoint); by default it is an
	// error at the endpoint, as provider.CheckEndpoint refuses it.
	InsecureEndpoint bool
}

func (o *Options) withDefaults() Options {
	var out Options
	if o != nil {
		out = *o
	}
	if out.MaxBytes <= 0 {
		out.MaxBytes = DefaultMaxBytes
	}
	if out.MaxDepth <= 0 {
		out.MaxDepth = DefaultMaxDepth
	}
	if out.MaxNodes <= 0 {
		out.MaxNodes = DefaultMaxNodes
	}
	return out
}
