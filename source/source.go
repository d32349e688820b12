// Package source reads the files that hold requests. Its dispatcher picks
// the reader of a file from the file's name and first bytes (one Format
// per kind of file, each in its own package under source/), and Check
// turns what a reader found into diagnostics beside the engine's. The
// engine (package rules) sees only the Requests.
package source

import (
	"bytes"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/rules"
	"github.com/atslint/atslint/source/har"
	"github.com/atslint/atslint/source/insomnia"
	"github.com/atslint/atslint/source/postman"
)

// Limits bound what is read of one file.
type Limits struct {
	// MaxSize is the largest file read whole, in bytes; 0 means
	// DefaultMaxSize. Streamed formats are exempt.
	MaxSize int64
	// MaxDepth is the deepest nesting accepted; 0 means DefaultMaxDepth.
	MaxDepth int
	// Env is what the readers of other tools' formats take (kept.go).
	Env Env
	// Hold asks for a file's diagnostics in Result.Held rather than in
	// Result.Diagnostics: a file with very many keeps them compact.
	Hold bool
	// file is the name of the file being read, set by ReadBytes.
	file string
}

const (
	DefaultMaxSize  = 64 << 20
	DefaultMaxDepth = request.DefaultMaxDepth
)

// SniffSize is how much of the start of a file Detect needs.
const SniffSize = 4 << 10

func (l Limits) maxSize() int64 {
	if l.MaxSize <= 0 {
		return DefaultMaxSize
	}
	return l.MaxSize
}

func (l Limits) options() request.Options { return request.Options{MaxDepth: l.MaxDepth} }

// A Format is one kind of file that holds requests: one entry of formats.
// Exactly one of Stream and Read is set.
type Format struct {
	// Name names the format in messages and tests ("har").
	Name string
	// Extensions are the lower-case file name endings, dot included, of
	// files of this format (".har"); a directory walk reads only such
	// files (IsCandidate).
	Extensions []string
	// Names, when set, claims file names beyond Extensions (and can
	// refuse some: Bruno's collection.bru is no request).
	Names func(name string) bool
	// Sniff recognises the format from the first SniffSize bytes of a
	// file, whatever its name; nil when only the name tells.
	Sniff func(head []byte) bool
	// Stream reads a file entry by entry, whatever its size: memory does
	// not grow with the file, so Limits.MaxSize does not apply. Its error
	// is a read error of r, never a problem with the input.
	Stream func(r io.Reader, l Limits) (*request.Document, error)
	// Read reads a file held whole in memory.
	Read func(data []byte, l Limits) *request.Document
	// Each, for a streamed format, reads as Stream does but hands each
	// request over as soon as it is read instead of keeping it
	// (CheckStream); nil when the format cannot.
	Each Each
}

var (
	// HAR is HAR 1.2 recordings (source/har).
	HAR = &Format{Name: "har", Extensions: []string{har.Extension}, Sniff: har.Sniff, Stream: readHAR, Each: eachHAR}
	// Document is atslint's request documents (DESIGN §2), and the format
	// of any file that no other format claims.
	Document = &Format{Name: "request document", Extensions: []string{".json"}, Read: readDocument}
)

// formats is the dispatch table, in the order Detect tries it. A new
// format is one entry here.
var formats = []*Format{HAR, Postman, Insomnia, Shell, Bruno, HTTPFile, Markdown, Document}

// Detect picks the format of a file from its name and its first bytes
// (head, up to SniffSize; nil when not known yet): the first format whose
// Sniff recognises head, else the first that claims the name's extension,
// else Document.
func Detect(name string, head []byte) *Format {
	for _, f := range formats {
		if f.Sniff != nil && len(head) > 0 && f.Sniff(head) {
			return f
		}
	}
	if f := ByName(name); f != nil {
		return f
	}
	return Document
}

// ByName returns the format whose extension name has, or nil.
func ByName(name string) *Format {
	ext := strings.ToLower(path.Ext(name))
	for _, f := range formats {
		if f.Names != nil && f.Names(name) {
			return f
		}
		for _, e := range f.Extensions {
			if ext == e {
				return f
			}
		}
	}
	return nil
}

// IsCandidate reports whether a directory walk reads a file of this name:
// whether some format claims its extension. Whether the file then holds
// any request is Result.Foreign.
func IsCandidate(name string) bool { return ByName(name) != nil }

// ReadBytes reads a file held in memory with the format Detect picks. A
// file over Limits.MaxSize of a format read whole is not read: its
// Document has the input/too-large problem and nothing else.
func ReadBytes(name string, data []byte, l Limits) *request.Document {
	doc, _ := readBytes(name, data, l)
	return doc
}

