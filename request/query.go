package request

import "strings"

// RawParam is one "key=value" pair of a URL query string, as ParseQuery
// returns it.
type RawParam struct {
	// Key and Value are percent-decoded, with '+' read as a space. A
	// malformed escape ("%zz", a lone "%") is kept as written.
	Key, Value string
	// KeyStart/KeyEnd and ValueStart/ValueEnd are the byte offsets of the
	// key and of the value in the raw query string. Without '=' the value
	// is empty and ValueStart == ValueEnd == KeyEnd.
	KeyStart, KeyEnd     int
	ValueStart, ValueEnd int
}

// ParseQuery splits a URL query string (without the leading '?') into its
// parameters, in order, duplicates included. Pairs are separated by '&';
// empty pairs ("a=1&&b=2") are skipped. It never fails: malformed percent
// escapes stay as raw text.
func ParseQuery(raw string) []RawParam {
	if raw == "" {
		return nil
	}
	return appendQuery(make([]RawParam, 0, strings.Count(raw, "&")+1), raw)
}

// appendQuery appends the parameters of raw to out, as ParseQuery
// returns them.
func appendQuery(out []RawParam, raw string) []RawParam {
	for start := 0; start <= len(raw); {
		end := strings.IndexByte(raw[start:], '&')
		if end < 0 {
			end = len(raw)
		} else {
			end += start
		}
		if end > start {
			pair := raw[start:end]
			rp := RawParam{KeyStart: start, KeyEnd: end, ValueStart: end, ValueEnd: end}
			if eq := strings.IndexByte(pair, '='); eq >= 0 {
				rp.KeyEnd = start + eq
				rp.ValueStart = start + eq + 1
				rp.Value = unescape(pair[eq+1:], true)
			}
			rp.Key = unescape(raw[rp.KeyStart:rp.KeyEnd], true)
			out = append(out, rp)
		}
		start = end + 1
	}
	return out
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// unescape decodes %XX escapes (and '+' as a space when plusSpace), keeping
// any malformed escape as written.
func unescape(s string, plusSpace bool) string {
	i := strings.IndexByte(s, '%')
	if plusSpace {
		if j := strings.IndexByte(s, '+'); j >= 0 && (i < 0 || j < i) {
			i = j
		}
	}
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%' && i+2 < len(s):
			hi, ok1 := unhex(s[i+1])
			lo, ok2 := unhex(s[i+2])
			if ok1 && ok2 {
				b.WriteByte(hi<<4 | lo)
				i += 2
				continue
			}
			b.WriteByte(c)
		case c == '+' && plusSpace:
			b.WriteByte(' ')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// SplitParamName splits a query parameter name into its top-level name and
// its deepObject key: "filter[updated_after]" → ("filter", "updated_after"),
// "proxy[filter[eq][age]]" and "proxy[filter][eq][age]" → ("proxy",
// "filter[eq][age]"), "page_size" → ("page_size", ""). A name whose
// brackets do not parse (unbalanced, empty "[]", text after the last ']')
// is returned whole with key "".
func SplitParamName(full string) (name, key string) {
	i := strings.IndexByte(full, '[')
	if i <= 0 {
		return full, ""
	}
	name = full[:i]
	var groups []string
	for i < len(full) {
		if full[i] != '[' {
			return full, ""
		}
		depth, j := 0, i
		for ; j < len(full); j++ {
			if full[j] == '[' {
				depth++
			} else if full[j] == ']' {
				depth--
				if depth == 0 {
					break
				}
			}
		}
		if j == len(full) || j == i+1 {
			return full, ""
		}
		groups = append(groups, full[i+1:j])
		i = j + 1
	}
	if len(groups) == 1 {
		return name, groups[0]
	}
	return name, joinKey(groups[0], groups[1:]...)
}

// joinKey builds a deepObject key from its parts: "a", "b", "c" → "a[b][c]".
func joinKey(first string, rest ...string) string {
	n := len(first)
	for _, r := range rest {
		n += len(r) + 2
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(first)
	for _, r := range rest {
		b.WriteByte('[')
		b.WriteString(r)
		b.WriteByte(']')
	}
	return b.String()
}
