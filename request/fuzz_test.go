package request

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	smallRequest,
	``,
	` `,
	"\xEF\xBB\xBF{}",
	`[{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs?page_size=5&filter[status]=open"}, "x"]`,
	`{"method": "GET", "path": "\/unified\/ats\/candidates\/a%2Fb", "query": {"proxy": {"filter": {"eq": {"age": 25}}}}}`,
	`{"method": "POST", "path": "/x", "heders": {}, "x-atslint": {"ignore": [{"rule": "a/b", "reason": "c"}, 1]}}`,
	`{"a": [1, -2.5e+3, true, false, null, "\u00e9\ud83d\ude00"], "a": {}}`,
	"{\r\n\t\"k\": \"v\"\r\n}",
	`[1,]`,
	`{"a" 1}`,
	"[\"\xff\"]",
	`[[[[[[[[[[[[[[[[[[[[`,
	`{"method": 1, "url": [], "headers": [], "query": "", "provider": {}}`,
	`{"method": "GET", "url": "https://h/p?%zz=%&a[b[c]][d]=1&&=&[x]=y"}`,
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := Parse(data, Options{MaxDepth: 64})
		// Differential check against encoding/json (which does not check
		// UTF-8, so only for valid UTF-8 input).
		if body := bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")); utf8.Valid(body) {
			var de *DepthError
			if valid := json.Valid(body); valid != (err == nil) && !(valid && errors.As(err, &de)) {
				t.Fatalf("json.Valid = %v, Parse error = %v", valid, err)
			}
		}
		if err != nil {
			var se *SyntaxError
			var de *DepthError
			switch {
			case errors.As(err, &se):
				if se.Pos.Offset < 0 || se.Pos.Offset > len(data) || se.Pos != naivePos(data, se.Pos.Offset) {
					t.Fatalf("bad error position %+v", se.Pos)
				}
				if se.Msg == "" || se.Msg != strings.ToLower(se.Msg[:1])+se.Msg[1:] {
					t.Fatalf("message not lowercase: %q", se.Msg)
				}
			case errors.As(err, &de):
				if de.Pos.Offset < 0 || de.Pos.Offset >= len(data) || data[de.Pos.Offset] != '[' && data[de.Pos.Offset] != '{' {
					t.Fatalf("bad depth position %+v", de.Pos)
				}
			default:
				t.Fatalf("untyped error %T: %v", err, err)
			}
			return
		}
		checkTree(t, data, v)
	})
}

func FuzzReadDocument(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := ReadDocument(data, Options{MaxDepth: 64})
		if err != nil || doc == nil {
			t.Fatalf("ReadDocument: %v", err)
		}
		inside := func(what string, s Span) {
			if s.Start.Offset < 0 || s.End.Offset > len(data) || s.Start.Offset > s.End.Offset {
				t.Fatalf("%s: span %+v outside input of %d bytes", what, s, len(data))
			}
		}
		for _, p := range doc.Problems {
			inside("problem "+p.Rule, p.Span)
			if p.Message == "" || p.Rule == "" {
				t.Fatalf("empty problem %+v", p)
			}
		}
		for _, r := range doc.Requests {
			if r.Method == "" || !r.MethodKnown || !r.PathKnown || r.Root == nil {
				t.Fatalf("incomplete request %+v", r)
			}
			inside("request", r.Span)
			inside("path", r.PathSpan)
			if len(r.PathSegmentSpans) != len(r.PathSegments()) {
				t.Fatalf("%d segment spans for %d segments", len(r.PathSegmentSpans), len(r.PathSegments()))
			}
			segs := r.PathSegments()
			for i, s := range r.PathSegmentSpans {
				inside("segment", s)
				if s.Start.Offset < r.PathSpan.Start.Offset || s.End.Offset > r.PathSpan.End.Offset {
					t.Fatalf("segment span %+v outside the path %+v", s, r.PathSpan)
				}
				if src := string(data[s.Start.Offset:s.End.Offset]); s != r.PathSpan && unescape(src, false) != segs[i] {
					t.Fatalf("segment %d: source %q, segment %q", i, src, segs[i])
				}
			}
			for _, q := range r.Query {
				inside("query key", q.KeySpan)
				inside("query value", q.Value.Span)
				if q.Pointer == r.PathPointer && q.KeySpan != r.PathSpan {
					src := unescape(string(data[q.KeySpan.Start.Offset:q.KeySpan.End.Offset]), true)
					if n, k := SplitParamName(src); n != q.Name || k != q.Key {
						t.Fatalf("query key source %q, param %q %q", src, q.Name, q.Key)
					}
					if v := unescape(string(data[q.Value.Span.Start.Offset:q.Value.Span.End.Offset]), true); v != q.Value.Str {
						t.Fatalf("query value source %q, param %q", v, q.Value.Str)
					}
				}
			}
			for _, h := range r.Headers {
				inside("header", h.NameSpan)
			}
		}
	})
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{
		"", "a=1", "a=1&b=2", "filter[updated_after]=2024-01-01T00:00:00Z&page_size=50",
		"proxy%5Bfilter%5Beq%5D%5Bage%5D%5D=25", "%", "%zz=%4", "a+b=c+d", "&&=&", "a[b[c]][d]=1&x[]=",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		prev := -1
		for _, p := range ParseQuery(raw) {
			if !(prev < p.KeyStart && p.KeyStart <= p.KeyEnd && p.KeyEnd <= p.ValueStart &&
				p.ValueStart <= p.ValueEnd && p.ValueEnd <= len(raw)) {
				t.Fatalf("bad offsets %+v in %q", p, raw)
			}
			if strings.Contains(raw[p.KeyStart:p.ValueEnd], "&") {
				t.Fatalf("pair %+v spans an '&'", p)
			}
			if !strings.ContainsAny(raw[p.KeyStart:p.KeyEnd], "%+") && p.Key != raw[p.KeyStart:p.KeyEnd] {
				t.Fatalf("key %q changed without escapes", p.Key)
			}
			if len(p.Key) > p.KeyEnd-p.KeyStart || len(p.Value) > p.ValueEnd-p.ValueStart {
				t.Fatalf("decoding made text longer: %+v", p)
			}
			prev = p.ValueEnd
			name, key := SplitParamName(p.Key)
			if key != "" && !strings.HasPrefix(p.Key, name+"[") {
				t.Fatalf("SplitParamName(%q) = %q, %q", p.Key, name, key)
			}
			if key == "" && name != p.Key {
				t.Fatalf("SplitParamName(%q) lost text: %q", p.Key, name)
			}
		}
	})
}
