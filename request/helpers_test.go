package request

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"testing"
)

// Small comparison helpers for exact span and value checks; the
// tests compare compact strings rather than nested structs.

func eq[T any](t *testing.T, got, want T, what string, args ...any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got  %#v\n want %#v", fmt.Sprintf(what, args...), got, want)
	}
}

func must(t *testing.T, ok bool, what string, args ...any) {
	t.Helper()
	if !ok {
		t.Fatalf(what, args...)
	}
}

// sp formats a span as "L:C-L:C@start-end" for compact, exact comparisons.
func sp(s Span) string {
	return fmt.Sprintf("%d:%d-%d:%d@%d-%d", s.Start.Line, s.Start.Column, s.End.Line, s.End.Column, s.Start.Offset, s.End.Offset)
}

// naivePos computes the position of offset off by scanning data.
func naivePos(data []byte, off int) Pos {
	line, col := int32(1), int32(1)
	for i := 0; i < off; i++ {
		if data[i] == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return Pos{Offset: off, Line: line, Column: col}
}

// byPointer indexes a tree by pointer (the first value wins on duplicates).
func byPointer(root *Value) map[string]*Value {
	m := map[string]*Value{}
	root.Walk(func(v *Value) {
		if _, ok := m[v.Pointer]; !ok {
			m[v.Pointer] = v
		}
	})
	return m
}

// checkTree verifies the invariants of a parsed tree against its input:
// every span lies within data, Start <= End, children lie within their
// parent, and lines/columns agree with the offsets.
func checkTree(t testing.TB, data []byte, root *Value) {
	t.Helper()
	// Positions of every offset, computed once by a plain scan.
	all := make([]Pos, len(data)+1)
	line, col := int32(1), int32(1)
	for i := range all {
		all[i] = Pos{Offset: i, Line: line, Column: col}
		if i < len(data) && data[i] == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	checkSpan := func(what string, s Span) {
		if s.Start.Offset < 0 || s.End.Offset > len(data) || s.Start.Offset > s.End.Offset {
			t.Fatalf("%s: span %+v outside input of %d bytes", what, s, len(data))
		}
		if s.Start != all[s.Start.Offset] || s.End != all[s.End.Offset] {
			t.Fatalf("%s: span %+v: line/column disagree with offsets", what, s)
		}
	}
	// The source text under a span decodes (with encoding/json) to what
	// the tree holds.
	decodes := func(what string, s Span, want string) {
		var got string
		if err := json.Unmarshal(data[s.Start.Offset:s.End.Offset], &got); err != nil || got != want {
			t.Fatalf("%s: source %q decodes to %q (%v), tree has %q", what, data[s.Start.Offset:s.End.Offset], got, err, want)
		}
	}
	root.Walk(func(v *Value) {
		checkSpan("value "+v.Pointer, v.Span)
		raw := string(data[v.Span.Start.Offset:v.Span.End.Offset])
		switch v.Kind {
		case String:
			decodes("string "+v.Pointer, v.Span, v.Str)
		case Number:
			if raw != v.Str {
				t.Fatalf("number %s: source %q, tree %q", v.Pointer, raw, v.Str)
			}
		case Null, Bool:
			if want := map[bool]string{true: "true", false: "false"}[v.Bool]; v.Kind == Null && raw != "null" || v.Kind == Bool && raw != want {
				t.Fatalf("literal %s: source %q, tree %v %v", v.Pointer, raw, v.Kind, v.Bool)
			}
		case Object, Array:
			if raw[0] != "{["[v.Kind-Object] || raw[len(raw)-1] != "}]"[v.Kind-Object] {
				t.Fatalf("container %s: source %q", v.Pointer, raw)
			}
		}
		for _, m := range v.Members {
			checkSpan("key "+m.Value.Pointer, m.KeySpan)
			decodes("key "+m.Value.Pointer, m.KeySpan, m.Key)
			if want := v.Pointer + "/" + PointerToken(m.Key); m.Value.Pointer != want {
				t.Fatalf("pointer %q, want %q", m.Value.Pointer, want)
			}
			if m.KeySpan.Start.Offset < v.Span.Start.Offset || m.Value.Span.End.Offset > v.Span.End.Offset {
				t.Fatalf("member %s outside its object", m.Value.Pointer)
			}
		}
		for i, e := range v.Elems {
			if want := v.Pointer + "/" + strconv.Itoa(i); e.Pointer != want {
				t.Fatalf("pointer %q, want %q", e.Pointer, want)
			}
			if e.Span.Start.Offset < v.Span.Start.Offset || e.Span.End.Offset > v.Span.End.Offset {
				t.Fatalf("element %s outside its array", e.Pointer)
			}
		}
	})
}
