package model

import (
	"net"
	"strings"
)

// IsLoopback reports whether host (a URL's host name, without port or
// brackets) is localhost or a loopback address. It is the one test of
// "loopback" that document checks (plain http allowed) and the adapters
// (no cloud metadata probe) share; it looks nothing up.
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
