package fgemu

import (
	"fmt"
	"strings"
	"time"
)

// TimeStyle is how the emulator writes FunctionGraph's times. The
// documents show several forms, and the adapter must read every one, so
// the emulator serves each of them: for the whole server (SetTimeStyle,
// `fnasync emulate --fg-time-style`) or per function
// (SetFunctionTimeStyle).
type TimeStyle string

// The time styles. Zone-less times are UTC (an assumption: seed 003 says
// so of invocation times; seed 000's config example writes last_modified
// zone-less with the same clock reading as a created_time at +08:00).
const (
	// TimesDocument writes each time as the documents' examples do:
	// created_time with an offset ("2021-03-04T14:50:02+08:00", seeds
	// 000, 001, 004), last_modified without a zone ("2021-03-04
	// 14:50:02", the same seeds; also ListFunctions' last_modified), and
	// invocation start_time and end_time as "2019-10-25T15:37:27" (seed
	// 003). The default.
	TimesDocument TimeStyle = "document"
	// TimesUTC writes every time as RFC 3339 in UTC with a Z.
	TimesUTC TimeStyle = "utc"
	// TimesOffset writes every time as RFC 3339 at +08:00 (Beijing).
	TimesOffset TimeStyle = "offset"
	// TimesPlain writes every time as "2021-03-04 14:50:02", UTC.
	TimesPlain TimeStyle = "plain"
)

// TimeStyles lists the styles, for flags and messages.
var TimeStyles = []TimeStyle{TimesDocument, TimesUTC, TimesOffset, TimesPlain}

// ParseTimeStyle reads a style's name.
func ParseTimeStyle(s string) (TimeStyle, error) {
	for _, st := range TimeStyles {
		if string(st) == s {
			return st, nil
		}
	}
	names := make([]string, len(TimeStyles))
	for i, st := range TimeStyles {
		names[i] = string(st)
	}
	return "", fmt.Errorf("unknown FunctionGraph time style %q (want one of %s)", s, strings.Join(names, ", "))
}

// timeField is which time is written, as the document style tells them
// apart.
type timeField int

const (
	fieldCreated timeField = iota
	fieldModified
	fieldInvocation
)

// beijing is the +08:00 of the documents' examples.
var beijing = time.FixedZone("+08:00", 8*3600)

func (st TimeStyle) format(t time.Time, f timeField) string {
	t = t.UTC()
	if st == TimesDocument || st == "" {
		switch f {
		case fieldCreated:
			st = TimesOffset
		case fieldModified:
			st = TimesPlain
		default:
			return t.Format("2006-01-02T15:04:05")
		}
	}
	switch st {
	case TimesOffset:
		return t.In(beijing).Format(time.RFC3339)
	case TimesPlain:
		return t.Format("2006-01-02 15:04:05")
	}
	return t.Format(time.RFC3339)
}

// SetTimeStyle makes st the style of every function without one of its
// own.
func (s *Server) SetTimeStyle(st TimeStyle) {
	s.mu.Lock()
	s.times = st
	s.mu.Unlock()
}

// SetFunctionTimeStyle makes st the style of fn ("[package/]name") in
// projectID; the empty style returns it to the server's. It is not part of
// the saved state.
func (s *Server) SetFunctionTimeStyle(projectID, fn string, st TimeStyle) {
	pkg, name, ok := strings.Cut(fn, "/")
	if !ok {
		pkg, name = "default", fn
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fnTimes == nil {
		s.fnTimes = map[string]TimeStyle{}
	}
	key := projectID + "/" + pkg + "/" + name
	if st == "" {
		delete(s.fnTimes, key)
		return
	}
	s.fnTimes[key] = st
}

// timeStyle is the style of the function key ("package/name") in
// project; call it with s.mu held.
func (s *Server) timeStyle(project, key string) TimeStyle {
	if st, ok := s.fnTimes[project+"/"+key]; ok {
		return st
	}
	return s.times
}
