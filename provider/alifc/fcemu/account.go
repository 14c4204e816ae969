package fcemu

import (
	"net"
	"net/http"
	"regexp"
	"strings"
)

// reAccountHost is FC's account-scoped host name,
// ACCOUNT.REGION[-internal].fc.aliyuncs.com, which Alibaba's own clients
// use (wire.md D.4).
var reAccountHost = regexp.MustCompile(`^([A-Za-z0-9-]{1,64})\.[a-z0-9-]{1,64}\.fc\.aliyuncs\.com$`)

// requestAccount returns the account a request addresses: the X-Fc-Account-Id
// header, or the account of an ACCOUNT.REGION.fc.aliyuncs.com host, or
// DefaultAccountID when there is neither. A header and a host that name
// different accounts are refused (an assumption: FC documents neither
// precedence).
func requestAccount(r *http.Request) (string, *apiError) {
	header := r.Header.Get("X-Fc-Account-Id")
	if header != "" && !reAccount.MatchString(header) {
		return "", errInvalid("invalid X-Fc-Account-Id header %q", clip(header))
	}
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	fromHost := ""
	if m := reAccountHost.FindStringSubmatch(strings.ToLower(host)); m != nil && reAccount.MatchString(m[1]) {
		fromHost = m[1]
	}
	switch {
	case header != "" && fromHost != "" && header != fromHost:
		return "", errInvalid("X-Fc-Account-Id %s and the host's account %s disagree", header, fromHost)
	case header != "":
		return header, nil
	case fromHost != "":
		return fromHost, nil
	}
	return DefaultAccountID, nil
}
