// Package baseline records the diagnostics a project has accepted, so that
// `atslint check --baseline FILE` reports only new ones.
//
// An entry is keyed by file, rule, JSON Pointer, provider and a hash of the
// offending source text (report.ValueHash), not by line: moving a request
// within its file keeps its entries, changing the offending value does not.
// Matching counts: a baseline holding a key twice absorbs two diagnostics
// with that key, and a third is reported.
//
// File paths are stored relative to the baseline file's directory, so the
// same baseline works whatever directory atslint runs in.
package baseline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/atslint/atslint/report"
)

// Version is the baseline format version this package reads and writes.
const Version = 1

// Entry is one accepted diagnostic.
type Entry struct {
	File     string `json:"file"`
	Rule     string `json:"rule"`
	Pointer  string `json:"pointer"`
	Provider string `json:"provider"`
	// Hash is report.ValueHash of the offending text ("" when the front end
	// had no source).
	Hash string `json:"hash"`
	// Message is for people reading the baseline; it is not matched, so a
	// reworded message keeps its entries.
	Message string `json:"message"`
}

type key struct{ file, rule, pointer, provider, hash string }

func (e Entry) key() key { return key{e.File, e.Rule, e.Pointer, e.Provider, e.Hash} }

// Baseline is a set of accepted diagnostics.
type Baseline struct {
	Version int     `json:"version"`
	Entries []Entry `json:"entries"`

	dir string // directory entry paths are relative to
}

// New returns the baseline of the diagnostics, with paths relative to dir
// (the directory the baseline file will be written to). Entries are sorted.
func New(dir string, ds []report.Diagnostic) *Baseline {
	b := &Baseline{Version: Version, Entries: []Entry{}, dir: dir}
	for _, d := range ds {
		b.Entries = append(b.Entries, Entry{
			File: b.rel(d.File), Rule: d.Rule, Pointer: d.Pointer, Provider: d.Provider,
			Hash: d.ValueHash, Message: d.Message,
		})
	}
	sort.SliceStable(b.Entries, func(i, j int) bool {
		x, y := b.Entries[i], b.Entries[j]
		switch {
		case x.File != y.File:
			return x.File < y.File
		case x.Rule != y.Rule:
			return x.Rule < y.Rule
		case x.Pointer != y.Pointer:
			return x.Pointer < y.Pointer
		case x.Provider != y.Provider:
			return x.Provider < y.Provider
		case x.Hash != y.Hash:
			return x.Hash < y.Hash
		}
		return x.Message < y.Message
	})
	return b
}

// rel names a reported file relative to the baseline's directory. Report
// paths are relative to the working directory (or absolute); a name that is
// no path (stdin without --stdin-filename) is kept as it is.
func (b *Baseline) rel(file string) string {
	if file == "" || file[0] == '<' {
		return file
	}
	abs, err := filepath.Abs(filepath.FromSlash(file))
	if err != nil {
		return file
	}
	dir, err := filepath.Abs(b.dir)
	if err != nil {
		return file
	}
	r, err := filepath.Rel(dir, abs)
	if err != nil {
		return file
	}
	return filepath.ToSlash(r)
}

// Write writes the baseline as indented JSON with a final newline; the same
// diagnostics always give the same bytes.
func (b *Baseline) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(b)
}

// WriteFile writes the baseline of the diagnostics to path.
func WriteFile(path string, ds []report.Diagnostic) (*Baseline, error) {
	b := New(filepath.Dir(path), ds)
	var buf bytes.Buffer
	if err := b.Write(&buf); err != nil {
		return nil, err
	}
	return b, os.WriteFile(path, buf.Bytes(), 0o644)
}

// Read reads a baseline file. Paths in it are relative to its directory.
func Read(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("baseline %s: %v", path, err)
	}
	b, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("baseline %s: %v", path, err)
	}
	b.dir = filepath.Dir(path)
	return b, nil
}

// Parse reads baseline JSON. Unknown keys and other versions are errors: a
// baseline that is silently misread would hide or resurface diagnostics.
func Parse(data []byte) (*Baseline, error) {
	var b Baseline
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("not a baseline file: %v", err)
	}
	if dec.More() {
		return nil, errors.New("not a baseline file: data after the JSON object")
	}
	if b.Version != Version {
		return nil, fmt.Errorf("unsupported baseline version %d (this atslint reads version %d; rewrite it with --write-baseline)", b.Version, Version)
	}
	b.dir = "."
	return &b, nil
}

// Filter returns the diagnostics the baseline does not hold, in their
// order, and how many it held.
func (b *Baseline) Filter(ds []report.Diagnostic) (kept []report.Diagnostic, matched int) {
	left := map[key]int{}
	for _, e := range b.Entries {
		left[e.key()]++
	}
	kept = []report.Diagnostic{}
	for _, d := range ds {
		k := key{b.rel(d.File), d.Rule, d.Pointer, d.Provider, d.ValueHash}
		if left[k] > 0 {
			left[k]--
			matched++
			continue
		}
		kept = append(kept, d)
	}
	return kept, matched
}
