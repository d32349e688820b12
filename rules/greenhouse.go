package rules

import (
	"slices"
	"strings"

	"github.com/atslint/atslint/request"
)

// The greenhouse rule set: Greenhouse accounts behind StackOne, and
// Greenhouse Harvest requests sent through the passthrough.

func init() {
	Register(
		ruleGreenhouseProxyHarvestRetired, ruleGreenhouseActingUser, ruleGreenhouseNoteVisibility, ruleGreenhouseRejectionEmail,
		ruleGreenhouseRejectionEmailTemplate, ruleGreenhouseEmptyContactArray,
		ruleGreenhouseProxyOnBehalfOfID, ruleGreenhouseProxyPerPage, ruleGreenhouseProxyCursorParams,
		ruleGreenhouseProxyV3Page, ruleGreenhouseProxyV3LastActivity, ruleGreenhouseProxyApplicationStatus, ruleGreenhouseProxyCandidateIDsIgnored,
		ruleGreenhouseProxyCustomFieldClear, ruleGreenhouseProxyAttachmentShareLink,
		ruleGreenhouseProxyAttachmentContentType, ruleGreenhouseProxyCandidateApplications,
	)
}

// Harvest docs: grnhse/greenhouse-api-docs @0c37c31 (= developers.greenhouse.io/harvest.html).
const (
	srcHarvest             = "Greenhouse Harvest API docs (developers.greenhouse.io/harvest.html; grnhse/greenhouse-api-docs source/includes/harvest)"
	srcHarvestCandidates   = srcHarvest + ", Candidates (_candidates.md)"
	srcHarvestApplications = srcHarvest + ", Applications (_applications.md)"
	srcHarvestV3           = "Greenhouse Harvest v3 docs, Pagination (harvestdocs.greenhouse.io/docs/pagination)"
	srcGreenhouseSupport   = "Greenhouse Support, Establish API connectivity (support.greenhouse.io/hc/en-us/articles/360029266032): " +
		"write requests need a valid user ID in the On-Behalf-Of header"
	// v1v2Only is said by every rule that describes Harvest v1/v2 alone.
	v1v2Only = " This describes Harvest v1/v2, which Greenhouse removed at the end of August 2026 (greenhouse/proxy-harvest-retired " +
		"reports every v1/v2 call); atslint has no source for the same behaviour in Harvest v3, so v3 requests are not judged."
)

// harvest returns a Greenhouse Harvest passthrough call with its API version
// ("v1", "v2", "v3"; "" when the path names none) and the path below it.
func harvest(p *Pass) (pc *proxyCall, version string, rest []string) {
	pc = proxyOf(p)
	if pc == nil || !pc.known || !pc.on(p.Provider) {
		return nil, "", nil
	}
	rest = pc.Segments
	if len(rest) > 0 && len(rest[0]) == 2 && rest[0][0] == 'v' && rest[0][1] >= '1' && rest[0][1] <= '9' {
		version, rest = rest[0], rest[1:]
	}
	return pc, version, rest
}

// harvestV12 is harvest for the v1 and v2 API only, which the Harvest docs
// the rules cite describe. A path that names no version is not judged:
// which API it reaches depends on the base URL StackOne uses.
func harvestV12(p *Pass) (*proxyCall, []string) {
	pc, v, rest := harvest(p)
	if pc == nil || v != "v1" && v != "v2" {
		return nil, nil
	}
	return pc, rest
}

// pathIs reports whether segs match a pattern in which "*" stands for any
// one segment.
func pathIs(segs []string, pattern ...string) bool {
	if len(segs) != len(pattern) {
		return false
	}
	for i, s := range pattern {
		if s != "*" && s != segs[i] {
			return false
		}
	}
	return true
}

