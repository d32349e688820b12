package preflight

import (
	"bytes"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/atslint/atslint/internal/benchdata"
	"github.com/atslint/atslint/request"
)

// sameTree reports the first difference between a lean tree and
// request.Parse's, ignoring spans (the lean reader has none); pointers are
// compared after setPointers.
func sameTree(lean, full *request.Value, at string) string {
	switch {
	case lean == nil || full == nil:
		if lean != full {
			return at + ": one tree is missing"
		}
		return ""
	case lean.Kind != full.Kind || lean.Str != full.Str || lean.Bool != full.Bool || lean.Pointer != full.Pointer:
		return at + ": " + lean.Kind.String() + " " + lean.Str + " " + lean.Pointer + " vs " + full.Kind.String() + " " + full.Str + " " + full.Pointer
	case len(lean.Members) != len(full.Members) || len(lean.Elems) != len(full.Elems):
		return at + ": different number of children"
	}
	for i, m := range lean.Members {
		if m.Key != full.Members[i].Key {
			return at + ": key " + m.Key + " vs " + full.Members[i].Key
		}
		if d := sameTree(m.Value, full.Members[i].Value, at+"/"+m.Key); d != "" {
			return d
		}
	}
	for i, e := range lean.Elems {
		if d := sameTree(e, full.Elems[i], at+"/[]"); d != "" {
			return d
		}
	}
	return ""
}

// checkLean holds parseLean to request.Parse on data.
func checkLean(t *testing.T, data []byte) {
	t.Helper()
	if bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		v, p := parseLean(data)
		defer p.release()
		assert.Nil(t, v, "a byte order mark is no part of an HTTP body")
		return
	}
	full, err := request.Parse(data, request.Options{MaxDepth: maxBodyDepth})
	lean, p := parseLean(append([]byte(nil), data...))
	defer p.release()
	if err != nil {
		assert.Nil(t, lean, "request.Parse: %v; the lean reader accepts %q", err, data)
		return
	}
	require.NotNil(t, lean, "request.Parse accepts %q, the lean reader does not", data)
	setPointers(lean, "")
	assert.Empty(t, sameTree(lean, full, ""), "%q", data)
}

var leanCases = []string{
	`{}`, `[]`, `""`, `0`, `-0`, `-0.5e+10`, `1E5`, `true`, `false`, `null`, ` {"a" : [1, 2.5, "x", null, true, false, {}, []] } `,
	`{"a": 1, "a": 2}`, `{"k\u00e9y": "caf\u00e9 \"q\" \\ \/ \b\f\n\r\t \ud83d\ude00 \ud800"}`, `"\u2603 ☃"`,
	`{"content":[{"body":"Strong systems design round"}],"author_id":"user_12","visibility":{"value":"private"}}`,
	// Not JSON.
	``, ` `, `{`, `}`, `[1,]`, `{"a":1,}`, `{"a" 1}`, `{a:1}`, `01`, `1.`, `.5`, `1e`, `-`, `+1`, `tru`, `nul`, `"abc`,
	`"a\x"`, `"\u12"`, `"\u12g4"`, "\"tab\there\"", "\"nl\n\"", `[1] [2]`, `{"a":1}}`, "\"\xff\"", "\xEF\xBB\xBF{}",
	`1,"body":2`, strings.Repeat("[", maxBodyDepth) + strings.Repeat("]", maxBodyDepth),
	strings.Repeat("[", maxBodyDepth+1) + strings.Repeat("]", maxBodyDepth+1),
}

func TestLeanMatchesParse(t *testing.T) {
	for _, c := range leanCases {
		checkLean(t, []byte(c))
	}
	for _, r := range benchdata.LiveRequests() {
		if r.Body != "" {
			checkLean(t, []byte(r.Body))
		}
	}
	checkLean(t, benchdata.LargeApplication())
}

// A pooled parser gives every parse a clean tree, whatever the parse
// before it held, however big.
func TestLeanPoolReuse(t *testing.T) {
	big := benchdata.LargeApplication()
	for range 3 {
		for _, c := range append(leanCases, string(big), `{"a": [1, {"b": null}]}`) {
			checkLean(t, []byte(c))
		}
	}
}

func FuzzLeanMatchesParse(f *testing.F) {
	for _, c := range leanCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkLean(t, data) })
}

// Pointers are those of a request document, escaped as RFC 6901 says.
func TestSetPointers(t *testing.T) {
	v, p := parseLean([]byte(`{"a/b": [{"c~d": 1}], "": 2}`))
	defer p.release()
	require.NotNil(t, v)
	setPointers(v, "/body")
	assert.Equal(t, "/body", v.Pointer)
	assert.Equal(t, "/body/a~1b/0/c~0d", v.Members[0].Value.Elems[0].Members[0].Value.Pointer)
	assert.Equal(t, "/body/", v.Members[1].Value.Pointer)
}

// setTarget reads a URL as request.SetURL does.
func TestSetTargetMatchesSetURL(t *testing.T) {
	for _, u := range []string{
		"https://api.stackone.com/unified/ats/jobs",
		"https://api.stackone.com/unified/ats/candidates/cand%2F7/notes/",
		"https://api.stackone.com/unified/ats/candidates/caf%C3%A9?page_size=50&filter%5Bupdated_after%5D=2024-01-01T00%3A00%3A00Z&a+b=c+d&flag&&x=1=2",
		"https://api.stackone.com/unified/ats/candidates?proxy[filter][eq][age]=3&filter[email]=a%40b.c",
		"https://api.stackone.com/unified/ats/jobs?bad=%zz%4&q=%e2%98%83+x&=v&k=&+=%2B&",
		"https://api.stackone.com/",
		"https://api.stackone.com",
	} {
		pu, err := url.Parse(u)
		require.NoError(t, err)
		var lean, full request.Request
		b := &built{}
		setTarget(&lean, b, pu.EscapedPath(), pu.RawQuery)
		full.SetURL(&request.Value{Kind: request.String, Str: u, Pointer: "/url"})
		assert.Equal(t, full.Path, lean.Path, u)
		assert.Equal(t, full.PathSegments(), lean.PathSegments(), u)
		require.Len(t, lean.Query, len(full.Query), u)
		for i, q := range full.Query {
			assert.Equal(t, [3]string{q.Name, q.Key, q.Value.Str}, [3]string{lean.Query[i].Name, lean.Query[i].Key, lean.Query[i].Value.Str}, u)
			assert.Equal(t, "/url", lean.Query[i].Pointer)
		}
	}
}
