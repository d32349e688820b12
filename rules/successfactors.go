package rules

import (
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/atslint/atslint/request"
)

// The successfactors rule set: SAP SuccessFactors Recruiting accounts
// (StackOne key sapsuccessfactors_ats) and OData v2 requests sent through
// the passthrough.

func init() {
	Register(ruleSFProxyTop, ruleSFProxySkip, ruleSFProxyFilterDate, ruleSFProxyFilterDateTimeOffset, ruleSFProxyDateTimeOfDay,
		ruleSFProxyUpsertPurge, ruleSFProxyBackgroundPurge, ruleSFOfferTemplate)
}

// SAP's Knowledge Base Articles are public at userapps.support.sap.com
// (2933028 was read at apps.support.sap.com).
func sapKBA(n, says string) string {
	host := "userapps.support.sap.com"
	if n == "2933028" {
		host = "apps.support.sap.com"
	}
	return "SAP Knowledge Base Article " + n + " (" + host + "/sap/support/knowledge/en/" + n + "): " + says
}

// sfOData returns a SuccessFactors passthrough call to the OData v2 API and
// the path segments below /odata/v2, or nil.
func sfOData(p *Pass) (*proxyCall, []string) {
	pc := proxyOf(p)
	if pc == nil || !pc.known || !pc.on(p.Provider) {
		return nil, nil
	}
	for i := 0; i+1 < len(pc.Segments); i++ {
		if strings.EqualFold(pc.Segments[i], "odata") && strings.EqualFold(pc.Segments[i+1], "v2") {
			return pc, pc.Segments[i+2:]
		}
	}
	return nil, nil
}

// sfEntity is the entity set a path names: "JobApplication" for
// JobApplication(123) or JobApplication/…
func sfEntity(rest []string) string {
	if len(rest) == 0 {
		return ""
	}
	e, _, _ := strings.Cut(rest[0], "(")
	return e
}

const sfProxyExample = `{"method": "POST", "url": "https://api.stackone.com/unified/proxy", "headers": {"x-account-id": "acc_1"}, "body": `

var ruleSFProxyTop = &Rule{
	ID: "successfactors/proxy-top", Severity: Warning, Predicts: "silent", Providers: []string{"successfactors"},
	Doc: Doc{
		Title: "SuccessFactors passthrough $top over 1,000",
		Why: "One SuccessFactors OData request returns at most 1,000 records, and the cap cannot be raised: more records " +
			"come back as further pages behind the response's __next link (SAP suggests at most 500 per call). A caller " +
			"that asks for $top=5000 and reads one response believes it has everything and silently misses the rest. " +
			"(SAP does not say whether a larger $top is refused or capped; either way one response is not all of it.)",
		Fix:  "Ask for at most 1,000 records (500 is SAP's suggestion) and follow __next until it is absent.",
		Bad:  sfProxyExample + `{"method": "get", "path": "/odata/v2/JobApplication?$top=5000"}}`,
		Good: sfProxyExample + `{"method": "get", "path": "/odata/v2/JobApplication?$top=500"}}`,
		Sources: []string{
			sapKBA("2723468", "at most 1,000 records per OData call; further records through __next; 500 or fewer suggested"),
			sapKBA("3308165", "the 1,000-record page size cannot be raised"), srcProxyDocs,
		},
	},
	Check: func(p *Pass) {
		pc, _ := sfOData(p)
		if pc == nil {
			return
		}
		if q := pc.param("$top"); q != nil {
			if n, ok := intValue(q.Value); ok && n > 1000 {
				p.ReportParamValue(*q, "SuccessFactors returns at most 1,000 records per OData call, so %s still gives one page of 1,000 at most and the rest is missed unless you follow __next; ask for at most 1,000 (SAP suggests 500) and follow __next", numberNamed("$top=", n, "this $top"))
			}
		}
	},
}

