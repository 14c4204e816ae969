package alifc

import (
	"context"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider"
	"github.com/fnasync/fnasync/provider/driver"
)

func init() {
	for _, typ := range []string{model.TypeAliFC2, model.TypeAliFC3} {
		provider.Register(typ, Open)
	}
}

// Open is the provider.Opener of types "alifc" and "alifc3": New with the
// options the portable layer passes, as huaweifg.Open is for FunctionGraph.
func Open(_ context.Context, p *model.Provider, limits model.Limits, opts *provider.OpenOptions) (driver.Driver, error) {
	o := &Options{}
	if opts != nil {
		o.Endpoint, o.Credentials, o.AllowInsecure, o.Retry, o.Transport = opts.Endpoint, opts.Credentials, opts.AllowInsecure, opts.Retry, opts.Transport
	}
	return New(p, limits, o)
}
