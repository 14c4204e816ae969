package mapping

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// FgsConfig is FunctionGraph's async-invocation config in snake_case, as
// the v2 API takes it (UpdateFunctionAsyncInvokeConfig) and returns it
// (Show, Update and each item of ListFunctionAsyncInvokeConfig). The
// settings are pointers so that 0 and false are sent; read-only fields are
// omitted from a request when empty.
type FgsConfig struct {
	// FuncURN names the function version or alias (responses only).
	FuncURN                   string                `json:"func_urn,omitempty"`
	MaxAsyncEventAgeInSeconds *int                  `json:"max_async_event_age_in_seconds,omitempty"`
	MaxAsyncRetryAttempts     *int                  `json:"max_async_retry_attempts,omitempty"`
	DestinationConfig         *FgsDestinationConfig `json:"destination_config,omitempty"`
	EnableAsyncStatusLog      *bool                 `json:"enable_async_status_log,omitempty"`
	// CreatedTime and LastModified are set by FunctionGraph, in either of
	// the styles ParseFgsTime reads.
	CreatedTime  string `json:"created_time,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

// FgsDestinationConfig holds the two destination halves; an absent half
// means none.
type FgsDestinationConfig struct {
	OnSuccess *FgsDestination `json:"on_success,omitempty"`
	OnFailure *FgsDestination `json:"on_failure,omitempty"`
}

// FgsDestination is one destination: the target service (OBS, SMN, DIS or
// FunctionGraph) and its parameters as a JSON object inside a string.
type FgsDestination struct {
	Destination string `json:"destination"`
	Param       string `json:"param"`
}

// The destination services FunctionGraph knows.
const (
	FgsOBS           = "OBS"
	FgsSMN           = "SMN"
	FgsDIS           = "DIS"
	FgsFunctionGraph = "FunctionGraph"
)

// Times parses the config's created_time and last_modified with
// ParseFgsTime; an empty one gives the zero time.
func (c *FgsConfig) Times() (created, modified time.Time, err error) {
	var errs []error
	if c.CreatedTime != "" {
		created, err = ParseFgsTime(c.CreatedTime)
		errs = append(errs, err)
	}
	if c.LastModified != "" {
		modified, err = ParseFgsTime(c.LastModified)
		errs = append(errs, err)
	}
	return created, modified, errors.Join(errs...)
}

// fgsZonelessLayouts are the time styles without a zone that FunctionGraph
// writes; they are UTC, as the API documents say for invocation times and
// as the SDK's SdkTime reads them.
var fgsZonelessLayouts = []string{"2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999"}

// ParseFgsTime parses a time as FunctionGraph writes it, in UTC:
// RFC 3339 with a zone or offset ("2021-03-04T14:50:02+08:00",
// "2024-05-30T13:00:00Z"), or without one ("2019-10-25T15:37:27",
// "2021-03-04 14:50:02"), which is read as UTC. Fractional seconds are
// accepted in every style.
func ParseFgsTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	t, err := parseFgsTime(s)
	if err != nil {
		return time.Time{}, err
	}
	if y := t.Year(); y < 1 || y > 9999 {
		// RFC 3339 cannot write it back (e.g. year 0 with an offset east
		// of UTC is year -1 in UTC).
		return time.Time{}, fmt.Errorf("time %q is outside the years 1 to 9999 in UTC", fgsTruncate(s))
	}
	return t, nil
}

func parseFgsTime(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse("2006-01-02 15:04:05.999999999Z07:00", s); err == nil {
		return t.UTC(), nil
	}
	for _, layout := range fgsZonelessLayouts {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("time %q is not in a FunctionGraph time format (2006-01-02T15:04:05[Z07:00] or 2006-01-02 15:04:05)", fgsTruncate(s))
}

// FgsQueryTime formats t as ListAsyncInvocations' query_begin_time and
// query_end_time take it: "YYYY-MM-DDTHH:mm:ss" in UTC, no zone, seconds
// truncated.
func FgsQueryTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05") }