var ruleSFProxySkip = &Rule{
	ID: "successfactors/proxy-skip-paging", Severity: Warning, Predicts: "silent", Providers: []string{"successfactors"},
	Doc: Doc{
		Title: "SuccessFactors passthrough pages with $skip",
		Why: "Client-side paging with $top and $skip re-runs the query for every page, so records created, changed or " +
			"deleted during the run shift the pages: SAP says it can miss or duplicate records. Server-side paging keeps a " +
			"consistent result: paging=snapshot (for entities that are not MDF entities) or cursor-based paging, following the " +
			"__next link unchanged.",
		Fix:  "Drop $skip; request paging=snapshot (non-MDF entities) or cursor paging and follow __next as it is.",
		Bad:  sfProxyExample + `{"method": "get", "path": "/odata/v2/Candidate?$top=500&$skip=1000"}}`,
		Good: sfProxyExample + `{"method": "get", "path": "/odata/v2/Candidate?$top=500&paging=snapshot"}}`,
		Sources: []string{
			sapKBA("2675265", "client-side pagination can miss or duplicate records; use server-side pagination"),
			sapKBA("2723468", "snapshot-based paging and the __next link"), srcProxyDocs,
		},
	},
	Check: func(p *Pass) {
		pc, _ := sfOData(p)
		if pc == nil || pc.Method != "GET" {
			return
		}
		if q := pc.param("$skip"); q != nil {
			p.ReportParam(*q, "paging SuccessFactors with $skip re-runs the query per page, so changes during the run silently skip or repeat records; use server-side paging (paging=snapshot, or cursor paging) and follow __next")
		}
	},
}

// sfDateLiteral finds the OData v2 date-time literals of a $filter.
var sfDateLiteral = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)\b(datetime|datetimeoffset)'([^']*)'`)
})

var sfDateTimeValue = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?$`)
})

var sfDateTimeOffsetValue = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$`)
})

// sfFilter returns the $filter of a SuccessFactors OData call and its text.
func sfFilter(p *Pass) (*request.Param, string) {
	pc, _ := sfOData(p)
	if pc == nil {
		return nil, ""
	}
	q := pc.param("$filter")
	if q == nil {
		return nil, ""
	}
	s, ok := q.Value.StringValue()
	if !ok {
		return nil, ""
	}
	return q, s
}

var ruleSFProxyFilterDate = &Rule{
	ID: "successfactors/proxy-filter-date", Severity: Error, Predicts: "400", Providers: []string{"successfactors"},
	Doc: Doc{
		Title: "SuccessFactors passthrough $filter with a malformed date literal",
		Why: "In an OData v2 $filter a date-time is written datetime'YYYY-MM-DDThh:mm:ss' (read in the data centre's local " +
			"time, for Edm.DateTime fields) or datetimeoffset'YYYY-MM-DDThh:mm:ssZ' (with Z or an offset, for " +
			"Edm.DateTimeOffset fields). A literal in another form (a bare date, a space instead of T, an offset on " +
			"datetime'…' or none on datetimeoffset'…') is not a date-time literal, and the query fails.",
		Fix:  "Write datetime'2024-05-01T00:00:00' or datetimeoffset'2024-05-01T00:00:00Z'.",
		Bad:  sfProxyExample + `{"method": "get", "path": "/odata/v2/JobApplication?$filter=lastModifiedDateTime gt datetimeoffset'2024-05-01'"}}`,
		Good: sfProxyExample + `{"method": "get", "path": "/odata/v2/JobApplication?$filter=lastModifiedDateTime gt datetimeoffset'2024-05-01T00:00:00Z'"}}`,
		Sources: []string{
			sapKBA("2933028", "Edm.DateTimeOffset is stored in UTC, Edm.DateTime in the data centre's local time; the literal, datetime'…' or datetimeoffset'…', decides how the value is read"),
			srcProxyDocs,
		},
	},
	Check: func(p *Pass) {
		q, f := sfFilter(p)
		for _, m := range sfDateLiteral().FindAllStringSubmatch(f, -1) {
			kind, v := strings.ToLower(m[1]), m[2]
			re := sfDateTimeValue()
			want := "datetime'YYYY-MM-DDThh:mm:ss'"
			if kind == "datetimeoffset" {
				re, want = sfDateTimeOffsetValue(), "datetimeoffset'YYYY-MM-DDThh:mm:ssZ'"
			}
			if !re.MatchString(v) {
				if kind == "datetimeoffset" && re.MatchString(strings.Replace(v, " ", "+", 1)) {
					p.ReportParamValue(*q, "the offset of this datetimeoffset'…' reaches SuccessFactors with a space instead of +, because a + in a query string is read as a space; write the offset as %%2B02:00 (percent-encoded) or use Z")
					return
				}
				p.ReportParamValue(*q, "%s'…' in this $filter is not in the form %s, so SuccessFactors rejects the query; write the full date-time, for example %s", kind, want,
					map[string]string{"datetime": "datetime'2024-05-01T00:00:00'", "datetimeoffset": "datetimeoffset'2024-05-01T00:00:00Z'"}[kind])
				return
			}
		}
	},
}

