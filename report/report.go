// Package report writes diagnostics in atslint's output formats. The text
// and JSON formats are contracts (DESIGN.md §5): change them only together
// with their golden files and docs.
package report

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"sort"

	"github.com/atslint/atslint/rules"
)

// Diagnostic is an engine diagnostic located in a file.
type Diagnostic struct {
	File string
	rules.Diagnostic
	// Column16 and EndColumn16 are the 1-based columns of Span.Start and
	// Span.End counted in UTF-16 code units, as SARIF and editors count
	// them; the engine's columns count bytes. Zero means not computed: the
	// formatters then use the byte columns. LocateHeld and LocateReader
	// fill them in.
	Column16, EndColumn16 int
	// ValueHash identifies the source text of Span (see LocateReader); baselines
	// use it so that entries survive moved lines but not changed values.
	// "" when the front end had no source.
	ValueHash string
}

// FileError is a file that could not be read at all.
type FileError struct {
	File    string `json:"file"`
	Message string `json:"message"`
}

// Summary counts what a run saw.
type Summary struct {
	Files    int `json:"files"`
	Requests int `json:"requests"`
	Error    int `json:"error"`
	Warning  int `json:"warning"`
	Info     int `json:"info"`
	// Skipped counts HAR entries that were not StackOne requests.
	Skipped int `json:"skipped,omitempty"`
	// Baselined counts diagnostics left out because a baseline holds them.
	Baselined int `json:"baselined,omitempty"`
}

// Report is the outcome of one run.
type Report struct {
	Diagnostics []Diagnostic
	Errors      []FileError
	Summary     Summary
	// Version is the atslint version, named in SARIF output.
	Version string
	// UnsafeFixes is set when the run was asked to apply unsafe fixes too
	// (--unsafe-fixes): the text output then marks them fixable.
	UnsafeFixes bool

	// held are diagnostics of whole files kept compactly (AddHeld); All
	// returns them after Diagnostics.
	held []heldFile
}

// Finish sorts the diagnostics (by file, line, column, rule) and counts them.
func (r *Report) Finish() {
	if len(r.Diagnostics) > 0 && len(r.held) > 0 {
		r.Materialize()
	}
	slices.SortStableFunc(r.Diagnostics, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Span.Start.Line, b.Span.Start.Line),
			cmp.Compare(a.Span.Start.Column, b.Span.Start.Column),
			rules.CompareDiagnostics(a.Diagnostic, b.Diagnostic))
	})
	r.sortHeld()
	sort.SliceStable(r.Errors, func(i, j int) bool { return r.Errors[i].File < r.Errors[j].File })
	r.Summary.Error, r.Summary.Warning, r.Summary.Info = 0, 0, 0
	r.eachSeverity(func(sev rules.Severity, _ rules.Safety, _ bool) {
		switch sev {
		case rules.Error:
			r.Summary.Error++
		case rules.Warning:
			r.Summary.Warning++
		case rules.Info:
			r.Summary.Info++
		}
	})
}

// eachSeverity hands over the severity of every diagnostic, and the
// safety of its fix if it has one.
func (r *Report) eachSeverity(fn func(sev rules.Severity, fix rules.Safety, hasFix bool)) {
	for i := range r.Diagnostics {
		if f := r.Diagnostics[i].Fix; f != nil {
			fn(r.Diagnostics[i].Severity, f.Safety, true)
		} else {
			fn(r.Diagnostics[i].Severity, rules.NoFix, false)
		}
	}
	for _, f := range r.held {
		for i := range f.h.Len() {
			safety, ok := f.h.FixSafety(i)
			fn(f.h.Severity(i), safety, ok)
		}
	}
}

// Count returns how many diagnostics are at or above a severity.
func (r *Report) Count(min rules.Severity) int {
	n := 0
	r.eachSeverity(func(sev rules.Severity, _ rules.Safety, _ bool) {
		if sev >= min {
			n++
		}
	})
	return n
}

// Formats lists the output formats by name.
var Formats = map[string]func(io.Writer, *Report) error{
	"text":   Text,
	"json":   JSON,
	"sarif":  SARIF,
	"github": GitHub,
}

// Text writes one line per diagnostic:
//
//	notes/bad.json:7:5: warning: message [bullhorn/note-missing-author]
//
// A diagnostic that --fix would fix has "[*] " before its message (as ruff
// marks them): safe fixes always, unsafe ones when the run has UnsafeFixes.
//
// A provider diagnostic names its provider after the rule ("[rule for
// lever]") where the ID does not say it (rules.Diagnostic.Tag).
func Text(w io.Writer, r *Report) error { return text(w, r, false) }

// ColorText is Text with the severities coloured with ANSI escapes, for a
// terminal.
func ColorText(w io.Writer, r *Report) error { return text(w, r, true) }

