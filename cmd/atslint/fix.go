package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"sort"

	"github.com/atslint/atslint/fix"
	"github.com/atslint/atslint/internal/udiff"
	"github.com/atslint/atslint/report"
	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/rules"
	"github.com/atslint/atslint/source"
)

// fixFlags are check's --fix, --unsafe-fixes and --diff.
type fixFlags struct {
	apply, unsafe, diff bool
}

func (f *fixFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&f.apply, "fix", false, "apply safe fixes in place (stdin: write the fixed document to stdout); the report shows what is left")
	fs.BoolVar(&f.unsafe, "unsafe-fixes", false, "with --fix or --diff, apply unsafe fixes too (they change what is sent); without, mark them fixable")
	fs.BoolVar(&f.diff, "diff", false, "print the fixes as a unified diff (git apply accepts it) instead of the report; write nothing; exit 1 when there is something to fix")
}

// fixing reports whether the run changes sources (in place or as a diff).
func (f fixFlags) fixing() bool { return f.apply || f.diff }

// wants reports whether a fix of this safety is applied in this run.
func (f fixFlags) wants(s rules.Safety) bool {
	return s == rules.Safe || s == rules.Unsafe && f.unsafe
}

// maxFixRounds bounds the fix loop: fixes that overlap wait for the next
// round, and a round can only make fixes that the check of its result
// finds. Ten is far more than any file of the test corpus needs (two).
const maxFixRounds = 10

// fixed is what fixing one source did: its bytes before and after and how
// many fixes were applied.
type fixed struct {
	orig  []byte
	fixes int
}

// fixSource checks data and applies the wanted fixes, round after round,
// until none is left or the bound is reached. It returns the result of
// checking the final bytes and those bytes. The bytes outside the fixes'
// edits never change.
func (s *setup) fixSource(eng *rules.Engine, name string, data []byte) (source.Result, []byte, int) {
	res := source.CheckBytes(eng, name, data, s.limits)
	if res.Format != source.Document {
		noFixes(res.Diagnostics)
		return res, data, 0
	}
	total := 0
	for round := 0; round < maxFixRounds; round++ {
		var edits [][]request.Edit
		for _, d := range res.Diagnostics {
			if d.Fix != nil && s.fix.wants(d.Fix.Safety) {
				edits = append(edits, d.Fix.Edits)
			}
		}
		next, n := fix.Apply(data, edits)
		if n == 0 {
			break
		}
		total += n
		data = next
		res = source.CheckBytes(eng, name, data, s.limits)
	}
	return res, data, total
}

// noFixes drops the fixes of diagnostics on a source that is never
// rewritten (a HAR recording: a record of what was sent).
func noFixes(ds []rules.Diagnostic) {
	for i := range ds {
		ds[i].Fix = nil
	}
}

// writeFixed replaces a file with its fixed bytes: written next to it and
// renamed over it, with the file's permissions, so that a failure leaves
// the original whole.
func writeFixed(path string, data []byte) error {
	st, err := os.Stat(path)
	if err != nil {
		return fileError(err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".atslint-*")
	if err != nil {
		return fileError(err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing to remove
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fileError(err)
	}
	if err := tmp.Chmod(st.Mode().Perm()); err != nil {
		tmp.Close()
		return fileError(err)
	}
	if err := tmp.Close(); err != nil {
		return fileError(err)
	}
	return fileError(os.Rename(tmp.Name(), path))
}

// fixOutcome is what --fix and --diff did over a run.
type fixOutcome struct {
	diff   bytes.Buffer // --diff: the unified diff of every fixed file
	stdout bytes.Buffer // --fix on stdin: the fixed document
	fixes  int          // fixes applied (or, with --diff, to apply)
	files  int          // files changed (or to change)
}

// record handles one fixed source: writes it (--fix), writes the fixed
// stdin to stdout, or adds its diff (--diff). An error is the file's.
func (s *setup) record(out *fixOutcome, src input, f fixed, final []byte) error {
	if f.fixes == 0 || bytes.Equal(f.orig, final) {
		if src.stdin && s.fix.apply && !s.fix.diff {
			out.stdout.Write(final) // unchanged, but stdout is the document
		}
		return nil
	}
	switch {
	case s.fix.diff:
		if err := udiff.Write(&out.diff, src.name, f.orig, final); err != nil {
			return err
		}
	case src.stdin:
		out.stdout.Write(final)
	default:
		if err := writeFixed(src.path, final); err != nil {
			return fmt.Errorf("writing the fixes: %v", err)
		}
	}
	out.fixes += f.fixes
	out.files++
	return nil
}

// finishDiff ends a --diff run: the diff on stdout (or --output), a count
// on stderr, and exit 1 when there is something to fix.
func (s *setup) finishDiff(e *env, rep *report.Report) int {
	out := s.fixed.diff.Bytes()
	var err error
	if s.output != "" {
		err = os.WriteFile(s.output, out, 0o644)
	} else {
		_, err = e.stdout.Write(out)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "atslint: writing the diff: %v\n", err)
		return exitUsage
	}
	if s.fixed.fixes > 0 {
		fmt.Fprintf(e.stderr, "atslint: %d %s in %d %s\n", s.fixed.fixes, plural(s.fixed.fixes, "fix", "fixes"),
			s.fixed.files, plural(s.fixed.files, "file", "files"))
	}
	switch {
	case len(rep.Errors) > 0:
		return exitUsage
	case s.fixed.fixes > 0:
		return exitFindings
	}
	return exitOK
}

// maxVetFixRounds bounds atslint vet -fix: each round loads and analyses
// the packages again.
const maxVetFixRounds = 5

// goFileEdits turns a fix from the analyzer (edits at Go source positions)
// into byte edits of one file; false when it has none or spans files.
func goFileEdits(fset *token.FileSet, f *rules.Fix) (string, []request.Edit, bool) {
	if f == nil || len(f.Edits) == 0 {
		return "", nil, false
	}
	var file string
	var out []request.Edit
	for _, e := range f.Edits {
		from, to := e.Span.Range()
		s, t := fset.Position(token.Pos(from)), fset.Position(token.Pos(to))
		if s.Filename == "" || t.Filename != s.Filename || file != "" && s.Filename != file {
			return "", nil, false
		}
		file = s.Filename
		out = append(out, request.Edit{Text: e.Text, Span: request.Span{
			Start: request.Pos{Offset: s.Offset, Line: int32(s.Line), Column: int32(s.Column)},
			End:   request.Pos{Offset: t.Offset, Line: int32(t.Line), Column: int32(t.Column)}}})
	}
	return file, out, true
}

// applyGoFixes applies fixes to Go files in place: it returns how many
// fixes it applied and to how many files.
func applyGoFixes(edits map[string][][]request.Edit) (fixes, files int, err error) {
	names := make([]string, 0, len(edits))
	for name := range edits {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			return fixes, files, fmt.Errorf("%s: %v", name, fileError(err))
		}
		out, n := fix.Apply(data, edits[name])
		if n == 0 {
			continue
		}
		if err := writeFixed(name, out); err != nil {
			return fixes, files, fmt.Errorf("%s: writing the fixes: %v", name, err)
		}
		fixes += n
		files++
	}
	return fixes, files, nil
}
