package rules

import (
	"fmt"
	"sort"
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
			"in one request file. Requests without x-account-id count as one account.",
		Fix: "Call each of these lists at most once per 5 minutes per account, and reuse the result.",
		Bad: `[{"method": "GET", "url": "https://api.stackone.com/unified/ats/applications", "headers": {"x-account-id": "acc_1"}}, ` +
			`{"method": "GET", "url": "https://api.stackone.com/unified/ats/applications?next=c2", "headers": {"x-account-id": "acc_1"}}]`,
		Good: `[{"method": "GET", "url": "https://api.stackone.com/unified/ats/applications", "headers": {"x-account-id": "acc_1"}}, ` +
			`{"method": "GET", "url": "https://api.stackone.com/unified/ats/applications", "headers": {"x-account-id": "acc_2"}}]`,
		Sources: []string{srcSRSeed, "SmartRecruiters developer docs, Rate limiting (developers.smartrecruiters.com/docs/rate-limiting): no 5-minute limit there, so the seed's limit is StackOne's own"},
	},
	CheckAll: func(fp *FilePass) {
		type call struct {
			p    *Pass
			at   time.Time
			what string
		}
		type key struct{ account, op string }
		groups := map[key][]call{}
		var keys []key
		for _, p := range fp.Passes {
			what, ok := srRateLimited[p.OperationID()]
			if !ok || !forProvider(fp.Providers(p), "smartrecruiters") {
				continue
			}
			account, known := accountOf(p.Request)
			if !known {
				continue // which account it calls cannot be told
			}
			k := key{account, p.OperationID()}
			if _, seen := groups[k]; !seen {
				keys = append(keys, k)
			}
			groups[k] = append(groups[k], call{p, p.Request.Time, what})
		}
		for _, k := range keys {
			var timed, untimed []call
			for _, c := range groups[k] {
				if c.at.IsZero() {
					untimed = append(untimed, c)
				} else {
					timed = append(timed, c)
				}
			}
			sort.SliceStable(timed, func(i, j int) bool { return timed[i].at.Before(timed[j].at) })
			for i := 1; i < len(timed); i++ {
				if d := timed[i].at.Sub(timed[i-1].at); d < srWindow {
					fp.ReportRequest(timed[i].p, "smartrecruiters",
						"SmartRecruiters %s called again for the same account after %s, within its 5-minute rate limit, so it gets 429; call it at most once per 5 minutes and reuse the result",
						timed[i].what, interval(d))
				}
			}
			for i := 1; i < len(untimed); i++ {
				fp.ReportRequest(untimed[i].p, "smartrecruiters",
					"SmartRecruiters %s called more than once in one request file (call %d), but it allows 1 request per 5 minutes, so this call gets 429; call it once and reuse the result",
					untimed[i].what, i+1)
			}
		}
	},
}

func forProvider(ps []string, provider string) bool {
	for _, p := range ps {
		if p == provider {
			return true
		}
	}
	return false
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
