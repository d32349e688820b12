package request

import (
	"bufio"
	"bytes"
	"errors"
	"io"

	"github.com/go-json-experiment/json/jsontext"
)

// An Element is one element of an array document, split off without
// being parsed (ArrayElements, StreamElements), so that it can be read on
// any goroutine by an ElementReader.
type Element struct {
	// Raw is the element's JSON text, valid JSON as far as the decoder
	// checks (not for nesting limits or invalid UTF-8 in strings).
	Raw []byte
	// Index is its index in the array; At the file position of Raw's
	// first byte.
	Index int
	At    Pos
}

// ArrayElements splits data, an array request document held in memory,
// into its elements and hands them to fn in order, unparsed; their Raw
// views data. complete is false when data is not an array that can be
// read this way (not an array, an empty one, invalid JSON or nesting too
// deep): then what fn was given does not count, and EachRequest reports
// the file's problem exactly.
func ArrayElements(data []byte, fn func(Element)) (complete bool) {
	s := arrayStream{line: 1, col: 1}
	if bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		data = data[3:]
		s.cur, s.col = 3, 4
	}
	// A decoder on a bytes.Buffer reads the buffer's bytes in place, so
	// the values it returns view data.
	dec := jsontext.NewDecoder(bytes.NewBuffer(data), decOptions...)
	return s.read(dec, false, fn)
}

// StreamElements is ArrayElements for a document read from r, never held
// whole: each Raw is a copy. err is a read error of r.
func StreamElements(r io.Reader, fn func(Element)) (complete bool, err error) {
	return streamElements(r, true, fn)
}

// StreamElementsInPlace is StreamElements without the copies: each Raw
// views the reader's buffer and is valid only until fn returns, for a
// caller that reads each element before it takes the next.
func StreamElementsInPlace(r io.Reader, fn func(Element)) (complete bool, err error) {
	return streamElements(r, false, fn)
}

func streamElements(r io.Reader, copyRaw bool, fn func(Element)) (complete bool, err error) {
	er := &errReader{r: r}
	br := bufio.NewReaderSize(er, 64<<10)
	s := arrayStream{line: 1, col: 1}
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\xEF\xBB\xBF")) {
		br.Discard(3)
		s.cur, s.col = 3, 4
	}
	dec := jsontext.NewDecoder(br, decOptions...)
	complete = s.read(dec, copyRaw, fn)
	return complete, er.err
}

// An ElementReader reads Elements as EachRequest reads the elements of an
// array. The elements one reader reads share slabs, as those of a
// streamed array do; a reader is used by one goroutine at a time.
type ElementReader struct {
	opts Options
	// p is the parser of the last element, whose slabs and string chunk
	// the next one goes on with; outer stands for the array.
	p     parser
	outer Value
	// mem, with Reuse, is the memory handed from element to element.
	mem *reuseMem
}

// NewElementReader returns a reader of elements with the limits of opts.
func NewElementReader(opts Options) *ElementReader {
	return &ElementReader{opts: opts, outer: Value{Kind: Array}}
}

// Read parses e and reads it as EachRequest reads an element: the request
// (nil when the element is none) and its problems, with the positions and
// pointers of the whole file. looks reports whether the element looks like
// a request (an array none of whose elements does is Foreign). err is set
// when e is too deep or holds invalid UTF-8: the file is then to be read
// whole, with EachRequest, which reports it exactly.
func (r *ElementReader) Read(e Element) (req *Request, probs []Problem, looks bool, err error) {
	v, err := r.parse(e.Raw, e.Index, e.At)
	if err != nil {
		return nil, nil, false, err
	}
	var into *Request
	if r.mem != nil {
		into = r.mem.request()
	}
	req, probs = elementRequest(into, v, e.Index)
	if r.mem != nil {
		r.mem.ownRead(req, probs)
	}
	return req, probs, v.Kind == Object && looksLikeRequest(v), nil
}

// Reuse makes r hand the memory of each element's tree, nodes and
// strings, to the next element it reads instead of taking new memory for
// each: the caller promises that once it calls Read again nothing uses
// the request Read returned before, nor its tree. The problems and the
// request's Ignores are copied out, and whatever a check keeps of the
// request past the check must go through Request.Own before the next
// Read (rules.Engine.CheckRequest does).
func (r *ElementReader) Reuse() {
	if r.mem == nil && !reuseOff {
		r.mem = &reuseMem{}
	}
}

