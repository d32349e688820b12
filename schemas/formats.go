package schemas

import (
	"errors"
	"net/netip"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// formats are the string formats the validator asserts, by name. Each
// accepts exactly the strings that github.com/santhosh-tekuri/jsonschema/v5
// accepts for that format (oracle_test.go checks this against it), so
// that moving off that library changed no diagnostic. Formats not listed
// are annotations.
var formats = map[string]func(string) bool{
	"date-time":             IsDateTime,
	"date":                  isDate,
	"time":                  isTime,
	"duration":              isDuration,
	"period":                isPeriod,
	"hostname":              isHostname,
	"email":                 isEmail,
	"ip-address":            isIPv4,
	"ipv4":                  isIPv4,
	"ipv6":                  isIPv6,
	"uri":                   isURI,
	"iri":                   isURI,
	"uri-reference":         isURIReference,
	"uriref":                isURIReference,
	"iri-reference":         isURIReference,
	"uri-template":          isURITemplate,
	"regex":                 isRegex,
	"json-pointer":          isJSONPointer,
	"relative-json-pointer": isRelativeJSONPointer,
	"uuid":                  isUUID,
}

// IsDateTime reports whether s is an RFC 3339 date-time (§5.6: "T" and "Z"
// may be lower case; a leap second only at 23:59 UTC). It is the one
// date-time check of the project: the validator's format, the filter
// rules and triage use it, and FuzzFormats holds it to the oracle.
func IsDateTime(s string) bool {
	if len(s) < 20 || s[10] != 'T' && s[10] != 't' {
		return false
	}
	return isDate(s[:10]) && isTime(s[11:])
}

// isDate: an RFC 3339 full-date.
func isDate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// twoDigits parses a two-character field as strconv.Atoi does (so a sign
// is accepted) and checks its range.
func twoDigits(s string, lo, hi int) (int, bool) {
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= lo && n <= hi
}

// isTime: an RFC 3339 full-time; second 60 only where it is 23:59 UTC.
func isTime(s string) bool {
	if len(s) < 9 || s[2] != ':' || s[5] != ':' {
		return false
	}
	h, ok1 := twoDigits(s[0:2], 0, 23)
	m, ok2 := twoDigits(s[3:5], 0, 59)
	sec, ok3 := twoDigits(s[6:8], 0, 60)
	if !ok1 || !ok2 || !ok3 {
		return false
	}
	s = s[8:]
	if s[0] == '.' {
		digits := 0
		for s = s[1:]; s != "" && s[0] >= '0' && s[0] <= '9'; s = s[1:] {
			digits++
		}
		if digits == 0 {
			return false
		}
	}
	if s == "" {
		return false
	}
	if s[0] == 'z' || s[0] == 'Z' {
		if len(s) != 1 {
			return false
		}
	} else {
		if len(s) != 6 || s[3] != ':' {
			return false
		}
		sign := 0
		switch s[0] {
		case '+':
			sign = -1
		case '-':
			sign = 1
		default:
			return false
		}
		zh, ok1 := twoDigits(s[1:3], 0, 23)
		zm, ok2 := twoDigits(s[4:6], 0, 59)
		if !ok1 || !ok2 {
			return false
		}
		hm := h*60 + m + sign*(zh*60+zm)
		if hm < 0 {
			hm += 24 * 60
		}
		h, m = hm/60, hm%60
	}
	return sec != 60 || h == 23 && m == 59
}

// isDuration: an ISO 8601 duration as RFC 3339 Appendix A gives it.
func isDuration(s string) bool {
	if s == "" || s[0] != 'P' {
		return false
	}
	s = s[1:]
	units := func() (string, bool) {
		var u []byte
		for s != "" && s[0] != 'T' {
			digits := false
			for s != "" && s[0] >= '0' && s[0] <= '9' {
				digits = true
				s = s[1:]
			}
			if !digits || s == "" {
				return string(u), false
			}
			u = append(u, s[0])
			s = s[1:]
		}
		return string(u), true
	}
	u, ok := units()
	if !ok {
		return false
	}
	if u == "W" {
		return s == ""
	}
	if u != "" {
		if !strings.Contains("YMD", u) {
			return false
		}
		if s == "" {
			return true
		}
	}
	if s == "" || s[0] != 'T' {
		return false
	}
	s = s[1:]
	u, ok = units()
	return ok && s == "" && u != "" && strings.Contains("HMS", u)
}

// isPeriod: start/end, start/duration or duration/end.
func isPeriod(s string) bool {
	start, end, ok := strings.Cut(s, "/")
	if !ok {
		return false
	}
	if IsDateTime(start) {
		return IsDateTime(end) || isDuration(end)
	}
	return isDuration(start) && IsDateTime(end)
}

// isHostname: RFC 1034/1123 labels of letters, digits and hyphens, at
// most 253 characters without a trailing dot.
func isHostname(s string) bool {
	s = strings.TrimSuffix(s, ".")
	if len(s) > 253 {
		return false
	}
	for label := range strings.SplitSeq(s, ".") {
		if len(label) < 1 || len(label) > 63 || s[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}

// isEmail: an RFC 5322 addr-spec (local@domain) whose domain is a
// hostname or a bracketed IP address; RFC 6532 UTF-8 is allowed in the
// local part.
func isEmail(s string) bool {
	if len(s) > 254 {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	if at < 0 {
		return false
	}
	local, domain := s[:at], s[at+1:]
	if len(local) > 64 {
		return false
	}
	if len(domain) >= 2 && domain[0] == '[' && domain[len(domain)-1] == ']' {
		ip := domain[1 : len(domain)-1]
		if v6, ok := strings.CutPrefix(ip, "IPv6:"); ok {
			return isIPv6(v6)
		}
		return isIPv4(ip)
	}
	if !isHostname(domain) || strings.HasSuffix(domain, ".") {
		return false // a trailing dot is not a dot-atom
	}
	local = strings.TrimLeft(local, " \t")
	if local == "" {
		return false
	}
	if local[0] == '"' {
		return isQuotedLocal(local)
	}
	return isDotAtom(local)
}

// isDotAtom: atext runs separated by single dots.
func isDotAtom(s string) bool {
	if s[0] == '.' || s[len(s)-1] == '.' || strings.Contains(s, "..") {
		return false
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return false
		}
		if !isAtext(r) {
			return false
		}
		i += n
	}
	return true
}

func isVchar(r rune) bool { return '!' <= r && r <= '~' || r >= utf8.RuneSelf }

// isAtext reports an atext character or a dot.
func isAtext(r rune) bool {
	switch r {
	case '(', ')', '<', '>', '[', ']', ':', ';', '@', '\\', ',', '"':
		return false
	}
	return isVchar(r)
}

// isQuotedLocal: a quoted-string that is the whole local part and
// holds at least one character.
func isQuotedLocal(s string) bool {
	escaped, chars := false, 0
	for i := 1; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			return false
		}
		switch {
		case escaped:
			if !isVchar(r) && r != ' ' && r != '\t' {
				return false
			}
			escaped = false
			chars++
		case r == '"':
			return i+n == len(s) && chars > 0
		case r == '\\':
			escaped = true
		case isVchar(r) || r == ' ' || r == '\t':
			chars++
		default:
			return false
		}
		i += n
	}
	return false // unclosed
}

// isIPv4: a dotted quad without leading zeroes.
func isIPv4(s string) bool {
	groups := strings.Split(s, ".")
	if len(groups) != 4 {
		return false
	}
	for _, g := range groups {
		n, err := strconv.Atoi(g)
		if err != nil || n < 0 || n > 255 || n != 0 && g[0] == '0' {
			return false
		}
	}
	return true
}

// isIPv6: an IPv6 address (embedded IPv4 allowed, zones not).
func isIPv6(s string) bool {
	if !strings.Contains(s, ":") {
		return false
	}
	a, err := netip.ParseAddr(s)
	return err == nil && a.Zone() == ""
}

// parseURL is url.Parse that also checks a bracketed IPv6 host.
func parseURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil {
		return nil, err
	}
	if host := u.Hostname(); strings.IndexByte(host, ':') >= 0 {
		if strings.IndexByte(u.Host, '[') < 0 || strings.IndexByte(u.Host, ']') < 0 {
			return nil, errors.New("IPv6 host not in brackets")
		}
		if !isIPv6(host) {
			return nil, errors.New("invalid IPv6 host")
		}
	}
	return u, nil
}

