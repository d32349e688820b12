package rules

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/atslint/atslint/request"
)

// The smartrecruiters rule set: SmartRecruiters accounts behind StackOne.

func init() {
	Register(ruleSRListApplications, ruleSRInterviewScope, ruleSRRateLimit)
}

var srcSRSeed = seed("SmartRecruiters: \"restrictive rate limits (1 request per 5 minutes for some endpoints)\" and " +
	"\"doesn't support listing applications/interviews directly\"")

var ruleSRListApplications = &Rule{
	ID: "smartrecruiters/list-applications", Severity: Warning, Predicts: "429", Providers: []string{"smartrecruiters"},
	Doc: Doc{
		Title: "SmartRecruiters request lists applications",
		Why: "SmartRecruiters cannot list applications directly, so StackOne has to assemble the list itself. The call is slow " +
			"and falls under SmartRecruiters' restrictive rate limits (1 request per 5 minutes for some endpoints): a sync " +
			"that polls it gets 429.",
		Fix: "Call the list rarely (at most once per 5 minutes per account) and cache the result; read single applications " +
			"by id (GET /unified/ats/applications/{id}) where you know the id.",
		Bad:     `{"method": "GET", "url": "https://api.stackone.com/unified/ats/applications", "headers": {"x-account-id": "acc_1"}}`,
		Good:    `{"method": "GET", "url": "https://api.stackone.com/unified/ats/applications/app_1", "headers": {"x-account-id": "acc_1"}}`,
		Sources: []string{srcSRSeed},
	},
	Check: func(p *Pass) {
		if p.Is("ats_list_applications") {
			p.ReportRequest("SmartRecruiters cannot list applications directly, so this call is slow and rate limited (429 when repeated within 5 minutes); call it rarely and cache the result, or read applications by id")
		}
	},
}

var ruleSRInterviewScope = &Rule{
	ID: "smartrecruiters/interview-scope", Severity: Info, Predicts: "silent", Providers: []string{"smartrecruiters"},
	Doc: Doc{
		Title: "SmartRecruiters interview list covers only some candidates",
		Why: "On SmartRecruiters, StackOne's interview list only includes candidates in status INTERVIEW, OFFERED, HIRED or " +
			"TRANSFERRED. Interviews of candidates who are REJECTED, WITHDRAWN, LEAD or IN_REVIEW are left out without an " +
			"error, so the list looks complete when it is not.",
		Fix: "Do not rely on the list for candidates in other statuses; read their applications instead.",
		Bad: `{"method": "GET", "url": "https://api.stackone.com/unified/ats/interviews", "headers": {"x-account-id": "acc_1"}}`,
		Good: `{"method": "GET", "url": "https://api.stackone.com/unified/ats/applications/app_1/scheduled_interviews", ` +
			`"headers": {"x-account-id": "acc_1"}}`,
		Sources: []string{seed("SmartRecruiters: default behavior of the interview endpoint")},
	},
	Check: func(p *Pass) {
		if p.Is("ats_list_interviews") {
			p.ReportRequest("on SmartRecruiters this list only includes candidates in INTERVIEW, OFFERED, HIRED or TRANSFERRED status; interviews of rejected, withdrawn, lead or in-review candidates are silently missing")
		}
	},
}

// srRateLimited are the unified operations SmartRecruiters cannot serve
// directly, which fall under its 1-request-per-5-minutes limits.
var srRateLimited = map[string]string{
	"ats_list_applications": "application list",
	"ats_list_interviews":   "interview list",
}

const srWindow = 5 * time.Minute

var ruleSRRateLimit = &Rule{
	ID: "smartrecruiters/rate-limit", Severity: Warning, Predicts: "429", Providers: []string{"smartrecruiters"},
	Doc: Doc{
		Title: "rate-limited SmartRecruiters endpoint called again within 5 minutes",
		Why: "StackOne documents restrictive SmartRecruiters rate limits, 1 request per 5 minutes for some endpoints, among " +
			"them the application and interview lists, which SmartRecruiters cannot serve directly. A second call for the " +
			"same account within 5 minutes gets 429. With timestamps (a HAR recording) atslint reports a call made less " +
			"than 5 minutes after the previous one for the same x-account-id; without them, every call after the first " +
			"in one request file. Requests without x-account-id count as one account. In Go source, a request built in a " +
			"loop that never waits (no time.Sleep, ticker or rate limiter's Wait), or a call in such a loop of a function " +
			"that builds one, is reported too.",
		Fix: "Call each of these lists at most once per 5 minutes per account, and reuse the result.",
		Bad: `[{"method": "GET", "url": "https://api.stackone.com/unified/ats/applications", "headers": {"x-account-id": "acc_1"}}, ` +
			`{"method": "GET", "url": "https://api.stackone.com/unified/ats/applications?next=c2", "headers": {"x-account-id": "acc_1"}}]`,
		Good: `[{"method": "GET", "url": "https://api.stackone.com/unified/ats/applications", "headers": {"x-account-id": "acc_1"}}, ` +
			`{"method": "GET", "url": "https://api.stackone.com/unified/ats/applications", "headers": {"x-account-id": "acc_2"}}]`,
		Sources: []string{srcSRSeed, "SmartRecruiters developer docs, Rate limiting (developers.smartrecruiters.com/docs/rate-limiting): no 5-minute limit there, so the seed's limit is StackOne's own"},
	},
	Records: func() RecordCheck {
		c := &srCalls{}
		c.keys.own = srKey.kept
		return c
	},
	Check: func(p *Pass) {
		rep := p.Request.Repeated
		what, ok := srRateLimited[p.OperationID()]
		if rep == nil || !ok || p.Provider != "smartrecruiters" {
			return
		}
		if rep.Via != "" {
			p.Reportf(rep.Span, p.Request.PathPointer, "%s requests the SmartRecruiters %s and is called in a loop that never waits; %s", rep.Via, what, srWaitAdvice)
			return
		}
		p.Reportf(rep.Span, p.Request.PathPointer, "SmartRecruiters %s requested in a loop that never waits; %s", what, srWaitAdvice)
	},
}

