package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/atslint/atslint/baseline"
	"github.com/atslint/atslint/config"
	"github.com/atslint/atslint/report"
	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/rules"
	"github.com/atslint/atslint/schemas"
	"github.com/atslint/atslint/source"
	envfile "github.com/atslint/atslint/source/env"
)

func init() {
	register(&command{name: "check", short: "check request documents and HAR recordings", run: runCheck})
}

// defaultStdinName names standard input when --stdin-filename does not.
const defaultStdinName = "<stdin>"

// checkFlags are the flags shared by check and vet.
type checkFlags struct {
	format, failOn, provider, configPath, openapi, output string
	baseline, writeBaseline                               string
	jobs                                                  int
	maxSize                                               int64
	stdinName                                             string
	color                                                 string
	envFile, envName                                      string
}

func (f *checkFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.format, "format", "text", "output format: "+strings.Join(formatNames(), ", "))
	fs.StringVar(&f.failOn, "fail-on", "", "lowest severity that makes the exit code 1: error (default), warning or info")
	fs.StringVar(&f.provider, "provider", "", "provider of requests that name none (greenhouse, lever, bullhorn, …)")
	fs.StringVar(&f.configPath, "config", "", "config file (default: .atslint.yaml in the working directory or a parent)")
	fs.StringVar(&f.openapi, "openapi", "", "check against this StackOne ATS OpenAPI document instead of the built-in catalogue")
	fs.IntVar(&f.jobs, "j", runtime.GOMAXPROCS(0), "number of files, and of requests of one file, checked in parallel")
	fs.Int64Var(&f.maxSize, "max-size", source.DefaultMaxSize, "largest request document read, in bytes")
	fs.StringVar(&f.stdinName, "stdin-filename", defaultStdinName, "file name of input read from -: shown in the output, and the config's ignore and overrides apply to it")
	fs.StringVar(&f.envFile, "env", "", "environment file filling {{variables}} of Postman, Insomnia, Bruno and .http files\n(Postman environment, Bruno environment .bru, http-client.env.json, JSON object or NAME=value lines)")
	fs.StringVar(&f.envName, "env-name", "", "environment to use from files that keep several (http-client.env.json, Bruno environments/NAME.bru, Insomnia)")
	fs.StringVar(&f.output, "output", "", "write the report to this file instead of standard output")
	fs.StringVar(&f.baseline, "baseline", "", "report only diagnostics that this baseline file does not hold")
	fs.StringVar(&f.writeBaseline, "write-baseline", "", "write every diagnostic to this baseline file instead of reporting them")
	fs.StringVar(&f.color, "color", "auto", "colour severities in text output: auto (when stdout is a terminal and NO_COLOR is unset), always or never")
}

