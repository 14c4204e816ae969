package version

import (
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/fnasync/fnasync/cmd/fnasync/internal/cmdutil"
)

func TestString(t *testing.T) {
	suffix := runtime.Version() + ", " + runtime.GOOS + "/" + runtime.GOARCH + ")"
	tests := []struct {
		name string
		info *debug.BuildInfo
		ok   bool
		want string
	}{
		{"no build info", nil, false, "fnasync devel (" + suffix},
		{"local build", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, true, "fnasync devel (" + suffix},
		{"release", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, true, "fnasync v1.2.3 (" + suffix},
		{"vcs", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.modified", Value: "true"}}}, true,
			"fnasync devel (0123456789ab+dirty, " + suffix},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := String(func() (*debug.BuildInfo, bool) { return tt.info, tt.ok })
			if got != tt.want {
				t.Errorf("String = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRun(t *testing.T) {
	io, _, out, _ := cmdutil.Test()
	opts := &Options{IO: io, Info: func() (*debug.BuildInfo, bool) { return &debug.BuildInfo{Main: debug.Module{Version: "v9"}}, true }}
	if err := run(t.Context(), opts); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "fnasync v9 (") || !strings.HasSuffix(out.String(), ")\n") {
		t.Errorf("printed %q", out)
	}
}
