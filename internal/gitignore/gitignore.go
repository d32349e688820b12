// Package gitignore decides which paths a repository's .gitignore files
// ignore, so that a directory walk does not read what git does not track
// (build output, downloaded fixtures, editor state).
//
// It implements the pattern format of gitignore(5) on top of doublestar's
// matcher: blank lines and # comments, ! negation (the last matching
// pattern wins, and a deeper .gitignore wins over an outer one), a trailing
// / for directories only, a slash at the start or in the middle anchoring
// the pattern to its .gitignore's directory, and * ? [..] ** as git reads
// them. Braces are literal in gitignore, so they are escaped for doublestar.
package gitignore

import (
	"bufio"
	"bytes"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

type pattern struct {
	glob    string // doublestar pattern, relative to base
	neg     bool
	dirOnly bool
}

type set struct {
	base string // slash path relative to the matcher's root, "" for the root
	pats []pattern
}

// Matcher holds the patterns that apply below a root directory.
type Matcher struct {
	sets []set
}

// Parse reads the patterns of a .gitignore file.
func Parse(data []byte) []pattern {
	var out []pattern
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if p, ok := parseLine(line); ok {
			out = append(out, p)
		}
	}
	return out
}

func parseLine(line string) (pattern, bool) {
	// Trailing spaces are dropped unless escaped with a backslash.
	for strings.HasSuffix(line, " ") && !strings.HasSuffix(line, "\\ ") {
		line = line[:len(line)-1]
	}
	if line == "" || strings.HasPrefix(line, "#") {
		return pattern{}, false
	}
	var p pattern
	switch {
	case strings.HasPrefix(line, "!"):
		p.neg = true
		line = line[1:]
	case strings.HasPrefix(line, `\!`), strings.HasPrefix(line, `\#`):
		line = line[1:]
	}
	if strings.HasSuffix(line, "/") {
		p.dirOnly = true
		line = strings.TrimRight(line, "/")
	}
	if line == "" {
		return pattern{}, false
	}
	anchored := strings.Contains(line, "/")
	line = strings.TrimPrefix(line, "/")
	line = strings.NewReplacer("{", `\{`, "}", `\}`).Replace(line)
	if !anchored && !strings.HasPrefix(line, "**/") {
		line = "**/" + line
	}
	if !doublestar.ValidatePattern(line) {
		return pattern{}, false // git ignores a pattern it cannot read, too
	}
	p.glob = line
	return p, true
}

// Add adds the patterns of the .gitignore file of directory base (slash
// path relative to the root, "" for the root). Sets must be added from the
// outside in: a later set takes precedence.
func (m *Matcher) Add(base string, pats []pattern) {
	if len(pats) > 0 {
		m.sets = append(m.sets, set{base: base, pats: pats})
	}
}

// AddFile adds the patterns of the file at path, for directory base; a file
// that cannot be read adds nothing.
func (m *Matcher) AddFile(base, file string) {
	data, err := os.ReadFile(file)
	if err != nil {
		return
	}
	m.Add(base, Parse(data))
}

// Ignored reports whether the path (slash-separated, relative to the root)
// is ignored. Its parent directories must not be ignored: a walk does not
// enter an ignored directory, as git does not.
func (m *Matcher) Ignored(rel string, isDir bool) bool {
	ignored := false
	for _, s := range m.sets {
		name := rel
		if s.base != "" {
			r, ok := strings.CutPrefix(rel, s.base+"/")
			if !ok {
				continue
			}
			name = r
		}
		for _, p := range s.pats {
			if p.dirOnly && !isDir {
				continue
			}
			if doublestar.MatchUnvalidated(p.glob, name) {
				ignored = !p.neg
			}
		}
	}
	return ignored
}

// ForWalk returns a matcher for a walk that starts at dir: the repository
// root is the nearest directory at or above dir that holds .git (dir itself
// when there is none), and the .gitignore files from that root down to dir
// apply, with .git/info/exclude. root is the repository root; paths passed
// to Ignored are relative to it.
func ForWalk(dir string) (m *Matcher, root string) {
	m = &Matcher{}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return m, dir
	}
	root = abs
	for d := abs; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			root = d
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	m.AddFile("", filepath.Join(root, ".git", "info", "exclude"))
	rel, err := filepath.Rel(root, abs)
	if err != nil {
		return m, root
	}
	base := ""
	m.AddFile(base, filepath.Join(root, ".gitignore"))
	if rel != "." {
		for _, seg := range strings.Split(filepath.ToSlash(rel), "/") {
			base = path.Join(base, seg)
			m.AddFile(base, filepath.Join(root, filepath.FromSlash(base), ".gitignore"))
		}
	}
	return m, root
}
