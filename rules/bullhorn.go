package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/atslint/atslint/request"
)

// The bullhorn rule set: Bullhorn accounts behind StackOne, and Bullhorn
// REST requests sent through the passthrough.

func init() {
	Register(
		ruleBullhornNoteMissingAuthor, ruleBullhornNoteCandidateID,
		ruleBullhornProxyCreateWithPost, ruleBullhornProxyUpdateWithPut, ruleBullhornProxyMissingFields,
		ruleBullhornProxyCount, ruleBullhornNoteActionLength, ruleBullhornProxyNoteAuthor,
		ruleBullhornProxyNoteReference, ruleBullhornProxyEntityCase,
	)
}

const (
	srcBullhornDocs = "Bullhorn REST API docs (bullhorn.github.io/rest-api-docs; bullhorn/rest-api-docs source/includes)"
	srcBullhornNote = "Bullhorn REST API reference, Note entity (bullhorn/rest-api-docs source/includes/entityref/_note.md): " +
		"commentingPerson defaults to the creating user; with commentingPerson and personReference set the note is " +
		"associated automatically, otherwise a NoteEntity must be created; action is a String(30)"
)

var ruleBullhornNoteMissingAuthor = &Rule{
	ID: "bullhorn/note-missing-author", Severity: Warning, Predicts: "silent", Providers: []string{"bullhorn"},
	Doc: Doc{
		Title: "Bullhorn note without author_id",
		Why: "Bullhorn does not require a note's author. Without author_id, StackOne's Bullhorn connector saves the note as " +
			"written by the API user, so the recruiter who wrote it is lost and every note looks like it came from the " +
			"integration. Nothing fails: the note is stored with the wrong author.",
		Fix: "Set author_id to the id of the Bullhorn user who wrote the note.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/ats/candidates/12345/notes", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"content": [{"body": "Strong systems design round"}]}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/ats/candidates/12345/notes", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"content": [{"body": "Strong systems design round"}], "author_id": "8841"}}`,
		Sources: []string{seed("Bullhorn: a missing author_id for notes defaults to the API user ID"), srcBullhornNote},
	},
	Check: func(p *Pass) {
		b := bodyObject(p)
		if b == nil || !p.Is(noteCreates...) || !missing(b, "author_id") {
			return
		}
		reportMissing(p, b, "author_id", "note has no author_id, so Bullhorn silently attributes it to the API user; set author_id to the Bullhorn user who wrote it")
	},
}

var ruleBullhornNoteCandidateID = &Rule{
	ID: "bullhorn/note-candidate-id", Severity: Error, Predicts: "silent", Providers: []string{"bullhorn"},
	Supersedes: []string{"stackone/placeholder-id"},
	Doc: Doc{
		Title: "Bullhorn candidate note with a missing or placeholder candidate id",
		Why: "Bullhorn's validation is relaxed: a note created for an invalid candidate id is saved, but it stays invisible " +
			"in the Bullhorn UI because it is attached to no candidate. Nothing tells the caller. atslint reports a " +
			"candidate id that is missing, empty or an unresolved placeholder ({id}, :id, ${id}, undefined, null). Ids " +
			"are otherwise opaque (StackOne ids are not Bullhorn's integers), so no other format is assumed.",
		Fix: "Put the candidate's real id in the path: POST /unified/ats/candidates/{id}/notes.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/ats/candidates/undefined/notes", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"content": [{"body": "Strong systems design round"}], "author_id": "8841"}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/ats/candidates/12345/notes", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"content": [{"body": "Strong systems design round"}], "author_id": "8841"}}`,
		Sources: []string{seed("Bullhorn: relaxed validation; an invalid candidate_id for notes creates the note, but it remains invisible in the UI")},
	},
	Check: func(p *Pass) {
		r := p.Request
		segs := r.PathSegments()
		switch {
		case p.Is("ats_create_candidate_note"):
			const idAt = 3 // unified, ats, candidates, {id}, notes
			if len(segs) != 5 || segs[idAt] == request.UnknownSegment {
				return
			}
			what := placeholderKind(segs[idAt])
			if what == "" {
				return
			}
			span := r.PathSpan
			if idAt < len(r.PathSegmentSpans) {
				span = r.PathSegmentSpans[idAt]
			}
			p.Reportf(span, r.PathPointer, "candidate id is %s, so Bullhorn saves the note but never shows it; put the candidate's real id in the path", what)
		case p.Operation == nil && r.MethodKnown && r.Method == "POST" && len(segs) == 4 &&
			segs[0] == "unified" && segs[1] == "ats" && segs[2] == "candidates" && segs[3] == "notes":
			p.ReportRequest("note path has no candidate id, so Bullhorn cannot attach the note to a candidate and never shows it; use /unified/ats/candidates/{id}/notes")
		}
	},
}

