package mapping

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/fnasync/fnasync/model"
)

// The longest names validation accepts where a cloud's own patterns say
// nothing (package document checks the same bounds).
const (
	migratePlainNameMax = 256
	migrateRefMax       = 1024
)

// checkTargetDestination reports why d, a destination written for the
// target (a map-file replacement), would not validate on a provider with
// limits l: a kind l does not take, a function or qualifier name outside
// its rules, a ref not in its cloud's native form, a name or prefix that
// cannot be sent. It holds d to what validating the migrated document
// holds it to, so that a migration without errors gives a valid document.
func checkTargetDestination(d *model.Destination, l model.Limits) error {
	if !l.Accepts(d.Kind) {
		return fmt.Errorf("%s cannot take %s destinations (it takes %v)", l.Type, d.Kind, l.Destinations)
	}
	switch d.Kind {
	case model.KindFunction:
		if err := model.CheckFunction(d.Name, l); err != nil {
			return err
		}
		if d.Qualifier != "" {
			return model.CheckName("qualifier", d.Qualifier, l)
		}
	case model.KindRef:
		if err := checkSendable("ref", d.Name, migrateRefMax); err != nil {
			return err
		}
		urn, arn, aws := strings.HasPrefix(d.Name, "urn:"), strings.HasPrefix(d.Name, "acs:"), strings.HasPrefix(d.Name, "arn:")
		switch l.Type {
		case model.TypeHuaweiFG:
			if !urn {
				return fmt.Errorf("ref %q is not a Huawei URN (urn:...), which %s needs", d.Name, l.Type)
			}
		case model.TypeAliFC2, model.TypeAliFC3:
			if !arn {
				return fmt.Errorf("ref %q is not an Alibaba ARN (acs:...), which %s needs", d.Name, l.Type)
			}
		case model.TypeAWSLambda:
			if !aws {
				return fmt.Errorf("ref %q is not an AWS ARN (arn:...), which %s needs", d.Name, l.Type)
			}
		default:
			if !urn && !arn && !aws {
				return fmt.Errorf("ref %q is neither a Huawei URN (urn:...), an Alibaba ARN (acs:...) nor an AWS ARN (arn:...)", d.Name)
			}
		}
	default:
		if err := model.CheckName(string(d.Kind), d.Name, l); err != nil {
			return err
		}
		if d.Name == "." || d.Name == ".." || len(d.Name) > migratePlainNameMax {
			return fmt.Errorf("%s name %q is not valid: it must be 1 to %d characters and neither \".\" nor \"..\"", d.Kind, d.Name, migratePlainNameMax)
		}
	}
	if d.Kind == model.KindBucket && l.Type == model.TypeAWSLambda && (d.Prefix != "" || (d.ExpireDays != nil && *d.ExpireDays != 0)) {
		return fmt.Errorf("bucket %q has a prefix or an expiry, which Lambda bucket destinations cannot keep", d.Name)
	}
	if d.Kind == model.KindBucket && d.Prefix != "" {
		if err := checkSendable("prefix", d.Prefix, migrateRefMax); err != nil {
			return err
		}
		for _, step := range strings.Split(d.Prefix, "/") {
			if step == "." || step == ".." {
				return fmt.Errorf("prefix %q has a %q step", d.Prefix, step)
			}
		}
	}
	return nil
}

// checkSendable refuses a value longer than limit or holding a space or a
// control character.
func checkSendable(what, s string, limit int) error {
	if len(s) > limit {
		return fmt.Errorf("%s is %d characters long: the limit is %d", what, len(s), limit)
	}
	if strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) || r == unicode.ReplacementChar }) {
		return fmt.Errorf("%s %q has a space or control character", what, s)
	}
	return nil
}
