package request

import (
	"errors"
	"strings"
	"testing"
)

func TestParseSpans(t *testing.T) {
	tests := []struct {
		name string
		in   string
		// pointer → expected span of the value ("sp" format)
		values map[string]string
		// pointer → expected span of the key naming that value
		keys map[string]string
	}{
		{
			name: "one line",
			in:   `{"a": 1, "b": [true, null, "x"]}`,
			values: map[string]string{
				"":     "1:1-1:33@0-32",
				"/a":   "1:7-1:8@6-7",
				"/b":   "1:15-1:32@14-31",
				"/b/0": "1:16-1:20@15-19",
				"/b/1": "1:22-1:26@21-25",
				"/b/2": "1:28-1:31@27-30",
			},
			keys: map[string]string{"/a": "1:2-1:5@1-4", "/b": "1:10-1:13@9-12"},
		},
		{
			name: "multi-line with LF",
			in:   "{\n  \"method\": \"POST\",\n  \"body\": {\n    \"n\": -1.5e3\n  }\n}\n",
			values: map[string]string{
				"":        "1:1-6:2@0-55",
				"/method": "2:13-2:19@14-20",
				"/body":   "3:11-5:4@32-53",
				"/body/n": "4:10-4:16@43-49",
			},
			keys: map[string]string{"/method": "2:3-2:11@4-12", "/body": "3:3-3:9@24-30", "/body/n": "4:5-4:8@38-41"},
		},
		{
			name: "CRLF and tabs",
			in:   "{\r\n\t\"name\": \"Zo\u00eb\",\r\n\t\"list\": [true, null]\r\n}",
			values: map[string]string{
				"":        "1:1-4:2@0-45",
				"/name":   "2:10-2:16@12-18",
				"/list":   "3:10-3:22@30-42",
				"/list/1": "3:17-3:21@37-41",
			},
			keys: map[string]string{"/name": "2:2-2:8@4-10", "/list": "3:2-3:8@22-28"},
		},
		{
			name: "non-ASCII counts bytes",
			in:   `{"é": "日本", "k": 1}`,
			values: map[string]string{
				"/é": "1:8-1:16@7-15",
				"/k": "1:23-1:24@22-23",
			},
			keys: map[string]string{"/é": "1:2-1:6@1-5", "/k": "1:18-1:21@17-20"},
		},
		{
			name: "BOM keeps file offsets",
			in:   "\xEF\xBB\xBF{\"a\": 1}",
			values: map[string]string{
				"":   "1:4-1:12@3-11",
				"/a": "1:10-1:11@9-10",
			},
			keys: map[string]string{"/a": "1:5-1:8@4-7"},
		},
		{
			name:   "top-level scalar with surrounding space",
			in:     "\n\n   \"x\"  \n",
			values: map[string]string{"": "3:4-3:7@5-8"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := Parse([]byte(tt.in), Options{})
			must(t, err == nil, "Parse: %v", err)
			checkTree(t, []byte(tt.in), v)
			idx := byPointer(v)
			for ptr, want := range tt.values {
				got, ok := idx[ptr]
				must(t, ok, "no value at %q", ptr)
				eq(t, sp(got.Span), want, "span of value %q", ptr)
			}
			for ptr, want := range tt.keys {
				var found bool
				v.Walk(func(x *Value) {
					for _, m := range x.Members {
						if m.Value.Pointer == ptr && !found {
							found = true
							eq(t, sp(m.KeySpan), want, "span of key %q", ptr)
						}
					}
				})
				must(t, found, "no key at %q", ptr)
			}
		})
	}
}

