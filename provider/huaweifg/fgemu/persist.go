package fgemu

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/fnasync/fnasync/provider/emukit"
)

// StoreTable is the table of an emukit.Store that holds the emulator's
// functions, one record per function keyed "PROJECT/PACKAGE/NAME", its
// value the function as JSON (configs and invocation records included).
const StoreTable = "huaweifg"

// UseStore replaces the emulator's state with what st holds (checked
// against the API's rules: an entry it would refuse is an error naming
// it) and, from then on, makes every change durable in st before
// answering the request that made it. A change that cannot be saved is
// undone and answered with FSS.0500.
func (s *Server) UseStore(st *emukit.Store) error {
	return s.store.Attach(st, storeTable, &s.mu, s.opts.ErrorLog, s.reloadLocked)
}

// DetachStore keeps the state in memory only from now on: changes are no
// longer written to the store UseStore gave (read-only emulators load a
// state and let it go).
func (s *Server) DetachStore() { s.store.Detach(&s.mu) }

var storeTable = emukit.Table{Name: StoreTable, Kind: "function", Emulator: "fgemu"}

// reloadLocked replaces the state with the store's; s.mu is held.
func (s *Server) reloadLocked() error {
	st := newState()
	err := emukit.LoadJSON(&s.store, nil, func(key string, fn *function) error {
		pid, fkey, _ := strings.Cut(key, "/")
		if err := checkFunction(pid, fkey, fn); err != nil {
			return err
		}
		p := st.Projects[pid]
		if p == nil {
			p = &project{Functions: map[string]*function{}}
			st.Projects[pid] = p
		}
		p.Functions[fkey] = fn
		return nil
	})
	if err != nil {
		return err
	}
	s.st = st
	s.epoch++
	return nil
}

// save makes the functions keys ("PROJECT/PACKAGE/NAME") durable, or all
// of them (replacing the table) when all is set, as changed in epoch. It
// does nothing without a store.
func (s *Server) save(epoch uint64, all bool, keys ...string) error {
	return s.store.Save(all, func() ([]emukit.Record, error) {
		if s.epoch != epoch {
			return nil, emukit.ErrUndone
		}
		if all {
			keys = keys[:0]
			for pid, p := range s.st.Projects {
				for fkey := range p.Functions {
					keys = append(keys, pid+"/"+fkey)
				}
			}
		}
		recs := make([]emukit.Record, 0, len(keys))
		for _, key := range keys {
			pid, fkey, _ := strings.Cut(key, "/")
			var fn *function
			if p := s.st.Projects[pid]; p != nil {
				fn = p.Functions[fkey]
			}
			rec, err := emukit.JSONRecord(key, fn)
			if err != nil {
				return nil, err
			}
			recs = append(recs, rec)
		}
		return recs, nil
	})
}

// saveReply makes the function a successful change touched durable, or
// turns rep into FunctionGraph's internal error.
func (s *Server) saveReply(rep reply, key string, epoch uint64) reply {
	if !rep.changed || rep.err != nil || key == "" {
		return rep
	}
	if s.save(epoch, false, key) != nil {
		return fail(errf(http.StatusInternalServerError, "FSS.0500", "Internal server error: the emulator could not save the change"))
	}
	return rep
}

// checkFunction checks a stored function against the rules the API
// enforces on requests.
func checkFunction(pid, fkey string, fn *function) error {
	pkg, name, _ := strings.Cut(fkey, "/")
	if !reProject.MatchString(pid) || !rePackage.MatchString(pkg) || !reFunction.MatchString(name) {
		return fmt.Errorf("function %q: not a valid project, package and function name", clip(pid+"/"+fkey))
	}
	where := "function " + pid + "/" + fkey
	for _, seg := range fn.Qualifiers {
		if seg == latest || !reQualifier.MatchString(strings.TrimPrefix(seg, "!")) {
			return fmt.Errorf("%s: invalid qualifier %q", where, clip(seg))
		}
	}
	for seg, cfg := range fn.Configs {
		if err := checkConfig(fn, seg, cfg); err != nil {
			return fmt.Errorf("%s: config %s: %w", where, clip(seg), err)
		}
	}
	for i, inv := range fn.Invocations {
		switch {
		case inv == nil || !reRequestID.MatchString(inv.ID):
			return fmt.Errorf("%s: invocation %d: invalid request id", where, i)
		case !fn.hasQualifier(inv.Qualifier):
			return fmt.Errorf("%s: invocation %s: unknown qualifier %q", where, inv.ID, clip(inv.Qualifier))
		case inv.Outcome != "" && inv.Outcome != "fail" && inv.Outcome != "hang":
			return fmt.Errorf("%s: invocation %s: unknown outcome %q", where, inv.ID, clip(inv.Outcome))
		}
	}
	return nil
}

func checkConfig(fn *function, seg string, cfg *config) error {
	switch {
	case cfg == nil:
		return errors.New("empty")
	case !fn.hasQualifier(seg):
		return errors.New("the function has no such qualifier")
	case cfg.MaxAge < minAge || cfg.MaxAge > maxAge:
		return fmt.Errorf("max_async_event_age_in_seconds %d is out of range [%d, %d]", cfg.MaxAge, minAge, maxAge)
	case cfg.Retries < minRetries || cfg.Retries > maxRetries:
		return fmt.Errorf("max_async_retry_attempts %d is out of range [%d, %d]", cfg.Retries, minRetries, maxRetries)
	}
	for _, h := range []struct {
		field string
		d     *destinationBody
	}{{"on_success", cfg.OnSuccess}, {"on_failure", cfg.OnFailure}} {
		if h.d == nil {
			continue
		}
		got, e := checkDestination(h.field, h.d)
		if e != nil {
			return errors.New(e.msg)
		}
		if got == nil {
			return fmt.Errorf("destination_config.%s is empty", h.field)
		}
	}
	return nil
}