var ruleGreenhouseActingUser = &Rule{
	ID: "greenhouse/acting-user", Severity: Warning, Predicts: "404", Providers: []string{"greenhouse"},
	Doc: Doc{
		Title: "Greenhouse note with no acting user",
		Why: "Greenhouse records every write against the user who performs it: Harvest requires an On-Behalf-Of header " +
			"with a Greenhouse user id \"for auditing purposes\" on every write, and a note needs its user. StackOne's " +
			"Greenhouse connector takes that user at account linking, and an invalid Greenhouse user id gives 404. A " +
			"unified note without author_id is written as whichever user the account was linked with, or fails. " +
			"Passthrough writes are not checked: StackOne acts as the user linked to the account (its 404 names \"the " +
			"Greenhouse user ID provided during account linking\", and its Harvest v3 guide says a blank user id means the " +
			"credentials' service account), and no source says that it leaves On-Behalf-Of out of what it forwards.",
		Fix: "Set author_id on notes to the Greenhouse user who wrote them (ideally a dedicated integration user for automated notes).",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/ats/candidates/c1/notes", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"content": [{"body": "Strong systems design round"}], "visibility": {"value": "private"}}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/ats/candidates/c1/notes", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"content": [{"body": "Strong systems design round"}], "author_id": "4080", "visibility": {"value": "private"}}}`,
		Sources: []string{
			seed("Greenhouse: 404 Not Found for an invalid Greenhouse user ID provided during account linking"),
			srcHarvestCandidates + " and Applications: On-Behalf-Of on every write endpoint; Add Note requires user_id",
			srcGreenhouseSupport, srcStackOneGreenhouseV3,
		},
	},
	Check: func(p *Pass) {
		b := bodyObject(p)
		if b == nil || !p.Is(noteCreates...) || !missing(b, "author_id") {
			return
		}
		reportMissing(p, b, "author_id", "Greenhouse note has no author_id, but Greenhouse records every write against an acting user, so the note is written as the account's linked user or fails (404 for an invalid user); set author_id to the Greenhouse user who wrote it")
	},
}

const (
	srcStackOneGreenhouseV3 = "StackOne docs pull request, Greenhouse guide moved to Harvest v3 OAuth credentials " +
		"(github.com/StackOneHQ/hub-docs/pull/399, merged 2026-08-12): optional user id to act on behalf of, blank means the " +
		"credentials' service account; Greenhouse retires v1/v2 keys on 2026-08-31"
	srcHarvestRetirement = "Greenhouse Harvest API docs (developers.greenhouse.io/harvest.html) and Harvest v3 migration guide " +
		"(harvestdocs.greenhouse.io/docs/step-by-step-migration-instructions): v1 and v2 are deprecated and removed on August 31, 2026; v3 uses OAuth 2.0"
	srcPrismaticGreenhouse = "Prismatic connector changelog, Greenhouse, 2026-06-12 (prismatic.io/docs/changelog/connectors/2026/06/12/greenhouse/): " +
		"removal on 2026-08-31, v1/v2 connections cannot be upgraded, v3 reject/unreject actions, attachments resource, " +
		"activate/deactivate users, last_activity_at[gte] with a cursor"
	srcWorkatoGreenhouse = "Workato docs, Greenhouse migration (docs.workato.com/connectors/greenhouse/migration): removal on 2026-08-30; " +
		"v1/v2 and v3 actions cannot be mixed on one connection"
)

var ruleGreenhouseProxyHarvestRetired = &Rule{
	ID: "greenhouse/proxy-harvest-retired", Severity: Error, Predicts: "4xx", Providers: []string{"greenhouse"},
	Doc: Doc{
		Title: "Greenhouse passthrough to the retired Harvest v1 or v2 API",
		Why: "Greenhouse removed Harvest API v1 and v2 at the end of August 2026 (August 31 in Greenhouse's and StackOne's " +
			"words; Workato's migration guide says August 30). v1/v2 API keys cannot be upgraded: Harvest v3 needs an OAuth 2.0 " +
			"connection, and v1/v2 and v3 calls cannot be mixed on one connection. A passthrough request whose path names /v1/ " +
			"or /v2/ therefore fails. Harvest v3 also reshaped some resources: it pages with a cursor instead of page, polls " +
			"changes with last_activity_at[gte], rejects and unrejects through dedicated actions, keeps candidate attachments " +
			"in a resource of their own and activates or deactivates users instead of enabling or disabling them; the message " +
			"names the v3 counterpart where one of these applies (integrators' migration notes; confirm against the v3 reference).",
		Fix: "Rewrite the call for Harvest v3 (/v3/…), and make sure the account is linked with Harvest v3 OAuth credentials " +
			"(StackOne's Greenhouse guide).",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "get", "url": "https://harvest.greenhouse.io/v1/candidates?per_page=100"}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "get", "url": "https://harvest.greenhouse.io/v3/candidates?per_page=100"}}`,
		Sources: []string{srcHarvestRetirement, srcStackOneGreenhouseV3, srcPrismaticGreenhouse, srcWorkatoGreenhouse, srcProxyDocs},
	},
	Check: func(p *Pass) {
		pc, version, rest := harvest(p)
		if pc == nil || version != "v1" && version != "v2" {
			return
		}
		p.ReportValue(pc.targetValue(), "Greenhouse removed Harvest %s at the end of August 2026, so this passthrough call fails; %s",
			version, harvestV3Counterpart(pc, rest))
	},
}

