package source_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/atslint/atslint/internal/benchdata"
	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/rules"
	"github.com/atslint/atslint/source"
)

// seedFiles adds every rule's examples and every request document, HAR and
// bad input under testdata as seeds: a plain `go test` runs them all.
func seedFiles(f *testing.F) {
	err := filepath.WalkDir("../testdata", func(path string, d fs.DirEntry, err error) error {
		if d != nil && d.IsDir() && d.Name() == "golden" {
			return filepath.SkipDir // outputs, not inputs
		}
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") && !strings.HasSuffix(path, ".har") {
			return err
		}
		data, err := os.ReadFile(path)
		if err == nil && len(data) < 1<<20 {
			f.Add(data)
		}
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	for i := range 10 {
		f.Add(benchdata.Document(i))
	}
	f.Add([]byte(benchdata.SmallNote))
	for _, r := range rules.All() {
		f.Add([]byte(r.Doc.Bad))
		f.Add([]byte(r.Doc.Good))
	}
}

// positions computes the position of a byte offset independently of the
// reader: lines end at '\n', columns count bytes from 1.
type positions []int // offsets of line starts

func newPositions(data []byte) positions {
	p := positions{0}
	for i, c := range data {
		if c == '\n' {
			p = append(p, i+1)
		}
	}
	return p
}

func (p positions) at(off int) request.Pos {
	l := sort.SearchInts(p, off+1) - 1
	return request.Pos{Offset: off, Line: int32(l + 1), Column: int32(off - p[l] + 1)}
}

// FuzzCheckBytes: reading and checking any input from bytes, with provider-independent
// rules only and against every known provider, never panics; every
// diagnostic is of a registered rule with a message and a span inside the
// input whose lines and columns are right; and the result is the same
// every time. An array document streamed with elements parsed on two
// workers (CheckArrayStream), when it can be, gives the same result.
func FuzzCheckBytes(f *testing.F) {
	seedFiles(f)
	engines := []*rules.Engine{
		rules.New(rules.Options{}),
		rules.New(rules.Options{Providers: rules.KnownProviders()}),
	}
	twoJobs := []*rules.Engine{
		rules.New(rules.Options{Jobs: 2}),
		rules.New(rules.Options{Providers: rules.KnownProviders(), Jobs: 2}),
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		pos := newPositions(data)
		head := data[:min(len(data), source.SniffSize)]
		array := source.Detect("fuzz.json", head) == source.Document && source.StartsArray(head)
		for k, e := range engines {
			res := source.CheckBytes(e, "fuzz.json", data, source.Limits{MaxDepth: 64})
			for _, d := range res.Diagnostics {
				r, ok := rules.Lookup(d.Rule)
				if !ok || d.Message == "" || d.Severity == rules.Off || r == nil {
					t.Fatalf("bad diagnostic %+v", d)
				}
				s := d.Span
				if s == (request.Span{}) {
					continue // about the whole file
				}
				if s.Start.Offset < 0 || s.Start.Offset > s.End.Offset || s.End.Offset > len(data) {
					t.Fatalf("%s: span %+v outside the input of %d bytes", d.Rule, s, len(data))
				}
				if s.Start != pos.at(s.Start.Offset) || s.End != pos.at(s.End.Offset) {
					t.Fatalf("%s: span %+v has wrong lines or columns", d.Rule, s)
				}
			}
			again := source.CheckBytes(e, "fuzz.json", data, source.Limits{MaxDepth: 64})
			if !reflect.DeepEqual(res, again) {
				t.Fatalf("second check differs:\n%+v\n%+v", res, again)
			}
			if !array {
				continue
			}
			streamed, complete, err := source.CheckArrayStream(twoJobs[k], bytes.NewReader(data), source.Limits{MaxDepth: 64})
			if err != nil {
				t.Fatal(err)
			}
			streamed.Format = res.Format
			if complete && !reflect.DeepEqual(res, streamed) {
				t.Fatalf("streamed on two workers differs:\n%+v\n%+v", res, streamed)
			}
		}
	})
}