var ruleSFProxyFilterDateTimeOffset = &Rule{
	ID: "successfactors/proxy-filter-datetime-literal", Severity: Info, Predicts: "silent", Providers: []string{"successfactors"},
	Doc: Doc{
		Title: "SuccessFactors passthrough compares a …DateTime field with datetime'…'",
		Why: "SuccessFactors stores Edm.DateTimeOffset fields in UTC and Edm.DateTime fields in the data centre's local time, " +
			"and the $filter literal decides how the value is read: datetime'…' is local time, datetimeoffset'…' carries its " +
			"offset. A mismatch shifts the window by the data centre's offset, so an incremental sync silently misses or " +
			"repeats the records of those hours. atslint infers the type from the name: fields named …DateTime (such as " +
			"lastModifiedDateTime) are usually Edm.DateTimeOffset. Info, because the name is only a hint; the entity's " +
			"metadata ($metadata) says the type.",
		Fix:  "Check the field's type in $metadata; for Edm.DateTimeOffset write datetimeoffset'2024-05-01T00:00:00Z'.",
		Bad:  sfProxyExample + `{"method": "get", "path": "/odata/v2/Candidate?$filter=lastModifiedDateTime ge datetime'2024-05-01T00:00:00'"}}`,
		Good: sfProxyExample + `{"method": "get", "path": "/odata/v2/Candidate?$filter=lastModifiedDateTime ge datetimeoffset'2024-05-01T00:00:00Z'"}}`,
		Sources: []string{
			sapKBA("2933028", "Edm.DateTimeOffset in UTC, Edm.DateTime in the data centre's local time; a mismatched literal shifts the result"),
			srcProxyDocs,
		},
	},
	Check: func(p *Pass) {
		q, f := sfFilter(p)
		if q == nil {
			return
		}
		re := sfDateTimeFieldLiteral()
		// The field is not named: a filter may hold anything.
		if re.MatchString(f) {
			p.ReportParamValue(*q, "a …DateTime field is compared with datetime'…', which SuccessFactors reads in the data centre's local time; if the field is Edm.DateTimeOffset (as …DateTime fields usually are) the window shifts by the data centre's offset, so check $metadata and use datetimeoffset'…Z'")
		}
	},
}

// sfDateTimeFieldLiteral finds "<name>DateTime <op> datetime'".
var sfDateTimeFieldLiteral = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\b([A-Za-z_]\w*DateTime)\s+(?i:eq|ne|gt|ge|lt|le)\s+(?i:datetime)'`)
})

// sfRecruitingEntities are the Recruiting entity sets whose date fields
// keep only the date.
var sfRecruitingEntities = []string{"JobApplication", "Candidate", "JobRequisition", "JobOffer"}

