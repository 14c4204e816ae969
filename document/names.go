package document

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode"

	"github.com/fnasync/fnasync/internal/safetext"
	"github.com/fnasync/fnasync/model"
)

// Longest accepted names where the cloud's own patterns say nothing.
const (
	maxPlainName = 256
	maxRef       = 1024
)

// checkPlainName checks a topic, queue, stream, bucket or event bus name:
// the cloud's pattern where limits has one, else no character that could
// change an URL path or a native URN/ARN, and not "." or "..".
func checkPlainName(kind, name string, l model.Limits) error {
	if err := model.CheckName(kind, name, l); err != nil {
		return fmt.Errorf("destination %w", err)
	}
	switch {
	case name == "." || name == "..":
		return fmt.Errorf("destination %s name %q cannot be a path step", kind, name)
	case len(name) > maxPlainName:
		return fmt.Errorf("destination %s name is %d characters long: the limit is %d", kind, len(name), maxPlainName)
	}
	return unseen("destination "+kind+" name", name)
}

// unseen refuses a name with a character a reader would not see as
// written: a control, bidi or zero-width character (safetext.Suspicious),
// as function names are refused by their patterns.
func unseen(what, s string) error {
	if i := strings.IndexFunc(s, safetext.Suspicious); i >= 0 { // invalid UTF-8 is a RuneError
		return fmt.Errorf("%s %q has a control, bidi or zero-width character at byte %d: remove it", what, truncate(s, 80), i)
	}
	return nil
}

// checkRef checks a native destination: a Huawei URN, an Alibaba ARN or an AWS ARN,
// printable and bounded.
func checkRef(ref, typ string) error {
	if err := printable("ref", ref, maxRef); err != nil {
		return err
	}
	urn, arn, aws := strings.HasPrefix(ref, "urn:"), strings.HasPrefix(ref, "acs:"), strings.HasPrefix(ref, "arn:")
	switch {
	case typ == model.TypeHuaweiFG && !urn:
		return fmt.Errorf("ref %q is not a Huawei URN: write urn:SERVICE:REGION:PROJECT:NAME, or use a named kind such as topic", truncate(ref, 80))
	case (typ == model.TypeAliFC2 || typ == model.TypeAliFC3) && !arn:
		return fmt.Errorf("ref %q is not an Alibaba ARN: write acs:SERVICE:REGION:ACCOUNT:/RESOURCE, or use a named kind such as queue", truncate(ref, 80))
	case typ == model.TypeAWSLambda && !aws:
		return fmt.Errorf("ref %q is not an AWS ARN: write arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE, or use a named kind such as queue", truncate(ref, 80))
	case !urn && !arn && !aws:
		return fmt.Errorf("ref %q is neither a Huawei URN (urn:...), an Alibaba ARN (acs:...) nor an AWS ARN (arn:...)", truncate(ref, 80))
	}
	return nil
}

// checkPrefix checks a bucket object prefix: printable, bounded, with no
// ".." step.
func checkPrefix(prefix string) error {
	if err := printable("prefix", prefix, maxRef); err != nil {
		return err
	}
	for _, step := range strings.Split(prefix, "/") {
		if step == ".." || step == "." {
			return fmt.Errorf("prefix %q has a %q step: object keys are not paths; remove it", truncate(prefix, 80), step)
		}
	}
	return nil
}

func printable(what, s string, limit int) error {
	if len(s) > limit {
		return fmt.Errorf("%s is %d characters long: the limit is %d", what, len(s), limit)
	}
	if i := strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) || r == unicode.ReplacementChar }); i >= 0 {
		return fmt.Errorf("%s %q has a space or control character at byte %d: remove it", what, truncate(s, 80), i)
	}
	return unseen(what, s)
}

// checkURL accepts an http or https URL that has a host and, beyond an
// optional "/", no path, query, fragment or user information.
func checkURL(s string) error {
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return errors.New("is not an URL")
	case u.Scheme != "http" && u.Scheme != "https":
		return errors.New("must start with https:// or http://")
	case u.Host == "" || u.Hostname() == "":
		return errors.New("has no host")
	case u.User != nil:
		return errors.New("must not hold credentials: they come from the SDK's credential chain")
	case u.Path != "" && u.Path != "/", u.RawQuery != "", u.Fragment != "", u.Opaque != "":
		return errors.New("must have no path, query or fragment")
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
