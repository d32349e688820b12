package report

import (
	"bufio"
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"io"
	"slices"
	"unicode/utf8"

	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/rules"
)

func plain(file string, ds []rules.Diagnostic) []Diagnostic {
	out := make([]Diagnostic, len(ds))
	for i, d := range ds {
		out[i] = Diagnostic{File: file, Diagnostic: d}
	}
	return out
}

// LocateReader turns the engine diagnostics of one file into report
// diagnostics, computing from the file's bytes, which it reads once from r
// from its first byte without holding them, what only the source can tell:
// the UTF-16 columns of each span and the hash of the text it covers
// (ValueHash). `atslint vet` locates what the analyzer found this way.
// Reading stops after the last span. A position whose byte column does not
// match the bytes (a front end with other conventions) and a span past the
// end of the file are left unset, not guessed.
func LocateReader(file string, r io.Reader, ds []rules.Diagnostic) ([]Diagnostic, error) {
	return locate(file, ds, func() *bufio.Reader { return bufio.NewReaderSize(r, segment+utf8.UTFMax) })
}

// LocateHeld does what LocateReader does for the diagnostics of a file
// held compactly, from the file's bytes in src: it returns what it finds by
// position in h. With src nil (nothing was kept) it finds nothing.
func LocateHeld(src []byte, h *rules.Held) []Located {
	if src == nil {
		return nil
	}
	// A buffer the size of the file, not of a segment: when thousands of
	// small files are checked, a 64 KiB buffer each was most of the
	// memory a run allocated.
	out, _ := locateSpans(h.Len(), h.Span, func() *bufio.Reader {
		return bufio.NewReaderSize(bytes.NewReader(src), min(len(src), segment)+utf8.UTFMax)
	}) // a bytes.Reader does not fail
	return out
}

// LocateHeldReader does what LocateReader does for the diagnostics of a
// file held compactly.
func LocateHeldReader(r io.Reader, h *rules.Held) ([]Located, error) {
	return locateSpans(h.Len(), h.Span, func() *bufio.Reader { return bufio.NewReaderSize(r, segment+utf8.UTFMax) })
}

// Located is what locating a diagnostic's span in its file finds: the
// UTF-16 columns and the hash of the text (Diagnostic.Column16,
// EndColumn16, ValueHash), in little memory.
type Located struct {
	Column16, EndColumn16 int32
	hash                  [8]byte
	hashed                bool
}

// ValueHash is the hash as Diagnostic.ValueHash has it, "" when none.
func (l Located) ValueHash() string {
	if !l.hashed {
		return ""
	}
	return hex.EncodeToString(l.hash[:])
}

// locate does the work of LocateReader; the reader is made only
// if there is a span to look at.
func locate(file string, ds []rules.Diagnostic, reader func() *bufio.Reader) ([]Diagnostic, error) {
	out := plain(file, ds)
	loc, err := locateSpans(len(ds), func(i int) request.Span { return ds[i].Span }, reader)
	for i, l := range loc {
		out[i].Column16, out[i].EndColumn16, out[i].ValueHash = int(l.Column16), int(l.EndColumn16), l.ValueHash()
	}
	return out, err
}

// locateSpans locates n spans; the reader is made only if there is a span
// to look at. Spans in order of their start (as rules.Held.Sort leaves
// them) are looked for locateBatch at a time in one read of the file, so
// that what is kept to find them does not grow with their number.
func locateSpans(n int, span func(int) request.Span, reader func() *bufio.Reader) ([]Located, error) {
	out := make([]Located, n)
	valid := func(sp request.Span) bool {
		return sp.Start.Line >= 1 && sp.Start.Offset >= 0 && sp.End.Offset >= sp.Start.Offset
	}
	batch, last := locateBatch, -1
	for i := range n {
		if sp := span(i); valid(sp) {
			if sp.Start.Offset < last {
				batch = n // not in order: all at once
				break
			}
			last = sp.Start.Offset
		}
	}
	var (
		sc      *scanner
		pending []point // the ends of spans that a batch left
		points  []point
		caps    []capture
	)
	for lo := 0; lo < n; lo += batch {
		hi := min(n, lo+batch)
		points, caps = append(points[:0], pending...), caps[:0]
		for i := lo; i < hi; i++ {
			sp := span(i)
			if !valid(sp) {
				continue
			}
			points = append(points,
				point{off: sp.Start.Offset, col: int32(sp.Start.Column), at: int32(i)},
				point{off: sp.End.Offset, col: int32(sp.End.Column), at: ^int32(i)})
			caps = append(caps, capture{start: sp.Start.Offset, end: sp.End.Offset, at: int32(i)})
		}
		if len(points) == 0 {
			continue
		}
		// The next batch starts here: this one is read up to it.
		limit := -1
		for i := hi; i < n; i++ {
			if sp := span(i); valid(sp) {
				limit = sp.Start.Offset
				break
			}
		}
		slices.SortStableFunc(points, func(a, b point) int { return cmp.Compare(a.off, b.off) })
		slices.SortStableFunc(caps, func(a, b capture) int { return cmp.Compare(a.start, b.start) })
		if sc == nil {
			sc = newScanner(reader(), out)
		}
		left, err := sc.run(points, caps, limit)
		if err != nil {
			return out, err
		}
		pending = append(pending[:0], left...)
	}
	return out, nil
}

// locateBatch is how many spans are looked for at a time.
var locateBatch = 4096

// point asks for the UTF-16 column at a byte offset whose byte column is
// col: the start of span at, or its end when at is negative (^at).
type point struct {
	off     int
	col, at int32
}