// bullhornEntityPath finds the Bullhorn REST resource in a native path:
// the position of its "entity", "search", "query" or "meta" segment, or -1.
func bullhornEntityPath(pc *proxyCall) (kind string, at int) {
	for i, s := range pc.Segments {
		switch s {
		case "entity", "search", "query", "meta":
			if i+1 < len(pc.Segments) {
				return s, i
			}
		}
	}
	return "", -1
}

// bullhornProxy returns the passthrough call of a Bullhorn pass, or nil.
func bullhornProxy(p *Pass) *proxyCall {
	pc := proxyOf(p)
	if pc == nil || !pc.known || !pc.on(p.Provider) {
		return nil
	}
	return pc
}

var ruleBullhornProxyCreateWithPost = &Rule{
	ID: "bullhorn/proxy-create-with-post", Severity: Error, Predicts: "4xx", Providers: []string{"bullhorn"},
	Doc: Doc{
		Title: "Bullhorn passthrough creates an entity with POST",
		Why: "Bullhorn's REST API inverts the usual methods: PUT /entity/{type} creates a record and POST " +
			"/entity/{type}/{id} updates one. A POST to /entity/{type} with no id is neither, and fails.",
		Fix: "Create with method put on /entity/{type}; use post only with an id, to update.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "post", "path": "/entity/Candidate", "body": {"firstName": "Ada", "lastName": "Lovelace"}}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "put", "path": "/entity/Candidate", "body": {"firstName": "Ada", "lastName": "Lovelace"}}}`,
		Sources: []string{srcBullhornDocs + ", Entity (source/includes/_entity.md): PUT /entity/{type} creates, POST /entity/{type}/{id} updates", srcProxyDocs},
	},
	Check: func(p *Pass) {
		pc := bullhornProxy(p)
		if pc == nil || pc.Method != "POST" {
			return
		}
		if kind, at := bullhornEntityPath(pc); kind == "entity" && len(pc.Segments) == at+2 {
			p.ReportValue(pc.methodV, "Bullhorn creates with PUT /entity/{type} and updates with POST /entity/{type}/{id}, so this POST without an id fails; use method put to create")
		}
	},
}

var ruleBullhornProxyUpdateWithPut = &Rule{
	ID: "bullhorn/proxy-update-with-put", Severity: Warning, Predicts: "4xx", Providers: []string{"bullhorn"},
	Doc: Doc{
		Title: "Bullhorn passthrough updates an entity with PUT",
		Why: "Bullhorn's REST API inverts the usual methods: POST /entity/{type}/{id} updates a record and PUT " +
			"/entity/{type} creates one. A PUT to /entity/{type}/{id} does not update the record. (PUT with an id and a " +
			"to-many association, /entity/{type}/{id}/{association}/{ids}, is Bullhorn's way to associate records and is " +
			"not reported.)",
		Fix: "Update with method post on /entity/{type}/{id}.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "put", "path": "/entity/Candidate/12345", "body": {"status": "Active"}}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "post", "path": "/entity/Candidate/12345", "body": {"status": "Active"}}}`,
		Sources: []string{srcBullhornDocs + ", Entity (source/includes/_entity.md): PUT /entity/{type} creates, POST /entity/{type}/{id} updates", srcProxyDocs},
	},
	Check: func(p *Pass) {
		pc := bullhornProxy(p)
		if pc == nil || pc.Method != "PUT" {
			return
		}
		if kind, at := bullhornEntityPath(pc); kind == "entity" && len(pc.Segments) == at+3 {
			p.ReportValue(pc.methodV, "Bullhorn updates with POST /entity/{type}/{id} and creates with PUT /entity/{type}, so this PUT does not update the record; use method post")
		}
	},
}

