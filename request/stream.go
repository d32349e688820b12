package request

import (
	"bufio"
	"bytes"
	"errors"
	"io"

	"github.com/go-json-experiment/json/jsontext"
)

// StreamArray reads an array request document from r one element at a
// time, as EachRequest reads one held in memory, without ever holding the
// file: memory grows with the largest request, not with the file. fn gets
// what EachRequest gives it, with the same positions and pointers.
//
// The Document returned holds no Requests and no Problems (those went to
// fn); Foreign is set when no element looks like a request. complete is
// false when the file is not an array that can be streamed: not an array,
// an empty one, invalid JSON or nesting too deep. Then nothing fn was
// given counts: the file is to be read whole instead, with EachRequest,
// which reports the problem exactly. err is a read error of r.
func StreamArray(r io.Reader, opts Options, fn func(*Request, []Problem)) (doc *Document, complete bool, err error) {
	er := &errReader{r: r}
	br := bufio.NewReaderSize(er, 64<<10)
	s := arrayStream{line: 1, col: 1}
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\xEF\xBB\xBF")) {
		br.Discard(3)
		s.cur, s.col = 3, 4
	}
	dec := jsontext.NewDecoder(br, decOptions...)
	doc = &Document{Foreign: true}
	complete = s.read(dec, opts, doc, fn)
	return doc, complete, er.err
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
	carry          carried
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

func (s *arrayStream) read(dec *jsontext.Decoder, opts Options, doc *Document, fn func(*Request, []Problem)) bool {
	if dec.PeekKind() != '[' {
		return false
	}
	s.gap(dec, false)
	if _, err := dec.ReadToken(); err != nil {
		return false
	}
	s.advance([]byte{'['})
	i := 0
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
		v, err := parseElement(raw, i, at, opts, &s.carry)
		if err != nil {
			return false
		}
		s.advance(raw)
		doc.addElement(v, i, fn)
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

// parseElement parses element index of a streamed array, raw, which starts
// at file position at: the tree Parse would give for it inside the file.
// Neighbouring elements share slabs and string chunks, carried from one
// call to the next in carry, as ParseElements shares them.
func parseElement(raw []byte, index int, at Pos, opts Options, carry *carried) (*Value, error) {
	p, sc := newParser(raw, opts)
	p.lines.offBase, p.lines.lineBase, p.lines.colBase = at.Offset, int(at.Line), int(at.Column)
	p.max-- // the array around it is one level
	p.stream, p.slabs = true, carry.slabs
	p.nextElement()
	if p.valuesPrev == 0 { // the first group: sized for 16 KB
		p.winLen = 16 << 10
	}
	if carry.strs.chunk > 0 {
		p.strs = carry.strs
	} else {
		p.strs.chunk = streamChunk
	}
	v, err := p.parseOne(sc, index)
	carry.slabs, carry.strs = p.slabs, p.strs
	p.release(sc)
	return v, err
}

// carried is what the elements of a streamed array share.
type carried struct {
	slabs
	strs strArena
}

// streamChunk is the size of the string chunks of a streamed array.
const streamChunk = 16 << 10