// readBytes is ReadBytes that also says which format read the file (nil
// when it was too large to read).
func readBytes(name string, data []byte, l Limits) (*request.Document, *Format) {
	f := Detect(name, data[:min(len(data), SniffSize)])
	if f.Stream != nil {
		doc, _ := f.Stream(bytes.NewReader(data), l) // a bytes.Reader does not fail
		return doc, f
	}
	if size := int64(len(data)); size > l.maxSize() {
		return &request.Document{Problems: []request.Problem{TooLarge(size, l)}}, nil
	}
	l.file = name
	if f == Document {
		doc, as := readDocumentAs(data, l)
		if as == nil {
			as = Document
		}
		return doc, as
	}
	return f.Read(data, l), f
}

// TooLarge is the problem of a file of size bytes over Limits.MaxSize,
// which front ends report without reading the file.
func TooLarge(size int64, l Limits) request.Problem {
	return request.Problem{Rule: request.RuleTooLarge,
		Message: fmt.Sprintf("file is %s, over the %s limit (--max-size)", byteSize(size), byteSize(l.maxSize()))}
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

func readHAR(r io.Reader, l Limits) (*request.Document, error) {
	rec, err := har.Read(r, har.Options{Options: l.options()})
	return &rec.Document, err
}

// readDocument reads a request document; a HAR recording, collection or
// export whose mark lies beyond what Sniff saw is read as what it is.
func readDocument(data []byte, l Limits) *request.Document {
	doc, _ := readDocumentAs(data, l)
	return doc
}

// readDocumentAs is readDocument that also says which format read the
// file, nil for a request document (only those are rewritten by fixes).
func readDocumentAs(data []byte, l Limits) (*request.Document, *Format) {
	root, err := request.Parse(data, l.options())
	if err != nil {
		return &request.Document{Problems: []request.Problem{request.ParseErrorProblem(data, err)}}, nil
	}
	if har.IsTree(root) {
		doc, _ := readHAR(bytes.NewReader(data), l)
		return doc, HAR
	}
	if postman.IsCollection(root) {
		return postman.FromValue(data, root, l.readerOptions()), Postman
	}
	if root.Get("__export_format") != nil && root.Get("resources") != nil {
		return readKept(insomnia.Read)(data, l), Insomnia
	}
	return request.DocumentFromValue(root), nil
}

// Result is what checking one file gives.
type Result struct {
	// Requests is the number of requests checked.
	Requests int
	// Diagnostics are the engine's and the reader's, sorted.
	Diagnostics []rules.Diagnostic
	// Held, with Limits.Hold, has the diagnostics instead of Diagnostics;
	// nil otherwise.
	Held *rules.Held
	// Skipped counts what the file held that is not a StackOne request.
	Skipped int
	// Foreign is set when the file is none of the formats (JSON that is no
	// request document): a directory walk skips it without a word.
	Foreign bool
	// Format is the format CheckBytes read the file as (nil when it was
	// not read, or not by CheckBytes). Fixes rewrite request documents
	// only: a HAR recording is a record of what was sent.
	Format *Format
}

// Check checks the requests of a file read by a reader and reports the
// reader's problems with the engine's severities.
func Check(e *rules.Engine, doc *request.Document) Result {
	return check(e, doc, Limits{})
}

// check is Check with the caller's limits: with l.Hold the diagnostics
// stay held (Result.Held), as check.go keeps them.
func check(e *rules.Engine, doc *request.Document, l Limits) Result {
	fc := e.NewFileCheck()
	for _, req := range doc.Requests {
		fc.Add(req)
	}
	return finish(e, fc, len(doc.Requests), nil, doc, l)
}

// CheckBytes reads a file held in memory and checks it. An array request
// document and a streamed format are checked one request at a time.
func CheckBytes(e *rules.Engine, name string, data []byte, l Limits) Result {
	head := data[:min(len(data), SniffSize)]
	switch f := Detect(name, head); {
	case f.Each != nil:
		res, _ := CheckStream(e, f, bytes.NewReader(data), l) // a bytes.Reader does not fail
		res.Format = f
		return res
	case f == Document && StartsArray(head) && int64(len(data)) <= l.maxSize():
		res := checkArrayBytes(e, data, l)
		res.Format = Document
		return res
	}
	doc, f := readBytes(name, data, l)
	res := check(e, doc, l)
	res.Format = f
	return res
}