var ruleBullhornProxyMissingFields = &Rule{
	ID: "bullhorn/proxy-missing-fields", Severity: Error, Predicts: "400", Providers: []string{"bullhorn"},
	Doc: Doc{
		Title: "Bullhorn passthrough GET without fields",
		Why: "Bullhorn requires the fields parameter (or layout) on entity, search and query GETs: it names the fields to " +
			"return. Without it the request fails.",
		Fix: "Add fields=… (for example fields=id,firstName,lastName) to the path, or layout=….",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "get", "path": "/entity/Candidate/12345"}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "get", "path": "/entity/Candidate/12345?fields=id,firstName,lastName"}}`,
		Sources: []string{srcBullhornDocs + ", Entity, Search and Query (_entity.md, _search.md, _query.md): fields or layout is required", srcProxyDocs},
	},
	Check: func(p *Pass) {
		pc := bullhornProxy(p)
		if pc == nil || pc.Method != "GET" {
			return
		}
		kind, at := bullhornEntityPath(pc)
		if kind == "" || kind == "meta" || kind == "entity" && len(pc.Segments) < at+3 {
			return // meta needs no fields; /entity/{type} alone is no GET
		}
		if pc.param("fields") == nil && pc.param("layout") == nil {
			p.ReportValue(pc.targetValue(), "Bullhorn requires fields (or layout) on %s GETs, so this request fails; add fields=id,… to the path", kind)
		}
	},
}

var ruleBullhornProxyCount = &Rule{
	ID: "bullhorn/proxy-count", Severity: Warning, Predicts: "silent", Providers: []string{"bullhorn"}, AutoFix: Unsafe,
	Doc: Doc{
		Title: "Bullhorn passthrough search or query with count over 500",
		Why: "Bullhorn's search and query return at most 500 records per call (20 by default). A larger count does not " +
			"return more, so a loop that advances start by the requested count skips records.",
		Fix:     "Use count of at most 500 and advance start by the number of records returned.",
		AutoFix: "Lowers count to 500 in the passthrough path or url. Unsafe: code that advances start by the count it asked for must change too.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "get", "path": "/search/Candidate?query=isDeleted:0&fields=id&count=1000"}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "get", "path": "/search/Candidate?query=isDeleted:0&fields=id&count=500"}}`,
		Sources: []string{srcBullhornDocs + ", Search and Query (_search.md, _query.md): count default 20, max 500", srcProxyDocs},
	},
	Check: func(p *Pass) {
		pc := bullhornProxy(p)
		if pc == nil {
			return
		}
		kind, _ := bullhornEntityPath(pc)
		if kind != "search" && kind != "query" {
			return
		}
		if q := pc.param("count"); q != nil {
			if n, ok := intValue(q.Value); ok && n > 500 {
				p.ReportParamValue(*q, "Bullhorn %s returns at most 500 records per call, so %s silently gives fewer and paging by it skips records; use count of at most 500", kind, numberNamed("count=", n, "this count"))
				capFix(p, pc, *q, "500")
			}
		}
	},
}

// bullhornNoteWrite returns the native body of a Bullhorn Note create or
// update (PUT /entity/Note, POST /entity/Note/{id}); create tells which.
func bullhornNoteWrite(p *Pass) (pc *proxyCall, body *request.Value, create bool) {
	pc = bullhornProxy(p)
	if pc == nil {
		return nil, nil, false
	}
	kind, at := bullhornEntityPath(pc)
	if kind != "entity" || pc.segment(at+1) != "Note" {
		return nil, nil, false
	}
	switch {
	case pc.Method == "PUT" && len(pc.Segments) == at+2:
		create = true
	case pc.Method == "POST" && len(pc.Segments) == at+3:
	default:
		return nil, nil, false
	}
	return pc, pc.payloadObject(), create
}

var ruleBullhornNoteActionLength = &Rule{
	ID: "bullhorn/note-action-length", Severity: Error, Predicts: "400", Providers: []string{"bullhorn"},
	Doc: Doc{
		Title: "Bullhorn note action longer than 30 characters",
		Why: "A Bullhorn note's action (its type, such as \"Interview\" or \"Phone Screen\") is a String(30) taken from the " +
			"commentActionList of the customer's private-label settings. A longer action is rejected. atslint checks a " +
			"native Note sent through the passthrough and the action passed through a unified note's passthrough.",
		Fix: "Use one of the customer's configured note actions (30 characters at most).",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "put", "path": "/entity/Note", "body": {"action": "Technical interview with the platform team", ` +
			`"comments": "Strong systems design round", "commentingPerson": {"id": 8841}, "personReference": {"id": 12345}}}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "put", "path": "/entity/Note", "body": {"action": "Interview", ` +
			`"comments": "Strong systems design round", "commentingPerson": {"id": 8841}, "personReference": {"id": 12345}}}}`,
		Sources: []string{srcBullhornNote, srcProxyDocs},
	},
	Check: func(p *Pass) {
		var obj *request.Value
		if _, body, _ := bullhornNoteWrite(p); body != nil {
			obj = body
		} else if b := bodyObject(p); b != nil && p.Is(noteCreates...) {
			if pt := b.Get("passthrough"); pt != nil && pt.Kind == request.Object {
				obj = pt
			}
		}
		if obj == nil {
			return
		}
		if s, ok := obj.Get("action").StringValue(); ok && utf8.RuneCountInString(s) > 30 {
			p.ReportValue(obj.Get("action"), "Bullhorn note action holds at most 30 characters (this one has %d), so the note is rejected; use one of the configured note actions", utf8.RuneCountInString(s))
		}
	},
}

var ruleBullhornProxyNoteAuthor = &Rule{
	ID: "bullhorn/proxy-note-author", Severity: Warning, Predicts: "silent", Providers: []string{"bullhorn"},
	Doc: Doc{
		Title: "Bullhorn passthrough note without commentingPerson",
		Why: "A Bullhorn Note's commentingPerson is its author, and it defaults to the user who creates it: the API user. " +
			"A note created through the passthrough without it is silently attributed to the integration. This is " +
			"bullhorn/note-missing-author for native requests.",
		Fix: "Set commentingPerson to {\"id\": …} with the Bullhorn user id of the author.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "put", "path": "/entity/Note", "body": {"action": "Interview", "comments": "Strong systems design round", ` +
			`"personReference": {"id": 12345}}}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "put", "path": "/entity/Note", "body": {"action": "Interview", "comments": "Strong systems design round", ` +
			`"commentingPerson": {"id": 8841}, "personReference": {"id": 12345}}}}`,
		Sources: []string{srcBullhornNote, seed("Bullhorn: a missing author_id for notes defaults to the API user ID"), srcProxyDocs},
	},
	Check: func(p *Pass) {
		pc, body, create := bullhornNoteWrite(p)
		if pc == nil || !create {
			return
		}
		if body == nil {
			if pc.Payload == nil {
				pc.reportPayload(p, "Bullhorn note has no commentingPerson, so Bullhorn silently attributes it to the API user; set commentingPerson to the author's user id")
			}
			return
		}
		if missing(body, "commentingPerson") {
			reportMissing(p, body, "commentingPerson", "Bullhorn note has no commentingPerson, so Bullhorn silently attributes it to the API user; set commentingPerson to the author's user id")
		}
	},
}

