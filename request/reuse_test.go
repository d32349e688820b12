package request_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/atslint/atslint/internal/benchdata"
	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/rules"
	"github.com/atslint/atslint/source"
)

// mixedArray is one array of the benchmark's requests, the elements of
// every request document of testdata/requests, and elements that make
// input problems with fixes, ignore entries and unknown providers (strings
// of the tree that the output repeats).
func mixedArray(t *testing.T, n int) []byte {
	var els [][]byte
	add := func(data []byte) {
		if !request.ArrayElements(data, func(e request.Element) { els = append(els, e.Raw) }) {
			t.Fatalf("not an array: %.80s", data)
		}
	}
	add(benchdata.Array(n))
	err := filepath.WalkDir("../testdata/requests", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil || !json.Valid(data) {
			return err
		}
		if data = bytes.TrimSpace(data); data[0] == '[' {
			add(data)
		} else {
			els = append(els, data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// In the middle, not last: what a worker kept of the last element
	// it reads would never be overwritten.
	els = slices.Insert(els, len(els)/2,
		[]byte(`3`), []byte(`{"a": 1}`),
		[]byte(`{"method": "GET", "url": "/unified/ats/jobs?page_size=5", "bodyy": {"x": 1}, "heders": {"x-account-id": "acc"}}`),
		[]byte(`{"method": "GET", "url": "/unified/ats/jobs", "provider": "greenhose"}`),
		[]byte(`{"method": "GET", "url": "/unified/ats/jobs", "provider": "PersonalDataNotAProvider"}`),
		[]byte(`{"method": "PATCH", "url": "https://api.stackone.com/unified/ats/candidates/c1", "headers": {"x-account-id": "acc"}, "body": {"first_nme": "A", "emails": [{"value": 3}]},
			"x-atslint": {"ignore": [{"rule": "no-such/rule-zz", "reason": "a reason from the tree"}, {"rule": "body/unknown-field", "reason": "kept"}, {"rul": "x"}]}}`),
	)
	return append(append([]byte("[\n"), bytes.Join(els, []byte(",\n"))...), "\n]\n"...)
}

// describe is everything the output of a file is made of.
func describe(res source.Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "requests %d skipped %d foreign %v\n", res.Requests, res.Skipped, res.Foreign)
	for _, d := range res.Diagnostics {
		fmt.Fprintf(&b, "%s %s %s %q %d %s %+v %q %q", d.Rule, d.Severity, d.Provider, d.Operation, d.Request, d.Predicts, d.Span, d.Pointer, d.Message)
		if d.Fix != nil {
			fmt.Fprintf(&b, " fix %s %q %+v", d.Fix.Safety, d.Fix.Description, d.Fix.Edits)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// TestReusedMemoryIsNotKept checks a large mixed array whose elements
// each reuse the memory of the one before (ElementReader.Reuse), with
// that memory overwritten by garbage before it is handed on: anything the
// output kept of an earlier element's tree (a pointer, a message, an
// ignore entry, a fix, a record) would read garbage. The output must be
// the one without reuse, in memory and streamed, at one and two jobs.
func TestReusedMemoryIsNotKept(t *testing.T) {
	data := mixedArray(t, 600)
	run := func(jobs int, stream bool) string {
		e := rules.New(rules.Options{Jobs: jobs, Rules: append(rules.All(), echoRule)})
		if !stream {
			return describe(source.CheckBytes(e, "array.json", data, source.Limits{}))
		}
		res, complete, err := source.CheckArrayStream(e, bytes.NewReader(data), source.Limits{})
		if err != nil || !complete {
			t.Fatalf("streamed: complete %v, %v", complete, err)
		}
		return describe(res)
	}
	restore := request.SetReuseTest(true, false)
	want := run(1, false)
	restore()
	if strings.Count(want, "\n") < 500 || !strings.Contains(want, "no-such/rule-zz") || !strings.Contains(want, "first_nme") || !strings.Contains(want, "test/echo") {
		t.Fatalf("the array makes too few diagnostics to tell:\n%.2000s", want)
	}
	for _, poison := range []bool{false, true} {
		restore := request.SetReuseTest(false, poison)
		for _, jobs := range []int{1, 2} {
			for _, stream := range []bool{false, true} {
				if got := run(jobs, stream); got != want {
					t.Errorf("poison %v, %d jobs, streamed %v: output differs from the one without reuse:\n%s", poison, jobs, stream, firstDiff(got, want))
				}
			}
		}
		restore()
	}
}

// echoRule reports what the rules do not (yet) report: strings of the
// request's tree as they are, in the message and in a fix.
var echoRule = &rules.Rule{
	ID: "test/echo", Severity: rules.Info, AutoFix: rules.Safe,
	Check: func(p *rules.Pass) {
		r := p.Request
		if r.Body == nil || len(r.Headers) == 0 {
			return
		}
		p.ReportRequest("%s", r.Path)
		p.Fix(r.Headers[0].Name, request.Edit{Span: r.Body.Span, Text: r.Headers[0].Name})
	},
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d:\ngot  %s\nwant %s", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(g), len(w))
}
