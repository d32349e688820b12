package rules

import (
	"github.com/atslint/atslint/request"
)

// The workable rule set: Workable accounts behind StackOne, and Workable
// SPI v3 requests sent through the passthrough.

func init() {
	Register(
		ruleWorkableCandidateWithoutApplication, ruleWorkableSourcedFalse, ruleWorkableCandidateName,
		ruleWorkableActingUser, ruleWorkableProxyMemberID, ruleWorkableProxyLimit, ruleWorkableProxyRelocate,
	)
}

const (
	srcWorkableCreate = "Workable API reference, Create candidate in a job / in the talent pool " +
		"(workable.readme.io/reference-link/job-candidates-create, …/talent-pool-candidates-create)"
	srcWorkableActions = "Workable API reference, Move candidate and Comment on candidate (workable.readme.io/reference/move-candidate, " +
		"…/comment-on-candidate): member_id, the acting member, is required"
)

var ruleWorkableCandidateWithoutApplication = &Rule{
	ID: "workable/candidate-without-application", Severity: Warning, Predicts: "silent", Providers: []string{"workable"},
	Doc: Doc{
		Title: "Workable candidate created with no application or job",
		Why: "Workable creates a candidate either in a job (POST /jobs/:shortcode/candidates) or in its generic talent pool. " +
			"A unified create-candidate request names no job, so the candidate lands in the talent pool, and Workable's " +
			"API never returns talent-pool candidates: the request succeeds, but the candidate is missing from every " +
			"later list and get.",
		Fix: "Create the candidate together with an application: POST /unified/ats/applications with job_id and a " +
			"candidate object.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/ats/candidates", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com"}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/ats/applications", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"job_id": "job_1", "candidate": {"first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com"}}}`,
		Sources: []string{
			seed("Workable: candidates created without an associated application are added to a generic talent pool and will not appear in API responses"),
			srcWorkableCreate,
		},
	},
	Check: func(p *Pass) {
		if p.Is("ats_create_candidate") && p.Request.Body.IsKnown() {
			p.ReportBody("Workable puts a candidate created without a job into its talent pool, which the API never returns, so this candidate silently disappears; create it with POST /unified/ats/applications with job_id and candidate")
		}
	},
}

// workableCandidateCreate returns the native body of a Workable candidate
// create (POST …/jobs/:shortcode/candidates or …/talent_pool/candidates).
func workableCandidateCreate(p *Pass) *request.Value {
	pc := proxyOf(p)
	if pc == nil || !pc.known || !pc.on(p.Provider) || pc.Method != "POST" || pc.segment(-1) != "candidates" {
		return nil
	}
	switch {
	case pc.segment(-2) == "talent_pool", pc.segment(-3) == "jobs":
		return pc.payloadObject()
	}
	return nil
}

var ruleWorkableSourcedFalse = &Rule{
	ID: "workable/sourced-false", Severity: Warning, Predicts: "none", Providers: []string{"workable"},
	Doc: Doc{
		Title: "Workable candidate created with sourced: false",
		Why: "Workable treats a candidate created with \"sourced\": false as having applied, and sends them a \"thank you " +
			"for applying\" e-mail. Without sourced the candidate is uploaded and nobody is e-mailed (a change from earlier " +
			"Workable API versions). atslint checks native creates sent through the passthrough and sourced passed through " +
			"a unified create's passthrough.",
		Fix: "Leave sourced out (or send true) unless the candidate should get the e-mail.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/ats/applications", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"job_id": "job_1", "candidate": {"first_name": "Ada", "last_name": "Lovelace"}, "passthrough": {"sourced": false}}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/ats/applications", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"job_id": "job_1", "candidate": {"first_name": "Ada", "last_name": "Lovelace"}}}`,
		Sources: []string{srcWorkableCreate + ": sourced false means applied and triggers the e-mail", srcProxyDocs},
	},
	Check: func(p *Pass) {
		var objs []*request.Value
		if native := workableCandidateCreate(p); native != nil {
			objs = append(objs, native, native.Get("candidate"))
		} else if b := bodyObject(p); b != nil && p.Is("ats_create_candidate", "ats_create_application") {
			objs = append(objs, b.Get("passthrough"), b.Get("candidate").Get("passthrough"))
		}
		for _, o := range objs {
			if v := o.Get("sourced"); v != nil && v.Kind == request.Bool && !v.Bool {
				p.ReportValue(v, "sourced: false makes Workable treat the candidate as applied and send them a \"thank you for applying\" e-mail; leave sourced out unless that e-mail is intended")
			}
		}
	},
}

