package main

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/atslint/atslint/config"
	"github.com/atslint/atslint/internal/gitignore"
	"github.com/atslint/atslint/report"
	"github.com/atslint/atslint/rules"
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

// candidate reports whether a walk should look at a file, by its name.
func candidate(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json", ".har":
		return true
	}
	return false
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
		if candidate(d.Name()) && !ign.Ignored(rel(p), false) {
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

// heldNoRequest reports whether a walked file is to be skipped silently:
// it holds no request, and it does not look meant as one either. JSON that
// is an object (or array of objects) with a method, url or path key at the
// top was meant as a request document, and its problems are reported; so
// is a file that does not parse but names a "method". package.json,
// tsconfig.json and the like are skipped.
func heldNoRequest(res rules.Result, data []byte) bool {
	if res.Requests > 0 || res.Skipped > 0 {
		return false
	}
	for _, d := range res.Diagnostics {
		switch d.Rule {
		case "input/not-a-request":
		case "input/syntax":
			if strings.Contains(string(data), `"method"`) {
				return false
			}
		default:
			return false
		}
	}
	return !meantAsRequest(data)
}

// meantAsRequest reports whether JSON has a request document's method, url
// or path key at its top level (or in its first element).
func meantAsRequest(data []byte) bool {
	var v any
	if json.Unmarshal(data, &v) != nil {
		return false
	}
	if a, ok := v.([]any); ok && len(a) > 0 {
		v = a[0]
	}
	m, ok := v.(map[string]any)
	if !ok {
		return false
	}
	for _, k := range []string{"method", "url", "path"} {
		if _, ok := m[k]; ok {
			return true
		}
	}
	return false
}
