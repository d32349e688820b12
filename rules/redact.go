package rules

import "strconv"

// A message names keys, types, operations and what the API allows. It
// repeats a value from the request only where that value cannot be
// personal data or a secret: testdata/redaction and TestRedaction hold
// every output format to that.

// smallNumber reports whether a number from the request is short enough
// to repeat in a message: a longer one may be anything, a phone number
// pasted into the wrong field for one.
func smallNumber(n int64) bool { return n > -100000 && n < 100000 }

// isIdentifier reports whether s is an ASCII identifier,
// [A-Za-z_][A-Za-z0-9_]*: a type or field name, a placeholder's variable.
func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// numberNamed shows a number from the request after its name ("limit=",
// 500) if it is small enough to repeat, and otherwise says instead.
func numberNamed(name string, n int64, instead string) string {
	if !smallNumber(n) {
		return instead
	}
	return name + strconv.FormatInt(n, 10)
}