// isURI: an absolute URI.
func isURI(s string) bool {
	u, err := parseURL(s)
	return err == nil && u.IsAbs()
}

// isURIReference: a URI or relative reference.
func isURIReference(s string) bool {
	_, err := parseURL(s)
	return err == nil && !strings.Contains(s, `\`)
}

// isURITemplate: a URI whose escaped path has balanced, unnested braces
// in each segment.
func isURITemplate(s string) bool {
	u, err := parseURL(s)
	if err != nil {
		return false
	}
	for seg := range strings.SplitSeq(u.RawPath, "/") {
		depth := 0
		for _, c := range seg {
			switch c {
			case '{':
				depth++
				if depth != 1 {
					return false
				}
			case '}':
				depth--
				if depth != 0 {
					return false
				}
			}
		}
		if depth != 0 {
			return false
		}
	}
	return true
}

func isRegex(s string) bool {
	_, err := regexp.Compile(s)
	return err == nil
}

// isJSONPointer: an RFC 6901 pointer (not a URI fragment).
func isJSONPointer(s string) bool {
	if s != "" && s[0] != '/' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '~' && (i+1 == len(s) || s[i+1] != '0' && s[i+1] != '1') {
			return false
		}
	}
	return true
}

// isRelativeJSONPointer: a number of levels up, then "#" or a pointer.
func isRelativeJSONPointer(s string) bool {
	switch {
	case s == "":
		return false
	case s[0] == '0':
		s = s[1:]
	case s[0] >= '1' && s[0] <= '9':
		for s != "" && s[0] >= '0' && s[0] <= '9' {
			s = s[1:]
		}
	default:
		return false
	}
	return s == "#" || isJSONPointer(s)
}

// isUUID: 8-4-4-4-12 hex digits.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
				return false
			}
		}
	}
	return true
}