func text(w io.Writer, r *Report, color bool) error {
	for d := range r.All() {
		pos := fmt.Sprintf("%s:%d:%d", d.File, d.Span.Start.Line, d.Span.Start.Column)
		if d.Span.Start.Line == 0 {
			pos = d.File
		}
		sev := d.Severity.String()
		if color {
			sev = severityColor[d.Severity] + sev + "\x1b[0m"
		}
		mark := ""
		if d.Fix != nil && r.fixable(d.Fix.Safety) {
			mark = "[*] "
		}
		if _, err := fmt.Fprintf(w, "%s: %s: %s%s [%s]\n", pos, sev, mark, d.Message, d.Tag()); err != nil {
			return err
		}
	}
	return nil
}

// fixable reports whether --fix (with --unsafe-fixes when the run has it)
// would apply a fix of this safety.
func (r *Report) fixable(s rules.Safety) bool {
	return s == rules.Safe || s == rules.Unsafe && r.UnsafeFixes
}

// FixSummary says how many diagnostics --fix would fix, and how many more
// --unsafe-fixes would, or "" when there are none: "3 fixable with --fix
// (1 more with --unsafe-fixes)".
func FixSummary(r *Report) string {
	fixable, hidden := 0, 0
	r.eachSeverity(func(_ rules.Severity, fix rules.Safety, hasFix bool) {
		switch {
		case hasFix && r.fixable(fix):
			fixable++
		case hasFix:
			hidden++
		}
	})
	flag := "--fix"
	if r.UnsafeFixes {
		flag = "--fix --unsafe-fixes"
	}
	switch {
	case fixable > 0 && hidden > 0:
		return fmt.Sprintf("%d fixable with %s (%d more with --unsafe-fixes)", fixable, flag, hidden)
	case fixable > 0:
		return fmt.Sprintf("%d fixable with %s", fixable, flag)
	case hidden > 0:
		return fmt.Sprintf("%d fixable with --fix --unsafe-fixes", hidden)
	}
	return ""
}

type jsonDiagnostic struct {
	File      string   `json:"file"`
	Line      int      `json:"line"`
	Column    int      `json:"column"`
	EndLine   int      `json:"end_line"`
	EndColumn int      `json:"end_column"`
	Rule      string   `json:"rule"`
	Severity  string   `json:"severity"`
	Provider  string   `json:"provider"`
	Operation string   `json:"operation"`
	Pointer   string   `json:"pointer"`
	Request   int      `json:"request"`
	Predicts  string   `json:"predicts"`
	Message   string   `json:"message"`
	Fix       *jsonFix `json:"fix,omitempty"`
}

// jsonFix is a diagnostic's fix (DESIGN.md §5): byte offsets into the file.
type jsonFix struct {
	Safety      string     `json:"safety"`
	Description string     `json:"description"`
	Edits       []jsonEdit `json:"edits"`
}

type jsonEdit struct {
	Offset int    `json:"offset"`
	End    int    `json:"end"`
	Text   string `json:"text"`
}

func jsonFixOf(f *rules.Fix) *jsonFix {
	if f == nil {
		return nil
	}
	out := &jsonFix{Safety: f.Safety.String(), Description: f.Description, Edits: []jsonEdit{}}
	for _, e := range f.Edits {
		out.Edits = append(out.Edits, jsonEdit{Offset: e.Span.Start.Offset, End: e.Span.End.Offset, Text: e.Text})
	}
	return out
}

type jsonReport struct {
	Version     int              `json:"version"`
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
	Errors      []FileError      `json:"errors,omitempty"`
	Summary     Summary          `json:"summary"`
}

// JSON writes the report as one JSON object (DESIGN.md §5). The
// diagnostics are encoded one at a time as they are written: the output is
// never held whole, however many there are.
func JSON(w io.Writer, r *Report) error {
	doc := jsonReport{Version: 1, Diagnostics: []jsonDiagnostic{}, Errors: r.Errors, Summary: r.Summary}
	return streamArray(w, doc, `"diagnostics"`, 2, func(emit func(any) error) error {
		for d := range r.All() {
			if err := emit(jsonDiagnosticOf(d)); err != nil {
				return err
			}
		}
		return nil
	})
}

func jsonDiagnosticOf(d *Diagnostic) jsonDiagnostic {
	return jsonDiagnostic{
		File: d.File, Line: int(d.Span.Start.Line), Column: int(d.Span.Start.Column),
		EndLine: int(d.Span.End.Line), EndColumn: int(d.Span.End.Column),
		Rule: d.Rule, Severity: d.Severity.String(), Provider: d.Provider, Operation: d.Operation,
		Pointer: d.Pointer, Request: d.Request, Predicts: string(d.Predicts), Message: d.Message,
		Fix: jsonFixOf(d.Fix),
	}
}
