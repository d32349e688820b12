package rules

import (
	"strings"

	"github.com/atslint/atslint/request"
)

// The lever rule set: Lever accounts behind StackOne.

func init() {
	Register(ruleLeverUpdatedAtFilter, ruleLeverPrivateNote)
}

const srcLeverSecretNotes = "Lever Help Center, Secret notes (help.lever.co/hc/en-us/articles/206403295): secret notes are visible only " +
	"to their author, @-mentioned users and (Super) Admins"

// isUpdatedAt reports whether a filter or parameter name means updated_at,
// however it is spelt (updated_at, updatedAt, UPDATED_AT).
func isUpdatedAt(name string) bool {
	return strings.ReplaceAll(strings.ToLower(name), "_", "") == "updatedat"
}

var ruleLeverUpdatedAtFilter = &Rule{
	ID: "lever/updated-at-filter", Severity: Error, Predicts: "400", Providers: []string{"lever"}, AutoFix: Unsafe,
	Supersedes: []string{"stackone/unknown-filter", "stackone/unknown-query-param"},
	Doc: Doc{
		Title: "Lever request filters on updated_at",
		Why: "StackOne's Lever connector does not support filtering on updated_at: in Lever, updated_at reflects changes to " +
			"a few selected fields only. The filter is rejected (Lever's 400 Invalid Request for a malformed parameter) or, " +
			"at best, ignored, and a sync that relies on it misses changes. filter[updated_after] is supported and matches " +
			"any change to the candidate record.",
		Fix: "Use filter[updated_after] with an RFC 3339 date-time.",
		AutoFix: "Renames filter[updated_at] (or a plain updated_at) to filter[updated_after], when the request does not send filter[updated_after] already; the value stays. " +
			"Unsafe: records changed after the date are returned, not those whose updated_at equals it. Operator forms such as filter[updated_at][gte] are left alone.",
		Bad: `{"method": "GET", "url": "https://api.stackone.com/unified/ats/candidates?filter[updated_at]=2024-01-01T00:00:00Z", ` +
			`"headers": {"x-account-id": "acc_1"}}`,
		Good: `{"method": "GET", "url": "https://api.stackone.com/unified/ats/candidates?filter[updated_after]=2024-01-01T00:00:00Z", ` +
			`"headers": {"x-account-id": "acc_1"}}`,
		Sources: []string{seed("Lever: \"Filtering by updated_at values is unsupported\"; updated_after evaluates any candidate record change")},
	},
	Check: func(p *Pass) {
		r := p.Request
		if !isATSPath(r) || p.Is(proxyOperation) {
			return
		}
		for _, q := range r.Query {
			var name string
			switch {
			case q.Key == "" && isUpdatedAt(q.Name):
				name = q.Name // a plain updated_at=… parameter
			case q.Name == "filter":
				if top, _, _ := strings.Cut(q.Key, "["); isUpdatedAt(top) { // filter[updated_at][gte] too
					name = "filter[" + top + "]"
				}
			}
			if name != "" {
				p.ReportParam(q, "Lever cannot filter on updated_at, so StackOne rejects %s (400) or returns unfiltered records; use filter[updated_after], which matches any change to the record", name)
				const to = "filter[updated_after]"
				if q.FullName() == name && !hasParam(r, to) {
					if e, ok := renameParam(r, q, to); ok {
						p.Fix("rename "+name+" to "+to, e)
					}
				}
			}
		}
	},
}

var ruleLeverPrivateNote = &Rule{
	ID: "lever/private-note", Severity: Info, Predicts: "none", Providers: []string{"lever"},
	Doc: Doc{
		Title: "Lever note created as private",
		Why: "A private note on Lever is a secret note: Lever shows it only to its author, to users @-mentioned in it and to " +
			"(Super) Admins. The hiring team does not see it, which is rarely what an integration that writes interview " +
			"feedback wants. (atslint assumes StackOne maps visibility private to Lever's secret notes.)",
		Fix: "Send visibility {\"value\": \"public\"} for notes the hiring team should read; keep private for confidential notes.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/ats/candidates/c1/notes", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"content": [{"body": "Strong systems design round"}], "author_id": "u1", "visibility": {"value": "private"}}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/ats/candidates/c1/notes", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"content": [{"body": "Strong systems design round"}], "author_id": "u1", "visibility": {"value": "public"}}}`,
		Sources: []string{srcLeverSecretNotes},
	},
	Check: func(p *Pass) {
		b := bodyObject(p)
		if b == nil || !p.Is(noteCreates...) {
			return
		}
		vis := b.Get("visibility")
		if vis == nil || vis.Kind != request.Object {
			return
		}
		if v, ok := vis.Get("value").StringValue(); ok && v == "private" {
			p.ReportValue(vis, "a private note is a secret note on Lever, seen only by its author, @-mentioned users and admins; use public if the hiring team should read it")
		}
	},
}