// harvestV3Counterpart says where a Harvest v1/v2 call goes in v3, as far
// as the migration notes atslint cites say.
func harvestV3Counterpart(pc *proxyCall, rest []string) string {
	const port = "rewrite it for Harvest v3 (/v3/…) on a v3 OAuth connection"
	last := ""
	if len(rest) > 0 {
		last = rest[len(rest)-1]
	}
	switch {
	case len(rest) >= 3 && rest[0] == "applications" && (last == "reject" || last == "unreject"):
		return port + ", where rejecting and unrejecting are dedicated reject/unreject actions"
	case slices.Contains(rest, "attachments"):
		return port + ", where candidate attachments have a resource of their own"
	case len(rest) > 0 && rest[0] == "users" && (last == "enable" || last == "disable"):
		return port + ", where users are activated and deactivated instead of enabled and disabled"
	case pc.param("last_activity_after") != nil || pc.param("updated_after") != nil:
		return port + ", which polls changes with last_activity_at[gte] and a cursor"
	case pc.param("page") != nil:
		return port + ", which pages with a cursor instead of page"
	}
	return port
}

var ruleGreenhouseNoteVisibility = &Rule{
	ID: "greenhouse/note-visibility", Severity: Warning, Predicts: "422", Providers: []string{"greenhouse"},
	Doc: Doc{
		Title: "Greenhouse note without visibility",
		Why: "Greenhouse requires a visibility on every note (admin_only, private or public). A unified note without " +
			"visibility leaves the choice to the connector: the note fails or gets a visibility the integration did not " +
			"pick, which may show confidential feedback to the whole hiring team.",
		Fix: "Send visibility {\"value\": \"private\"} or {\"value\": \"public\"}.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/ats/candidates/c1/notes", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"content": [{"body": "Strong systems design round"}], "author_id": "4080"}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/ats/candidates/c1/notes", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"content": [{"body": "Strong systems design round"}], "author_id": "4080", "visibility": {"value": "private"}}}`,
		Sources: []string{srcHarvestCandidates + ", Add Note: user_id, body and visibility (admin_only, private, public) are required"},
	},
	Check: func(p *Pass) {
		b := bodyObject(p)
		if b == nil || !p.Is(noteCreates...) {
			return
		}
		if v := b.Get("visibility"); v == nil || v.Kind == request.Null {
			reportMissing(p, b, "visibility", "Greenhouse requires a visibility on every note, so without one the note fails or gets a visibility you did not choose; send visibility {\"value\": \"private\"} or {\"value\": \"public\"}")
		}
	},
}

// greenhouseRejection returns the object that holds rejection_email: the
// passthrough of a unified reject, or the body of a native reject.
func greenhouseRejection(p *Pass) *request.Value {
	if b := bodyObject(p); b != nil && p.Is("ats_reject_application") {
		if pt := b.Get("passthrough"); pt != nil && pt.Kind == request.Object {
			return pt
		}
		return nil
	}
	pc, rest := harvestV12(p)
	if pc == nil || pc.Method != "POST" || !pathIs(rest, "applications", "*", "reject") {
		return nil
	}
	return pc.payloadObject()
}

var ruleGreenhouseRejectionEmail = &Rule{
	ID: "greenhouse/rejection-email", Severity: Warning, Predicts: "none", Providers: []string{"greenhouse"},
	Doc: Doc{
		Title: "Greenhouse rejection sends the candidate an e-mail",
		Why: "A Greenhouse rejection with rejection_email e-mails the candidate (at send_email_at, in the acting user's " +
			"time zone). An e-mail to a candidate cannot be taken back, so atslint asks for a second look whenever a " +
			"request sends one, through a unified reject's passthrough or a native reject." +
			" The native (passthrough) form is checked on Harvest v1/v2 paths only, which Greenhouse removed at the end of August 2026.",
		Fix: "Make sure the e-mail is intended; leave rejection_email out to reject silently.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/ats/applications/a1/reject", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"rejected_reason_id": "r1", "passthrough": {"rejection_email": {"email_template_id": 4121}}}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/ats/applications/a1/reject", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"rejected_reason_id": "r1"}}`,
		Sources: []string{srcHarvestApplications + ", Reject Application: rejection_email sends an email to the candidate", srcProxyDocs},
	},
	Check: func(p *Pass) {
		o := greenhouseRejection(p)
		if m := o.Member("rejection_email"); m != nil && m.Value.Kind == request.Object {
			p.ReportMember(m, "rejection_email makes Greenhouse e-mail the candidate, which cannot be undone; make sure it is intended, or leave rejection_email out")
		}
	},
}

