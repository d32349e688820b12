package request

import (
	"strings"
	"testing"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		raw  string
		want []RawParam
	}{
		{"", nil},
		{"a=1", []RawParam{{Key: "a", Value: "1", KeyStart: 0, KeyEnd: 1, ValueStart: 2, ValueEnd: 3}}},
		{"a=1&b=two", []RawParam{
			{Key: "a", Value: "1", KeyStart: 0, KeyEnd: 1, ValueStart: 2, ValueEnd: 3},
			{Key: "b", Value: "two", KeyStart: 4, KeyEnd: 5, ValueStart: 6, ValueEnd: 9},
		}},
		{"flag&&x=", []RawParam{
			{Key: "flag", Value: "", KeyStart: 0, KeyEnd: 4, ValueStart: 4, ValueEnd: 4},
			{Key: "x", Value: "", KeyStart: 6, KeyEnd: 7, ValueStart: 8, ValueEnd: 8},
		}},
		{"filter%5Bupdated_after%5D=2024-01-01T00%3A00%3A00Z", []RawParam{
			{Key: "filter[updated_after]", Value: "2024-01-01T00:00:00Z", KeyStart: 0, KeyEnd: 25, ValueStart: 26, ValueEnd: 50},
		}},
		{"q=a+b%20c", []RawParam{{Key: "q", Value: "a b c", KeyStart: 0, KeyEnd: 1, ValueStart: 2, ValueEnd: 9}}},
		{"bad=%zz%4&pct=100%", []RawParam{
			{Key: "bad", Value: "%zz%4", KeyStart: 0, KeyEnd: 3, ValueStart: 4, ValueEnd: 9},
			{Key: "pct", Value: "100%", KeyStart: 10, KeyEnd: 13, ValueStart: 14, ValueEnd: 18},
		}},
		{"a=b=c", []RawParam{{Key: "a", Value: "b=c", KeyStart: 0, KeyEnd: 1, ValueStart: 2, ValueEnd: 5}}},
		{"&", []RawParam{}},
		{"a=1&", []RawParam{{Key: "a", Value: "1", KeyStart: 0, KeyEnd: 1, ValueStart: 2, ValueEnd: 3}}},
	}
	for _, tt := range tests {
		eq(t, ParseQuery(tt.raw), tt.want, "ParseQuery(%q)", tt.raw)
	}
}

func TestSplitParamName(t *testing.T) {
	tests := []struct{ in, name, key string }{
		{"page_size", "page_size", ""},
		{"filter[updated_after]", "filter", "updated_after"},
		{"proxy[filter[eq][age]]", "proxy", "filter[eq][age]"},
		{"proxy[filter][eq][age]", "proxy", "filter[eq][age]"},
		{"a[b[c]][d]", "a", "b[c][d]"},
		{"ids[]", "ids[]", ""},
		{"filter[x", "filter[x", ""},
		{"filter[x]y", "filter[x]y", ""},
		{"filter]x[", "filter]x[", ""},
		{"[x]", "[x]", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		name, key := SplitParamName(tt.in)
		eq(t, [2]string{name, key}, [2]string{tt.name, tt.key}, "SplitParamName(%q)", tt.in)
		if key != "" && tt.in != "proxy[filter][eq][age]" && tt.in != "a[b[c]][d]" {
			eq(t, Param{Name: name, Key: key}.FullName(), tt.in, "FullName round trip")
		}
	}
}

func TestUnescape(t *testing.T) {
	for in, want := range map[string]string{
		"":          "",
		"abc":       "abc",
		"a%2Fb":     "a/b",
		"%E2%9C%93": "\u2713",
		"%":         "%",
		"%4":        "%4",
		"%G0x":      "%G0x",
		"a+b":       "a+b", // in a path, '+' is a plus
	} {
		eq(t, unescape(in, false), want, "unescape(%q)", in)
	}
	eq(t, unescape("a+b%2B", true), "a b+", "plus as space")
}

func TestParams(t *testing.T) {
	r := &Request{Query: []Param{{Name: "a"}, {Name: "filter", Key: "x"}, {Name: "filter", Key: "y"}, {Name: "b"}, {Name: "page", Key: "1"}, {Name: "c"}, {Name: "page", Key: "2"}}}
	keys := func(ps []Param) (out []string) {
		for _, p := range ps {
			out = append(out, p.Key)
		}
		return out
	}
	if got := keys(r.Params("filter")); strings.Join(got, ",") != "x,y" {
		t.Errorf("filter: %v", got)
	}
	if got := keys(r.Params("page")); strings.Join(got, ",") != "1,2" {
		t.Errorf("page: %v", got)
	}
	if got := r.Params("none"); got != nil {
		t.Errorf("none: %v", got)
	}
	if got := r.Params("filter"); cap(got) != 2 {
		t.Errorf("a shared slice must not let an append overwrite the query: cap %d", cap(got))
	}
}

func TestIsStackOneHost(t *testing.T) {
	for host, want := range map[string]bool{
		"api.stackone.com": true, "API.StackOne.com": true, "stackone.com": true, "eu.stackone.com.": true,
		"evil-stackone.com": false, "stackone.com.evil.org": false, ".stackone.com": false, "": false, "127.0.0.1": false,
	} {
		eq(t, IsStackOneHost(host), want, "host %q", host)
	}
}
