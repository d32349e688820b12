// Package srctext is what the kept-request readers (source/postman,
// source/httpfile, source/curl, source/bruno, source/insomnia) share: a
// line index of the source file, Text (a value as it will be sent, with the
// source range every byte came from and which bytes are unknown), {{var}}
// expansion, and the construction of request.Request parts from Texts.
package srctext

import (
	"bytes"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/atslint/atslint/request"
)

// File indexes the lines of a source file.
type File struct {
	Data   []byte
	starts []int
}

// NewFile indexes data.
func NewFile(data []byte) *File {
	f := &File{Data: data, starts: make([]int, 1, bytes.Count(data, []byte{'\n'})+1)}
	for off := 0; ; {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
		f.starts = append(f.starts, off)
	}
	return f
}

// Pos returns the position of byte offset off (clamped to the file).
func (f *File) Pos(off int) request.Pos {
	off = max(0, min(off, len(f.Data)))
	l := sort.Search(len(f.starts), func(i int) bool { return f.starts[i] > off }) - 1
	return request.Pos{Offset: off, Line: int32(l + 1), Column: int32(off - f.starts[l] + 1)}
}

// Span returns the span of bytes [from, to).
func (f *File) Span(from, to int) request.Span {
	return request.Span{Start: f.Pos(from), End: f.Pos(max(from, to))}
}

// LineStart returns the offset of the first byte of 1-based line n.
func (f *File) LineStart(n int) int {
	if n < 1 {
		return 0
	}
	if n > len(f.starts) {
		return len(f.Data)
	}
	return f.starts[n-1]
}

// Problem is a problem at [from, to) of f.
func (f *File) Problem(rule, msg string, from, to int, ptr string, index int) request.Problem {
	return request.Problem{Rule: rule, Message: msg, Span: f.Span(from, to), Pointer: ptr, Request: index}
}

// Text is a value as the client sends it. Every byte keeps the source
// range it came from: its own byte for literal text, the whole {{var}}
// reference for a substituted variable. Unknown bytes (an unresolved
// variable, a dynamic one such as {{$guid}}) are a single NUL byte each.
//
// The source ranges are kept as runs, not per byte: a literal run maps its
// bytes one to one, any other run maps all its bytes to one range. Runs are
// indexed from an origin shift bytes before the text's first byte, so that
// Slice shares them.
type Text struct {
	b     []byte
	runs  []run
	shift int
}

// run is a stretch of a Text starting at index at (counted from the
// origin): a literal one maps byte at+k to source offset from+k; any other
// maps each byte to [from, to).
type run struct {
	at, from, to int32
	lit, unk     bool
}

// add appends run r (at the current end) unless the last run continues
// into it.
func (t *Text) add(r run) {
	if n := len(t.runs); n > 0 {
		l := t.runs[n-1]
		if l.lit && r.lit && l.from-l.at == r.from-r.at ||
			!l.lit && !r.lit && !l.unk && !r.unk && l.from == r.from && l.to == r.to {
			return
		}
	}
	t.runs = append(t.runs, r)
}

func (t *Text) end() int32 { return int32(len(t.b) + t.shift) }

// Lit appends s, which is in the source byte for byte at off.
func (t *Text) Lit(s string, off int) {
	if s == "" {
		return
	}
	t.add(run{at: t.end(), from: int32(off), lit: true})
	t.b = append(t.b, s...)
}

// Var appends s, whose bytes all come from source [from, to).
func (t *Text) Var(s string, from, to int) {
	if s == "" {
		return
	}
	t.add(run{at: t.end(), from: int32(from), to: int32(to)})
	t.b = append(t.b, s...)
}

// Unknown appends an unknown stretch that stands at source [from, to).
func (t *Text) Unknown(from, to int) {
	t.runs = append(t.runs, run{at: t.end(), from: int32(from), to: int32(to), unk: true})
	t.b = append(t.b, 0)
}