var ruleGreenhouseRejectionEmailTemplate = &Rule{
	ID: "greenhouse/rejection-email-template", Severity: Error, Predicts: "422", Providers: []string{"greenhouse"},
	Doc: Doc{
		Title: "Greenhouse rejection_email without email_template_id",
		Why: "When a Greenhouse rejection carries rejection_email, email_template_id is required and must name an " +
			"organization-wide e-mail template. Without it the rejection is refused." +
			" The native (passthrough) form is checked on Harvest v1/v2 paths only, which Greenhouse removed at the end of August 2026.",
		Fix: "Add email_template_id (an organization-wide template) to rejection_email, or drop rejection_email.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/ats/applications/a1/reject", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"rejected_reason_id": "r1", "passthrough": {"rejection_email": {"send_email_at": "2024-05-01T09:00:00Z"}}}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/ats/applications/a1/reject", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"rejected_reason_id": "r1", "passthrough": {"rejection_email": {"send_email_at": "2024-05-01T09:00:00Z", "email_template_id": 4121}}}}`,
		Sources: []string{srcHarvestApplications + ", Reject Application: email_template_id is required with rejection_email", srcProxyDocs},
	},
	Check: func(p *Pass) {
		o := greenhouseRejection(p)
		re := o.Get("rejection_email")
		if re == nil || re.Kind != request.Object || !missing(re, "email_template_id") {
			return
		}
		reportMissing(p, re, "email_template_id", "rejection_email has no email_template_id, which Greenhouse requires, so the rejection is refused; add the id of an organization-wide e-mail template")
	},
}

var ruleGreenhouseEmptyContactArray = &Rule{
	ID: "greenhouse/empty-contact-array", Severity: Warning, Predicts: "silent", Providers: []string{"greenhouse"},
	Doc: Doc{
		Title: "Greenhouse candidate update with an empty e-mail or phone list",
		Why: "On a Greenhouse candidate update an empty list replaces the existing one: email_addresses: [] \"will clear " +
			"all\" of the candidate's e-mail addresses, and the same holds for phone numbers. A client that serialises an " +
			"empty slice instead of leaving the field out wipes the candidate's contact details without an error. " +
			"atslint checks unified updates (emails, phone_numbers) and native PATCHes (email_addresses, phone_numbers)." +
			" The native (passthrough) form is checked on Harvest v1/v2 paths only, which Greenhouse removed at the end of August 2026.",
		Fix: "Leave the field out to keep the existing values; send an empty list only to delete them all.",
		Bad: `{"method": "PATCH", "url": "https://api.stackone.com/unified/ats/candidates/c1", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"title": "Staff Engineer", "emails": []}}`,
		Good: `{"method": "PATCH", "url": "https://api.stackone.com/unified/ats/candidates/c1", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"title": "Staff Engineer"}}`,
		Sources: []string{srcHarvestCandidates + ", Edit Candidate: email_addresses: [] will clear all", srcProxyDocs},
	},
	Check: func(p *Pass) {
		var obj *request.Value
		fields := []string{"emails", "phone_numbers"}
		if b := bodyObject(p); b != nil && p.Is("ats_update_candidate") {
			obj = b
		} else if pc, rest := harvestV12(p); pc != nil && pc.Method == "PATCH" && pathIs(rest, "candidates", "*") {
			obj, fields = pc.payloadObject(), []string{"email_addresses", "phone_numbers"}
		}
		for _, f := range fields {
			if m := obj.Member(f); m != nil && m.Value.Kind == request.Array && len(m.Value.Elems) == 0 {
				p.ReportMember(m, "an empty %s list makes Greenhouse delete all of the candidate's %s; leave the field out to keep them", f, contactWhat(f))
			}
		}
	},
}

func contactWhat(field string) string {
	if field == "phone_numbers" {
		return "phone numbers"
	}
	return "e-mail addresses"
}

