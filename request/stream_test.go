package request

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
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
	return streamedWith(EachRequest, data)
}

// streamedWith is streamed for EachRequest or EachRequestReusing.
func streamedWith(each func([]byte, Options, func(*Request, []Problem)) (*Document, bool), data []byte) (reqs, probs []string, ok bool) {
	doc, ok := each(data, Options{MaxDepth: 64}, func(r *Request, ps []Problem) {
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
	probs = append(probs, fmt.Sprintf("foreign %v", doc.Foreign))
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
	probs = append(probs, fmt.Sprintf("foreign %v", doc.Foreign))
	return reqs, probs, doc.Root != nil
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

// streamArray reads an array request document from r one element at a
// time, as CheckArrayStream does at one job: StreamElements and one
// ElementReader (reusing memory from element to element when reuse is
// set; then fn must not keep the request). fn gets what EachRequest gives
// it. complete is false when StreamElements or the reader gives up; foreign
// is set when no element looks like a request.
func streamArray(r io.Reader, opts Options, reuse bool, fn func(*Request, []Problem)) (foreign, complete bool, err error) {
	er := NewElementReader(opts)
	if reuse {
		er.Reuse()
	}
	foreign = true
	failed := false
	complete, err = StreamElements(r, func(e Element) {
		if failed {
			return
		}
		req, probs, looks, perr := er.Read(e)
		if perr != nil {
			failed = true
			return
		}
		if looks {
			foreign = false
		}
		if req != nil || len(probs) > 0 {
			fn(req, probs)
		}
	})
	return foreign, complete && !failed, err
}

// streamedFromReader is streamed for streamArray, which reuses memory.
func streamedFromReader(data []byte) (reqs, probs []string, complete bool) {
	foreign, complete, err := streamArray(bytes.NewReader(data), Options{MaxDepth: 64}, true, func(r *Request, ps []Problem) {
		if r != nil {
			reqs = append(reqs, describeRequest(r))
		}
		for _, p := range ps {
			probs = append(probs, describeProblem(p))
		}
	})
	if err != nil {
		panic(err) // a bytes.Reader does not fail
	}
	sort.Strings(probs)
	probs = append(probs, fmt.Sprintf("foreign %v", foreign))
	return reqs, probs, complete
}

// elementsOutOfOrder is streamed for ArrayElements (in memory) and
// StreamElements, with the elements read as workers would: by two
// ElementReaders taking turns, last element first, reusing memory from
// element to element when reuse is set.
func elementsOutOfOrder(data []byte, fromReader, reuse bool) (reqs, probs []string, complete bool) {
	var els []Element
	collect := func(e Element) { els = append(els, e) }
	if fromReader {
		var err error
		if complete, err = StreamElements(bytes.NewReader(data), collect); err != nil {
			panic(err) // a bytes.Reader does not fail
		}
	} else {
		complete = ArrayElements(data, collect)
	}
	readers := [2]*ElementReader{NewElementReader(Options{MaxDepth: 64}), NewElementReader(Options{MaxDepth: 64})}
	if reuse {
		readers[0].Reuse()
		readers[1].Reuse()
	}
	got := make([]string, len(els))
	foreign := true
	for k := len(els) - 1; k >= 0; k-- {
		r, ps, looks, err := readers[k%2].Read(els[k])
		if err != nil {
			complete = false
		}
		if looks {
			foreign = false
		}
		if r != nil {
			got[k] = describeRequest(r)
		}
		for _, p := range ps {
			probs = append(probs, describeProblem(p))
		}
	}
	for _, r := range got {
		if r != "" {
			reqs = append(reqs, r)
		}
	}
	sort.Strings(probs)
	probs = append(probs, fmt.Sprintf("foreign %v", foreign))
	return reqs, probs, complete
}

// checkStreamArray: streamArray, when it completes, reads what
// EachRequest reads; when it does not, EachRequest has a problem with the
// file as a whole (or the file is no array). ArrayElements and
// StreamElements, read out of order, with and without reuse, read what
// streamArray reads.
func checkStreamArray(t *testing.T, data []byte) {
	t.Helper()
	sr, sp, complete := streamedFromReader(data)
	for _, fromReader := range []bool{false, true} {
		for _, reuse := range []bool{false, true} {
			er, ep, ecomplete := elementsOutOfOrder(data, fromReader, reuse)
			if ecomplete != complete || complete && (strings.Join(er, "\n") != strings.Join(sr, "\n") || strings.Join(ep, "\n") != strings.Join(sp, "\n")) {
				t.Fatalf("elements (from a reader: %v, reuse %v) and streamArray differ on %q:\ncomplete %v %v\nrequests\n%s\n---\n%s\nproblems\n%s\n---\n%s",
					fromReader, reuse, data, ecomplete, complete, strings.Join(er, "\n"), strings.Join(sr, "\n"), strings.Join(ep, "\n"), strings.Join(sp, "\n"))
			}
		}
	}
	wr, wp, ok := streamed(data)
	rr, rp, rok := streamedWith(EachRequestReusing, data)
	if rok != ok || strings.Join(rr, "\n") != strings.Join(wr, "\n") || strings.Join(rp, "\n") != strings.Join(wp, "\n") {
		t.Fatalf("EachRequestReusing and EachRequest differ on %q:\nok %v %v\nrequests\n%s\n---\n%s\nproblems\n%s\n---\n%s",
			data, rok, ok, strings.Join(rr, "\n"), strings.Join(wr, "\n"), strings.Join(rp, "\n"), strings.Join(wp, "\n"))
	}
	if complete {
		if !ok || strings.Join(wr, "\n") != strings.Join(sr, "\n") || strings.Join(wp, "\n") != strings.Join(sp, "\n") {
			t.Fatalf("streamArray and EachRequest differ on %q:\nrequests\n%s\n---\n%s\nproblems\n%s\n---\n%s",
				data, strings.Join(wr, "\n"), strings.Join(sr, "\n"), strings.Join(wp, "\n"), strings.Join(sp, "\n"))
		}
		return
	}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")), " \t\r\n")
	isArray := len(trimmed) > 0 && trimmed[0] == '['
	emptyArray := ok && len(wp) == 2 && strings.Contains(wp[0], "got an empty array")
	if ok && isArray && !emptyArray {
		t.Fatalf("streamArray gave up on %q, which EachRequest reads", data)
	}
}

func TestStreamArray(t *testing.T) {
	for _, in := range []string{
		"\xEF\xBB\xBF [\n  {\"method\": \"GET\", \"url\": \"/unified/ats/jobs?page_size=5\",\n \"body\": {\"a\": [1, {\"b\": \"\\u00e9\"}]}},\r\n 3, {\"url\": \"/x\"},\n{\"a\": 1}, [[[]]]  ]  \n",
		`[{"method": "GET", "url": "/unified/ats/jobs"} , {"method": "POST", "path": "/unified/ats/candidates", "headers": {"x-account-id": "a"}}]`,
		`[]`, `[{"method": "GET", "url": "/unified/ats/jobs"},]`, `[{"method": "GET", "url": "/unified/ats/jobs"}] x`, `{"method": "GET", "url": "/x"}`,
		"[\"\xff\"]", `[` + strings.Repeat("[", 70) + strings.Repeat("]", 70) + `]`,
	} {
		checkStreamArray(t, []byte(in))
	}
	// A well-formed array of requests is streamed to the end.
	_, _, complete := streamedFromReader([]byte(`[{"method": "GET", "url": "/unified/ats/jobs"}, {"method": "GET", "url": "/unified/ats/jobs"}]`))
	assert.True(t, complete)
}

func FuzzStreamArray(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Add([]byte("[\n{\"method\": \"GET\", \"url\": \"/unified/ats/jobs\"},\n 3, {\"url\": \"/x\"}]"))
	f.Fuzz(checkStreamArray)
}

// TestStreamedTreesDoNotChain keeps one element's tree alive while the
// rest of a large array is read, in memory and from a reader: only its
// group of slabs may stay with it, not the array's other trees (slabs
// shared across groups would link every tree of the file to the next).
func TestStreamedTreesDoNotChain(t *testing.T) {
	data := largeDocument(16 << 20)
	heap := func() uint64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	var kept []*Value
	keep := func(v *Value) {
		if len(kept) < 3 {
			kept = append(kept, v)
		}
	}
	before := heap()
	n := 0
	_, err := ParseElements(data, Options{}, func(i int, v *Value) { n++; keep(v) })
	require.NoError(t, err)
	require.Greater(t, n, 20_000)
	grown := int64(heap()) - int64(before)
	assert.Less(t, grown, int64(2<<20), "in memory: %d bytes still held after %d elements", grown, n)

	kept = nil
	before = heap()
	_, complete, err := streamArray(bytes.NewReader(data), Options{}, false, func(r *Request, _ []Problem) { keep(r.Root) })
	require.NoError(t, err)
	require.True(t, complete)
	grown = int64(heap()) - int64(before)
	assert.Less(t, grown, int64(2<<20), "streamed: %d bytes still held", grown)
	runtime.KeepAlive(kept)
	runtime.KeepAlive(data)
}

// dumpValue writes everything a tree holds: kinds, strings, spans and
// pointers of every value and key.
func dumpValue(b *strings.Builder, v *Value) {
	fmt.Fprintf(b, "(%s %q %v %q %+v", v.Kind, v.Str, v.Bool, v.Pointer, v.Span)
	for _, m := range v.Members {
		fmt.Fprintf(b, " %q %+v:", m.Key, m.KeySpan)
		dumpValue(b, m.Value)
	}
	for _, e := range v.Elems {
		dumpValue(b, e)
	}
	b.WriteString(")")
}

// TestReusingReaderTrees reads elements of very different sizes, so that
// the reused blocks are cleared, outgrown, replaced and given up (past
// maxReused), with a reusing ElementReader and with a fresh one: each
// tree and request must be the same.
func TestReusingReaderTrees(t *testing.T) {
	big := func(n int) string {
		var b strings.Builder
		b.WriteString(`{"method": "POST", "url": "/unified/ats/candidates?x=1&y=2", "headers": {"a": "b"}, "body": {"list": [`)
		for i := range n {
			if i > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, `{"k%d": "v%d", "n": %d}`, i%7, i, i)
		}
		b.WriteString(`]}}`)
		return b.String()
	}
	els := []string{
		`{"method": "GET", "url": "/unified/ats/jobs"}`,
		big(3000),
		`{"method": "GET", "path": "/unified/ats/jobs/1", "query": {"a": {"b": 1}}}`,
		big(20_000), // past maxReused
		`3`,
		`{"method": "GET", "url": "/unified/ats/jobs", "body": "` + strings.Repeat("é~/", 20_000) + `"}`,
		big(10),
		`{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs/a%2Fb/c?z", "x-atslint": {"ignore": [{"rule": "r", "reason": "s"}]}}`,
		big(3000),
		`{"method": "GET", "url": "/x"}`,
	}
	data := []byte("[" + strings.Join(els, ",\n") + "]")
	var elements []Element
	require.True(t, ArrayElements(data, func(e Element) { elements = append(elements, e) }))
	reusing := NewElementReader(Options{})
	reusing.Reuse()
	for round := range 2 { // the second round starts with grown blocks
		for _, e := range elements {
			var want, got strings.Builder
			fresh := NewElementReader(Options{})
			wr, wp, _, err := fresh.Read(e)
			require.NoError(t, err)
			gr, gp, _, err := reusing.Read(e)
			require.NoError(t, err)
			for _, c := range []struct {
				b  *strings.Builder
				r  *Request
				ps []Problem
			}{{&want, wr, wp}, {&got, gr, gp}} {
				if c.r != nil {
					fmt.Fprintf(c.b, "%s %q %q %+v %d %q ", describeRequest(c.r), c.r.Segments, c.r.URL, c.r.PathSegmentSpans, len(c.r.Ignores), c.r.Provider)
					for _, q := range c.r.Query {
						fmt.Fprintf(c.b, "%q %q %q %+v %q ", q.Name, q.Key, q.Value.Str, q.KeySpan, q.Pointer)
					}
					for _, h := range c.r.Headers {
						fmt.Fprintf(c.b, "%q %q ", h.Name, h.Value.Str)
					}
					dumpValue(c.b, c.r.Root)
				}
				for _, p := range c.ps {
					c.b.WriteString(describeProblem(p))
				}
			}
			if got.String() != want.String() {
				t.Fatalf("round %d, element %d: reusing reader differs:\n%.600s\n---\n%.600s", round, e.Index, got.String(), want.String())
			}
		}
	}
}
