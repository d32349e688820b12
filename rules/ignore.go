package rules

import (
	"slices"
	"strings"
)

var ruleIgnore = &Rule{
	ID: "atslint/ignore", Severity: Warning, Predicts: "none",
	Doc: Doc{
		Title: "ignore directive without a reason, or one that silences nothing",
		Why: "An ignore must say why the diagnostic does not apply, so the next reader can judge it; one that silences " +
			"nothing is stale and would hide a future real problem.",
		Fix: "Give the reason, or remove the directive.",
		Bad: `{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs", "headers": {"x-account-id": "acc_1"}, ` +
			`"x-atslint": {"ignore": [{"rule": "stackone/page-size"}]}}`,
		Good: `{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs?page_size=500", "headers": {"x-account-id": "acc_1"}, ` +
			`"x-atslint": {"ignore": [{"rule": "stackone/page-size", "reason": "this tenant's proxy caps pages itself"}]}}`,
		Sources: []string{"staticcheck docs, Ignoring problems (staticcheck.dev/docs/configuration/#ignoring-problems): a reason is required and unmatched directives are reported"},
	},
}

// IgnoreRule is the ID of the rule that reports ignores themselves.
const IgnoreRule = "atslint/ignore"

// An Ignore is an ignore of any front end: a request document's
// x-atslint entry, a Go //atslint:ignore directive. Which diagnostics it
// may silence (its scope) is the front end's to say: a document entry
// covers its request, a Go directive its line and the next.
type Ignore struct {
	// Rules are the rule IDs named, as written.
	Rules []string
	// Reason says why the diagnostics do not apply; without one, the
	// ignore silences nothing.
	Reason string
}

// Silences reports whether the ignore silences a diagnostic of rule id
// within its scope. atslint/ignore itself cannot be silenced.
func (ig Ignore) Silences(id string) bool {
	return id != IgnoreRule && strings.TrimSpace(ig.Reason) != "" && slices.Contains(ig.Rules, id)
}

// ApplyIgnores keeps the diagnostics of ds that no ignore silences; covers
// reports whether ignore i's scope includes a diagnostic, rule gives a
// diagnostic's rule ID. used[i] tells whether ignore i silenced any: the
// record of use is the caller's, never the ignores' own.
func ApplyIgnores[D any](ds []D, igs []Ignore, rule func(D) string, covers func(i int, d D) bool) (kept []D, used []bool) {
	used = make([]bool, len(igs))
	if len(igs) == 0 {
		return ds, used
	}
	kept = make([]D, 0, len(ds))
	for _, d := range ds {
		silenced := false
		for i, ig := range igs {
			if ig.Silences(rule(d)) && covers(i, d) {
				used[i], silenced = true, true
			}
		}
		if !silenced {
			kept = append(kept, d)
		}
	}
	return kept, used
}

// Problems returns the messages about an ignore that is wrong: it names no
// rule, has no reason, names a rule that does not exist, or (used false)
// silences nothing. syntax is how the front end writes an ignore, shown
// when none is named. A name that is no rule ID is never repeated: it
// could be anything, personal data included.
func (ig Ignore) Problems(used bool, syntax string) []string {
	allValid := !slices.ContainsFunc(ig.Rules, func(id string) bool { return !validID(id) })
	named := strings.Join(ig.Rules, ",")
	switch {
	case len(ig.Rules) == 0:
		return []string{"ignore names no rule; write " + syntax}
	case strings.TrimSpace(ig.Reason) == "" && !allValid:
		return []string{"ignore has no reason and names no rule ID (ruleset/name)"}
	case strings.TrimSpace(ig.Reason) == "":
		return []string{"ignore of " + named + " has no reason; say why the diagnostic does not apply"}
	case used:
		return nil
	}
	var msgs []string
	for _, id := range ig.Rules {
		if _, known := Lookup(id); !validID(id) {
			msgs = append(msgs, "ignore names no rule ID (ruleset/name)"+didYouMeanRule(id))
		} else if !known {
			msgs = append(msgs, "ignore names unknown rule "+quote(id)+didYouMeanRule(id))
		}
	}
	if len(msgs) == 0 {
		msgs = append(msgs, "ignore of "+named+" silences nothing; remove it")
	}
	return msgs
}

// didYouMeanRule names the rule a mistyped ignore most likely meant. Only a
// registered ID is printed, never the text the user wrote in its place.
func didYouMeanRule(written string) string {
	if id, ok := Suggest(written); ok {
		return "; did you mean " + id + "?"
	}
	return ""
}

// IgnoreDiagnostics returns the atslint/ignore diagnostics about an ignore
// at severity sev (none when the rule is off); the front end places them.
func IgnoreDiagnostics(ig Ignore, used bool, syntax string, sev Severity) []Diagnostic {
	if sev == Off {
		return nil
	}
	var out []Diagnostic
	for _, m := range ig.Problems(used, syntax) {
		out = append(out, Diagnostic{Rule: IgnoreRule, Severity: sev, Predicts: ruleIgnore.Predicts, Message: m})
	}
	return out
}

// documentIgnoreSyntax is how a request document writes an ignore.
const documentIgnoreSyntax = `{"rule": "ruleset/name", "reason": "…"} in "x-atslint": {"ignore": […]}`

// applyIgnores drops the diagnostics that a request's own ignore entries
// silence and reports entries that have no reason or silence nothing. The
// entries are copies kept by the file's check, and the record of which
// entry silenced what is this call's: Requests are read, never written.
func (e *Engine) applyIgnores(set *ignoreSet, ds []Diagnostic) []Diagnostic {
	if len(set.order) == 0 {
		return ds
	}
	// Only the diagnostics of requests with ignores are matched, each
	// against its own request's entries.
	kept := make([]Diagnostic, 0, len(ds))
	byReq := map[int][]Diagnostic{}
	for _, d := range ds {
		if _, ok := set.byIndex[d.Request]; ok {
			byReq[d.Request] = append(byReq[d.Request], d)
		} else {
			kept = append(kept, d)
		}
	}
	used := map[*ignoreUse]bool{}
	for index, entries := range set.byIndex {
		igs := make([]Ignore, len(entries))
		for i, ig := range entries {
			igs[i] = Ignore{Rules: []string{ig.Rule}, Reason: ig.Reason}
		}
		k, u := ApplyIgnores(byReq[index], igs, func(d Diagnostic) string { return d.Rule },
			func(int, Diagnostic) bool { return true })
		kept = append(kept, k...)
		for i, ig := range entries {
			used[ig] = u[i]
		}
	}
	sev := e.severity(ruleIgnore)
	for _, ig := range set.order {
		for _, d := range IgnoreDiagnostics(Ignore{Rules: []string{ig.Rule}, Reason: ig.Reason}, used[ig], documentIgnoreSyntax, sev) {
			d.Pointer, d.Request, d.Span = ig.Pointer, ig.index, ig.Span
			kept = append(kept, d)
		}
	}
	return kept
}