// Append appends u.
func (t *Text) Append(u Text) {
	at := t.end()
	for _, r := range u.runs {
		rel := int(r.at) - u.shift
		if rel >= len(u.b) {
			break
		}
		if rel < 0 {
			if r.lit {
				r.from -= int32(rel)
			}
			rel = 0
		}
		r.at = at + int32(rel)
		t.add(r)
	}
	t.b = append(t.b, u.b...)
}

func (t *Text) push(c byte, from, to int, unk bool) {
	switch {
	case unk:
		t.Unknown(from, to)
	case to == from+1:
		t.Lit(string(c), from)
	default:
		t.Var(string(c), from, to)
	}
}

// find returns the run of byte i.
func (t Text) find(i int) run {
	idx := int32(i + t.shift)
	k := sort.Search(len(t.runs), func(k int) bool { return t.runs[k].at > idx }) - 1
	return t.runs[max(k, 0)]
}

// Len is the length in bytes.
func (t Text) Len() int { return len(t.b) }

// String returns the text, unknown stretches as NUL bytes.
func (t Text) String() string { return string(t.b) }

// Byte returns byte i and whether it is known.
func (t Text) Byte(i int) (byte, bool) { return t.b[i], !t.find(i).unk }

// Known reports whether every byte is known.
func (t Text) Known() bool {
	lo, hi := int32(t.shift), int32(t.shift+len(t.b))
	for _, r := range t.runs {
		if r.unk && r.at >= lo && r.at < hi {
			return false
		}
	}
	return true
}

// Slice returns bytes [i, j).
func (t Text) Slice(i, j int) Text {
	if i >= j {
		return Text{b: t.b[i:i:i]}
	}
	lo := sort.Search(len(t.runs), func(k int) bool { return t.runs[k].at > int32(i+t.shift) }) - 1
	hi := sort.Search(len(t.runs), func(k int) bool { return t.runs[k].at >= int32(j+t.shift) })
	return Text{b: t.b[i:j:j], runs: t.runs[max(lo, 0):hi:hi], shift: t.shift + i}
}

// start and stop are the source offsets where byte i starts and ends.
func (t Text) start(i int) int {
	r := t.find(i)
	if r.lit {
		return int(r.from) + i + t.shift - int(r.at)
	}
	return int(r.from)
}

func (t Text) stop(i int) int {
	r := t.find(i)
	if r.lit {
		return int(r.from) + i + t.shift - int(r.at) + 1
	}
	return int(r.to)
}

// Source returns the source range of bytes [i, j); at is where an empty
// range stands (the source end of the byte before it).
func (t Text) Source(i, j int) (from, to int) {
	if i >= j {
		switch {
		case i < len(t.b):
			p := t.start(i)
			return p, p
		case len(t.b) > 0:
			p := t.stop(len(t.b) - 1)
			return p, p
		}
		return 0, 0
	}
	return t.start(i), t.stop(j - 1)
}

// Span returns the source span of bytes [i, j).
func (t Text) Span(f *File, i, j int) request.Span {
	from, to := t.Source(i, j)
	return f.Span(from, to)
}

// Whole is the source span of the whole text.
func (t Text) Whole(f *File) request.Span { return t.Span(f, 0, len(t.b)) }

