package request

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// streamed reads data with EachRequest and describes what it gives:
// requests (index, pointer, method, path, span, body pointer) and
// problems, sorted as a report sorts them.
func streamed(data []byte) (reqs, probs []string, ok bool) {
	doc, ok := EachRequest(data, Options{MaxDepth: 64}, func(r *Request, ps []Problem) {
		if r != nil {
			reqs = append(reqs, describeRequest(r))
		}
		for _, p := range ps {
			probs = append(probs, describeProblem(p))
		}
	})
	if !ok { // what was handed over is dropped, as the contract says
		reqs, probs = nil, nil
	}
	for _, p := range doc.Problems {
		probs = append(probs, describeProblem(p))
	}
	sort.Strings(probs)
	return reqs, probs, ok
}

func whole(data []byte) (reqs, probs []string, ok bool) {
	doc, _ := ReadDocument(data, Options{MaxDepth: 64})
	for _, r := range doc.Requests {
		reqs = append(reqs, describeRequest(r))
	}
	for _, p := range doc.Problems {
		probs = append(probs, describeProblem(p))
	}
	sort.Strings(probs)
	return reqs, probs, doc.Root != nil || doc.HAR
}

func describeRequest(r *Request) string {
	body := ""
	if r.Body != nil {
		body = fmt.Sprintf("%s %+v", r.Body.Pointer, r.Body.Span)
	}
	return fmt.Sprintf("#%d %s %s %s %+v %+v %d params %d headers %s", r.Index, r.Pointer, r.Method, r.Path, r.Span, r.PathSpan, len(r.Query), len(r.Headers), body)
}

func describeProblem(p Problem) string {
	return fmt.Sprintf("#%d %s %s %+v %s", p.Request, p.Rule, p.Pointer, p.Span, p.Message)
}

// EachRequest reads what ReadDocument reads: the same requests with the
// same positions, and the same problems.
func TestEachRequestMatchesReadDocument(t *testing.T) {
	inputs := append([]string{
		`[]`, ` [ ] `, `[{"method": "GET", "url": "/unified/ats/jobs"}, 3, {"url": "/x"}, {"a": 1}]`,
		"\xEF\xBB\xBF[\n{\"method\": \"GET\", \"path\": \"/unified/ats/jobs\", \"body\": {\"a\": [1, {\"b\": null}]}}\n]\n",
		`[{"method": "GET", "url": "/unified/ats/jobs"}, {"method": "GET", "url": "/unified/ats/jobs"} x]`,
		`[{"method": "GET", "url": "/unified/ats/jobs"},]`, `[{"method": "GET", "url": "/unified/ats/jobs"}`,
		`[{"method": "GET", "url": "/unified/ats/jobs"}] []`, `[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]`,
		`{"log": {"entries": []}}`, `{"a": 1, "log": {"entries": [{"request": {"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs"}}]}}`,
	}, fuzzSeeds...)
	for _, in := range inputs {
		wr, wp, wok := whole([]byte(in))
		sr, sp, sok := streamed([]byte(in))
		assert.Equal(t, wok, sok, "ok: %s", in)
		assert.Equal(t, wp, sp, "problems: %s", in)
		if sok {
			assert.Equal(t, wr, sr, "requests: %s", in)
		}
	}
}

func FuzzEachRequest(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Add([]byte(`[{"method": "GET", "url": "/unified/ats/jobs"}, 3, {"url": "/x"}, {"a": 1}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		wr, wp, wok := whole(data)
		sr, sp, sok := streamed(data)
		if wok != sok || strings.Join(wp, "\n") != strings.Join(sp, "\n") || sok && strings.Join(wr, "\n") != strings.Join(sr, "\n") {
			t.Fatalf("ReadDocument and EachRequest differ:\nok %v %v\nproblems\n%s\n---\n%s\nrequests\n%s\n---\n%s",
				wok, sok, strings.Join(wp, "\n"), strings.Join(sp, "\n"), strings.Join(wr, "\n"), strings.Join(sr, "\n"))
		}
	})
}

// The elements of an array are handed over one at a time: none is kept by
// the reader once handed over.
func TestParseElementsOneAtATime(t *testing.T) {
	data := []byte(`[{"a": 1}, [2, 3], "x", {"b": {"c": [4]}}]`)
	var got []string
	root, err := ParseElements(data, Options{}, func(i int, v *Value) {
		got = append(got, fmt.Sprintf("%d %s %s %d-%d", i, v.Pointer, v.Kind, v.Span.Start.Offset, v.Span.End.Offset))
	})
	require.NoError(t, err)
	assert.Equal(t, []string{"0 /0 object 1-9", "1 /1 array 11-17", "2 /2 string 19-22", "3 /3 object 24-41"}, got)
	assert.Equal(t, Span{Start: Pos{Offset: 0, Line: 1, Column: 1}, End: Pos{Offset: 42, Line: 1, Column: 43}}, root.Span)
	assert.Nil(t, root.Elems)

	root, err = ParseElements([]byte(` {"a": 1}`), Options{}, func(int, *Value) { t.Fatal("called for an object") })
	assert.Nil(t, root)
	assert.NoError(t, err)
}
