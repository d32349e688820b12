package report

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"io"
	"sort"
	"unicode/utf8"

	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/rules"
)

// Locate turns the engine diagnostics of one file into report diagnostics,
// computing from the file's bytes what only the source can tell: the UTF-16
// columns of each span and the hash of the text it covers (ValueHash). src
// is the data the engine read; with nil (nothing was kept) both stay unset.
func Locate(file string, src []byte, ds []rules.Diagnostic) []Diagnostic {
	if src == nil {
		return plain(file, ds)
	}
	// A buffer the size of the file, not of a segment: when thousands of
	// small files are checked, a 64 KiB buffer each was most of the
	// memory a run allocated.
	out, _ := locate(file, ds, func() *bufio.Reader {
		return bufio.NewReaderSize(bytes.NewReader(src), min(len(src), segment)+utf8.UTFMax)
	}) // a bytes.Reader does not fail
	return out
}

func plain(file string, ds []rules.Diagnostic) []Diagnostic {
	out := make([]Diagnostic, len(ds))
	for i, d := range ds {
		out[i] = Diagnostic{File: file, Diagnostic: d}
	}
	return out
}

// LocateReader does what Locate does for a file it reads once from r, from
// its first byte, without holding it: a streamed HAR recording is read
// again this way. Reading stops after the last span. A position whose byte
// column does not match the bytes (a front end with other conventions) and
// a span past the end of the file are left unset, not guessed.
func LocateReader(file string, r io.Reader, ds []rules.Diagnostic) ([]Diagnostic, error) {
	return locate(file, ds, func() *bufio.Reader { return bufio.NewReaderSize(r, segment+utf8.UTFMax) })
}

// LocateHeld does what Locate does for the diagnostics of a file held
// compactly: it returns what it finds by position in h.
func LocateHeld(src []byte, h *rules.Held) []Located {
	if src == nil {
		return nil
	}
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

// locate does the work of Locate and LocateReader; the reader is made only
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
// to look at.
func locateSpans(n int, span func(int) request.Span, reader func() *bufio.Reader) ([]Located, error) {
	out := make([]Located, n)
	points := make([]point, 0, 2*n)
	caps := make([]capture, 0, n)
	for i := range n {
		sp := span(i)
		if sp.Start.Line < 1 || sp.Start.Offset < 0 || sp.End.Offset < sp.Start.Offset {
			continue
		}
		points = append(points,
			point{off: sp.Start.Offset, col: int32(sp.Start.Column), at: int32(i)},
			point{off: sp.End.Offset, col: int32(sp.End.Column), at: ^int32(i)})
		caps = append(caps, capture{start: sp.Start.Offset, end: sp.End.Offset, at: int32(i)})
	}
	if len(points) == 0 {
		return out, nil
	}
	sort.SliceStable(points, func(i, j int) bool { return points[i].off < points[j].off })
	sort.SliceStable(caps, func(i, j int) bool { return caps[i].start < caps[j].start })
	err := scan(reader(), points, caps, out)
	return out, err
}

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

// scan reads br once and fills out for the points and captures (both
// sorted). It counts UTF-16 code units since the last line break as it
// goes: an invalid UTF-8 byte counts as one unit (it decodes to U+FFFD), a
// byte order mark at the start of the file as none (it is not text).
func scan(br *bufio.Reader, points []point, caps []capture, out []Located) error {
	off, lineStart, units := 0, 0, 0
	skip := 0 // bytes of a character counted in the previous segment
	if head, _ := br.Peek(len(bom)); bytes.Equal(head, bom) {
		skip = len(bom)
	}
	var act []*active
	pi, ci := 0, 0
	for {
		for ; pi < len(points) && points[pi].off <= off; pi++ {
			if p := points[pi]; p.off == off && off-lineStart+1 == int(p.col) {
				p.set(out, units+1)
			}
		}
		for ; ci < len(caps) && caps[ci].start <= off; ci++ {
			if c := caps[ci]; c.start == off {
				act = append(act, &active{end: c.end, at: c.at, c: compactor{h: sha256.New()}})
			}
		}
		kept := act[:0]
		for _, a := range act {
			if a.end == off {
				l := &out[a.at]
				copy(l.hash[:], a.c.h.Sum(nil))
				l.hashed = true
			} else {
				kept = append(kept, a)
			}
		}
		act = kept
		if pi == len(points) && ci == len(caps) && len(act) == 0 {
			return nil
		}
		// Examine bytes up to the next event.
		next := -1
		if pi < len(points) {
			next = points[pi].off
		}
		if ci < len(caps) && (next < 0 || caps[ci].start < next) {
			next = caps[ci].start
		}
		for _, a := range act {
			if next < 0 || a.end < next {
				next = a.end
			}
		}
		buf, err := br.Peek(min(next-off, segment))
		if len(buf) == 0 {
			if err == io.EOF {
				return nil // spans past the end stay unset
			}
			return err
		}
		for k := 0; k < len(buf); {
			switch c := buf[k]; {
			case skip > 0:
				skip--
				k++
			case c == '\n':
				units, lineStart = 0, off+k+1
				k++
			case c < utf8.RuneSelf:
				units++
				k++
			default:
				look := buf[k:]
				if !utf8.FullRune(look) {
					if more, _ := br.Peek(k + utf8.UTFMax); len(more) > k {
						look = more[k:]
					}
				}
				r, size := utf8.DecodeRune(look)
				units += utf16Len(r)
				if k+size > len(buf) {
					skip = k + size - len(buf)
					size = len(buf) - k
				}
				k += size
			}
		}
		for _, a := range act {
			a.c.write(buf)
		}
		if _, err := br.Discard(len(buf)); err != nil {
			return err
		}
		off += len(buf)
	}
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
