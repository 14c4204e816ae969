package alifc

import (
	"errors"
	"os"
	"sync"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
)

// lockedCredentials serializes a credentials provider. The SDK's default
// chain (and its profile provider) initialise themselves lazily without a
// lock, so concurrent requests could sign with a provider that is about to
// fail; every SDK client of a driver shares one lockedCredentials. It
// remembers the last access key id and token, for redaction.
type lockedCredentials struct {
	mu      sync.Mutex
	p       credentials.CredentialsProvider
	secrets []string
}

// GetCredentials implements credentials.CredentialsProvider.
func (l *lockedCredentials) GetCredentials() (*credentials.Credentials, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	c, err := l.p.GetCredentials()
	if err == nil && c != nil {
		l.secrets = []string{c.AccessKeyId, c.SecurityToken}
	}
	return c, err
}

// GetProviderName implements credentials.CredentialsProvider.
func (l *lockedCredentials) GetProviderName() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.p.GetProviderName()
}

// Secrets returns the last access key id and security token.
func (l *lockedCredentials) Secrets() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.secrets
}

// chain is the SDK's default chain (credentials.NewDefaultCredentialsProvider)
// in the same order: the environment, OIDC (when configured), the CLI's
// profile, the credentials file, the ECS RAM role and a credentials URI
// (when configured); but without the ECS RAM role, which queries the
// metadata service at 100.100.100.200, when the endpoint is on loopback.
// The first provider that answers is kept.
type chain struct {
	ps   []credentials.CredentialsProvider
	last credentials.CredentialsProvider
}

func newChain(loopback bool) *chain {
	c := &chain{ps: []credentials.CredentialsProvider{credentials.NewEnvironmentVariableCredentialsProvider()}}
	if p, err := credentials.NewOIDCCredentialsProviderBuilder().Build(); err == nil {
		c.ps = append(c.ps, p)
	}
	c.ps = append(c.ps, credentials.NewCLIProfileCredentialsProviderBuilder().Build(),
		credentials.NewProfileCredentialsProviderBuilder().Build())
	if !loopback {
		if p, err := credentials.NewECSRAMRoleCredentialsProviderBuilder().Build(); err == nil {
			c.ps = append(c.ps, p)
		}
	}
	if os.Getenv("ALIBABA_CLOUD_CREDENTIALS_URI") != "" {
		if p, err := credentials.NewURLCredentialsProviderBuilderBuilder().Build(); err == nil {
			c.ps = append(c.ps, p)
		}
	}
	return c
}

var errNoCredentials = errors.New("no provider of the chain has credentials")

// GetCredentials implements credentials.CredentialsProvider.
func (c *chain) GetCredentials() (*credentials.Credentials, error) {
	if c.last != nil {
		return c.last.GetCredentials()
	}
	for _, p := range c.ps {
		if cc, err := p.GetCredentials(); err == nil && cc != nil {
			c.last = p
			return cc, nil
		}
	}
	return nil, errNoCredentials
}

// GetProviderName implements credentials.CredentialsProvider.
func (c *chain) GetProviderName() string {
	if c.last != nil {
		return "default/" + c.last.GetProviderName()
	}
	return "default"
}