// set records the column found for the point.
func (p point) set(out []Located, units int) {
	if p.at >= 0 {
		out[p.at].Column16 = int32(units)
	} else {
		out[^p.at].EndColumn16 = int32(units)
	}
}

// capture hashes the text in [start, end) of span at.
type capture struct {
	start, end int
	at         int32
}

// active is a capture being hashed.
type active struct {
	end int
	at  int32
	c   compactor
}

// segment is the most scan examines at a time; the reader's buffer holds
// three more bytes, so that a character that starts in a segment can be
// decoded whole.
const segment = 64 << 10

var bom = []byte("\xEF\xBB\xBF")

// scanner reads a file once, in runs, and fills out for the points and
// captures of each run. It counts UTF-16 code units since the last line
// break as it goes: an invalid UTF-8 byte counts as one unit (it decodes
// to U+FFFD), a byte order mark at the start of the file as none (it is
// not text).
type scanner struct {
	br                    *bufio.Reader
	out                   []Located
	off, lineStart, units int
	skip                  int // bytes of a character counted in the previous segment
	act                   []*active
	eof                   bool
}

func newScanner(br *bufio.Reader, out []Located) *scanner {
	sc := &scanner{br: br, out: out}
	if head, _ := br.Peek(len(bom)); bytes.Equal(head, bom) {
		sc.skip = len(bom)
	}
	return sc
}

// run reads on to the offset limit (to the end when limit < 0), filling
// out for the points and captures (both sorted, none before where the
// previous run stopped), and returns the points beyond limit. Captures
// still open go on into the next run.
func (sc *scanner) run(points []point, caps []capture, limit int) ([]point, error) {
	pi, ci := 0, 0
	for {
		off := sc.off
		for ; pi < len(points) && points[pi].off <= off; pi++ {
			if p := points[pi]; p.off == off && off-sc.lineStart+1 == int(p.col) {
				p.set(sc.out, sc.units+1)
			}
		}
		for ; ci < len(caps) && caps[ci].start <= off; ci++ {
			if c := caps[ci]; c.start == off {
				sc.act = append(sc.act, &active{end: c.end, at: c.at, c: compactor{h: sha256.New()}})
			}
		}
		kept := sc.act[:0]
		for _, a := range sc.act {
			if a.end == off {
				l := &sc.out[a.at]
				copy(l.hash[:], a.c.h.Sum(nil))
				l.hashed = true
			} else {
				kept = append(kept, a)
			}
		}
		clear(sc.act[len(kept):])
		sc.act = kept
		if pi == len(points) && ci == len(caps) && len(sc.act) == 0 || sc.eof {
			return nil, nil // spans past the end stay unset
		}
		// Examine bytes up to the next event.
		next := -1
		if pi < len(points) {
			next = points[pi].off
		}
		if ci < len(caps) && (next < 0 || caps[ci].start < next) {
			next = caps[ci].start
		}
		for _, a := range sc.act {
			if next < 0 || a.end < next {
				next = a.end
			}
		}
		if limit >= 0 && next >= limit {
			if off >= limit {
				return points[pi:], nil
			}
			next = limit
		}
		if err := sc.read(next - off); err != nil {
			return nil, err
		}
	}
}

// read examines up to n bytes (at most a segment).
func (sc *scanner) read(n int) error {
	br := sc.br
	buf, err := br.Peek(min(n, segment))
	if len(buf) == 0 {
		if err == io.EOF {
			sc.eof = true
			return nil
		}
		return err
	}
	for k := 0; k < len(buf); {
		switch c := buf[k]; {
		case sc.skip > 0:
			sc.skip--
			k++
		case c == '\n':
			sc.units, sc.lineStart = 0, sc.off+k+1
			k++
		case c < utf8.RuneSelf:
			sc.units++
			k++
		default:
			look := buf[k:]
			if !utf8.FullRune(look) {
				if more, _ := br.Peek(k + utf8.UTFMax); len(more) > k {
					look = more[k:]
				}
			}
			r, size := utf8.DecodeRune(look)
			sc.units += utf16Len(r)
			if k+size > len(buf) {
				sc.skip = k + size - len(buf)
				size = len(buf) - k
			}
			k += size
		}
	}
	if len(sc.act) > 0 {
		// A look past buf for a character split at its end may have moved
		// the reader's buffer: buf is taken again.
		buf, _ = br.Peek(len(buf))
		for _, a := range sc.act {
			a.c.write(buf)
		}
	}
	if _, err := br.Discard(len(buf)); err != nil {
		return err
	}
	sc.off += len(buf)
	return nil
}

func utf16Len(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// compactor feeds a hash with JSON text minus the whitespace outside
// strings, so that re-indenting a file keeps its value hashes.
type compactor struct {
	h          hash.Hash
	inStr, esc bool
	out        []byte
}

func (c *compactor) write(p []byte) {
	c.out = c.out[:0]
	for _, b := range p {
		switch {
		case c.inStr:
			switch {
			case c.esc:
				c.esc = false
			case b == '\\':
				c.esc = true
			case b == '"':
				c.inStr = false
			}
		case b == ' ' || b == '\t' || b == '\n' || b == '\r':
			continue
		case b == '"':
			c.inStr = true
		}
		c.out = append(c.out, b)
	}
	c.h.Write(c.out)
}

// ValueHash returns a short hash of the source text a span covers, with
// the whitespace outside JSON strings left out: the same value, however it
// is indented, has the same hash. It is "" for a span outside src.
func ValueHash(src []byte, sp request.Span) string {
	s, e := sp.Start.Offset, sp.End.Offset
	if s < 0 || e < s || e > len(src) {
		return ""
	}
	c := compactor{h: sha256.New()}
	c.write(src[s:e])
	return hex.EncodeToString(c.h.Sum(nil)[:8])
}
