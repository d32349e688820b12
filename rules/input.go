package rules

import (
	"fmt"
	"strings"

	"github.com/atslint/atslint/request"
)

// The input rules are reported by the readers, not by checks; they are
// registered so that config, docs and explain know them.
var (
	ruleSyntax = &Rule{
		ID: "input/syntax", Severity: Error, Predicts: "400",
		Doc: Doc{
			Title:   "file is not valid JSON",
			Why:     "A request document that does not parse cannot be checked, and the request it describes would be sent malformed or not at all.",
			Fix:     "Fix the JSON at the reported position.",
			Bad:     `{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs",}`,
			Good:    `{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs"}`,
			Sources: []string{"RFC 8259: The JavaScript Object Notation (JSON) Data Interchange Format"},
		},
	}
	ruleNotARequest = &Rule{
		ID: "input/not-a-request", Severity: Error, Predicts: "none",
		Doc: Doc{
			Title:   "JSON that is no request document or HAR",
			Why:     "atslint reads request documents (an object with method and url or path, or an array of them) and HAR recordings. Other JSON is not checked, which would hide every problem in it.",
			Fix:     "Write the request as {\"method\": …, \"url\": …}, or keep the file out of the paths given to atslint.",
			Bad:     `{"url": "https://api.stackone.com/unified/ats/jobs"}`,
			Good:    `{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs"}`,
			Sources: []string{"atslint request document format (DESIGN.md §2)"},
		},
	}
	ruleUnknownKey = &Rule{
		ID: "input/unknown-key", Severity: Error, Predicts: "none",
		Doc: Doc{
			Title:   "request document key the format does not have",
			Why:     "A misspelt top-level key (heders) is not part of the request: the headers it was meant to hold would silently be dropped.",
			Fix:     "Use the key the message names: provider, method, url, path, headers, query, body or x-atslint.",
			Bad:     `{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs", "heders": {"x-account-id": "acc_1"}}`,
			Good:    `{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs", "headers": {"x-account-id": "acc_1"}}`,
			Sources: []string{"atslint request document format (DESIGN.md §2)"},
		},
	}
	ruleTooLarge = &Rule{
		ID: "input/too-large", Severity: Error, Predicts: "none",
		Doc: Doc{
			Title:   "file over the size limit",
			Why:     "Request documents are small; a file over --max-size (64 MiB by default) is not read, so that one stray file cannot exhaust memory. HAR files are streamed and exempt.",
			Fix:     "Split the file, keep it out of the checked paths, or raise --max-size.",
			Sources: []string{"atslint limits (DESIGN.md §3)"},
		},
	}
	ruleTooDeep = &Rule{
		ID: "input/too-deep", Severity: Error, Predicts: "none",
		Doc: Doc{
			Title:   "nesting deeper than 1,000 levels",
			Why:     "No request needs more than a few levels of nesting; deeper input is a broken or hostile file, and reading it further would only cost memory.",
			Fix:     "Flatten the document.",
			Bad:     strings.Repeat("[", 1001) + strings.Repeat("]", 1001),
			Good:    `[[{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs"}]]`,
			Sources: []string{"atslint limits (DESIGN.md §3)"},
		},
	}
	ruleUnknownProvider = &Rule{
		ID: "input/unknown-provider", Severity: Error, Predicts: "none",
		Doc: Doc{
			Title: "request names a provider atslint does not know",
			Why: "A request's \"provider\" selects the provider rules it is checked against. A name atslint does not know " +
				"(a typo such as bullhorm) would otherwise quietly switch those rules off, so the request would look clean. " +
				"Provider keys are StackOne's lowercase keys; category suffixes such as bullhorn_ats are accepted.",
			Fix:     "Use one of the known provider keys; the message names the closest.",
			Bad:     `{"provider": "bullhorm", "method": "GET", "url": "https://api.stackone.com/unified/ats/jobs", "headers": {"x-account-id": "acc_1"}}`,
			Good:    `{"provider": "bullhorn_ats", "method": "GET", "url": "https://api.stackone.com/unified/ats/jobs", "headers": {"x-account-id": "acc_1"}}`,
			Sources: []string{"atslint provider resolution (DESIGN.md §4)", srcFactsAPI + " §7: provider keys, bullhorn_ats"},
		},
	}
	ruleIgnore = &Rule{
		ID: "atslint/ignore", Severity: Warning, Predicts: "none",
		Doc: Doc{
			Title: "ignore directive without a reason, or one that silences nothing",
			Why: "An ignore must say why the diagnostic does not apply, so the next reader can judge it; one that silences " +
				"nothing is stale and would hide a future real problem.",
			Fix: "Give the reason, or remove the directive.",
			Bad: `{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs", "headers": {"x-account-id": "acc_1"}, ` +
				`"x-atslint": {"ignore": [{"rule": "stackone/page-size"}]}}`,
			Good: `{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs?page_size=500", "headers": {"x-account-id": "acc_1"}, ` +
				`"x-atslint": {"ignore": [{"rule": "stackone/page-size", "reason": "this tenant's proxy caps pages itself"}]}}`,
			Sources: []string{"staticcheck's linter directives: a reason is required and unmatched directives are reported"},
		},
	}
)