// errReader keeps the first read error of r, which the decoder would
// report as a syntax error.
type errReader struct {
	r   io.Reader
	err error
}

func (e *errReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil && err != io.EOF && e.err == nil {
		e.err = err
	}
	return n, err
}

// arrayStream tracks the file position of the decoder's next unread byte.
type arrayStream struct {
	cur, line, col int
}

// advance moves the position over b.
func (s *arrayStream) advance(b []byte) {
	if n := bytes.Count(b, newline); n > 0 {
		s.line += n
		s.col = len(b) - bytes.LastIndexByte(b, '\n')
	} else {
		s.col += len(b)
	}
	s.cur += len(b)
}

// gap moves the position over what precedes the next token: whitespace,
// and a ',' when after is set.
func (s *arrayStream) gap(dec *jsontext.Decoder, after bool) {
	b := dec.UnreadBuffer()
	i := 0
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	if after && i < len(b) && b[i] == ',' {
		i++
		for i < len(b) && isSpace(b[i]) {
			i++
		}
	}
	s.advance(b[:i])
}

func (s *arrayStream) read(dec *jsontext.Decoder, copyRaw bool, fn func(Element)) bool {
	if dec.PeekKind() != '[' {
		return false
	}
	s.gap(dec, false)
	if _, err := dec.ReadToken(); err != nil {
		return false
	}
	s.advance([]byte{'['})
	i := 0
	var chunk []byte
	for {
		kind := dec.PeekKind()
		if kind == 0 {
			return false // an error: the whole-file reader reports it
		}
		s.gap(dec, i > 0)
		if kind == ']' {
			break
		}
		line, col := LineCol(s.line, s.col)
		at := Pos{Offset: s.cur, Line: line, Column: col}
		raw, err := dec.ReadValue()
		if err != nil {
			return false
		}
		s.advance(raw)
		if copyRaw {
			// Copies share chunks: one allocation for many elements.
			if cap(chunk)-len(chunk) < len(raw) {
				chunk = make([]byte, 0, max(len(raw), streamChunk))
			}
			off := len(chunk)
			chunk = append(chunk, raw...)
			raw = chunk[off:len(chunk):len(chunk)]
		}
		fn(Element{Raw: raw, Index: i, At: at})
		i++
	}
	if _, err := dec.ReadToken(); err != nil {
		return false
	}
	// Only whitespace may follow, and an empty array is a problem that
	// the whole-file reader reports.
	_, err := dec.ReadToken()
	return errors.Is(err, io.EOF) && i > 0
}

// parse parses element index of an array, raw, which starts at file
// position at: the tree Parse would give for it inside the file.
// Neighbouring elements share slabs and string chunks, carried from one
// call to the next, as ParseElements shares them; with Reuse, each
// element gets the memory of the one before.
func (r *ElementReader) parse(raw []byte, index int, at Pos) (*Value, error) {
	p := &r.p
	carried, strs := p.slabs, p.strs
	sc := p.init(raw, r.opts)
	p.lines.offBase, p.lines.lineBase, p.lines.colBase = at.Offset, int(at.Line), int(at.Column)
	p.max-- // the array around it is one level
	p.stream = true
	if r.mem != nil {
		r.mem.start(p, carried, strs.buf)
	} else {
		p.slabs = carried
		p.nextElement()
		if p.valuesPrev == 0 {
			p.winLen = firstGroupWindow
		}
		if strs.chunk > 0 {
			p.strs = strs
		} else {
			p.strs.chunk = streamChunk
		}
	}
	v, err := p.parseOne(sc, index, &r.outer)
	p.release(sc)
	// Only the slabs and string chunk are carried: the rest is the data's
	// or went back to the pool.
	p.data, p.lines.data, p.dec = nil, nil, nil
	p.stack, p.elems, p.members, p.ptr = nil, nil, nil, nil
	return v, err
}

// streamChunk is the size of the string chunks of a streamed array.
const streamChunk = 16 << 10