func TestParseValues(t *testing.T) {
	in := `{"s": "a\"b\\c\u00e9\n", "n": 1.50e+2, "z": -0, "t": true, "f": false, "nil": null, "e": {}, "a": []}`
	v, err := Parse([]byte(in), Options{})
	must(t, err == nil, "Parse: %v", err)
	eq(t, v.Kind, Object, "root kind")
	eq(t, v.Get("s").Str, "a\"b\\c\u00e9\n", "decoded string")
	eq(t, v.Get("n").Kind, Number, "number kind")
	eq(t, v.Get("n").Str, "1.50e+2", "number literal kept")
	eq(t, v.Get("z").Str, "-0", "negative zero literal")
	eq(t, v.Get("t").Bool, true, "true")
	eq(t, v.Get("t").Kind, Bool, "true kind")
	eq(t, v.Get("f").Bool, false, "false")
	eq(t, v.Get("nil").Kind, Null, "null kind")
	eq(t, v.Get("e").Kind, Object, "empty object kind")
	eq(t, len(v.Get("e").Members), 0, "empty object members")
	eq(t, v.Get("a").Kind, Array, "empty array kind")
	eq(t, len(v.Get("a").Elems), 0, "empty array elems")
	eq(t, sp(v.Get("e").Span), "1:90-1:92@89-91", "empty object span")

	// An unpaired surrogate escape is valid JSON (RFC 8259 grammar) and
	// decodes to U+FFFD, as in other JSON readers.
	lone, err := Parse([]byte(`["\ud800", "\udc00x"]`), Options{})
	must(t, err == nil, "lone surrogates: %v", err)
	eq(t, [2]string{lone.Elems[0].Str, lone.Elems[1].Str}, [2]string{"\ufffd", "\ufffdx"}, "lone surrogates decode to U+FFFD")
	checkTree(t, []byte(in), v)
}

func TestParsePointers(t *testing.T) {
	in := `{"a/b": {"m~n": [0, {"": 1, "~1": [2]}]}, "x y": "%"}`
	v, err := Parse([]byte(in), Options{})
	must(t, err == nil, "Parse: %v", err)
	var got []string
	v.Walk(func(x *Value) { got = append(got, x.Pointer) })
	eq(t, got, []string{
		"",
		"/a~1b",
		"/a~1b/m~0n",
		"/a~1b/m~0n/0",
		"/a~1b/m~0n/1",
		"/a~1b/m~0n/1/",
		"/a~1b/m~0n/1/~01",
		"/a~1b/m~0n/1/~01/0",
		"/x y",
	}, "pointers in document order")
	eq(t, PointerToken("a/~b"), "a~1~0b", "PointerToken")
}

func TestParseDuplicateKeys(t *testing.T) {
	in := `{"a": 1, "b": 2, "a": 3}`
	v, err := Parse([]byte(in), Options{})
	must(t, err == nil, "Parse: %v", err)
	must(t, len(v.Members) == 3, "want 3 members, got %d", len(v.Members))
	eq(t, []string{v.Members[0].Key, v.Members[1].Key, v.Members[2].Key}, []string{"a", "b", "a"}, "keys in order")
	eq(t, v.Members[2].Value.Str, "3", "second a")
	eq(t, v.Get("a").Str, "1", "Get returns the first")
	eq(t, sp(v.Members[2].KeySpan), "1:18-1:21@17-20", "second a key span")
	eq(t, v.Members[2].Value.Pointer, "/a", "duplicate pointer")
}