var ruleGreenhouseProxyOnBehalfOfID = &Rule{
	ID: "greenhouse/proxy-on-behalf-of-id", Severity: Error, Predicts: "404", Providers: []string{"greenhouse"},
	Doc: Doc{
		Title: "Greenhouse passthrough On-Behalf-Of is not a user id",
		Why: "Harvest's On-Behalf-Of header takes the numeric id of the Greenhouse user issuing the request. An e-mail " +
			"address, a name or any other text names no user, so the write fails (an invalid Greenhouse user id gives 404)." + v1v2Only,
		Fix: "Send the numeric id of a Greenhouse user (GET /v1/users lists them).",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "post", "url": "https://harvest.greenhouse.io/v1/candidates/123/tags/7", "headers": {"On-Behalf-Of": "recruiting-bot"}}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "post", "url": "https://harvest.greenhouse.io/v1/candidates/123/tags/7", "headers": {"On-Behalf-Of": "4080"}}}`,
		Sources: []string{srcHarvestCandidates + ": On-Behalf-Of: {greenhouse user ID}", seed("Greenhouse: 404 for an invalid Greenhouse user ID"), srcProxyDocs},
	},
	Check: func(p *Pass) {
		pc, _ := harvestV12(p)
		if pc == nil {
			return
		}
		h := pc.header("On-Behalf-Of")
		if h == nil {
			return
		}
		s, ok := h.Value.StringValue()
		if !ok || isTemplate(s) || isDigits(strings.TrimSpace(s)) {
			return
		}
		p.ReportValue(h.Value, "On-Behalf-Of must be the numeric id of a Greenhouse user, so this value names no user and the request fails (404); send the user's id, not an e-mail address or name")
	},
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

var ruleGreenhouseProxyPerPage = &Rule{
	ID: "greenhouse/proxy-per-page", Severity: Error, Predicts: "4xx", Providers: []string{"greenhouse"}, AutoFix: Unsafe,
	Doc: Doc{
		Title: "Greenhouse passthrough per_page outside 1 to 500",
		Why: "Harvest v1/v2 lists take per_page from 1 to 500 (100 by default) and page with the Link header. Any other " +
			"value is refused or capped, and a loop that counts on it misses records." + v1v2Only,
		Fix:     "Use per_page of at most 500 and follow the Link header's next URL.",
		AutoFix: "Lowers a per_page above 500 to 500 in the passthrough path or url (a per_page below 1 has no automatic fix). Unsafe: each page holds fewer records, so code that reads one page only gets fewer.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "get", "url": "https://harvest.greenhouse.io/v1/candidates?per_page=1000"}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "get", "url": "https://harvest.greenhouse.io/v1/candidates?per_page=500"}}`,
		Sources: []string{srcHarvestCandidates + ", List Candidates: per_page 1–500, default 100; page with Link headers", srcProxyDocs},
	},
	Check: func(p *Pass) {
		pc, _ := harvestV12(p)
		if pc == nil {
			return
		}
		if q := pc.param("per_page"); q != nil {
			if n, ok := intValue(q.Value); ok && (n < 1 || n > 500) {
				p.ReportParamValue(*q, "Greenhouse per_page takes 1 to 500, so %s is refused or capped and paging by it misses records; use at most 500 and follow the Link header", numberNamed("per_page=", n, "this per_page"))
				if n > 500 {
					capFix(p, pc, *q, "500")
				}
			}
		}
	},
}

var ruleGreenhouseProxyCursorParams = &Rule{
	ID: "greenhouse/proxy-cursor-params", Severity: Error, Predicts: "4xx", Providers: []string{"greenhouse"},
	Doc: Doc{
		Title: "Greenhouse Harvest v3 cursor sent with other parameters",
		Why: "Harvest v3 pages with a cursor, and \"when you pass a cursor, it must be the only query parameter\": the " +
			"cursor already encodes the filters and page size of the first request, and ?cursor=…&status=closed fails.",
		Fix: "Send only cursor=… on follow-up requests; put filters and per_page on the first request.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "get", "url": "https://harvest.greenhouse.io/v3/jobs?cursor=eyJwIjoyfQ&status=closed"}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "get", "url": "https://harvest.greenhouse.io/v3/jobs?cursor=eyJwIjoyfQ"}}`,
		Sources: []string{srcHarvestV3 + " and the v3 migration guide: a cursor must be the only query parameter", srcProxyDocs},
	},
	Check: func(p *Pass) {
		pc, version, _ := harvest(p)
		if pc == nil || version != "v3" || pc.param("cursor") == nil {
			return
		}
		for _, q := range pc.Query {
			if q.Key == "" && q.Name == "cursor" {
				continue
			}
			p.ReportParam(q, "Harvest v3 requires the cursor to be the only query parameter, so adding %s makes the request fail; send only cursor=… (filters go on the first request)", q.FullName())
		}
	},
}

