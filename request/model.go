// Package request defines the Request model that every front end produces
// (request documents, HAR recordings, Go source) and the readers that build
// it from files while keeping the source position of every part.
package request

import (
	"iter"
	"strings"
	"time"
)

// Pos is a position in a file. Line and Column are 1-based; Column counts
// bytes. Offset is a 0-based byte offset. Line and Column are int32 to keep
// the tree small (a Value holds two spans' worth of positions through its
// own span and its members' key spans); in a streamed file over 2 GiB they
// stop at the largest int32 (LineCol) rather than wrap.
//
// A Pos with Line 0 carries no line: either no position at all (the zero
// Pos), or, in a span made by FrontSpan, a position in a front end's own
// terms held in Offset.
type Pos struct {
	Offset int   `json:"offset"`
	Line   int32 `json:"line"`
	Column int32 `json:"column"`
}

// LineCol returns a line and column as Pos holds them: at most the
// largest int32.
func LineCol(line, col int) (int32, int32) {
	const most = 1<<31 - 1
	return int32(min(line, most)), int32(min(col, most))
}

// Span is the half-open source range [Start, End) of a key or value.
//
// Readers of files set Offset, Line and Column of both ends. A front end
// whose positions are its own and have no lines (the Go analyzer's
// go/token.Pos values) makes its spans with FrontSpan: Line and Column
// stay 0 and Offset holds its own positions, which the engine carries
// through untouched, orders by, and Range returns; only that front end
// turns them into file positions. (Edits of a file may also give offsets
// alone: Range is all an edit needs.)
type Span struct {
	Start Pos `json:"start"`
	End   Pos `json:"end"`
}

// FrontSpan returns the span [start, end) of a front end's own positions
// (see Span). FrontSpan(0, 0) is the zero Span.
func FrontSpan(start, end int) Span {
	return Span{Start: Pos{Offset: start}, End: Pos{Offset: end}}
}

// IsZero reports whether s carries no position.
func (s Span) IsZero() bool {
	return s.Start.Line == 0 && s.Start.Offset == 0 && s.End.Offset == 0
}

// Kind is the kind of a JSON value.
type Kind uint8

const (
	// Unknown is a value the front end could not see (a Go variable, a
	// parameter). Rules never report on unknown values.
	Unknown Kind = iota
	Null
	Bool
	Number
	String
	Object
	Array
)

var kindNames = [...]string{"unknown", "null", "boolean", "number", "string", "object", "array"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "invalid"
}

// Value is a JSON value with its position. For Object, Members keeps the
// source order (duplicates included); for Array, Elems. For String, Str is
// the decoded text; for Number, Str is the literal as written.
//
// The readers of this package carve the Values and Members of a tree, and
// its strings, from shared allocations (slabs): 120 and 56 bytes a node.
// Whatever keeps one node alive keeps its slabs alive: for an element of
// a streamed array, the nodes of up to 16 neighbouring elements; for a
// tree read whole, the tree. Code that keeps something of a request past
// its check (records, diagnostics) copies the strings it needs instead.
type Value struct {
	Kind    Kind
	Bool    bool // next to Kind: one word for both
	Str     string
	Members []*Member
	Elems   []*Value
	Span    Span
	// Pointer is the RFC 6901 JSON Pointer of this value in its source
	// document (for a request in an array document it starts with "/N").
	Pointer string
}

// Member is one key of an object.
type Member struct {
	Key     string
	KeySpan Span
	Value   *Value
}

// Get returns the value of the first member named key, or nil.
func (v *Value) Get(key string) *Value {
	if m := v.Member(key); m != nil {
		return m.Value
	}
	return nil
}

// Member returns the first member named key, or nil.
func (v *Value) Member(key string) *Member {
	if v == nil || v.Kind != Object {
		return nil
	}
	for _, m := range v.Members {
		if m.Key == key {
			return m
		}
	}
	return nil
}