var ruleBullhornProxyNoteReference = &Rule{
	ID: "bullhorn/proxy-note-reference", Severity: Warning, Predicts: "silent", Providers: []string{"bullhorn"},
	Doc: Doc{
		Title: "Bullhorn passthrough note without personReference",
		Why: "Bullhorn attaches a new Note to a record automatically only when both commentingPerson and personReference " +
			"are set. Without personReference the note is saved but shows on no candidate or contact until a separate " +
			"NoteEntity links it.",
		Fix: "Set personReference to {\"id\": …} with the candidate's or contact's id, or create the NoteEntity right after.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "put", "path": "/entity/Note", "body": {"action": "Interview", "comments": "Strong systems design round", ` +
			`"commentingPerson": {"id": 8841}}}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "put", "path": "/entity/Note", "body": {"action": "Interview", "comments": "Strong systems design round", ` +
			`"commentingPerson": {"id": 8841}, "personReference": {"id": 12345}}}}`,
		Sources: []string{srcBullhornNote, srcProxyDocs},
	},
	Check: func(p *Pass) {
		_, body, create := bullhornNoteWrite(p)
		if body == nil || !create || !missing(body, "personReference") {
			return
		}
		reportMissing(p, body, "personReference", "Bullhorn note has no personReference, so it is saved but shows on no candidate or contact; set personReference to the record's id or create a NoteEntity")
	},
}

var ruleBullhornProxyEntityCase = &Rule{
	ID: "bullhorn/proxy-entity-case", Severity: Warning, Predicts: "404", Providers: []string{"bullhorn"},
	Doc: Doc{
		Title: "Bullhorn passthrough path spells an entity in lower case",
		Why: "Bullhorn REST URLs are case-sensitive, and entity names start with a capital letter (Candidate, JobOrder, " +
			"ClientContact, Note). /entity/candidate names no entity, so the request is not found.",
		Fix: "Write the entity name as Bullhorn does: /entity/Candidate, /search/JobOrder.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "get", "path": "/entity/candidate/12345?fields=id"}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"method": "get", "path": "/entity/Candidate/12345?fields=id"}}`,
		Sources: []string{srcBullhornDocs + ", Introduction (_intro.md): URLs are corp-token-namespaced and case-sensitive", srcProxyDocs},
	},
	Check: func(p *Pass) {
		pc := bullhornProxy(p)
		if pc == nil {
			return
		}
		kind, at := bullhornEntityPath(pc)
		if kind == "" {
			return
		}
		name := pc.segment(at + 1)
		if r, _ := utf8.DecodeRuneInString(name); unicode.IsLower(r) {
			if !isIdentifier(name) || len(name) > 40 { // then it may be anything: not repeated
				p.ReportValue(pc.targetValue(), "Bullhorn URLs are case-sensitive and entity names are capitalised, so this %s path is not found; write the entity name with a capital letter", kind)
				return
			}
			p.ReportValue(pc.targetValue(), "Bullhorn URLs are case-sensitive and entity names are capitalised, so /%s/%s is not found; write %s", kind, name, capitalizeWord(name))
		}
	},
}

func capitalizeWord(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[n:]
}