var ruleGreenhouseProxyV3Page = &Rule{
	ID: "greenhouse/proxy-v3-page", Severity: Error, Predicts: "4xx", Providers: []string{"greenhouse"},
	Doc: Doc{
		Title: "Greenhouse Harvest v3 request pages with page",
		Why: "Harvest v3 replaced page numbers with cursor pagination: page is not supported, so a v1-style paging loop " +
			"ported to v3 fails or never advances.",
		Fix: "Follow the cursor from the previous response instead of page.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "get", "url": "https://harvest.greenhouse.io/v3/jobs?page=2"}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "get", "url": "https://harvest.greenhouse.io/v3/jobs?cursor=eyJwIjoyfQ"}}`,
		Sources: []string{srcHarvestV3 + ": page is not supported in v3", srcProxyDocs},
	},
	Check: func(p *Pass) {
		pc, version, _ := harvest(p)
		if pc == nil || version != "v3" {
			return
		}
		if q := pc.param("page"); q != nil {
			p.ReportParam(*q, "Harvest v3 does not support page, so this request fails or never advances; follow the cursor from the previous response")
		}
	},
}

var ruleGreenhouseProxyV3LastActivity = &Rule{
	ID: "greenhouse/proxy-v3-last-activity", Severity: Info, Predicts: "4xx", Providers: []string{"greenhouse"},
	Doc: Doc{
		Title: "Greenhouse Harvest v3 request filters with v1's last_activity_after",
		Why: "Harvest v1/v2 filtered changed records with last_activity_after; integrators' migration notes say Harvest v3 " +
			"polls changes with last_activity_at[gte] and a cursor. A v1 parameter carried over to a v3 path is then refused " +
			"or not applied. Info, because this rests on integrators' notes, not on Greenhouse's v3 reference, which " +
			"atslint's sources do not include.",
		Fix: "Filter with last_activity_at[gte]=… on the first request, then follow the cursor.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "get", "url": "https://harvest.greenhouse.io/v3/applications?last_activity_after=2026-10-01T00:00:00Z"}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "get", "url": "https://harvest.greenhouse.io/v3/applications?last_activity_at[gte]=2026-10-01T00:00:00Z"}}`,
		Sources: []string{srcPrismaticGreenhouse, srcProxyDocs},
	},
	Check: func(p *Pass) {
		pc, version, _ := harvest(p)
		if pc == nil || version != "v3" {
			return
		}
		if q := pc.param("last_activity_after"); q != nil {
			p.ReportParam(*q, "last_activity_after is Harvest v1/v2's filter; integrators' notes say v3 polls changes with last_activity_at[gte] and a cursor, so check the v3 reference and use last_activity_at[gte]")
		}
	},
}

var greenhouseApplicationStatuses = []string{"active", "converted", "hired", "rejected"}

var ruleGreenhouseProxyApplicationStatus = &Rule{
	ID: "greenhouse/proxy-application-status", Severity: Error, Predicts: "silent", Providers: []string{"greenhouse"},
	Doc: Doc{
		Title: "Greenhouse passthrough application list with an unknown status",
		Why: "Harvest's List Applications accepts status active, converted, hired or rejected. \"If anything else is used, " +
			"an empty response will be returned rather than an error\": a typo or another ATS's status name (open, " +
			"closed) silently returns no applications." + v1v2Only,
		Fix: "Use status=active, converted, hired or rejected.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "get", "url": "https://harvest.greenhouse.io/v1/applications?status=open"}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "get", "url": "https://harvest.greenhouse.io/v1/applications?status=active"}}`,
		Sources: []string{srcHarvestApplications + ", List Applications: status values; anything else returns an empty response", srcProxyDocs},
	},
	Check: func(p *Pass) {
		pc, rest := harvestV12(p)
		if pc == nil || pc.Method != "GET" || !pathIs(rest, "applications") {
			return
		}
		if q := pc.param("status"); q != nil {
			if s, ok := q.Value.StringValue(); ok && !declared(greenhouseApplicationStatuses, s) {
				p.ReportParamValue(*q, "Greenhouse returns an empty list, not an error, for a status other than active, converted, hired or rejected; use one of those")
			}
		}
	},
}