// Walk calls fn for v and every value inside it, in document order,
// without recursion (a deep tree cannot exhaust the stack).
func (v *Value) Walk(fn func(v *Value)) {
	stack := []*Value{v}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		fn(v)
		for i := len(v.Elems) - 1; i >= 0; i-- {
			stack = append(stack, v.Elems[i])
		}
		for i := len(v.Members) - 1; i >= 0; i-- {
			stack = append(stack, v.Members[i].Value)
		}
	}
}

// IsKnown reports whether v exists and is not Unknown.
func (v *Value) IsKnown() bool { return v != nil && v.Kind != Unknown }

// IsNull reports whether v is a JSON null.
func (v *Value) IsNull() bool { return v != nil && v.Kind == Null }

// StringValue returns the string and true when v is a known JSON string.
func (v *Value) StringValue() (string, bool) {
	if v == nil || v.Kind != String {
		return "", false
	}
	return v.Str, true
}

// Header is one request header. Name keeps its source spelling; lookups are
// case-insensitive.
type Header struct {
	Name     string
	NameSpan Span
	Value    *Value
}

// Param is one query parameter. Name is the top-level name ("filter",
// "page_size"); Key is the deepObject key inside it ("updated_after" for
// filter[updated_after]; "filter[eq][age]" for proxy[filter[eq][age]]), or
// "" for a plain parameter. Flat (filter[x]=…) and nested ({"filter":{"x":…}})
// forms both produce the same Param.
type Param struct {
	Name    string
	Key     string
	KeySpan Span   // the key as written (the whole "filter[x]" or the nested "x")
	Value   *Value // a String for a URL query string; any JSON kind from "query"
	// Pointer is the JSON Pointer of the key in the document.
	Pointer string
}

// FullName returns the parameter as it appears in a query string:
// "filter[updated_after]" or "page_size".
func (p Param) FullName() string {
	if p.Key == "" {
		return p.Name
	}
	return p.Name + "[" + p.Key + "]"
}

// Ignore is an x-atslint ignore entry (or a Go //atslint:ignore directive).
type Ignore struct {
	Rule   string
	Reason string
	Span   Span
	// Pointer of the ignore entry, for diagnostics about the ignore itself.
	Pointer string
}

// Input is the kind of input a Request comes from.
type Input uint8

const (
	// SourceFile is a file someone wrote: a request document, a collection,
	// Go source. The zero value.
	SourceFile Input = iota
	// Recording is traffic captured from a running program (HAR).
	Recording
	// Live is a request a running program is about to send (preflight).
	Live
)

var inputNames = [...]string{"source files", "recordings", "live requests"}

// String names the kind in the plural, as docs list them.
func (in Input) String() string {
	if int(in) < len(inputNames) {
		return inputNames[in]
	}
	return "invalid"
}

// UnknownSegment stands for a path segment the front end could not see (a
// Go variable): the engine matches it to any segment and never reports on it.
const UnknownSegment = "\x00"

// Request is one API request as a front end saw it.
type Request struct {
	// Index is the request's position in its file (0 for a single document).
	Index int
	// Pointer is the JSON Pointer of the request object in its file ("" for
	// a single document, "/3" for the fourth request of an array, a HAR
	// entry's "/log/entries/N/request").
	Pointer string
	// Span covers the whole request object.
	Span Span

	// Provider is the provider named by the request itself (document
	// "provider" field, Go directive), lowercase, "" when none.
	Provider     string
	ProviderSpan Span

	Method      string
	MethodSpan  Span
	MethodKnown bool

	// URL is the url as written, or "" when the document gives a path.
	URL string
	// Scheme and Host come from an absolute URL ("" for a bare path).
	Scheme, Host string
	// Path is the URL path, unescaped ("/unified/ats/candidates/1/notes").
	Path string
	// PathKnown is false when part of the path is unknown (a Go variable in a
	// segment is kept as the segment UnknownSegment).
	PathKnown bool
	// PathSpan is the span of the url or path value; PathPointer its pointer.
	PathSpan    Span
	PathPointer string
	// PathSegmentSpans holds, when known, the span of each path segment in
	// the order of PathSegments().
	PathSegmentSpans []Span
	// Segments, when not nil, holds the unescaped path segments, split
	// before unescaping: a "%2F" inside a segment stays in that segment
	// here, while Path (the segments re-joined with "/") would split it.
	// Front ends that leave it nil get strings.Split(strings.Trim(Path,
	// "/"), "/") from PathSegments.
	Segments []string

	Query []Param
	// QueryComplete is false when a front end could not see every parameter.
	QueryComplete bool

	Headers []Header
	// HeadersComplete is false when a front end could not see every header.
	HeadersComplete bool

	// Repeated is set by a front end that sees the request sent again and
	// again without a wait in between (Go: built in a loop whose body never
	// sleeps, reads a ticker or waits on a rate limiter); nil otherwise.
	Repeated *Repeat

	// Body is the JSON body, nil when the request has none.
	Body *Value
	// BodyKeySpan is the span of the "body" key, when present.
	BodyKeySpan Span

	Ignores []*Ignore

	// Time is when the request was sent (HAR startedDateTime), zero if unknown.
	Time time.Time

	// Input is the kind of input the request was read from; rules declare
	// which kinds they apply to.
	Input Input

	// Root is the whole request object as read (nil for Go source).
	Root *Value

	// mem is the memory the request's reader hands to the next request
	// (ElementReader.Reuse), nil if none: see Own.
	mem *reuseMem
}

