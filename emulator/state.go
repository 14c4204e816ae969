package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"

	"github.com/fnasync/fnasync/provider/alifc/fcemu"
	"github.com/fnasync/fnasync/provider/awslambda/lambdaemu"
	"github.com/fnasync/fnasync/provider/emukit"
	"github.com/fnasync/fnasync/provider/huaweifg/fgemu"
)

// legacyState is the JSON form of the state: what older versions wrote
// to the state file, what GET /_emulator/state and MarshalState return,
// and what is imported once into a new state file.
type legacyState struct {
	HuaweiFG json.RawMessage `json:"huaweifg,omitempty"`
	AliFC    json.RawMessage `json:"alifc,omitempty"`
	Lambda   json.RawMessage `json:"awslambda,omitempty"`
}

// importSuffix names where a JSON state file given as StateFile is moved
// while it is imported into the store that takes its place.
const importSuffix = ".json-import"

// openState opens the state file (importing a JSON state once) and
// loads the emulators from it.
func (s *Server) openState() error {
	if s.opts.ReadOnly {
		return s.loadReadOnly()
	}
	path := s.opts.StateFile
	if b, err := readJSONState(path); err != nil {
		return err
	} else if b != nil {
		// Checked before it is moved aside, so that a state that would be
		// refused stays where the user put it.
		if err := checkJSONState(path, b); err != nil {
			return err
		}
		if err := os.Rename(path, path+importSuffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("emulator state %s: move it aside to import it: %w", path, err)
		}
	}
	st, err := emukit.OpenStore(path, s.opts.Store)
	if err != nil {
		return err
	}
	if err := s.loadState(st); err != nil {
		_ = st.Close()
		return err
	}
	s.store = st
	return nil
}

// loadReadOnly loads the state file, if there is one, into memory and
// lets it go: nothing is created, and nothing the emulator then changes
// is written (Options.ReadOnly). The lock is held only while loading.
func (s *Server) loadReadOnly() error {
	path := s.opts.StateFile
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		// No store yet: an older JSON state, if any, is read as it is.
		if s.opts.ImportFrom == "" {
			return nil
		}
		path = s.opts.ImportFrom
	}
	if b, err := readJSONState(path); err != nil || b != nil {
		if err != nil {
			return err
		}
		return importJSON(path, b, s.fg, s.fc, s.aws)
	}
	if path != s.opts.StateFile {
		return nil
	}
	st, err := emukit.OpenStore(path, s.opts.Store)
	if err != nil {
		return err
	}
	imp := s.opts.ImportFrom
	s.opts.ImportFrom = "" // nothing is imported into a store it only reads
	err = s.loadState(st)
	s.opts.ImportFrom = imp
	s.fg.DetachStore()
	s.fc.DetachStore()
	s.aws.DetachStore()
	return errors.Join(err, st.Close())
}

func (s *Server) loadState(st *emukit.Store) error {
	if err := s.fg.UseStore(st); err != nil {
		return fmt.Errorf("emulator state %s: %w", st.Path(), err)
	}
	if err := s.fc.UseStore(st); err != nil {
		return fmt.Errorf("emulator state %s: %w", st.Path(), err)
	}
	if err := s.aws.UseStore(st); err != nil {
		return fmt.Errorf("emulator state %s: %w", st.Path(), err)
	}
	empty, err := st.Empty()
	if err != nil || !empty {
		return err
	}
	for _, old := range []string{s.opts.ImportFrom, st.Path() + importSuffix} {
		if old == "" {
			continue
		}
		b, err := readJSONState(old)
		if err != nil {
			return err
		}
		if b == nil {
			continue
		}
		if err := importJSON(old, b, s.fg, s.fc, s.aws); err != nil {
			return err
		}
		if err := os.Remove(old); err != nil {
			return fmt.Errorf("remove the imported emulator state %s: %w", old, err)
		}
		return nil
	}
	return nil
}

// readJSONState returns the content of path if it is a JSON state (nil
// if it does not exist or is not JSON: a store).
func readJSONState(path string) ([]byte, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read emulator state: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		return nil, fmt.Errorf("read emulator state %s: %w", path, err)
	}
	if t := bytes.TrimLeft(b, " \t\r\n"); len(t) == 0 || t[0] != '{' {
		return nil, nil
	}
	return b, nil
}

// checkJSONState checks a JSON state on emulators of its own.
func checkJSONState(path string, b []byte) error {
	return importJSON(path, b, fgemu.New(nil), fcemu.New(nil), lambdaemu.New(nil))
}

// importJSON replaces the state of fg, fc and aws with the JSON state b
// read from path (durably if they have a store).
func importJSON(path string, b []byte, fg *fgemu.Server, fc *fcemu.Server, aws *lambdaemu.Server) error {
	var st legacyState
	if err := json.Unmarshal(b, &st); err != nil {
		return fmt.Errorf("emulator state %s is not valid JSON (delete it to start afresh): %w", path, err)
	}
	if len(st.HuaweiFG) > 0 {
		if err := fg.UnmarshalState(st.HuaweiFG); err != nil {
			return fmt.Errorf("emulator state %s: huaweifg: %w", path, err)
		}
	}
	if len(st.AliFC) > 0 {
		if err := fc.UnmarshalState(st.AliFC); err != nil {
			return fmt.Errorf("emulator state %s: alifc: %w", path, err)
		}
	}
	if len(st.Lambda) > 0 {
		if err := aws.UnmarshalState(st.Lambda); err != nil {
			return fmt.Errorf("emulator state %s: awslambda: %w", path, err)
		}
	}
	return nil
}

// MarshalState returns the state of every emulator in its JSON form,
// indented for people.
func (s *Server) MarshalState() ([]byte, error) {
	fg, err := s.fg.MarshalState()
	if err != nil {
		return nil, err
	}
	fc, err := s.fc.MarshalState()
	if err != nil {
		return nil, err
	}
	aws, err := s.aws.MarshalState()
	if err != nil {
		return nil, err
	}
	return json.MarshalIndent(legacyState{HuaweiFG: fg, AliFC: fc, Lambda: aws}, "", "  ")
}

// stateJSON serves GET /_emulator/state: MarshalState.
func (s *Server) stateJSON(w http.ResponseWriter, _ *http.Request) {
	b, err := s.MarshalState()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(append(b, '\n'))
}

// Close releases the state file. Call it once, after serving has stopped.
func (s *Server) Close() error {
	if s.store == nil {
		return nil
	}
	return s.store.Close()
}