const srWaitAdvice = "it allows 1 request per 5 minutes, so repeated calls get 429; wait between calls (time.Sleep, a ticker, a rate limiter's Wait)"

// srCalls holds, per account and rate-limited operation, the timed calls
// of the last 5 minutes and the count of untimed ones.
type srCalls struct {
	keys    keyed[srKey, srHistory]
	untimed map[srKey]int // kept for the run: one per account and operation
}

type srKey struct{ account, op string }

// kept copies the account, which may view a request's tree.
func (k srKey) kept() srKey { return srKey{strings.Clone(k.account), k.op} }

type srHistory struct {
	timed []srCall // sorted by time, equal times in arrival order
}

type srCall struct {
	rec      *Record
	reported bool
}

func (c *srCalls) Add(rp *RecordPass) {
	r := rp.Record
	what, ok := srRateLimited[r.Operation]
	if !ok || !r.For("smartrecruiters") || !r.AccountKnown {
		return // not rate limited, or which account it calls cannot be told
	}
	k := srKey{r.Account, r.Operation}
	if r.Time.IsZero() {
		if c.untimed == nil {
			c.untimed = map[srKey]int{}
		}
		n, seen := c.untimed[k]
		if !seen {
			k = k.kept()
		}
		n++
		c.untimed[k] = n
		if n > 1 {
			rp.Report(r, "smartrecruiters",
				"SmartRecruiters %s called more than once in one request file (call %d), but it allows 1 request per 5 minutes, so this call gets 429; call it once and reuse the result",
				what, n)
		}
		return
	}
	h := c.keys.get(k, r.Time)
	defer c.keys.forget(srWindow)
	report := func(call *srCall, d time.Duration) {
		call.reported = true
		rp.Report(call.rec, "smartrecruiters",
			"SmartRecruiters %s called again for the same account after %s, within its 5-minute rate limit, so it gets 429; call it at most once per 5 minutes and reuse the result",
			what, interval(d))
	}
	i := len(h.timed)
	for i > 0 && h.timed[i-1].rec.Time.After(r.Time) {
		i--
	}
	h.timed = slices.Insert(h.timed, i, srCall{rec: r.kept()})
	if i > 0 {
		if d := r.Time.Sub(h.timed[i-1].rec.Time); d < srWindow {
			report(&h.timed[i], d)
		}
	}
	// A call recorded earlier in the file but later in time now follows
	// this one.
	if i+1 < len(h.timed) {
		if next := &h.timed[i+1]; !next.reported {
			if d := next.rec.Time.Sub(r.Time); d < srWindow {
				report(next, d)
			}
		}
	}
	// Keep the calls of the last 5 minutes, and the newest in any case.
	newest := h.timed[len(h.timed)-1].rec.Time
	lo := 0
	for lo < len(h.timed)-1 && newest.Sub(h.timed[lo].rec.Time) >= srWindow {
		lo++
	}
	h.timed = h.timed[lo:]
}

// accountOf returns a request's x-account-id ("" when it has none). known
// is false when the header is there but not visible (a Go variable), or
// when the front end could not see every header.
func accountOf(r *request.Request) (account string, known bool) {
	h := r.Header("x-account-id")
	if h == nil {
		return "", r.HeadersComplete
	}
	return h.Value.StringValue()
}

// interval formats a duration for messages: "45 s", "1 min", "2 min 30 s".
func interval(d time.Duration) string {
	s := int64(d.Round(time.Second) / time.Second)
	switch {
	case s < 60:
		return fmt.Sprintf("%d s", s)
	case s%60 == 0:
		return fmt.Sprintf("%d min", s/60)
	}
	return fmt.Sprintf("%d min %d s", s/60, s%60)
}