// Repeat says where a request is repeated without waiting: the span of
// the repeated call, and the helper function called there, "" when the
// request is built at that call itself.
type Repeat struct {
	Span Span
	Via  string
}

// Header returns the first header named name (case-insensitive), or nil.
func (r *Request) Header(name string) *Header {
	for i := range r.Headers {
		if strings.EqualFold(r.Headers[i].Name, name) {
			return &r.Headers[i]
		}
	}
	return nil
}

// HeadersNamed yields every header named name (case-insensitive), in
// order: a header the request sends twice is there twice.
func (r *Request) HeadersNamed(name string) iter.Seq[*Header] {
	return func(yield func(*Header) bool) {
		for i := range r.Headers {
			if strings.EqualFold(r.Headers[i].Name, name) && !yield(&r.Headers[i]) {
				return
			}
		}
	}
}

// Params returns the query parameters with the given top-level name, in
// order. The slice may share the request's: do not modify it.
func (r *Request) Params(name string) []Param {
	first, last, n := -1, -1, 0
	for i, p := range r.Query {
		if p.Name == name {
			if first < 0 {
				first = i
			}
			last = i
			n++
		}
	}
	switch {
	case n == 0:
		return nil
	case last-first+1 == n:
		// Together in the query, as they nearly always are: no copy.
		return r.Query[first : last+1 : last+1]
	}
	out := make([]Param, 0, n)
	for _, p := range r.Query[first : last+1] {
		if p.Name == name {
			out = append(out, p)
		}
	}
	return out
}

// PathSegments returns the path split on "/" without leading/trailing
// empties: Segments when the front end set it (shared: do not modify),
// otherwise Path split on "/".
func (r *Request) PathSegments() []string {
	if r.Segments != nil {
		return r.Segments
	}
	p := strings.Trim(r.Path, "/")
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

// IsStackOneURL reports whether a request goes to StackOne's API: host
// api.stackone.com or another *.stackone.com host (port and user info
// ignored), path under /unified/.
func IsStackOneURL(r *Request) bool {
	host := r.Host
	if i := strings.LastIndexByte(host, '@'); i >= 0 {
		host = host[i+1:]
	}
	if i := strings.LastIndexByte(host, ':'); i >= 0 && !strings.Contains(host[i:], "]") {
		host = host[:i]
	}
	return IsStackOneHost(host) && strings.HasPrefix(r.Path, "/unified/")
}

// IsStackOneHost reports whether a host name (no port, no user info) is
// StackOne's: stackone.com or a subdomain of it.
func IsStackOneHost(host string) bool {
	host = strings.TrimSuffix(host, ".")
	return strings.EqualFold(host, "stackone.com") || len(host) > len(".stackone.com") &&
		strings.EqualFold(host[len(host)-len(".stackone.com"):], ".stackone.com")
}