// TrimSpace trims known ASCII white space at both ends.
func (t Text) TrimSpace() Text {
	i, j := 0, len(t.b)
	for i < j && isSpace(t.b[i]) && !t.find(i).unk {
		i++
	}
	for j > i && isSpace(t.b[j-1]) && !t.find(j-1).unk {
		j--
	}
	return t.Slice(i, j)
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// Index returns the first index of known byte c at or after i, or -1.
func (t Text) Index(c byte, i int) int {
	for ; i < len(t.b); i++ {
		if t.b[i] == c && !t.find(i).unk {
			return i
		}
	}
	return -1
}

// Split splits at known bytes sep.
func (t Text) Split(sep byte) []Text {
	var out []Text
	start := 0
	for i := range t.b {
		if t.b[i] == sep && !t.find(i).unk {
			out = append(out, t.Slice(start, i))
			start = i + 1
		}
	}
	return append(out, t.Slice(start, len(t.b)))
}

// Remapped is t with every byte mapped to source [from, to), its unknown
// bytes still unknown.
func (t Text) Remapped(from, to int) Text {
	var out Text
	for i := 0; i < len(t.b); {
		j := i + 1
		unk := t.find(i).unk
		for j < len(t.b) && !unk && !t.find(j).unk {
			j++
		}
		if unk {
			out.Unknown(from, to)
		} else {
			out.Var(string(t.b[i:j]), from, to)
		}
		i = j
	}
	return out
}

// FromSource is the text of source bytes [from, to).
func FromSource(f *File, from, to int) Text {
	var t Text
	t.Lit(string(f.Data[from:to]), from)
	return t
}

// FromValue is the text of string value s read from source [from, to): byte
// for byte when the source holds s exactly, otherwise every byte maps to the
// whole range.
func FromValue(f *File, s string, from, to int) Text {
	var t Text
	if from >= 0 && from+len(s) <= len(f.Data) && string(f.Data[from:from+len(s)]) == s {
		t.Lit(s, from)
		return t
	}
	t.Var(s, from, to)
	return t
}

// FromJSON is the text of a JSON string value read by request.Parse from
// f, each decoded byte mapped to what it was written as (an escape
// sequence maps to its whole sequence).
func FromJSON(f *File, v *request.Value) Text {
	var t Text
	from, to := v.Span.Start.Offset, v.Span.End.Offset
	if to > len(f.Data) || to-from < 2 || f.Data[from] != '"' {
		t.Var(v.Str, from, to)
		return t
	}
	raw := f.Data[from:to]
	var buf [utf8.UTFMax]byte
	for j := 1; j < len(raw)-1; {
		if raw[j] != '\\' {
			t.push(raw[j], from+j, from+j+1, false)
			j++
			continue
		}
		if j+1 < len(raw)-1 && raw[j+1] != 'u' {
			c := raw[j+1]
			switch c {
			case 'n':
				c = '\n'
			case 't':
				c = '\t'
			case 'r':
				c = '\r'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			}
			t.push(c, from+j, from+j+2, false)
			j += 2
			continue
		}
		r, n := decodeUEscape(raw[j:])
		if n == 0 {
			t = Text{}
			t.Var(v.Str, from, to)
			return t
		}
		w := utf8.EncodeRune(buf[:], r)
		for _, c := range buf[:w] {
			t.push(c, from+j, from+j+n, false)
		}
		j += n
	}
	if string(t.b) != v.Str {
		t = Text{}
		t.Var(v.Str, from, to)
	}
	return t
}

func decodeUEscape(b []byte) (rune, int) {
	hex4 := func(b []byte) (rune, bool) {
		if len(b) < 6 || b[0] != '\\' || b[1] != 'u' {
			return 0, false
		}
		var r rune
		for _, c := range b[2:6] {
			var d byte
			switch {
			case c >= '0' && c <= '9':
				d = c - '0'
			case c >= 'a' && c <= 'f':
				d = c - 'a' + 10
			case c >= 'A' && c <= 'F':
				d = c - 'A' + 10
			default:
				return 0, false
			}
			r = r<<4 | rune(d)
		}
		return r, true
	}
	r, ok := hex4(b)
	if !ok {
		return 0, 0
	}
	if r >= 0xD800 && r < 0xDC00 {
		if r2, ok := hex4(b[6:]); ok && r2 >= 0xDC00 && r2 < 0xE000 {
			return 0x10000 + (r-0xD800)<<10 + (r2 - 0xDC00), 12
		}
		return utf8.RuneError, 6
	}
	if r >= 0xDC00 && r < 0xE000 {
		return utf8.RuneError, 6
	}
	return r, 6
}

// Vars resolves a variable name to its value; ok is false when the name is
// not known (it is then an unknown value).
type Vars func(name string) (value string, ok bool)

// Syntax describes a template language: the delimiters of a variable
// reference and how its inside names a variable.
type Syntax struct {
	Open, Close string
	// Name turns the trimmed inside of a reference into the variable name
	// to look up; ok false makes the reference unknown (a dynamic variable,
	// a filter, a function call).
	Name func(inside string) (name string, ok bool)
}

// Mustache is {{name}}; a name starting with '$' (a dynamic variable) or
// holding anything but a plain name is unknown.
var Mustache = Syntax{Open: "{{", Close: "}}", Name: plainName}

func plainName(s string) (string, bool) {
	if s == "" || strings.HasPrefix(s, "$") || strings.ContainsAny(s, " \t|()'\"") {
		return "", false
	}
	return s, true
}

// maxNesting bounds variables whose values hold variables.
const maxNesting = 8

// Expand replaces variable references in the known bytes of t: a known
// variable by its value (itself expanded; every byte maps to the
// reference), any other by an unknown stretch.
func Expand(t Text, syn Syntax, vars Vars) Text {
	return expand(t, syn, vars, 0)
}

func expand(t Text, syn Syntax, vars Vars, depth int) Text {
	s := string(t.b)
	if !strings.Contains(s, syn.Open) {
		return t
	}
	var out Text
	i := 0
	for i < len(s) {
		j := strings.Index(s[i:], syn.Open)
		if j < 0 {
			break
		}
		j += i
		k := strings.Index(s[j+len(syn.Open):], syn.Close)
		if k < 0 {
			break
		}
		k += j + len(syn.Open)
		end := k + len(syn.Close)
		if !t.Slice(j, end).Known() {
			out.Append(t.Slice(i, j+1))
			i = j + 1
			continue
		}
		out.Append(t.Slice(i, j))
		from, to := t.Source(j, end)
		name, ok := syn.Name(strings.TrimSpace(s[j+len(syn.Open) : k]))
		var val string
		if ok && vars != nil {
			val, ok = vars(name)
		}
		switch {
		case !ok || depth >= maxNesting:
			out.Unknown(from, to)
		case strings.Contains(val, syn.Open):
			var inner Text
			inner.Var(val, from, to)
			out.Append(expand(inner, syn, vars, depth+1).Remapped(from, to))
		default:
			out.Var(val, from, to)
		}
		i = end
	}
	out.Append(t.Slice(i, len(t.b)))
	return out
}

// Options is what every kept-request reader takes.
type Options struct {
	// Vars are the variables of an environment file (--env); they win over
	// the variables a collection or file defines itself.
	Vars map[string]string
	// EnvName selects a named environment in formats that keep several
	// (http-client.env.json, Bruno environments/NAME.bru). Without it, a
	// variable is known only when every environment gives it the same value.
	EnvName string
	// Dir is the directory of the file read, for the files it names
	// (a .http "< ./body.json", curl "-d @body.json", Bruno's collection).
	Dir string
	// ReadFile reads another file; nil reads none (what such a file would
	// give is unknown).
	ReadFile func(path string) ([]byte, error)
	// ReadDir lists the file names in a directory; nil lists none.
	ReadDir func(dir string) ([]string, error)
	// MaxDepth is the JSON nesting limit (request.Options).
	MaxDepth int
}

// Read reads the file at path (relative to Dir), or fails when o has no
// ReadFile.
func (o Options) Read(path string) ([]byte, bool) {
	if o.ReadFile == nil || path == "" {
		return nil, false
	}
	if !strings.HasPrefix(path, "/") && o.Dir != "" {
		path = o.Dir + "/" + path
	}
	b, err := o.ReadFile(path)
	return b, err == nil
}

// Join joins a path to Dir.
func (o Options) Join(path string) string {
	if !strings.HasPrefix(path, "/") && o.Dir != "" {
		return o.Dir + "/" + path
	}
	return path
}

// Lookup chains variable maps: the first that has the name wins.
func Lookup(maps ...map[string]string) Vars {
	return func(name string) (string, bool) {
		for _, m := range maps {
			if v, ok := m[name]; ok {
				return v, true
			}
		}
		return "", false
	}
}

// Byte0 returns the first byte and whether it is there and known.
func (t Text) Byte0() (byte, bool) {
	if len(t.b) == 0 {
		return 0, false
	}
	return t.Byte(0)
}
