package alifc

import (
	"sync"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
)

// lockedCredentials serializes a credentials provider. The SDK's default
// chain (and its profile provider) initialise themselves lazily without a
// lock, so concurrent requests could sign with a provider that is about to
// fail; every SDK client of a driver shares one lockedCredentials.
type lockedCredentials struct {
	mu sync.Mutex
	p  credentials.CredentialsProvider
}

// GetCredentials implements credentials.CredentialsProvider.
func (l *lockedCredentials) GetCredentials() (*credentials.Credentials, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.p.GetCredentials()
}

// GetProviderName implements credentials.CredentialsProvider.
func (l *lockedCredentials) GetProviderName() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.p.GetProviderName()
}