var ruleWorkableCandidateName = &Rule{
	ID: "workable/candidate-name", Severity: Error, Predicts: "422", Providers: []string{"workable"},
	Doc: Doc{
		Title: "Workable candidate without a name",
		Why: "Workable requires a candidate's name: name, or both first and last name. A create without them is " +
			"rejected. atslint checks unified creates (a candidate, or an application's new candidate) and native " +
			"creates sent through the passthrough (name, or firstname and lastname).",
		Fix: "Send first_name and last_name (or name).",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/ats/applications", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"job_id": "job_1", "candidate": {"first_name": "Ada", "email": "ada@example.com"}}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/ats/applications", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"job_id": "job_1", "candidate": {"first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com"}}}`,
		Sources: []string{srcWorkableCreate + ": name, or firstname and lastname, is required", srcProxyDocs},
	},
	Check: func(p *Pass) {
		var cand *request.Value
		first, last := "first_name", "last_name"
		if native := workableCandidateCreate(p); native != nil {
			cand, first, last = native.Get("candidate"), "firstname", "lastname"
		} else if b := bodyObject(p); b != nil {
			switch {
			case p.Is("ats_create_candidate"):
				cand = b
			case p.Is("ats_create_application"):
				cand = b.Get("candidate")
			}
		}
		if cand == nil || cand.Kind != request.Object {
			return
		}
		if missing(cand, "name") && (missing(cand, first) || missing(cand, last)) {
			p.ReportValue(cand, "Workable requires name, or %s and %s, so this candidate is rejected; send both names", first, last)
		}
	},
}

var ruleWorkableActingUser = &Rule{
	ID: "workable/acting-user", Severity: Warning, Predicts: "422", Providers: []string{"workable"},
	Doc: Doc{
		Title: "Workable note without author_id",
		Why: "Workable requires the acting member (member_id) on every comment, as on moves and disqualifications. A " +
			"unified note without author_id gives StackOne no member to send, so the note is rejected or attributed to a " +
			"member the integration did not choose. (atslint assumes StackOne maps author_id to Workable's member_id.)",
		Fix: "Set author_id to the id of the Workable member who wrote the note.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/ats/candidates/c1/notes", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"content": [{"body": "Strong systems design round"}]}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/ats/candidates/c1/notes", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"content": [{"body": "Strong systems design round"}], "author_id": "mem_3f1"}}`,
		Sources: []string{srcWorkableActions, srcMergeActor},
	},
	Check: func(p *Pass) {
		b := bodyObject(p)
		if b == nil || !p.Is(noteCreates...) || !missing(b, "author_id") {
			return
		}
		reportMissing(p, b, "author_id", "note has no author_id, but Workable requires the acting member on every comment, so the note is rejected or attributed to another member; set author_id to the Workable member who wrote it")
	},
}

// workableActions are the candidate actions that require member_id.
var workableActions = map[string]bool{"comments": true, "move": true, "disqualify": true, "copy": true, "relocate": true}

// workableCandidateAction returns a Workable passthrough POST to
// …/candidates/:id/{action}, and the action.
func workableCandidateAction(p *Pass) (*proxyCall, string) {
	pc := proxyOf(p)
	if pc == nil || !pc.known || !pc.on(p.Provider) || pc.Method != "POST" {
		return nil, ""
	}
	action := pc.segment(-1)
	if !workableActions[action] || pc.segment(-3) != "candidates" {
		return nil, ""
	}
	return pc, action
}

