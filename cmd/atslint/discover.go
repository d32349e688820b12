package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/atslint/atslint/config"
	"github.com/atslint/atslint/internal/gitignore"
	"github.com/atslint/atslint/report"
	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/source"
)

// skipDirs are never searched, wherever they are.
var skipDirs = map[string]bool{"vendor": true, "node_modules": true}

// A found file is a path to check.
type found struct {
	path    string
	regular bool // the directory entry is a regular file (not a symlink, pipe...)
	// walked is set for a file the directory walk found, as opposed to one
	// named on the command line: a walked file that holds no request is
	// skipped silently (DESIGN.md §2a).
	walked bool
}

// collect expands a path into the files to check, sorted. A file named
// explicitly is checked whatever its name. A directory is walked: hidden
// directories (.git, .vscode, .idea…), vendor and node_modules are not
// entered, nor directories and files that the repository's .gitignore files
// or the config's ignore list exclude; of the rest, candidate names are
// kept, whatever their type (a named pipe or broken symlink is reported
// when it is read).
func collect(path string, cfg *config.Config) ([]found, []report.FileError) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, []report.FileError{{File: filepath.ToSlash(path), Message: fileError(err).Error()}}
	}
	if !st.IsDir() {
		return []found{{path: path}}, nil
	}
	ign, root := gitignore.ForWalk(path)
	// rel is a walked path relative to the repository root, for the
	// .gitignore patterns.
	absPath, _ := filepath.Abs(path)
	rel := func(p string) string {
		r, err := filepath.Rel(path, p)
		if err == nil {
			r, err = filepath.Rel(root, filepath.Join(absPath, r))
		}
		if err != nil {
			return filepath.ToSlash(p)
		}
		return filepath.ToSlash(r)
	}
	var files []found
	var errs []report.FileError
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, report.FileError{File: filepath.ToSlash(p), Message: fileError(err).Error()})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if p == path {
				return nil
			}
			name := d.Name()
			if strings.HasPrefix(name, ".") || skipDirs[name] || ign.Ignored(rel(p), true) || cfg.IgnoredDir(p) {
				return fs.SkipDir
			}
			ign.AddFile(rel(p), filepath.Join(p, ".gitignore"))
			return nil
		}
		if p == path {
			return nil
		}
		if source.IsCandidate(d.Name()) && !ign.Ignored(rel(p), false) {
			files = append(files, found{path: p, regular: d.Type().IsRegular(), walked: true})
		}
		return nil
	})
	if err != nil {
		errs = append(errs, report.FileError{File: filepath.ToSlash(path), Message: err.Error()})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].path < files[j].path })
	return files, errs
}

// heldNoRequest reports whether a walked file is to be skipped silently
// (DESIGN.md §2a): it is none of the formats (the dispatcher's
// Result.Foreign: package.json, editor settings), or it does not parse and
// does not name a "method" either (tsconfig.json with comments). A file
// that does not parse but names a "method" was meant as a request, and is
// reported.
func heldNoRequest(res source.Result, data []byte) bool {
	if res.Foreign {
		return true
	}
	// A streamed file (data nil) that does not parse was read as a format
	// it claimed to be: report it.
	if res.Requests > 0 || res.Skipped > 0 || len(res.Diagnostics)+res.Held.Len() == 0 || data == nil {
		return false
	}
	for _, d := range res.Diagnostics {
		if d.Rule != request.RuleSyntax {
			return false
		}
	}
	for i := range res.Held.Len() {
		if res.Held.Rule(i) != request.RuleSyntax {
			return false
		}
	}
	return !bytes.Contains(data, []byte(`"method"`))
}
