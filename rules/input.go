package rules

import (
	"strings"

	"github.com/atslint/atslint/request"
)

// The input rules are reported by the readers, not by checks; they are
// registered so that config, docs and explain know them.
var (
	ruleSyntax = &Rule{
		ID: request.RuleSyntax, Severity: Error, Predicts: "400",
		Doc: Doc{
			Title:   "file is not valid JSON",
			Why:     "A request document that does not parse cannot be checked, and the request it describes would be sent malformed or not at all.",
			Fix:     "Fix the JSON at the reported position.",
			Bad:     `{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs",}`,
			Good:    `{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs"}`,
			Sources: []string{"RFC 8259: The JavaScript Object Notation (JSON) Data Interchange Format (www.rfc-editor.org/rfc/rfc8259)"},
		},
	}
	ruleNotARequest = &Rule{
		ID: request.RuleNotARequest, Severity: Error, Predicts: "none",
		Doc: Doc{
			Title:   "JSON that is no request document or HAR",
			Why:     "atslint reads request documents (an object with method and url or path, or an array of them) and HAR recordings. Other JSON is not checked, which would hide every problem in it.",
			Fix:     "Write the request as {\"method\": …, \"url\": …}, or keep the file out of the paths given to atslint.",
			Bad:     `{"url": "https://api.stackone.com/unified/ats/jobs"}`,
			Good:    `{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs"}`,
			Sources: []string{"atslint README, Request documents (github.com/atslint/atslint#request-documents)"},
		},
	}
	ruleUnknownKey = &Rule{
		ID: request.RuleUnknownKey, Severity: Error, Predicts: "none", AutoFix: Unsafe,
		Doc: Doc{
			Title:   "request document key the format does not have",
			Why:     "A misspelt top-level key (heders) is not part of the request: the headers it was meant to hold would silently be dropped.",
			Fix:     "Use the key the message names: provider, method, url, path, headers, query, body or x-atslint.",
			AutoFix: "Renames the key to the one known key it is closest to, when the object does not have that key already. Unsafe: what the misspelt key held starts being sent.",
			Bad:     `{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs", "heders": {"x-account-id": "acc_1"}}`,
			Good:    `{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs", "headers": {"x-account-id": "acc_1"}}`,
			Sources: []string{"atslint README, Request documents (github.com/atslint/atslint#request-documents)"},
		},
	}
	ruleTooLarge = &Rule{
		ID: request.RuleTooLarge, Severity: Error, Predicts: "none",
		Doc: Doc{
			Title:   "file over the size limit",
			Why:     "Request documents are small; a file over --max-size (64 MiB by default) is not read, so that one stray file cannot exhaust memory. HAR files are streamed and exempt.",
			Fix:     "Split the file, keep it out of the checked paths, or raise --max-size.",
			Sources: []string{"atslint README, Robustness (github.com/atslint/atslint#robustness): --max-size and the nesting limit"},
		},
	}
	ruleTooDeep = &Rule{
		ID: request.RuleTooDeep, Severity: Error, Predicts: "none",
		Doc: Doc{
			Title:   "nesting deeper than 1,000 levels",
			Why:     "No request needs more than a few levels of nesting; deeper input is a broken or hostile file, and reading it further would only cost memory.",
			Fix:     "Flatten the document.",
			Bad:     strings.Repeat("[", 1001) + strings.Repeat("]", 1001),
			Good:    `[[{"method": "GET", "url": "https://api.stackone.com/unified/ats/jobs"}]]`,
			Sources: []string{"atslint README, Robustness (github.com/atslint/atslint#robustness): --max-size and the nesting limit"},
		},
	}
	ruleUnknownProvider = &Rule{
		ID: "input/unknown-provider", Severity: Error, Predicts: "none",
		Doc: Doc{
			Title: "request names a provider atslint does not know",
			Why: "A request's \"provider\" selects the provider rules it is checked against. A name atslint does not know " +
				"(a typo such as bullhorm) would otherwise quietly switch those rules off, so the request would look clean. " +
				"StackOne's own keys (bullhorn_ats, workdayats, sapsuccessfactors_ats), the display names on its connector list and " +
				"category-suffixed forms are all accepted; docs/providers.md lists them.",
			Fix:  "Use one of the known provider keys; the message names the closest.",
			Bad:  `{"provider": "bullhorm", "method": "GET", "url": "https://api.stackone.com/unified/ats/jobs", "headers": {"x-account-id": "acc_1"}}`,
			Good: `{"provider": "bullhorn_ats", "method": "GET", "url": "https://api.stackone.com/unified/ats/jobs", "headers": {"x-account-id": "acc_1"}}`,
			Sources: []string{
				"StackOne's Bullhorn connection guide (hub.stackone.com/connection-guides/ats/bullhorn): the OAuth callback names the key bullhorn_ats",
				"StackOne's integration guides (github.com/StackOneHQ/hub-docs integration-guides/ats): provider keys such as workdayats and sapsuccessfactors_ats",
				"atslint README, Which provider (github.com/atslint/atslint#which-provider), and docs/providers.md: every accepted spelling and where it comes from",
			},
		},
	}
)

func init() {
	Register(ruleSyntax, ruleNotARequest, ruleUnknownKey, ruleUnknownProvider, ruleTooLarge, ruleTooDeep, ruleIgnore)
}

// InputDiagnostics turns the problems a reader found in a file into
// diagnostics at this run's severities, leaving out rules turned off.
func (e *Engine) InputDiagnostics(ps []request.Problem) []Diagnostic {
	var out []Diagnostic
	for _, p := range ps {
		if d := e.inputDiagnostic(p); d.Severity != Off {
			out = append(out, d)
		}
	}
	return out
}

func (e *Engine) inputDiagnostic(p request.Problem) Diagnostic {
	// The pointer is copied: it may view the tree of a request that is
	// dropped once read.
	d := Diagnostic{Rule: p.Rule, Severity: Error, Pointer: strings.Clone(p.Pointer), Request: p.Request, Message: p.Message, Span: p.Span}
	if r, ok := Lookup(p.Rule); ok {
		d.Severity, d.Predicts = e.severity(r), r.Predicts
		if r.AutoFix != NoFix && disjoint(p.Edits) {
			d.Fix = &Fix{Safety: r.AutoFix, Description: p.FixDescription, Edits: p.Edits}
		}
	}
	return d
}