var ruleWorkableProxyMemberID = &Rule{
	ID: "workable/proxy-member-id", Severity: Error, Predicts: "422", Providers: []string{"workable"},
	Doc: Doc{
		Title: "Workable passthrough candidate action without member_id",
		Why: "Workable requires member_id, the member performing the action, to comment on, move, disqualify, copy or " +
			"relocate a candidate. Without it the request is rejected.",
		Fix: "Add member_id (a Workable member id) to the body.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "post", "path": "/spi/v3/candidates/3fc9a80f/move", "body": {"target_stage": "interview"}}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "post", "path": "/spi/v3/candidates/3fc9a80f/move", "body": {"member_id": "21c6a5", "target_stage": "interview"}}}`,
		Sources: []string{srcWorkableActions, srcProxyDocs},
	},
	Check: func(p *Pass) {
		pc, action := workableCandidateAction(p)
		if pc == nil {
			return
		}
		body := pc.payloadObject()
		if body == nil {
			if pc.Payload == nil {
				pc.reportPayload(p, "Workable requires member_id to %s a candidate, so this request is rejected; add the acting member's member_id", verbOf(action))
			}
			return
		}
		if missing(body, "member_id") {
			reportMissing(p, body, "member_id", "Workable requires member_id to %s a candidate, so this request is rejected; add the acting member's member_id", verbOf(action))
		}
	},
}

func verbOf(action string) string {
	if action == "comments" {
		return "comment on"
	}
	return action
}

var ruleWorkableProxyLimit = &Rule{
	ID: "workable/proxy-limit", Severity: Error, Predicts: "4xx", Providers: []string{"workable"}, AutoFix: Unsafe,
	Doc: Doc{
		Title: "Workable passthrough candidate list with limit over 100",
		Why: "Workable's candidate lists take a limit of at most 100 (50 by default) and page with paging.next. A larger " +
			"limit is refused or capped, and a loop that counts on it misses candidates.",
		Fix:     "Use limit of at most 100 and follow paging.next.",
		AutoFix: "Lowers limit to 100 in the passthrough path or url. Unsafe: each page holds fewer candidates, so code that reads one page only gets fewer.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "get", "path": "/spi/v3/candidates?limit=500"}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "get", "path": "/spi/v3/candidates?limit=100"}}`,
		Sources: []string{"Workable API reference, Candidates index (workable.readme.io/reference/job-candidates-index): limit default 50, max 100", srcProxyDocs},
	},
	Check: func(p *Pass) {
		pc := proxyOf(p)
		if pc == nil || !pc.known || !pc.on(p.Provider) || pc.Method != "GET" || pc.segment(-1) != "candidates" {
			return
		}
		if q := pc.param("limit"); q != nil {
			if n, ok := intValue(q.Value); ok && n > 100 {
				p.ReportParamValue(*q, "Workable's limit is at most 100, so %s is refused or capped and paging by it misses candidates; use limit=100 and follow paging.next", numberNamed("limit=", n, "this limit"))
				capFix(p, pc, *q, "100")
			}
		}
	},
}

var ruleWorkableProxyRelocate = &Rule{
	ID: "workable/proxy-relocate", Severity: Warning, Predicts: "none", Providers: []string{"workable"},
	Doc: Doc{
		Title: "Workable passthrough relocates a candidate",
		Why: "Relocating a Workable candidate to another job or account deletes the original candidate; copying keeps it. " +
			"An integration that means to copy loses the source record and its history.",
		Fix: "Use …/candidates/:id/copy to keep the original; relocate only when deleting it is intended.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "post", "path": "/spi/v3/candidates/3fc9a80f/relocate", "body": {"member_id": "21c6a5", "target_job_shortcode": "GROOV005"}}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "post", "path": "/spi/v3/candidates/3fc9a80f/copy", "body": {"member_id": "21c6a5", "target_job_shortcode": "GROOV005"}}}`,
		Sources: []string{"Workable API reference, Relocate candidate (workable.readme.io/reference/relocate-candidates): the source candidate is deleted", srcProxyDocs},
	},
	Check: func(p *Pass) {
		if pc, action := workableCandidateAction(p); pc != nil && action == "relocate" {
			p.ReportValue(pc.targetValue(), "relocate deletes the original Workable candidate; use copy to keep it, unless deleting it is intended")
		}
	},
}
