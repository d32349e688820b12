package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/source"
	"github.com/atslint/atslint/source/har"
	"github.com/atslint/atslint/triage"
)

func init() {
	register(&command{name: "triage", short: "explain failed StackOne responses: cause, fix, and the rule that predicted it", run: runTriage})
}

func triageFormats() []string {
	var out []string
	for n := range triage.Formats {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

const triageSynopsis = `usage: atslint triage [flags] PATH...

Explains failed StackOne responses: StackOne error responses ({"statusCode",
"message", …}, one or an array) in .json files, and the failed entries of HAR
recordings (.har) with the rules that predicted them. Exit 1 when any response
was an error, 2 on a usage error or an input that cannot be read.`

func runTriage(e *env, args []string) int {
	fs := flag.NewFlagSet("triage", flag.ContinueOnError)
	var f checkFlags
	fs.StringVar(&f.format, "format", "text", "output format: "+strings.Join(triageFormats(), ", "))
	fs.StringVar(&f.provider, "provider", "", "provider of responses whose request or file names none (greenhouse, lever, teamtailor, …)")
	fs.StringVar(&f.configPath, "config", "", "config file (default: .atslint.yaml in the working directory or a parent); its accounts map x-account-id to providers")
	fs.StringVar(&f.openapi, "openapi", "", "check HAR requests against this StackOne ATS OpenAPI document instead of the built-in catalogue")
	fs.Int64Var(&f.maxSize, "max-size", source.DefaultMaxSize, "largest error file read, in bytes (HAR recordings are streamed and exempt)")
	fs.StringVar(&f.stdinName, "stdin-filename", defaultStdinName, "file name shown for input read from -")
	paths, code, done := e.parseFlags(fs, triageSynopsis, args)
	if done {
		return code
	}
	if len(paths) == 0 {
		fmt.Fprintln(e.stderr, "atslint triage: no paths given (try: atslint triage testdata/triage)")
		return exitUsage
	}
	write, ok := triage.Formats[f.format]
	if !ok {
		fmt.Fprintf(e.stderr, "atslint: %v\n", unknownFormat(f.format, triageFormats()))
		return exitUsage
	}
	f.format = "text" // prepare checks check's formats; triage has its own
	s, err := f.prepare(e.dir)
	if err != nil {
		fmt.Fprintf(e.stderr, "atslint: %v\n", err)
		return exitUsage
	}

	rep := &triage.Report{}
	for _, p := range paths {
		if p == "-" {
			src := input{name: f.stdinName, stdin: true}
			if f.stdinName != defaultStdinName {
				src.path = f.stdinName
			}
			s.triageSource(e, rep, src)
			continue
		}
		found, errs := collect(p, s.cfg)
		for _, fe := range errs {
			rep.AddUnreadable(fe.File, fe.Message)
		}
		for _, file := range found {
			if s.cfg.Ignored(file.path) {
				continue
			}
			s.triageSource(e, rep, input{name: filepath.ToSlash(file.path), path: file.path, regular: file.regular})
		}
	}

	for _, p := range rep.Problems {
		loc := p.File
		if p.Span.Start.Line > 0 {
			loc = fmt.Sprintf("%s:%d:%d", p.File, p.Span.Start.Line, p.Span.Start.Column)
		}
		fmt.Fprintf(e.stderr, "atslint: %s: %s\n", loc, p.Message)
	}
	if err := write(e.stdout, rep); err != nil {
		fmt.Fprintf(e.stderr, "atslint: writing output: %v\n", err)
		return exitUsage
	}
	switch {
	case len(rep.Problems) > 0:
		return exitUsage
	case rep.Summary.Errors > 0:
		return exitFindings
	}
	return exitOK
}

// triageSource reads one input: a HAR recording is streamed with its
// failed responses; anything else is read as error responses.
func (s *setup) triageSource(e *env, rep *triage.Report, src input) {
	eng := s.engine(src.path)
	opts := request.Options{MaxDepth: s.limits.MaxDepth}
	var r io.Reader
	if src.stdin {
		r = e.stdin
	} else {
		f, err := openStream(src.path, src.regular)
		if err != nil {
			rep.AddUnreadable(src.name, err.Error())
			return
		}
		defer f.Close()
		r = f
	}
	br := bufio.NewReaderSize(r, source.SniffSize)
	head, _ := br.Peek(source.SniffSize)
	if source.Detect(src.name, head) == source.HAR {
		doc, err := har.Read(br, har.Options{Options: opts, Responses: true})
		if err != nil {
			rep.AddUnreadable(src.name, fileError(err).Error())
			return
		}
		rep.AddHAR(eng, src.name, doc, opts)
		return
	}
	data, err := io.ReadAll(io.LimitReader(br, s.limits.MaxSize+1))
	if err != nil {
		rep.AddUnreadable(src.name, fileError(err).Error())
		return
	}
	if int64(len(data)) > s.limits.MaxSize {
		rep.AddUnreadable(src.name, fmt.Sprintf("file is over the %d-byte limit (--max-size)", s.limits.MaxSize))
		return
	}
	rep.AddErrorFile(eng, src.name, data, opts)
}