var ruleGreenhouseProxyCandidateIDsIgnored = &Rule{
	ID: "greenhouse/proxy-candidate-ids-ignored", Severity: Warning, Predicts: "silent", Providers: []string{"greenhouse"},
	Doc: Doc{
		Title: "Greenhouse passthrough candidate list with both email and candidate_ids",
		Why: "Harvest's List Candidates ignores candidate_ids when email is given: the result is filtered by e-mail only, " +
			"which is not what a caller sending both expects." + v1v2Only,
		Fix: "Send either email or candidate_ids, in separate requests if you need both.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "get", "url": "https://harvest.greenhouse.io/v1/candidates?email=ada%40example.com&candidate_ids=1,2,3"}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "get", "url": "https://harvest.greenhouse.io/v1/candidates?candidate_ids=1,2,3"}}`,
		Sources: []string{srcHarvestCandidates + ", List Candidates: if email and candidate_ids are included, candidate_ids will be ignored", srcProxyDocs},
	},
	Check: func(p *Pass) {
		pc, rest := harvestV12(p)
		if pc == nil || pc.Method != "GET" || !pathIs(rest, "candidates") || pc.param("email") == nil {
			return
		}
		if q := pc.param("candidate_ids"); q != nil {
			p.ReportParam(*q, "Greenhouse ignores candidate_ids when email is given, so the list is silently filtered by e-mail only; send one of them")
		}
	},
}

var ruleGreenhouseProxyCustomFieldClear = &Rule{
	ID: "greenhouse/proxy-custom-field-clear", Severity: Error, Predicts: "silent", Providers: []string{"greenhouse"},
	Doc: Doc{
		Title: "Greenhouse passthrough clears a custom field with null or an empty string",
		Why: "To clear a Greenhouse custom field, Harvest takes {\"id\": …, \"delete_value\": \"true\"}; setting the value " +
			"to null or a blank string \"will not work\", and the old value silently stays." + v1v2Only,
		Fix: "Send delete_value: \"true\" (a string) instead of an empty value.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "patch", "url": "https://harvest.greenhouse.io/v1/candidates/123", "headers": {"On-Behalf-Of": "4080"}, ` +
			`"body": {"custom_fields": [{"id": 1234, "value": null}]}}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "patch", "url": "https://harvest.greenhouse.io/v1/candidates/123", "headers": {"On-Behalf-Of": "4080"}, ` +
			`"body": {"custom_fields": [{"id": 1234, "delete_value": "true"}]}}}`,
		Sources: []string{srcHarvestCandidates + ", Edit Candidate: custom fields are cleared with delete_value \"true\"; nil or blank will not work", srcProxyDocs},
	},
	Check: func(p *Pass) {
		pc, rest := harvestV12(p)
		if pc == nil || pc.Method != "PATCH" || len(rest) != 2 {
			return
		}
		cfs := pc.payloadObject().Get("custom_fields")
		if cfs == nil || cfs.Kind != request.Array {
			return
		}
		for _, cf := range cfs.Elems {
			if cf.Kind != request.Object || cf.Get("delete_value") != nil {
				continue
			}
			m := cf.Member("value")
			if m == nil {
				continue
			}
			s, isString := m.Value.StringValue()
			if m.Value.Kind == request.Null || isString && strings.TrimSpace(s) == "" {
				p.ReportMember(m, "Greenhouse does not clear a custom field set to null or an empty string, so the old value silently stays; send \"delete_value\": \"true\" instead")
			}
		}
	},
}

// greenhouseAttachment returns the native body of a Harvest attachment
// upload (POST …/candidates/{id}/attachments or …/applications/{id}/attachments).
func greenhouseAttachment(p *Pass) *request.Value {
	pc, rest := harvestV12(p)
	if pc == nil || pc.Method != "POST" {
		return nil
	}
	if pathIs(rest, "candidates", "*", "attachments") || pathIs(rest, "applications", "*", "attachments") {
		return pc.payloadObject()
	}
	return nil
}

// shareHosts serve a sharing page, not the file, for a shared link.
var shareHosts = []string{"drive.google.com", "docs.google.com", "dropbox.com", "onedrive.live.com", "1drv.ms"}

