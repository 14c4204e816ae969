package provider

import (
	"strings"
	"sync"

	"github.com/fnasync/fnasync/model"
	"github.com/fnasync/fnasync/provider/ratelimit"
)

// Limiters hands out the limiters of providers opened together (a
// document's): one adaptive rate per quota, since a cloud throttles a
// project or account, not a document's provider. Providers of one
// Function Compute account and region (FC 2.0 and 3.0 alike), or of one
// FunctionGraph project, at one endpoint share an adaptive limiter
// without a ceiling; a provider's rateLimit still caps its own requests,
// as a fixed limiter in front. The zero value is ready; it is safe for
// concurrent use.
type Limiters struct {
	mu     sync.Mutex
	shared map[string]*ratelimit.Adaptive
}

// For returns the limiter of p reached at endpoint (empty: p's own).
func (l *Limiters) For(p *model.Provider, endpoint string) ratelimit.Limiter {
	if endpoint == "" {
		endpoint = p.Endpoint
	}
	scope := p.Type + "\x00" + p.Name // a type without a known quota scope shares nothing
	switch p.Type {
	case model.TypeAliFC2, model.TypeAliFC3:
		scope = strings.Join([]string{"alifc", p.AccountID, p.Region, endpoint}, "\x00")
	case model.TypeHuaweiFG:
		scope = strings.Join([]string{"huaweifg", p.ProjectID, p.Region, endpoint}, "\x00")
	}
	l.mu.Lock()
	a := l.shared[scope]
	if a == nil {
		if l.shared == nil {
			l.shared = map[string]*ratelimit.Adaptive{}
		}
		a = ratelimit.New(nil)
		l.shared[scope] = a
	}
	l.mu.Unlock()
	if p.RateLimit > 0 {
		return ratelimit.Chain(ratelimit.Fixed(p.RateLimit), a)
	}
	return a
}
