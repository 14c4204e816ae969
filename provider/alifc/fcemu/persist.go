package fcemu

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/fnasync/fnasync/provider/emukit"
)

// StoreTable is the table of an emukit.Store that holds the emulator's
// functions, one record per function keyed "ACCOUNT/fc2/SERVICE/FUNCTION"
// (FC 2.0) or "ACCOUNT/fc3/FUNCTION" (FC 3.0), its value the function as
// JSON (configs and invocation records included).
const StoreTable = "alifc"

// The API version segments of a record key.
const (
	keyFC2 = "fc2"
	keyFC3 = "fc3"
)

// recordKey is the store key of a function.
func recordKey(acct, version, name string) string {
	if version == Version2 {
		return acct + "/" + keyFC2 + "/" + name
	}
	return acct + "/" + keyFC3 + "/" + name
}

// UseStore replaces the emulator's state with what st holds (checked
// against the API's rules: an entry it would refuse is an error naming
// it) and, from then on, makes every change durable in st before
// answering the request that made it. A change that cannot be saved is
// undone and answered with InternalServerError.
func (s *Server) UseStore(st *emukit.Store) error {
	return s.store.Attach(st, storeTable, &s.mu, s.opts.ErrorLog, s.reloadLocked)
}

// DetachStore keeps the state in memory only from now on: changes are no
// longer written to the store UseStore gave (read-only emulators load a
// state and let it go).
func (s *Server) DetachStore() { s.store.Detach(&s.mu) }

var storeTable = emukit.Table{Name: StoreTable, Kind: "function", Emulator: "fcemu"}

// parseKey splits a record key (recordKey) into account, API version and
// function name.
func parseKey(key string) (acct, version, name string, err error) {
	acct, rest, _ := strings.Cut(key, "/")
	tag, name, _ := strings.Cut(rest, "/")
	switch tag {
	case keyFC2:
		return acct, Version2, name, nil
	case keyFC3:
		return acct, Version3, name, nil
	}
	return "", "", "", fmt.Errorf("invalid function key %q", clip(key))
}

// reloadLocked replaces the state with the store's; s.mu is held.
func (s *Server) reloadLocked() error {
	st := newState()
	checkKey := func(key string) error {
		_, _, _, err := parseKey(key)
		return err
	}
	err := emukit.LoadJSON(&s.store, checkKey, func(key string, fn *function) error {
		acct, version, name, _ := parseKey(key)
		if err := checkFunction(acct, version, name, fn); err != nil {
			return err
		}
		st.functions(acct, version, true)[name] = fn
		return nil
	})
	if err != nil {
		return err
	}
	s.st = st
	s.epoch++
	return nil
}

// save makes the functions keys (recordKey) durable, or all of them
// (replacing the table) when all is set, as changed in epoch. It does
// nothing without a store.
func (s *Server) save(epoch uint64, all bool, keys ...string) error {
	return s.store.Save(all, func() ([]emukit.Record, error) {
		if s.epoch != epoch {
			return nil, emukit.ErrUndone
		}
		var recs []emukit.Record
		for acct, a := range s.st.Accounts {
			for _, m := range []struct {
				version string
				fns     map[string]*function
			}{{Version2, a.FC2}, {Version3, a.FC3}} {
				for name, fn := range m.fns {
					if key := recordKey(acct, m.version, name); all || slices.Contains(keys, key) {
						rec, err := emukit.JSONRecord(key, fn)
						if err != nil {
							return nil, err
						}
						recs = append(recs, rec)
					}
				}
			}
		}
		for _, key := range keys { // functions that are gone
			if !slices.ContainsFunc(recs, func(r emukit.Record) bool { return r.Key == key }) {
				recs = append(recs, emukit.Record{Key: key})
			}
		}
		return recs, nil
	})
}

// saveReply makes the function a successful change touched durable, or
// turns rep into Function Compute's internal error.
func (s *Server) saveReply(rep reply, key string, epoch uint64) reply {
	if !rep.changed || rep.err != nil || key == "" {
		return rep
	}
	if s.save(epoch, false, key) != nil {
		return fail(errf(http.StatusInternalServerError, "InternalServerError", "an internal error occurred: the emulator could not save the change"))
	}
	return rep
}

// checkFunction checks a stored function against the rules the API
// enforces on requests.
func checkFunction(acct, version, name string, fn *function) error {
	where := "function " + recordKey(acct, version, name)
	if !reAccount.MatchString(acct) {
		return fmt.Errorf("%s: invalid account id", clip(where))
	}
	if err := checkFunctionName(version, name); err != nil {
		return err
	}
	for _, q := range fn.Qualifiers {
		if q == latest || !reQualifier.MatchString(q) {
			return fmt.Errorf("%s: invalid qualifier %q", where, clip(q))
		}
	}
	has := func(q string) bool { return q == latest || slices.Contains(fn.Qualifiers, q) }
	maxAge := int64(maxAge2)
	if version == Version3 {
		maxAge = maxAge3
	}
	for q, cfg := range fn.Configs {
		var err error
		switch {
		case cfg == nil:
			err = errors.New("empty")
		case !has(q):
			err = errors.New("the function has no such qualifier")
		case cfg.MaxAge < 1 || cfg.MaxAge > maxAge:
			err = fmt.Errorf("maxAsyncEventAgeInSeconds must be between 1 and %d, got %d", maxAge, cfg.MaxAge)
		case cfg.Retries < 0 || cfg.Retries > maxRetries:
			err = fmt.Errorf("maxAsyncRetryAttempts must be between 0 and %d, got %d", maxRetries, cfg.Retries)
		case cfg.OnSuccess != "" && !validDestination(version, cfg.OnSuccess):
			err = fmt.Errorf("onSuccess destination %q is not one the API accepts", clip(cfg.OnSuccess))
		case cfg.OnFailure != "" && !validDestination(version, cfg.OnFailure):
			err = fmt.Errorf("onFailure destination %q is not one the API accepts", clip(cfg.OnFailure))
		}
		if err != nil {
			return fmt.Errorf("%s: config %s: %w", where, clip(q), err)
		}
	}
	for i, inv := range fn.Invocations {
		switch {
		case inv == nil || !reID.MatchString(inv.ID):
			return fmt.Errorf("%s: invocation %d: invalid id", where, i)
		case !has(inv.Qualifier):
			return fmt.Errorf("%s: invocation %s: unknown qualifier %q", where, inv.ID, clip(inv.Qualifier))
		case inv.Retries < 0 || inv.Retries > maxRetries:
			return fmt.Errorf("%s: invocation %s: retries %d out of range [0, %d]", where, inv.ID, inv.Retries, maxRetries)
		}
	}
	return nil
}
