// Package neterr classifies the transport errors both cloud adapters see
// (TLS verification, DNS, connections) into portable error codes, so that
// the adapters agree on which of them are worth retrying.
package neterr

import (
	"crypto/tls"
	"errors"
	"net"

	"github.com/fnasync/fnasync/provider/driver"
)

// Code returns the code of a transport error and true, or false when err
// is not one: Unknown for an endpoint whose certificate does not verify
// (it is not who it claims; no retry cures that), InvalidArgument for a
// host that does not resolve (a wrong region or endpoint, not an outage),
// and Unavailable, which is retried, for any other network error.
func Code(err error) (driver.ErrorCode, bool) {
	var (
		cv  *tls.CertificateVerificationError
		dne *net.DNSError
		ne  net.Error
		oe  *net.OpError
	)
	switch {
	case errors.As(err, &cv):
		return driver.Unknown, true
	case errors.As(err, &dne) && dne.IsNotFound:
		return driver.InvalidArgument, true
	case errors.As(err, &ne), errors.As(err, &oe), errors.As(err, &dne):
		return driver.Unavailable, true
	}
	return driver.OK, false
}
