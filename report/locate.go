package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"unicode/utf8"

	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/rules"
)

// Locate turns the engine diagnostics of one file into report diagnostics,
// computing from the file's bytes what only the source can tell: the UTF-16
// columns of each span and the hash of the spanned text. src is the data the
// engine read; nil (a file too large to read) leaves both unset.
func Locate(file string, src []byte, ds []rules.Diagnostic) []Diagnostic {
	out := make([]Diagnostic, len(ds))
	for i, d := range ds {
		out[i] = Diagnostic{File: file, Diagnostic: d}
		if src == nil || d.Span.Start.Line == 0 {
			continue
		}
		out[i].Column16 = utf16Column(src, d.Span.Start)
		out[i].EndColumn16 = utf16Column(src, d.Span.End)
		out[i].ValueHash = ValueHash(src, d.Span)
	}
	return out
}

var bom = []byte("\xEF\xBB\xBF")

// utf16Column returns the 1-based column of p counted in UTF-16 code units,
// or 0 when p does not fit src. An invalid UTF-8 byte counts as one unit
// (it decodes to U+FFFD); a byte order mark at the start of the file is not
// text and is not counted.
func utf16Column(src []byte, p request.Pos) int {
	start := p.Offset - (p.Column - 1)
	if p.Line < 1 || p.Column < 1 || start < 0 || p.Offset > len(src) {
		return 0
	}
	line := src[start:p.Offset]
	if start == 0 {
		line = bytes.TrimPrefix(line, bom)
	}
	n := 1
	for len(line) > 0 {
		r, size := utf8.DecodeRune(line)
		n += utf16Len(r)
		line = line[size:]
	}
	return n
}

func utf16Len(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// ValueHash returns a short hash of the source text a span covers. Text
// that is a complete JSON value is compacted first, so re-indenting a file
// keeps its hashes. It is "" for a span outside src.
func ValueHash(src []byte, sp request.Span) string {
	s, e := sp.Start.Offset, sp.End.Offset
	if s < 0 || e < s || e > len(src) {
		return ""
	}
	text := src[s:e]
	var buf bytes.Buffer
	if json.Compact(&buf, text) == nil {
		text = buf.Bytes()
	}
	sum := sha256.Sum256(text)
	return hex.EncodeToString(sum[:8])
}