func TestParseSyntaxErrors(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
		col      int
		msg      string
	}{
		{"empty file", "", 1, 1, "empty file"},
		{"whitespace only", " \n\t\r\n ", 1, 1, "empty file"},
		{"BOM only", "\xEF\xBB\xBF", 1, 1, "empty file"},
		{"truncated object", `{"a": 1`, 1, 8, "unexpected end of input"},
		{"truncated after key", "{\n  \"a\"", 2, 6, "unexpected end of input"},
		{"truncated array", "[1,\n 2,", 2, 4, "unexpected end of input"},
		{"unterminated string", `{"a": "abc`, 1, 11, "unexpected end of input in string"},
		{"truncated literal", `[tru`, 1, 5, "unexpected end of input in literal true"},
		{"truncated number", `-`, 1, 2, "unexpected end of input in number"},
		{"trailing comma in array", `[1,]`, 1, 3, "trailing comma before ']'"},
		{"trailing comma in object", "{\n  \"a\": 1,\n}", 2, 9, "trailing comma before '}'"},
		{"trailing comma with CRLF", "{\r\n  \"a\": 1,\r\n}", 2, 9, "trailing comma before '}'"},
		{"invalid UTF-8 in string", "{\"a\": \"x\xffy\"}", 1, 9, "invalid UTF-8 in string"},
		{"invalid UTF-8 in key", "{\"\xc3\": 1}", 1, 3, "invalid UTF-8 in string"},
		{"invalid UTF-8 outside string", "[\xff]", 1, 2, "invalid UTF-8 at start of value"},
		{"trailing garbage", "{\"a\": 1}\n x", 2, 2, "invalid character 'x' after top-level value"},
		{"second value", `{} {}`, 1, 4, "invalid character '{' after top-level value"},
		{"extra closing brace", `{"a":1}}`, 1, 8, "invalid character '}' after top-level value"},
		{"missing colon", `{"a" 1}`, 1, 6, "invalid character '1' after object key (expecting ':')"},
		{"comma for colon", `{"a", 1}`, 1, 5, "invalid character ',' after object key (expecting ':')"},
		{"missing comma in object", `{"a": 1 "b": 2}`, 1, 9, "invalid character '\"' after object value (expecting ',' or '}')"},
		{"missing comma in array", `[1 2]`, 1, 4, "invalid character '2' after array element (expecting ',' or ']')"},
		{"mismatched close", `[1}`, 1, 3, "invalid character '}' after array element (expecting ',' or ']')"},
		{"non-string key", `{1: 2}`, 1, 2, "invalid character '1' at start of object key (expecting '\"' or '}')"},
		{"non-string key after comma", `{"a": 1, 2: 3}`, 1, 10, "invalid character '2' at start of object key (expecting '\"')"},
		{"missing value", `{"a": }`, 1, 7, "missing value after object key"},
		{"bad value", `{"a": x}`, 1, 7, "invalid character 'x' at start of value"},
		{"leading comma", `[,1]`, 1, 2, "invalid character ',' at start of value"},
		{"double comma", `[1,,2]`, 1, 4, "invalid character ',' at start of value"},
		{"single quotes", `{'a': 1}`, 1, 2, "invalid character '\\'' at start of object key (expecting '\"' or '}')"},
		{"bad literal", `[tru]`, 1, 5, "invalid character ']' in literal true"},
		{"bad number", `[-x]`, 1, 3, "invalid character 'x' in number"},
		{"bad fraction", `[1.]`, 1, 4, "invalid character ']' in number"},
		{"leading zero", `[01]`, 1, 3, "invalid character '1' after array element (expecting ',' or ']')"},
		{"control character in string", "[\"a\tb\"]", 1, 4, "invalid control character U+0009 in string"},
		{"invalid escape", `["a\qb"]`, 1, 4, "invalid escape sequence in string"},
		{"truncated unicode escape", `["\u12"]`, 1, 3, "invalid escape sequence in string"},
		{"invalid UTF-8 before an unterminated string", "[\"a\xff", 1, 4, "invalid UTF-8 in string"},
		{"invalid UTF-8 after an earlier error", "[1 2 \"\xff\"]", 1, 4, "invalid character '2' after array element (expecting ',' or ']')"},
		{"non-ASCII character outside string", `[é]`, 1, 2, "invalid character 'é' at start of value"},
		{"garbage after BOM", "\xEF\xBB\xBFx", 1, 4, "invalid character 'x' at start of value"},
		{"top-level colon", ": ", 1, 1, "invalid character ':' at start of value"},
		{"colon in array", `[1:2]`, 1, 3, "invalid character ':' after array element (expecting ',' or ']')"},
		{"colon after value", `{"a":1:2}`, 1, 7, "invalid character ':' after object value (expecting ',' or '}')"},
		{"comment", "{ // no\n}", 1, 3, "invalid character '/' at start of object key (expecting '\"' or '}')"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := Parse([]byte(tt.in), Options{})
			must(t, v == nil, "want nil value on error")
			var se *SyntaxError
			must(t, errors.As(err, &se), "want *SyntaxError, got %T %v", err, err)
			eq(t, [2]int{int(se.Pos.Line), int(se.Pos.Column)}, [2]int{tt.line, tt.col}, "line:col")
			eq(t, se.Msg, tt.msg, "message")
			eq(t, se.Pos, naivePos([]byte(tt.in), se.Pos.Offset), "position consistent")
		})
	}
}

