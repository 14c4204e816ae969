package emulator

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/fnasync/fnasync/provider"
)

// Listener is a Server listening on a loopback address.
type Listener struct {
	*Server
	// URL is the base URL, http://HOST:PORT.
	URL  string
	srv  *http.Server
	done chan error
}

// Listen serves s on addr ("127.0.0.1:0" when empty). The address must be
// loopback unless allowRemote is set: the emulator's default keys are
// public. An IPv4 address is listened on with IPv4 only, so that the URL
// names it (0.0.0.0 would otherwise be reported as [::]).
func Listen(addr string, s *Server, allowRemote bool) (*Listener, error) {
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("listen address %q: %w", addr, err)
	}
	if !allowRemote && !provider.IsLoopback(host) {
		return nil, fmt.Errorf("listen address %q is not loopback: the emulator accepts publicly known keys", addr)
	}
	network := "tcp"
	if ip := net.ParseIP(host); ip != nil && ip.To4() != nil {
		network = "tcp4"
	}
	ln, err := net.Listen(network, addr)
	if err != nil {
		return nil, fmt.Errorf("listen: %w", err)
	}
	l := &Listener{Server: s, URL: "http://" + ln.Addr().String(), done: make(chan error, 1),
		srv: &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}}
	go func() { l.done <- l.srv.Serve(ln) }()
	return l, nil
}

// Close stops accepting requests, lets the ones in flight finish (up to 10
// seconds), releases the state file and returns the first error.
func (l *Listener) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := l.srv.Shutdown(ctx)
	if serr := <-l.done; serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	if cerr := l.Server.Close(); err == nil {
		err = cerr
	}
	return err
}
