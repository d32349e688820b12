package rules

import "slices"

// One mistake, one finding: a rule that explains a mistake precisely (a
// provider rule) declares the generic rules it supersedes, and where it
// reports, those are not reported as well for the same text. This is a
// declaration on the rule (Rule.Supersedes), applied here for every rule
// alike; `atslint explain` shows it.

// supersededBy maps a rule ID to the IDs of the rules that supersede it,
// among the engine's rules.
func supersededBy(rs []*Rule) map[string][]string {
	var m map[string][]string
	for _, r := range rs {
		for _, id := range r.Supersedes {
			if m == nil {
				m = map[string][]string{}
			}
			m[id] = append(m[id], r.ID)
		}
	}
	return m
}

// supersede drops the diagnostics of one request that a superseding rule
// explains: a diagnostic of rule G goes when diagnostics of rules that
// supersede G cover an overlapping span for every provider the request is
// checked against (or once, from a provider-independent rule). With
// providers [lever, greenhouse], Lever's explanation alone does not hide
// the generic finding, which still holds for Greenhouse. A superseding
// rule that is turned off reports nothing, so the generic finding stays.
func (e *Engine) supersede(providers []string, ds []Diagnostic) []Diagnostic {
	if len(e.supersedes) == 0 || len(ds) < 2 {
		return ds
	}
	var kept []Diagnostic // a copy, made at the first one dropped
	for i, d := range ds {
		by := e.supersedes[d.Rule]
		switch {
		case len(by) == 0 || !e.covered(d, by, providers, ds, i):
			if kept != nil {
				kept = append(kept, d)
			}
		case kept == nil:
			kept = append(make([]Diagnostic, 0, len(ds)-1), ds[:i]...)
		}
	}
	if kept == nil {
		return ds
	}
	return kept
}

func (e *Engine) covered(d Diagnostic, by, providers []string, ds []Diagnostic, self int) bool {
	seen := map[string]bool{}
	for j, o := range ds {
		if j == self || o.Request != d.Request || !slices.Contains(by, o.Rule) || !overlaps(o, d) {
			continue
		}
		if o.Provider == "" {
			return true
		}
		seen[o.Provider] = true
	}
	if len(providers) == 0 {
		return false
	}
	for _, p := range providers {
		if !seen[p] {
			return false
		}
	}
	return true
}

// overlaps reports whether two diagnostics point at some of the same
// bytes (or at the same place, for empty spans).
func overlaps(a, b Diagnostic) bool {
	as, ae := a.Span.Start.Offset, a.Span.End.Offset
	bs, be := b.Span.Start.Offset, b.Span.End.Offset
	if as == bs {
		return true
	}
	return as < be && bs < ae
}