func TestSyntaxErrorNeverQuotesStrings(t *testing.T) {
	secret := "sk_live_SECRET"
	for _, in := range []string{
		`{"token": "` + secret + "\x01\"}",
		`{"token": "` + secret + `\q"}`,
		`{"token": "` + secret + "\xff\"}",
		`{"token": "` + secret,
		`{"token": "` + secret + `" x}`,
	} {
		_, err := Parse([]byte(in), Options{})
		must(t, err != nil, "want an error for %q", in)
		must(t, !strings.Contains(err.Error(), "SECRET"), "error echoes string contents: %v", err)
	}
}

// nested returns n levels of arrays ("[[…]]") or, for open == `{"a":`,
// of objects ({"a":{"a":…{}}}).
func nested(open, close string, n int) string {
	if open == "[" {
		return strings.Repeat(open, n) + strings.Repeat(close, n)
	}
	return strings.Repeat(open, n-1) + "{}" + strings.Repeat(close, n-1)
}

func TestParseDepth(t *testing.T) {
	// 1000 levels are fine.
	_, err := Parse([]byte(nested("[", "]", 1000)), Options{})
	must(t, err == nil, "depth 1000: %v", err)
	_, err = Parse([]byte(nested(`{"a":`, "}", 1000)), Options{})
	must(t, err == nil, "object depth 1000: %v", err)

	// 1001 fail, at the 1001st bracket.
	_, err = Parse([]byte(nested("[", "]", 1001)), Options{})
	var de *DepthError
	must(t, errors.As(err, &de), "depth 1001: want *DepthError, got %v", err)
	eq(t, de.Max, 1000, "max")
	eq(t, de.Pos, Pos{Offset: 1000, Line: 1, Column: 1001}, "position of the 1001st '['")

	_, err = Parse([]byte("{\"a\":\n"+nested(`{"a":`, "}", 1000)+"}"), Options{})
	must(t, errors.As(err, &de), "object depth 1001: want *DepthError, got %v", err)
	eq(t, de.Pos, Pos{Offset: 6 + 999*5, Line: 2, Column: 999*5 + 1}, "position of the 1001st '{'")

	// A custom limit.
	_, err = Parse([]byte(`[[[1]]]`), Options{MaxDepth: 3})
	must(t, err == nil, "depth 3 with max 3: %v", err)
	_, err = Parse([]byte(`[[[[1]]]]`), Options{MaxDepth: 3})
	must(t, errors.As(err, &de) && de.Max == 3 && de.Pos.Column == 4, "depth 4 with max 3: %v", err)

	// Above the decoder's own limit, the limit is 10,000.
	_, err = Parse([]byte(nested("[", "]", 10001)), Options{MaxDepth: 1 << 20})
	must(t, errors.As(err, &de) && de.Max == 10000, "depth 10001 with a huge max: %v", err)
}

func TestParseDepthHuge(t *testing.T) {
	// 10 million '[' must stop at the limit: no stack overflow, no tree.
	data := make([]byte, 10_000_000)
	for i := range data {
		data[i] = '['
	}
	v, err := Parse(data, Options{})
	var de *DepthError
	must(t, v == nil && errors.As(err, &de), "want *DepthError, got %v", err)
	eq(t, de.Pos.Offset, 1000, "offset")
}

