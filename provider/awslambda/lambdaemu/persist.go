package lambdaemu

import (
	"errors"
	"fmt"
	"net/http"
	"slices"

	"github.com/fnasync/fnasync/provider/emukit"
)

// StoreTable is the table of an emukit.Store that holds the emulator's
// functions, one record per function keyed by its name, its value the
// function as JSON (versions, aliases, configs and invocations).
const StoreTable = "awslambda"

// UseStore replaces the emulator's state with what st holds (checked
// against the API's rules: an entry it would refuse is an error naming
// it) and, from then on, makes every change durable in st before
// answering the request that made it. A change that cannot be saved is
// undone and answered with ServiceException.
func (s *Server) UseStore(st *emukit.Store) error {
	return s.store.Attach(st, storeTable, &s.mu, s.opts.ErrorLog, s.reloadLocked)
}

// DetachStore keeps the state in memory only from now on: changes are no
// longer written to the store UseStore gave (read-only emulators load a
// state and let it go).
func (s *Server) DetachStore() { s.store.Detach(&s.mu) }

var storeTable = emukit.Table{Name: StoreTable, Kind: "function", Emulator: "lambdaemu"}

// reloadLocked replaces the state with the store's; s.mu is held.
func (s *Server) reloadLocked() error {
	st := newState()
	err := emukit.LoadJSON(&s.store, nil, func(key string, fn *function) error {
		if err := checkFunction(key, fn); err != nil {
			return err
		}
		st.Functions[key] = fn
		return nil
	})
	if err != nil {
		return err
	}
	s.st = st
	return nil
}

// save makes the functions named durable, or all of them (replacing the
// table) when all is set. It does nothing without a store.
func (s *Server) save(all bool, names ...string) error {
	return s.store.Save(all, func() ([]emukit.Record, error) {
		var recs []emukit.Record
		for name, fn := range s.st.Functions {
			if !all && !slices.Contains(names, name) {
				continue
			}
			rec, err := emukit.JSONRecord(name, fn)
			if err != nil {
				return nil, err
			}
			recs = append(recs, rec)
		}
		for _, name := range names { // functions that are gone
			if s.st.Functions[name] == nil {
				recs = append(recs, emukit.Record{Key: name})
			}
		}
		return recs, nil
	})
}

// saveReply makes the function a successful change touched durable, or
// turns rep into Lambda's ServiceException.
func (s *Server) saveReply(rep reply, name string) reply {
	if !rep.changed || rep.err != nil || name == "" {
		return rep
	}
	if s.save(false, name) != nil {
		return fail(errf(http.StatusInternalServerError, "ServiceException", "Service", "The AWS Lambda service encountered an internal error: the emulator could not save the change."))
	}
	return rep
}

// checkFunction checks a stored function against the rules the API
// enforces on requests.
func checkFunction(name string, fn *function) error {
	where := "function " + clip(name)
	if !reFunction.MatchString(name) {
		return fmt.Errorf("%s: invalid name", where)
	}
	for _, v := range fn.Versions {
		if !reVersion.MatchString(v) {
			return fmt.Errorf("%s: invalid version %q", where, clip(v))
		}
	}
	for a, v := range fn.Aliases {
		if !reAlias.MatchString(a) || reVersion.MatchString(a) {
			return fmt.Errorf("%s: invalid alias %q", where, clip(a))
		}
		if v != latest && !slices.Contains(fn.Versions, v) {
			return fmt.Errorf("%s: alias %s points at %q, which is not a version of it", where, a, clip(v))
		}
	}
	for q, cfg := range fn.Configs {
		var err error
		switch {
		case cfg == nil:
			err = errors.New("empty")
		case !fn.has(q):
			err = errors.New("the function has no such qualifier")
		case cfg.MaxAge != nil && (*cfg.MaxAge < minAge || *cfg.MaxAge > maxAge):
			err = fmt.Errorf("MaximumEventAgeInSeconds must be between %d and %d, got %d", minAge, maxAge, *cfg.MaxAge)
		case cfg.Retries != nil && (*cfg.Retries < minRetries || *cfg.Retries > maxRetries):
			err = fmt.Errorf("MaximumRetryAttempts must be between %d and %d, got %d", minRetries, maxRetries, *cfg.Retries)
		default:
			if e := checkConfig(&eventInvokeConfig{DestinationConfig: &destinationConfig{
				OnSuccess: &destination{Destination: &cfg.OnSuccess}, OnFailure: &destination{Destination: &cfg.OnFailure}}}); e != nil {
				err = errors.New(e.msg)
			}
		}
		if err != nil {
			return fmt.Errorf("%s: config %s: %w", where, clip(q), err)
		}
	}
	if len(fn.Invocations) > maxInvocations {
		return fmt.Errorf("%s: %d invocations, at most %d are kept", where, len(fn.Invocations), maxInvocations)
	}
	for i, inv := range fn.Invocations {
		switch {
		case inv == nil || inv.RequestID == "":
			return fmt.Errorf("%s: invocation %d: no request id", where, i)
		case !fn.has(inv.Qualifier):
			return fmt.Errorf("%s: invocation %s: unknown qualifier %q", where, clip(inv.RequestID), clip(inv.Qualifier))
		}
	}
	return nil
}