var ruleGreenhouseProxyAttachmentShareLink = &Rule{
	ID: "greenhouse/proxy-attachment-share-link", Severity: Warning, Predicts: "silent", Providers: []string{"greenhouse"},
	Doc: Doc{
		Title: "Greenhouse passthrough attachment from a cloud sharing link",
		Why: "Greenhouse downloads an attachment given by url. \"Shareable links from cloud services such as Google Drive " +
			"will result in a corrupted file\": Greenhouse stores the sharing page, and the upload succeeds." + v1v2Only,
		Fix: "Give a direct download URL of the file, or upload its base64 content with content_type.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "post", "url": "https://harvest.greenhouse.io/v1/candidates/123/attachments", "headers": {"On-Behalf-Of": "4080"}, ` +
			`"body": {"filename": "resume.pdf", "type": "resume", "url": "https://drive.google.com/file/d/1a2b3c/view?usp=sharing"}}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "post", "url": "https://harvest.greenhouse.io/v1/candidates/123/attachments", "headers": {"On-Behalf-Of": "4080"}, ` +
			`"body": {"filename": "resume.pdf", "type": "resume", "url": "https://files.example.com/resumes/123.pdf"}}}`,
		Sources: []string{srcHarvestCandidates + ", Add Attachment: shareable links from cloud services will result in a corrupted file", srcProxyDocs},
	},
	Check: func(p *Pass) {
		u := greenhouseAttachment(p).Get("url")
		if _, ok := u.StringValue(); !ok {
			return
		}
		var t request.Request
		t.SetURL(u)
		if declared(shareHosts, strings.TrimPrefix(t.Host, "www.")) {
			p.ReportValue(u, "Greenhouse stores a cloud sharing link's page, not the file, so the attachment is silently corrupted; give a direct download URL or upload the content")
		}
	},
}

var ruleGreenhouseProxyAttachmentContentType = &Rule{
	ID: "greenhouse/proxy-attachment-content-type", Severity: Error, Predicts: "422", Providers: []string{"greenhouse"},
	Doc: Doc{
		Title: "Greenhouse passthrough base64 attachment without content_type",
		Why: "Greenhouse requires content_type for an attachment uploaded as base64 content (only an upload by url may " +
			"leave it out). Without it the upload is refused." + v1v2Only,
		Fix: "Set content_type to the file's media type, for example application/pdf.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "post", "url": "https://harvest.greenhouse.io/v1/candidates/123/attachments", "headers": {"On-Behalf-Of": "4080"}, ` +
			`"body": {"filename": "resume.pdf", "type": "resume", "content": "JVBERi0xLjQK"}}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "post", "url": "https://harvest.greenhouse.io/v1/candidates/123/attachments", "headers": {"On-Behalf-Of": "4080"}, ` +
			`"body": {"filename": "resume.pdf", "type": "resume", "content": "JVBERi0xLjQK", "content_type": "application/pdf"}}}`,
		Sources: []string{srcHarvestCandidates + " and Applications, Add Attachment: content_type is required unless uploading by url", srcProxyDocs},
	},
	Check: func(p *Pass) {
		att := greenhouseAttachment(p)
		if att == nil || missing(att, "content") || !missing(att, "content_type") {
			return
		}
		reportMissing(p, att, "content_type", "Greenhouse requires content_type for a base64 attachment, so this upload is refused; set content_type, for example application/pdf")
	},
}

var ruleGreenhouseProxyCandidateApplications = &Rule{
	ID: "greenhouse/proxy-candidate-applications", Severity: Error, Predicts: "422", Providers: []string{"greenhouse"},
	Doc: Doc{
		Title: "Greenhouse passthrough candidate created without an application",
		Why: "Harvest's Add Candidate requires applications, with at least one entry: a Greenhouse candidate exists " +
			"through its applications. A create without them is refused." + v1v2Only,
		Fix: "Add applications: [{\"job_id\": …}].",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "post", "url": "https://harvest.greenhouse.io/v1/candidates", "headers": {"On-Behalf-Of": "4080"}, ` +
			`"body": {"first_name": "Ada", "last_name": "Lovelace"}}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "post", "url": "https://harvest.greenhouse.io/v1/candidates", "headers": {"On-Behalf-Of": "4080"}, ` +
			`"body": {"first_name": "Ada", "last_name": "Lovelace", "applications": [{"job_id": 215725}]}}}`,
		Sources: []string{srcHarvestCandidates + ", Add Candidate: applications is required", srcProxyDocs},
	},
	Check: func(p *Pass) {
		pc, rest := harvestV12(p)
		if pc == nil || pc.Method != "POST" || !pathIs(rest, "candidates") {
			return
		}
		body := pc.payloadObject()
		if body == nil {
			return
		}
		apps := body.Member("applications")
		switch {
		case apps == nil || apps.Value.Kind == request.Null:
			reportMissing(p, body, "applications", "Greenhouse requires at least one application to add a candidate, so this request is refused; add applications: [{\"job_id\": …}]")
		case apps.Value.Kind == request.Array && len(apps.Value.Elems) == 0:
			p.ReportMember(apps, "Greenhouse requires at least one application to add a candidate, so this request is refused; add applications: [{\"job_id\": …}]")
		}
	},
}
