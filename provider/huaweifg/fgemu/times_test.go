package fgemu

import (
	"testing"
	"time"
)

func TestTimeStyles(t *testing.T) {
	at := time.Date(2021, 3, 4, 6, 50, 2, 0, time.UTC)
	tests := []struct {
		style                         TimeStyle
		created, modified, invocation string
	}{
		{TimesDocument, "2021-03-04T14:50:02+08:00", "2021-03-04 06:50:02", "2021-03-04T06:50:02"},
		{"", "2021-03-04T14:50:02+08:00", "2021-03-04 06:50:02", "2021-03-04T06:50:02"},
		{TimesUTC, "2021-03-04T06:50:02Z", "2021-03-04T06:50:02Z", "2021-03-04T06:50:02Z"},
		{TimesOffset, "2021-03-04T14:50:02+08:00", "2021-03-04T14:50:02+08:00", "2021-03-04T14:50:02+08:00"},
		{TimesPlain, "2021-03-04 06:50:02", "2021-03-04 06:50:02", "2021-03-04 06:50:02"},
	}
	for _, tc := range tests {
		got := [3]string{tc.style.format(at, fieldCreated), tc.style.format(at, fieldModified), tc.style.format(at, fieldInvocation)}
		if want := [3]string{tc.created, tc.modified, tc.invocation}; got != want {
			t.Errorf("style %q: got %q, want %q", tc.style, got, want)
		}
	}
	for _, st := range TimeStyles {
		if got, err := ParseTimeStyle(string(st)); err != nil || got != st {
			t.Errorf("ParseTimeStyle(%q) = %q, %v", st, got, err)
		}
	}
	if _, err := ParseTimeStyle("rfc"); err == nil {
		t.Error("ParseTimeStyle accepts an unknown style")
	}
}