func init() {
	Register(ruleSyntax, ruleNotARequest, ruleUnknownKey, ruleUnknownProvider, ruleTooLarge, ruleTooDeep, ruleIgnore)
}

// Limits bound what a reader accepts.
type Limits struct {
	MaxSize  int64 // bytes; 0 means DefaultMaxSize
	MaxDepth int   // 0 means DefaultMaxDepth
}

const (
	DefaultMaxSize  = 64 << 20
	DefaultMaxDepth = 1000
)

func (l Limits) maxSize() int64 {
	if l.MaxSize <= 0 {
		return DefaultMaxSize
	}
	return l.MaxSize
}

func (l Limits) maxDepth() int {
	if l.MaxDepth <= 0 {
		return DefaultMaxDepth
	}
	return l.MaxDepth
}

// TooLarge is the diagnostic for a file of size bytes over the limit; front
// ends call it before reading such a file.
func (e *Engine) TooLarge(size int64, l Limits) Diagnostic {
	return e.inputDiagnostic(request.Problem{Rule: ruleTooLarge.ID,
		Message: fmt.Sprintf("file is %s, over the %s limit (--max-size)", byteSize(size), byteSize(l.maxSize()))})
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

// Result is what checking one source gives.
type Result struct {
	Requests    int
	Diagnostics []Diagnostic
	// Skipped counts what the source held that is not a StackOne request
	// (HAR entries for other hosts).
	Skipped int
}

// CheckBytes reads a request document (or a HAR recording, which
// request.ReadDocument recognises) and checks it. The requests of an array
// document are read, checked and dropped one at a time.
func (e *Engine) CheckBytes(data []byte, l Limits) Result {
	if int64(len(data)) > l.maxSize() {
		return Result{Diagnostics: []Diagnostic{e.TooLarge(int64(len(data)), l)}}
	}
	fc := e.NewFileCheck()
	var probs []Diagnostic
	n := 0
	var doc *request.Document
	ok := false
	fc.AddAll(e.opts.Jobs, func(add func(*request.Request)) {
		doc, ok = request.EachRequest(data, request.Options{MaxDepth: l.maxDepth()}, func(r *request.Request, ps []request.Problem) {
			for _, p := range ps {
				if d := e.inputDiagnostic(p); d.Severity != Off {
					probs = append(probs, d)
				}
			}
			if r != nil {
				add(r)
				n++
			}
		})
	})
	if !ok {
		// Not JSON: the file is reported as such, and nothing read
		// before the error is.
		fc, probs, n = e.NewFileCheck(), nil, 0
	}
	return e.finish(fc, n, probs, doc)
}

// CheckDocument checks the requests of a document read by a front end and
// reports the problems its reader found.
func (e *Engine) CheckDocument(doc *request.Document) Result {
	fc := e.NewFileCheck()
	fc.AddAll(e.opts.Jobs, func(add func(*request.Request)) {
		for _, r := range doc.Requests {
			add(r)
		}
	})
	return e.finish(fc, len(doc.Requests), nil, doc)
}

// finish adds the problems of the file as a whole and sorts.
func (e *Engine) finish(fc *FileCheck, requests int, probs []Diagnostic, doc *request.Document) Result {
	ds := fc.Diagnostics()
	ds = append(ds, probs...)
	for _, p := range doc.Problems {
		if d := e.inputDiagnostic(p); d.Severity != Off {
			ds = append(ds, d)
		}
	}
	SortDiagnostics(ds)
	return Result{Requests: requests, Diagnostics: ds, Skipped: doc.Skipped}
}

func (e *Engine) inputDiagnostic(p request.Problem) Diagnostic {
	d := Diagnostic{Rule: p.Rule, Severity: Error, Pointer: strings.Clone(p.Pointer), Request: p.Request, Message: p.Message, Span: p.Span}
	if r, ok := Lookup(p.Rule); ok {
		d.Severity, d.Predicts = e.severity(r), r.Predicts
	}
	return d
}

// CheckStream checks the requests a streaming reader (request.StreamArray)
// hands over one at a time. complete is the reader's: when false, nothing
// was checked and the file is to be read whole (CheckBytes). err is a
// read error.
func (e *Engine) CheckStream(l Limits, stream func(opts request.Options, fn func(*request.Request, []request.Problem)) (bool, error)) (res Result, complete bool, err error) {
	fc := e.NewFileCheck()
	var probs []Diagnostic
	n := 0
	fc.AddAll(e.opts.Jobs, func(add func(*request.Request)) {
		complete, err = stream(request.Options{MaxDepth: l.maxDepth()}, func(r *request.Request, ps []request.Problem) {
			for _, p := range ps {
				if d := e.inputDiagnostic(p); d.Severity != Off {
					probs = append(probs, d)
				}
			}
			if r != nil {
				add(r)
				n++
			}
		})
	})
	if !complete || err != nil {
		return Result{}, false, err
	}
	return e.finish(fc, n, probs, &request.Document{}), true, nil
}
