package analyzer

import (
	"go/token"
	"strings"
	"testing"

	"github.com/atslint/atslint/request"
)

// fuzzText makes text from a string: each \x01 is an unknown stretch
// (one path segment when followed by \x02), any other byte known.
func fuzzText(s string) str {
	var out str
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 1:
			h := &val{why: whyCall}
			if i+1 < len(s) && s[i+1] == 2 {
				h.seg = true
				i++
			}
			out = append(out, cell{pos: token.Pos(i + 1), end: token.Pos(i + 2), hole: h})
		default:
			out = append(out, cell{b: s[i], pos: token.Pos(i + 1), end: token.Pos(i + 2)})
		}
	}
	return out
}

// FuzzTextReaders runs the readers of evaluated text (JSON with holes, a
// raw query, a URL) on any input: no panic; text without holes parses as
// the engine's JSON parser does; a hole never becomes known.
func FuzzTextReaders(f *testing.F) {
	for _, s := range []string{
		`{"a":"\x01","b":[1,true,null]}`, `{"\x01":1}`, "page_size=\x01\x02&next=a%20b", "https://\x01/unified/ats/jobs/\x01\x02?x=1",
		"\x01unified/ats/jobs", `"x\x01y"`, "a=1&\x01&b", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		text := fuzzText(s)
		v := jsonFromStr(text, nil)
		if !strings.ContainsRune(s, 1) {
			_, err := request.Parse([]byte(s), request.Options{})
			if (err == nil) != v.known() {
				t.Fatalf("jsonFromStr(%q) known=%v, parse error %v", s, v.known(), err)
			}
		}
		ms, _ := splitQuery(text)
		for _, m := range ms {
			if m.v == nil {
				t.Fatalf("member %q without a value", m.key)
			}
		}
		u := parseURL(text)
		r := &request.Request{}
		setTarget(r, u, 1, 2)
		if strings.ContainsRune(s, 1) && !strings.ContainsRune(r.URL, 0) && len(u.render()) == len(text) {
			t.Fatalf("URL %q lost its unknown stretch", r.URL)
		}
	})
}