// sfODataDate is the OData v2 JSON date-time: /Date(ms)/ with an optional offset.
var sfODataDate = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^/Date\((-?\d+)([+-]\d{4})?\)/$`)
})

// sfWriteEntity returns the entity set a SuccessFactors OData write goes
// to: the path's, or for /upsert the payload's __metadata uri or type.
func sfWriteEntity(rest []string, payload *request.Value) string {
	if e := sfEntity(rest); e != "upsert" {
		return e
	}
	meta := payload.Get("__metadata")
	for _, k := range []string{"uri", "type"} {
		if s, ok := meta.Get(k).StringValue(); ok {
			s = s[strings.LastIndexAny(s, "/.")+1:]
			e, _, _ := strings.Cut(s, "(")
			return e
		}
	}
	return ""
}

// sfPayloads are the records of a write: the body, or each element of an
// array body (upsert takes several).
func sfPayloads(pc *proxyCall) []*request.Value {
	switch b := pc.Payload; {
	case b == nil:
		return nil
	case b.Kind == request.Array:
		return b.Elems
	default:
		return []*request.Value{b}
	}
}

func isSFWrite(pc *proxyCall) bool {
	return pc.isWrite() && pc.Method != "DELETE" || pc.Method == "MERGE"
}

var ruleSFProxyDateTimeOfDay = &Rule{
	ID: "successfactors/proxy-date-time-of-day", Severity: Warning, Predicts: "silent", Providers: []string{"successfactors"},
	Doc: Doc{
		Title: "SuccessFactors Recruiting write with a time of day in a /Date(…)/ value",
		Why: "Recruiting date fields written through OData (on JobApplication, Candidate, JobRequisition, JobOffer) keep only " +
			"the date: SAP drops the time part and tags the date with the data centre's time zone. A /Date(ms)/ value that " +
			"is not midnight UTC therefore does not store the moment sent, and may even land on another day; no error says so.",
		Fix: "Send the date at midnight UTC (/Date(1714521600000)/ for 2024-05-01), or keep the time in a field that is a date-time.",
		Bad: sfProxyExample + `{"method": "post", "path": "/odata/v2/upsert", "body": {"__metadata": {"uri": "JobApplication(applicationId=7)"}, ` +
			`"customInterviewDate": "/Date(1714563000000)/"}}}`,
		Good: sfProxyExample + `{"method": "post", "path": "/odata/v2/upsert", "body": {"__metadata": {"uri": "JobApplication(applicationId=7)"}, ` +
			`"customInterviewDate": "/Date(1714521600000)/"}}}`,
		Sources: []string{
			sapKBA("3020341", "Recruiting date fields written through OData keep only the date; the time is dropped and the data centre's time zone applied"),
			"SAP Help, OData JSON date-time serialisation (help.sap.com/doc/c90214be0d934ebdb6f3bce29c63c0ff/15.5.3/en-US/75de80d729c14693bb4124774a772114.html): /Date(<ms since epoch>)/",
			srcProxyDocs,
		},
	},
	Check: func(p *Pass) {
		pc, rest := sfOData(p)
		if pc == nil || !isSFWrite(pc) {
			return
		}
		for _, rec := range sfPayloads(pc) {
			if !declared(sfRecruitingEntities, sfWriteEntity(rest, rec)) {
				continue
			}
			walkStrings(rec, func(v *request.Value) {
				m := sfODataDate().FindStringSubmatch(v.Str)
				if m == nil {
					return
				}
				ms, err := strconv.ParseInt(m[1], 10, 64)
				if err != nil || ms%86_400_000 == 0 {
					return
				}
				p.ReportValue(v, "SuccessFactors Recruiting date fields keep only the date, so the time of day in this /Date(…)/ value is silently dropped (and the date tagged with the data centre's time zone); send midnight UTC")
			})
		}
	},
}

// walkStrings calls f for every string value below v.
func walkStrings(v *request.Value, f func(*request.Value)) {
	if v == nil {
		return
	}
	switch v.Kind {
	case request.String:
		f(v)
	case request.Object:
		for _, m := range v.Members {
			walkStrings(m.Value, f)
		}
	case request.Array:
		for _, e := range v.Elems {
			walkStrings(e, f)
		}
	}
}

// sfPurge returns the purgeType parameter of a SuccessFactors upsert and
// the entity sets of its records.
func sfPurge(p *Pass) (*request.Param, string, []string) {
	pc, rest := sfOData(p)
	if pc == nil || sfEntity(rest) != "upsert" {
		return nil, "", nil
	}
	q := pc.param("purgeType")
	if q == nil {
		return nil, "", nil
	}
	s, ok := q.Value.StringValue()
	if !ok {
		return nil, "", nil
	}
	var entities []string
	for _, rec := range sfPayloads(pc) {
		entities = append(entities, sfWriteEntity(rest, rec))
	}
	return q, strings.ToLower(strings.TrimSpace(s)), entities
}

func sfBackground(entities []string) bool {
	for _, e := range entities {
		if strings.HasPrefix(e, "Background_") {
			return true
		}
	}
	return false
}

var ruleSFProxyUpsertPurge = &Rule{
	ID: "successfactors/proxy-upsert-purge", Severity: Warning, Predicts: "silent", Providers: []string{"successfactors"},
	Doc: Doc{
		Title: "SuccessFactors passthrough upsert with purgeType full or record",
		Why: "An OData upsert updates the record whose key exists and inserts it otherwise; by default (incremental) it " +
			"replaces only what the payload sends. purgeType=full deletes the existing record, all of its time slices, and " +
			"recreates it from the payload; purgeType=record (SAP's way to replace a User's one-to-many navigation instead " +
			"of appending to it) purges every field the payload leaves out. Either way, whatever is not in the payload is " +
			"lost, with no error.",
		Fix: "Leave purgeType out for an incremental upsert; use full or record only with the complete current record in the payload.",
		Bad: sfProxyExample + `{"method": "post", "path": "/odata/v2/upsert?purgeType=full", "body": {"__metadata": {"uri": "JobRequisition(jobReqId=12)"}, ` +
			`"jobStartDate": "/Date(1714521600000)/"}}}`,
		Good: sfProxyExample + `{"method": "post", "path": "/odata/v2/upsert", "body": {"__metadata": {"uri": "JobRequisition(jobReqId=12)"}, ` +
			`"jobStartDate": "/Date(1714521600000)/"}}}`,
		Sources: []string{
			sapKBA("2670250", "upsert updates an existing key and inserts otherwise; full purge replaces the whole record"),
			sapKBA("3373012", "purge types apply to upsert; incremental is the default"),
			sapKBA("2749477", "upsert appends to a User's one-to-many navigation; purgeType=record replaces it and purges every field not sent"),
			"CData SAP SuccessFactors driver, PurgeType (cdn.cdata.com/help/GBH/cis/RSBSAPSuccessFactors_p_PurgeType.htm): a full purge must carry all mandatory fields",
			srcProxyDocs,
		},
	},
	Check: func(p *Pass) {
		q, purge, entities := sfPurge(p)
		if q == nil || sfBackground(entities) {
			return
		}
		switch purge {
		case "full":
			p.ReportParamValue(*q, "purgeType=full makes SuccessFactors delete the existing record, all time slices, and recreate it from this payload, so everything it leaves out is lost; leave purgeType out unless the payload is the complete record")
		case "record":
			p.ReportParamValue(*q, "purgeType=record makes SuccessFactors purge every field this payload leaves out; send the complete current record, or leave purgeType out")
		}
	},
}

var ruleSFProxyBackgroundPurge = &Rule{
	ID: "successfactors/proxy-background-purge", Severity: Error, Predicts: "silent", Providers: []string{"successfactors"},
	Doc: Doc{
		Title: "SuccessFactors passthrough upsert of a background entity with purgeType",
		Why: "purgeType is not supported on background entities (Background_Education, Background_OutsideWorkExperience…): " +
			"a full-purge upsert of one silently appends the rows instead of replacing them, and no error says so. A sync " +
			"that relies on the purge to replace a candidate's history duplicates it on every run.",
		Fix: "Leave purgeType out; to replace background rows, delete the old ones first, then upsert the new ones.",
		Bad: sfProxyExample + `{"method": "post", "path": "/odata/v2/upsert?purgeType=full", "body": {"__metadata": {"uri": "Background_Education(backgroundElementId=3,userId='cand1')"}, ` +
			`"school": "Ada College"}}}`,
		Good: sfProxyExample + `{"method": "post", "path": "/odata/v2/upsert", "body": {"__metadata": {"uri": "Background_Education(backgroundElementId=3,userId='cand1')"}, ` +
			`"school": "Ada College"}}}`,
		Sources: []string{sapKBA("3749109", "purgeType is not supported for background entities; a full-purge upsert appends rows without an error"), srcProxyDocs},
	},
	Check: func(p *Pass) {
		q, purge, entities := sfPurge(p)
		if q == nil || purge == "" || !sfBackground(entities) {
			return
		}
		p.ReportParamValue(*q, "SuccessFactors ignores purgeType on background entities: this upsert silently appends rows instead of replacing them; leave purgeType out and delete old rows explicitly")
	},
}

var ruleSFOfferTemplate = &Rule{
	ID: "successfactors/offer-template", Severity: Info, Predicts: "4xx", Providers: []string{"successfactors"},
	Doc: Doc{
		Title: "SuccessFactors offer needs a template without approvers",
		Why: "StackOne creates SuccessFactors offers from an Offer Template, and only a template with no approver steps works; " +
			"the template must carry firstName, lastName, currency and salaryBase. Whether the account's template qualifies " +
			"is configuration atslint cannot see, so every offer create gets this reminder. atslint also names a missing " +
			"salary or currency, inferring that StackOne fills salaryBase and currency from them.",
		Fix: "Have the customer configure an Offer Template without approver steps carrying firstName, lastName, currency and " +
			"salaryBase (StackOne's SuccessFactors template guide); send salary and currency.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/ats/offers", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"application_id": "a1", "start_date": "2024-06-01T00:00:00Z"}}`,
		Good: `{"method": "GET", "url": "https://api.stackone.com/unified/ats/offers", "headers": {"x-account-id": "acc_1"}}`,
		Sources: []string{
			"StackOne docs, SAP SuccessFactors template configuration for create offer (github.com/StackOneHQ/hub-docs " +
				"integration-configuration-concepts/ats/sapsuccessfactors-template-configuration-for-create-offer.mdx): no approver steps; firstName, lastName, currency, salaryBase",
		},
	},
	Check: func(p *Pass) {
		b := bodyObject(p)
		if !p.Is("ats_create_offer") {
			return
		}
		msg := "SuccessFactors offers are created from an Offer Template, which must have no approver steps and carry firstName, lastName, currency and salaryBase; make sure the account's template does"
		var lacks []string
		for _, f := range []string{"salary", "currency"} {
			if b != nil && missing(b, f) {
				lacks = append(lacks, f)
			}
		}
		if len(lacks) > 0 {
			msg += ", and send " + strings.Join(lacks, " and ") + " (the template's salaryBase and currency)"
		}
		p.ReportRequest("%s", msg)
	},
}