func TestParseScalars(t *testing.T) {
	for in, kind := range map[string]Kind{`"s"`: String, `12`: Number, `true`: Bool, `null`: Null, ` 1e3 `: Number} {
		v, err := Parse([]byte(in), Options{})
		must(t, err == nil, "%q: %v", in, err)
		eq(t, v.Kind, kind, "kind of %q", in)
		eq(t, v.Pointer, "", "pointer of %q", in)
	}
}

func TestParseConcurrent(t *testing.T) {
	in := []byte(smallRequest)
	done := make(chan error)
	for i := 0; i < 8; i++ {
		go func() {
			var err error
			for j := 0; j < 200 && err == nil; j++ {
				var v *Value
				v, err = Parse(in, Options{})
				if err == nil && v.Get("method").Str != "POST" {
					err = errors.New("wrong tree")
				}
			}
			done <- err
		}()
	}
	for i := 0; i < 8; i++ {
		must(t, <-done == nil, "concurrent parse failed")
	}
}

func TestLineIndex(t *testing.T) {
	data := []byte("ab\ncd\r\n\nx")
	li := newLineIndex(data)
	// Random order: steps back within a line and to earlier lines too.
	for _, off := range []int{9, 0, 4, 7, 2, 3, 8, 5, 6, 1, 9, 0, 5, 4, 3, 9} {
		eq(t, li.pos(off), naivePos(data, off), "pos(%d)", off)
	}
	// Every offset in order, ending with a line break and without.
	for _, data := range [][]byte{[]byte("a\n\nbc\n"), []byte("{\n  \"a\": 1\r\n}"), []byte("x")} {
		li := newLineIndex(data)
		for off := range len(data) + 1 {
			eq(t, li.pos(off), naivePos(data, off), "%q: pos(%d)", data, off)
		}
	}
	// A piece of a larger file starting at offset 100, line 7, column 5.
	li = lineIndex{data: data, offBase: 100, lineBase: 7, colBase: 5}
	eq(t, li.pos(1), Pos{Offset: 101, Line: 7, Column: 6}, "first line")
	eq(t, li.pos(4), Pos{Offset: 104, Line: 8, Column: 2}, "second line")
}

// An array directly inside an array keeps its elements and its place.
func TestParseNestedArrays(t *testing.T) {
	v, err := Parse([]byte(`[[1], [], [[2, 3]], {"a": [[4]]}]`), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Elems) != 4 {
		t.Fatalf("outer array has %d elements, want 4", len(v.Elems))
	}
	if e := v.Elems[0]; e.Kind != Array || len(e.Elems) != 1 || e.Elems[0].Str != "1" || e.Elems[0].Pointer != "/0/0" {
		t.Errorf("[1] read as %+v", e)
	}
	if e := v.Elems[1]; e.Kind != Array || len(e.Elems) != 0 {
		t.Errorf("[] read as %+v", e)
	}
	if e := v.Elems[2]; len(e.Elems) != 1 || len(e.Elems[0].Elems) != 2 || e.Elems[0].Elems[1].Pointer != "/2/0/1" {
		t.Errorf("[[2, 3]] read as %+v", e)
	}
	if e := v.Elems[3].Get("a"); len(e.Elems) != 1 || len(e.Elems[0].Elems) != 1 || e.Elems[0].Elems[0].Str != "4" {
		t.Errorf(`{"a": [[4]]} read as %+v`, e)
	}
}

func TestSpanIsZero(t *testing.T) {
	eq(t, Span{}.IsZero(), true, "zero span")
	eq(t, Span{Start: Pos{Offset: 0, Line: 1, Column: 1}}.IsZero(), false, "file start")
	eq(t, FrontSpan(7, 9).IsZero(), false, "front-end span")
}
