package report

import (
	"cmp"
	"iter"
	"slices"

	"github.com/atslint/atslint/rules"
)

// heldFile is the diagnostics of one file as a run keeps them until they
// are written: compact (rules.Held), with what locating them found.
type heldFile struct {
	name string
	h    *rules.Held
	loc  []Located // by position in h; nil when the file was not located
}

// AddHeld adds the diagnostics of one file, held compactly, and what
// LocateHeld found of them (nil for nothing). They are written as
// Diagnostics are, without a Diagnostic being kept for each.
func (r *Report) AddHeld(file string, h *rules.Held, loc []Located) {
	if h.Len() > 0 {
		r.held = append(r.held, heldFile{name: file, h: h, loc: loc})
	}
}

// All returns the diagnostics in order: Diagnostics, then those held
// (Finish merges the two). The Diagnostic handed over is valid only until
// the next.
func (r *Report) All() iter.Seq[*Diagnostic] {
	return func(yield func(*Diagnostic) bool) {
		for i := range r.Diagnostics {
			if !yield(&r.Diagnostics[i]) {
				return
			}
		}
		var d Diagnostic
		for _, f := range r.held {
			for i := range f.h.Len() {
				d = f.at(i)
				if !yield(&d) {
					return
				}
			}
		}
	}
}

// Len is the number of diagnostics.
func (r *Report) Len() int {
	n := len(r.Diagnostics)
	for _, f := range r.held {
		n += f.h.Len()
	}
	return n
}

func (f *heldFile) at(i int) Diagnostic {
	d := Diagnostic{File: f.name, Diagnostic: f.h.At(i)}
	if f.loc != nil {
		l := f.loc[i]
		d.Column16, d.EndColumn16, d.ValueHash = int(l.Column16), int(l.EndColumn16), l.ValueHash()
	}
	return d
}

// Materialize turns the held diagnostics into Diagnostics, for what needs
// them all at once (baselines).
func (r *Report) Materialize() {
	if len(r.held) == 0 {
		return
	}
	ds := make([]Diagnostic, 0, r.Len())
	for d := range r.All() {
		ds = append(ds, *d)
	}
	r.Diagnostics, r.held = ds, nil
}

// sortHeld orders held files and their diagnostics as Finish orders
// Diagnostics: by file, line, column, then rules.CompareDiagnostics, each
// file's diagnostics kept in their order (rules.Held.Sort) where those tie.
func (r *Report) sortHeld() {
	slices.SortStableFunc(r.held, func(a, b heldFile) int { return cmp.Compare(a.name, b.name) })
	for k := range r.held {
		f := &r.held[k]
		h := f.h
		less := func(i, j int) int {
			a, b := h.Span(i).Start, h.Span(j).Start
			return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column), h.Compare(i, j))
		}
		sorted := true
		for i := 1; i < h.Len() && sorted; i++ {
			sorted = less(i-1, i) <= 0
		}
		if sorted {
			continue // as most are: by offset is by line and column
		}
		order := h.Order()
		slices.SortStableFunc(order, func(x, y int32) int { return less(int(x), int(y)) })
		if f.loc != nil {
			loc := make([]Located, len(order))
			for k, i := range order {
				loc[k] = f.loc[i]
			}
			f.loc = loc
		}
		h.Reorder(order)
	}
}
