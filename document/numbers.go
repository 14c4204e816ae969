package document

import (
	"fmt"
	"strconv"
	"strings"
)

// yaml12 returns why the number written as s (a scalar that yaml.v3
// resolved to an integer or a float) must be refused, or "": it is
// written in a form that YAML 1.1, which yaml.v3 follows for numbers, and
// YAML 1.2, which editors driven by the JSON Schema follow, read
// differently (or one of them as a string). A leading zero (0600: octal
// 384 in YAML 1.1, decimal 600 in 1.2), 0b (binary in 1.1, a string in
// 1.2), 0o (octal in 1.2, a string in 1.1) and _ separators (ignored in
// 1.1, a string in 1.2) are refused; hexadecimal 0x10 reads the same in
// both and is kept. A sexagesimal 1:30 (90 in YAML 1.1) is a string for
// yaml.v3 as for YAML 1.2, so it never reaches here.
func yaml12(s string) string {
	digits := strings.TrimLeft(s, "+-")
	lower := strings.ToLower(digits)
	switch {
	case strings.Contains(s, "_"):
		return fmt.Sprintf("%s has _ separators: YAML 1.2 reads it as the string %q, YAML 1.1 as the number %s; write %s, or quote it for a string",
			s, s, strings.ReplaceAll(s, "_", ""), strings.ReplaceAll(s, "_", ""))
	case strings.HasPrefix(lower, "0b"):
		v, _ := strconv.ParseInt(strings.Replace(strings.ToLower(s), "0b", "", 1), 2, 64)
		return fmt.Sprintf("%s is binary in YAML 1.1 (%d) but the string %q in YAML 1.2: write %d, or quote it for a string", s, v, s, v)
	case strings.HasPrefix(lower, "0o"):
		v, _ := strconv.ParseInt(strings.Replace(strings.ToLower(s), "0o", "", 1), 8, 64)
		return fmt.Sprintf("%s is octal in YAML 1.2 (%d) but the string %q in YAML 1.1: write %d, or quote it for a string", s, v, s, v)
	case leadingZero(digits):
		return leadingZeroMessage(s, digits)
	}
	return ""
}

// leadingZero reports whether the integer part of digits (a number
// without its sign) has a zero before another digit. A float with a
// fraction (00.5, 0600.0) reads the same in YAML 1.1 and 1.2 and is kept.
func leadingZero(digits string) bool {
	if len(digits) < 2 || digits[0] != '0' || digits[1] < '0' || digits[1] > '9' {
		return false
	}
	return !strings.Contains(digits, ".")
}

func leadingZeroMessage(s, digits string) string {
	sign := s[:len(s)-len(digits)]
	if sign == "+" {
		sign = ""
	}
	trimmed := strings.TrimLeft(digits, "0")
	if trimmed == "" || trimmed[0] < '0' || trimmed[0] > '9' {
		trimmed = "0" + trimmed
	}
	v12 := sign + trimmed
	if oct, err := strconv.ParseInt(digits, 8, 64); err == nil {
		v11 := strconv.FormatInt(oct, 10)
		if v11 != "0" {
			v11 = sign + v11
		}
		if v11 == v12 {
			return fmt.Sprintf("%s has a leading zero: YAML 1.2 reads it as decimal %s, YAML 1.1 as octal; write %s without the leading zero", s, v12, v12)
		}
		return fmt.Sprintf("%s has a leading zero: YAML 1.2 reads it as %s, YAML 1.1 as octal %s; write %s (or %s) without the leading zero",
			s, v12, v11, v12, v11)
	}
	return fmt.Sprintf("%s has a leading zero: YAML 1.2 reads it as %s, YAML 1.1 as the string %q; write %s, or quote it for a string",
		s, v12, s, v12)
}