func formatNames() []string {
	var out []string
	for n := range report.Formats {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// setup is what check and vet need after flag parsing.
type setup struct {
	cfg        *config.Config
	formatName string
	// notes are stderr lines of a text-format run (skipped HAR entries).
	notes   []string
	opts    rules.Options
	failOn  rules.Severity
	format  func(io.Writer, *report.Report) error
	limits  source.Limits
	engines *rules.Engines

	output        string             // --output file, "" for stdout
	baseline      *baseline.Baseline // --baseline, nil without
	writeBaseline string             // --write-baseline file
	// named is set when a file (or -) was named, not only directories:
	// then finding nothing to check is no error (DESIGN.md §6).
	named bool

	fix        fixFlags   // check --fix, --unsafe-fixes, --diff
	fixed      fixOutcome // what they did
	stdinFixed bool       // stdout holds the fixed stdin (--fix -)
}

// prepare validates flags and loads config and catalogue. A non-nil error
// is a usage error (exit 2).
func (f *checkFlags) prepare(dir string) (*setup, error) {
	s := &setup{limits: source.Limits{MaxSize: f.maxSize, Env: source.Env{Name: f.envName, Files: true}}, output: f.output, writeBaseline: f.writeBaseline}
	if f.envFile != "" {
		data, err := os.ReadFile(f.envFile)
		if err != nil {
			return nil, fmt.Errorf("--env: %v", fileError(err))
		}
		if s.limits.Env.Vars, err = envfile.Read(f.envFile, data, f.envName); err != nil {
			return nil, fmt.Errorf("--env %s: %v", f.envFile, err)
		}
	}
	var ok bool
	if s.format, ok = report.Formats[f.format]; !ok {
		return nil, unknownFormat(f.format, formatNames())
	}
	s.formatName = f.format
	cfg, err := loadConfig(dir, f.configPath)
	if err != nil {
		return nil, err
	}
	s.cfg = cfg
	s.failOn = rules.Error
	if s.cfg.FailOn != rules.Off {
		s.failOn = s.cfg.FailOn
	}
	if f.failOn != "" {
		sev, err := parseFailOn(f.failOn)
		if err != nil {
			return nil, err
		}
		s.failOn = sev
	}
	if f.provider != "" {
		p, ok := rules.NormalizeProvider(f.provider)
		if !ok {
			return nil, rules.UnknownProviderError(f.provider)
		}
		s.opts.Provider = p
	}
	s.opts.Providers = s.cfg.Providers
	s.opts.Accounts = s.cfg.Accounts
	if f.openapi != "" {
		set, err := schemas.ConvertFile(f.openapi)
		if err != nil {
			return nil, fmt.Errorf("--openapi: %v", err)
		}
		s.opts.Set = set
	}
	if f.baseline != "" {
		b, err := baseline.Read(f.baseline)
		if err != nil {
			return nil, err
		}
		s.baseline = b
	}
	// -j applies inside a file too: a single large file is checked by
	// every worker.
	s.opts.Jobs = f.jobs
	s.engines = rules.NewEngines(s.opts)
	return s, nil
}

// setColor switches the text format to colour when --color asks for it.
func (s *setup) setColor(e *env, mode string) error {
	color, err := e.useColor(mode, s.output)
	if err != nil {
		return err
	}
	if color && s.formatName == "text" {
		s.format = report.ColorText
	}
	return nil
}

// engine returns the engine for a file, with the config's severities for it.
func (s *setup) engine(file string) *rules.Engine { return s.engines.For(s.cfg.Severities(file)) }

const checkSynopsis = `usage: atslint check [flags] [PATH...]

Checks the requests kept in files: request documents (.json), HAR recordings
(.har), Postman and Insomnia exports, Bruno (.bru) and .http/.rest files, and
curl commands in shell scripts and Markdown. A directory is searched
recursively (hidden directories, vendor, node_modules and files the
repository's .gitignore ignores are skipped); a file in it that holds no
StackOne request is skipped silently, while a file named explicitly is always
reported. --fix applies the fixes of fixable findings (marked [*]); HAR
recordings are never rewritten. - reads standard input. With no PATH, the current directory is
checked. Finding no request file is an error (exit 2).`

func runCheck(e *env, args []string) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	var f checkFlags
	f.register(fs)
	var ff fixFlags
	ff.register(fs)
	paths, code, done := e.parseFlags(fs, checkSynopsis, args)
	if done {
		return code
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	if ff.fixing() && (f.writeBaseline != "" || f.baseline != "") {
		fmt.Fprintln(e.stderr, "atslint: --fix and --diff do not go with --baseline or --write-baseline")
		return exitUsage
	}
	s, err := f.prepare(e.dir)
	if err == nil {
		err = s.setColor(e, f.color)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "atslint: %v\n", err)
		return exitUsage
	}
	s.fix = ff
	// A file to fix has its diagnostics as a list (fixSource).
	s.limits.Hold = !ff.fixing()
	rep := s.check(e, paths, f.jobs, f.stdinName)
	if rep.Summary.Files == 0 && len(rep.Errors) == 0 && !s.named {
		// CI pointed at the wrong folder must not go green.
		fmt.Fprintf(e.stderr, "atslint check: no request file found under %s (no file there holds a StackOne request; 'atslint help check' says what is read)\n", strings.Join(paths, " "))
		return exitUsage
	}
	return s.finish(e, rep)
}

// finish writes the report and computes the exit code.
//
// With --write-baseline it writes the baseline instead of the report.
// With --baseline the diagnostics the baseline holds are left out, of the
// output and of the exit code.
func (s *setup) finish(e *env, rep *report.Report) int {
	if s.formatName == "sarif" {
		// Only SARIF names the version; reading the build info costs
		// every other run its time (issue 12).
		rep.Version = versionString()
	}
	rep.Finish()
	for _, fe := range rep.Errors {
		fmt.Fprintf(e.stderr, "atslint: %s: %s\n", fe.File, fe.Message)
	}
	if s.writeBaseline != "" || s.baseline != nil {
		// Baselines match diagnostics against each other: they are all
		// made at once.
		rep.Materialize()
	}
	if s.writeBaseline != "" {
		if len(rep.Errors) > 0 {
			// A baseline without the unreadable files' diagnostics would
			// bring them back as new ones later.
			fmt.Fprintf(e.stderr, "atslint: not writing %s: some inputs could not be read\n", s.writeBaseline)
			return exitUsage
		}
		b, err := baseline.WriteFile(s.writeBaseline, rep.Diagnostics)
		if err != nil {
			fmt.Fprintf(e.stderr, "atslint: writing baseline: %v\n", err)
			return exitUsage
		}
		fmt.Fprintf(e.stderr, "atslint: wrote %d baseline entries to %s\n", len(b.Entries), s.writeBaseline)
		return exitOK
	}
	if s.fix.diff {
		return s.finishDiff(e, rep)
	}
	if s.baseline != nil {
		var matched int
		rep.Diagnostics, matched = s.baseline.Filter(rep.Diagnostics)
		rep.Summary.Baselined = matched
		rep.Finish()
	}
	if s.formatName == "text" {
		for _, n := range s.notes {
			fmt.Fprintf(e.stderr, "atslint: %s\n", n)
		}
	}
	rep.UnsafeFixes = s.fix.unsafe
	stdout := e.stdout
	if s.stdinFixed {
		// stdout holds the fixed document; the report goes to stderr.
		if _, err := e.stdout.Write(s.fixed.stdout.Bytes()); err != nil {
			fmt.Fprintf(e.stderr, "atslint: writing output: %v\n", err)
			return exitUsage
		}
		stdout = e.stderr
	}
	if s.fixed.fixes > 0 {
		fmt.Fprintf(e.stderr, "atslint: fixed %d %s in %d %s\n", s.fixed.fixes, plural(s.fixed.fixes, "problem", "problems"),
			s.fixed.files, plural(s.fixed.files, "file", "files"))
	}
	if err := s.writeReport(stdout, rep); err != nil {
		fmt.Fprintf(e.stderr, "atslint: %v\n", err)
		return exitUsage
	}
	if s.formatName == "text" {
		if line := report.SummaryLine(rep); line != "" {
			fmt.Fprintln(e.stderr, line)
		}
	}
	switch {
	case len(rep.Errors) > 0:
		return exitUsage
	case rep.Count(s.failOn) > 0:
		return exitFindings
	}
	return exitOK
}

// writeReport writes the report in the run's format to stdout or the
// --output file, as it is formatted: the output is not held whole.
func (s *setup) writeReport(stdout io.Writer, rep *report.Report) error {
	dst := &errWriter{w: stdout}
	if s.output != "" {
		f, err := os.OpenFile(s.output, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
		if err != nil {
			return fmt.Errorf("--output: %v", err)
		}
		defer f.Close()
		dst.w = f
	}
	size := 64 << 10
	if s.formatName != "sarif" && rep.Len() < 32 {
		// A few lines (SARIF always lists every rule): a small buffer
		// spares a one-file run mapping in 64 KB (issue 12).
		size = 4 << 10
	}
	w := bufio.NewWriterSize(dst, size)
	err := s.format(w, rep)
	if err == nil {
		err = w.Flush()
	}
	if f, ok := dst.w.(*os.File); ok && s.output != "" && dst.err == nil {
		dst.err = f.Close()
	}
	switch {
	case dst.err != nil && s.output != "":
		return fmt.Errorf("--output: %v", dst.err)
	case dst.err != nil:
		return fmt.Errorf("writing output: %v", dst.err)
	case err != nil:
		return fmt.Errorf("writing output: %v", err)
	}
	return nil
}

// errWriter keeps the first error of its writer.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	n, err := e.w.Write(p)
	if err != nil && e.err == nil {
		e.err = err
	}
	return n, err
}

// input is one file (or stdin) to check.
type input struct {
	name    string // as shown in output
	path    string // for stdin, the --stdin-filename the config applies to, or ""
	stdin   bool
	regular bool // the directory walk saw a regular file
	walked  bool // found by a directory walk, not named
}

// check checks every path and returns the report. Files are checked by up
// to jobs workers; results keep the input order, so output is the same at
// any -j.
func (s *setup) check(e *env, paths []string, jobs int, stdinName string) *report.Report {
	rep := &report.Report{}
	var srcs []input
	for _, p := range paths {
		if p == "-" {
			s.named = true
			// Editors pipe unsaved buffers under the file's name: the
			// config's ignore and overrides apply to it as to the file.
			src := input{name: stdinName, stdin: true}
			if stdinName != defaultStdinName {
				if s.cfg.Ignored(stdinName) {
					continue
				}
				src.path = stdinName
			}
			srcs = append(srcs, src)
			continue
		}
		found, errs := collect(p, s.cfg)
		rep.Errors = append(rep.Errors, errs...)
		for _, f := range found {
			// A file named on the command line (pre-commit names them)
			// that the config ignores is no empty run.
			s.named = s.named || !f.walked
			if s.cfg.Ignored(f.path) {
				continue
			}
			srcs = append(srcs, input{name: filepath.ToSlash(f.path), path: f.path, regular: f.regular, walked: f.walked})
		}
	}
	type result struct {
		res     source.Result
		loc     []report.Located // of res.Held
		err     error
		skipped bool // a walked file that holds no request
		txt     text // kept only when fixing
	}
	results := make([]result, len(srcs))
	// Workers take the next file from a shared counter: no channel hand-off
	// (and no thread wake-up) per file. Results keep the input order.
	var next atomic.Int64
	work := func() {
		for {
			i := int(next.Add(1) - 1)
			if i >= len(srcs) {
				return
			}
			res, txt, err := s.checkSource(e, srcs[i])
			if err == nil && srcs[i].walked && heldNoRequest(res, txt.data) {
				results[i] = result{skipped: true}
				continue
			}
			// Every file's diagnostics are held compactly until written,
			// and located here, while the file's bytes are at hand.
			if res.Held == nil {
				res.Held = rules.NewHeld(res.Diagnostics)
				res.Diagnostics = nil
			}
			results[i] = result{res: res, err: err}
			if s.locates() {
				results[i].loc = txt.locate(res.Held)
			}
			if s.fix.fixing() {
				results[i].txt = txt
			}
		}
	}
	jobs = max(1, min(jobs, len(srcs)))
	var wg sync.WaitGroup
	for range jobs - 1 {
		wg.Go(work)
	}
	work()
	wg.Wait()
	for i, r := range results {
		if r.skipped {
			continue
		}
		if r.err == nil && s.fix.fixing() {
			r.err = s.record(&s.fixed, srcs[i], r.txt.fix, r.txt.data)
			s.stdinFixed = s.stdinFixed || srcs[i].stdin && s.fix.apply && !s.fix.diff
		}
		if r.err != nil {
			rep.Errors = append(rep.Errors, report.FileError{File: srcs[i].name, Message: r.err.Error()})
			continue
		}
		rep.Summary.Files++
		rep.Summary.Requests += r.res.Requests
		rep.Summary.Skipped += r.res.Skipped
		if n := r.res.Skipped; n > 0 {
			s.notes = append(s.notes, fmt.Sprintf("%s: %d %s skipped (not StackOne requests)", srcs[i].name, n, plural(n, "entry", "entries")))
		}
		rep.AddHeld(srcs[i].name, r.res.Held, r.loc)
	}
	return rep
}

// checkSource checks one input. The text it returns is where the input's
// bytes can be read again to locate its diagnostics (report.LocateHeld,
// LocateHeldReader).
func (s *setup) checkSource(e *env, src input) (source.Result, text, error) {
	eng := s.engine(src.path)
	if src.stdin {
		br := bufio.NewReaderSize(e.stdin, source.SniffSize)
		head, _ := br.Peek(source.SniffSize)
		if f := source.Detect(src.name, head); f.Stream != nil {
			// Streamed and gone: no UTF-16 columns or value hashes.
			res, err := s.checkStream(eng, f, br)
			return res, text{}, err
		}
		data, err := io.ReadAll(io.LimitReader(br, s.limits.MaxSize+1))
		if err != nil {
			return source.Result{}, text{}, err
		}
		res, txt := s.checkData(eng, src.name, data)
		return res, txt, nil
	}
	if h := testHookBeforeRead; h != nil {
		h(src.path)
	}
	if f := source.ByName(src.path); f != nil && f.Stream != nil {
		// Streamed formats are read as a stream, whatever their size.
		r, err := openStream(src.path, src.regular)
		if err != nil {
			return source.Result{}, text{}, err
		}
		defer r.Close()
		res, err := s.checkStream(eng, f, bufio.NewReaderSize(r, source.SniffSize))
		return res, text{path: src.path}, err
	}
	maxSize := s.limits.MaxSize
	if maxSize <= 0 {
		maxSize = source.DefaultMaxSize
	}
	data, size, err := readSource(src.path, min(maxSize, streamAbove), src.regular)
	switch {
	case err != nil:
		return source.Result{}, text{}, err
	case data == nil:
		// Large, or over --max-size: its start is looked at, in case it is
		// of a streamed format under another name, or an array document
		// to read one request at a time.
		r, err := openStream(src.path, true)
		if err != nil {
			return source.Result{}, text{}, err
		}
		defer r.Close()
		br := bufio.NewReaderSize(r, source.SniffSize)
		head, _ := br.Peek(source.SniffSize)
		f := source.Detect(src.path, head)
		if f.Stream != nil {
			res, err := s.checkStream(eng, f, br)
			return res, text{path: src.path}, err
		}
		if size > maxSize {
			return source.Check(eng, &request.Document{Problems: []request.Problem{source.TooLarge(size, s.limits)}}), text{}, nil
		}
		// A file to fix is read whole: fixes are edits on its bytes.
		if f == source.Document && source.StartsArray(head) && !s.fix.fixing() {
			res, complete, err := source.CheckArrayStream(eng, br, s.limits)
			if err != nil {
				return source.Result{}, text{}, fileError(err)
			}
			if complete {
				return res, text{path: src.path}, nil
			}
		}
		// Not an array, or one with a problem best told by reading it
		// whole.
		if data, size, err = readSource(src.path, maxSize, true); err != nil {
			return source.Result{}, text{}, err
		}
		if data == nil {
			return source.Check(eng, &request.Document{Problems: []request.Problem{source.TooLarge(size, s.limits)}}), text{}, nil
		}
	}
	res, txt := s.checkData(eng, src.name, data)
	return res, txt, nil
}

// checkData checks the bytes of a file read whole and, with --fix or
// --diff, fixes them: the result and the text are then those of the fixed
// bytes. Only request documents are fixed; the findings in other formats
// carry no fix.
func (s *setup) checkData(eng *rules.Engine, name string, data []byte) (source.Result, text) {
	if !s.fix.fixing() {
		res := source.CheckBytes(eng, name, data, s.limits)
		if res.Format != source.Document {
			noFixes(res.Diagnostics)
			res.Held.DropFixes()
		}
		return res, text{data: data}
	}
	res, final, n := s.fixSource(eng, name, data)
	return res, text{data: final, fix: fixed{orig: data, fixes: n}}
}

// streamAbove is the size from which an array document is read from its
// file one request at a time rather than whole: its bytes need not be
// held, so memory stays flat however many requests it has.
const streamAbove = 1 << 20

// text is where a checked input's bytes are: in memory, or in a file that
// was streamed (a HAR recording) and is read again, once, only when it has
// diagnostics. The zero text has none (stdin HAR, a file too large).
type text struct {
	data []byte
	path string
	fix  fixed // with --fix or --diff: what fixing data did
}

// locates reports whether the run needs what only the source can tell of
// a diagnostic (report.Located): the UTF-16 columns of SARIF and GitHub
// annotations, a baseline's value hashes. Text and JSON output use
// neither, and reading a large file again to find them was a fifth of
// such a run.
func (s *setup) locates() bool {
	return s.formatName == "sarif" || s.formatName == "github" || s.baseline != nil || s.writeBaseline != ""
}

// locate finds what report.LocateHeld finds of an input's diagnostics:
// nil when there are none, or the input's bytes are not at hand.
func (t text) locate(h *rules.Held) []report.Located {
	if h.Len() == 0 {
		return nil
	}
	if t.data != nil {
		return report.LocateHeld(t.data, h)
	}
	if t.path != "" {
		if f, err := openStream(t.path, false); err == nil {
			defer f.Close()
			if loc, err := report.LocateHeldReader(f, h); err == nil {
				return loc
			}
		}
	}
	return nil
}

// testHookBeforeRead, when set, runs before a file is looked at (tests
// remove or replace files there).
var testHookBeforeRead func(path string)

// testHookReadAll, when set, runs when a file is opened to be read in
// full (not when the start of a file too large to read is looked at).
var testHookReadAll func(path string)

// readSource reads a file of at most max bytes. A file over max is not
// read: data is nil and size is its size. Anything but a regular file
// (a directory, named pipe, socket or device) is an error and is not read.
// Unless the directory walk saw a regular file (regular), the path's mode
// is checked before it is opened; it is checked again on the open file in
// any case, should the path have changed in between.
func readSource(path string, max int64, regular bool) (data []byte, size int64, err error) {
	if !regular {
		st, err := os.Stat(path)
		if err != nil {
			return nil, 0, fileError(err)
		}
		if err := regularMode(st.Mode()); err != nil {
			return nil, 0, err
		}
		if st.Size() > max {
			return nil, st.Size(), nil
		}
	}
	return readRegular(path, max)
}

// openStream opens a file to be read as a stream (a HAR recording, or the
// start of a file too large to read). As readSource, it opens no path
// that is not a regular file, unless the directory walk saw one there, and
// checks the open file again.
func openStream(path string, regular bool) (*os.File, error) {
	if !regular {
		st, err := os.Stat(path)
		if err != nil {
			return nil, fileError(err)
		}
		if err := regularMode(st.Mode()); err != nil {
			return nil, err
		}
	}
	f, err := openFile(path)
	if err != nil {
		return nil, fileError(err)
	}
	st, err := f.Stat()
	if err == nil {
		err = regularMode(st.Mode())
	}
	if err != nil {
		f.Close()
		return nil, fileError(err)
	}
	return f, nil
}

// regularMode reports anything but a regular file as an error that says
// what the file is.
func regularMode(m fs.FileMode) error {
	what := "of an unknown kind"
	switch {
	case m.IsRegular():
		return nil
	case m.IsDir():
		what = "a directory"
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	case m&fs.ModeDevice != 0:
		what = "a device"
	}
	return errors.New("not a regular file (" + what + "); use - to read standard input")
}

// checkStream reads a file of a streamed format (a HAR recording): entries
// are read, checked and dropped one at a time and responses skipped, so
// memory does not grow with the file (--max-size does not apply). The rate
// rules keep what they need of each request (rules.Record).
func (s *setup) checkStream(eng *rules.Engine, f *source.Format, r io.Reader) (source.Result, error) {
	res, err := source.CheckStream(eng, f, r, s.limits)
	if err != nil {
		return source.Result{}, fileError(err)
	}
	noFixes(res.Diagnostics) // a recording is never rewritten
	res.Held.DropFixes()
	return res, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// fileError drops the path from an fs error: the caller names the file.
func fileError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
