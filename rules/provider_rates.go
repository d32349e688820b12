package rules

import (
	"fmt"
	"strings"
	"time"
)

// Providers' documented request budgets, from provider-quirks.md where the
// confidence is H. Each rule counts, per linked account (x-account-id) of
// the provider, the timestamped requests of one file (a HAR recording) in
// a sliding window, and reports the first request over the limit once per
// account. Counting unified requests as provider requests is an inference:
// a unified request costs the provider at least one call (more when
// StackOne fans out, as it does for SmartRecruiters application lists).
//
// Lever's "10 requests per second per key" (LV-02) is confidence M in the
// facts (integrators quoting Lever), so there is no Lever rule.

// providerRate is one provider's budget per account.
type providerRate struct {
	provider string
	name     string // the provider as written in messages
	limit    int
	window   time.Duration
	per      string // the window in words: "second", "10 seconds"
	// counts selects the requests the budget applies to; nil means all.
	counts func(*Record) bool
}

// Add counts a request of one of the provider's accounts.
func (c *providerCount) Add(rp *RecordPass) {
	r, pr := rp.Record, c.rate
	if r.Time.IsZero() || !r.ATS || (pr.counts != nil && !pr.counts(r)) || !r.For(pr.provider) {
		return
	}
	if !r.AccountKnown || strings.TrimSpace(r.Account) == "" {
		return
	}
	win := c.accounts.get(r.Account, r.Time)
	if win.done {
		return
	}
	if over, n, first := win.add(r, pr.window, pr.limit); over != nil {
		rp.Report(over, pr.provider, "this %s account sent %d requests within %s (limit %s per %s); %s answers 429",
			pr.name, n, humanDuration(over.Time.Sub(first.Time)), thousands(pr.limit), pr.per, pr.name)
		// Once per account: the first request over the limit.
		*win = window{done: true}
		c.accounts.pin(r.Account)
	}
	c.accounts.forget(pr.window)
}

// providerCount is the state of one providerRate over a run.
type providerCount struct {
	rate     providerRate
	accounts keyed[string, window]
}

func (pr providerRate) records() RecordCheck {
	c := &providerCount{rate: pr}
	c.accounts.own = strings.Clone
	return c
}

// rule builds the Rule of a budget.
func (pr providerRate) rule(sev Severity, doc Doc) *Rule {
	return &Rule{
		ID: pr.provider + "/rate-limit", Severity: sev, Providers: []string{pr.provider}, Predicts: "429",
		Doc: doc, Records: pr.records,
	}
}

// humanDuration writes the observed span of a burst: "0 ms", "850 ms",
// "9.5 s", "4.2 min", "23.9 h".
func humanDuration(d time.Duration) string {
	switch {
	case d < time.Second:
		return fmt.Sprintf("%d ms", d.Milliseconds())
	case d < 2*time.Minute:
		return trimZero(fmt.Sprintf("%.1f", d.Seconds())) + " s"
	case d < 2*time.Hour:
		return trimZero(fmt.Sprintf("%.1f", d.Minutes())) + " min"
	}
	return trimZero(fmt.Sprintf("%.1f", d.Hours())) + " h"
}

func trimZero(s string) string { return strings.TrimSuffix(s, ".0") }

// thousands writes 10000 as "10,000".
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

var (
	rateSmartRecruiters = providerRate{provider: "smartrecruiters", name: "SmartRecruiters", limit: 10, window: time.Second, per: "second"}
	rateGreenhouse      = providerRate{provider: "greenhouse", name: "Greenhouse", limit: 50, window: 10 * time.Second, per: "10 seconds"}
	rateWorkable        = providerRate{provider: "workable", name: "Workable", limit: 10, window: 10 * time.Second, per: "10 seconds"}
	ratePersonio        = providerRate{provider: "personio", name: "Personio", limit: 20, window: time.Minute, per: "60 seconds",
		counts: func(r *Record) bool { return r.Family == "applications" || r.Family == "documents" }}
	rateICIMS       = providerRate{provider: "icims", name: "iCIMS", limit: 10000, window: 24 * time.Hour, per: "day"}
	rateCornerstone = providerRate{provider: "cornerstone", name: "Cornerstone", limit: 100, window: time.Minute, per: "minute",
		counts: func(r *Record) bool { return r.Family == "applications" }}
)

const harNote = " atslint reads the timestamps of a HAR recording (startedDateTime) and counts the requests of each linked account " +
	"(x-account-id) whose provider is known (config accounts, --provider), in a sliding window; unified requests are counted as " +
	"provider requests, since each costs the provider at least one call."

var (
	ruleSmartRecruitersRequestRate = &Rule{
		ID: "smartrecruiters/request-rate", Severity: Warning, Providers: []string{"smartrecruiters"}, Predicts: "429",
		Doc: Doc{
			Title: "one SmartRecruiters account over 10 requests in a second",
			Why: "SmartRecruiters limits each credential to 10 requests per second for most endpoints (2 per second for job " +
				"publication and offer documents) and to 8 requests in flight; over that it answers 429 with X-RateLimit headers. " +
				"This is separate from the seed's slower limit on application and interview lists (smartrecruiters/rate-limit)." + harNote,
			Fix:     "Throttle each SmartRecruiters account below 10 requests per second, and retry 429 after the time SmartRecruiters gives.",
			Sources: []string{"SmartRecruiters developer docs, Rate limiting (developers.smartrecruiters.com/docs/rate-limiting)"},
		},
		Records: rateSmartRecruiters.records,
	}
	ruleGreenhouseRateLimit = rateGreenhouse.rule(Info, Doc{
		Title: "one Greenhouse account over 50 requests in 10 seconds",
		Why: "Greenhouse Harvest limits requests per 10-second window; the limit of each key is in the X-RateLimit-Limit " +
			"response header (50 in Greenhouse's example), and over it Greenhouse answers 429 with X-RateLimit-Reset and Retry-After. " +
			"Info, not warning: a key's limit may differ from 50, and unlisted vendors may get lower ones." + harNote,
		Fix:     "Keep each Greenhouse account under the X-RateLimit-Limit of its key per 10 seconds (50 unless the header says otherwise); honour Retry-After.",
		Sources: []string{"Greenhouse Harvest API docs, Rate limiting (developers.greenhouse.io/harvest.html; grnhse/greenhouse-api-docs _introduction.md)"},
	})
	ruleWorkableRateLimit = rateWorkable.rule(Info, Doc{
		Title: "one Workable account over 10 requests in 10 seconds",
		Why: "Workable limits requests per 10-second interval: 10 for account tokens, 50 for OAuth and partner tokens; over it " +
			"Workable answers 429 (X-Rate-Limit-Limit/Remaining/Reset headers). Info, not warning: which token a linked account " +
			"uses is not visible in a recording, and with an OAuth token the limit is 50." + harNote,
		Fix:     "Keep each Workable account under 10 requests per 10 seconds (1 per second) when it uses an account token, 50 with OAuth; honour X-Rate-Limit-Reset.",
		Sources: []string{"Workable API docs, Rate limits (workable.readme.io/reference/rate-limits)"},
	})
	rulePersonioRateLimit = ratePersonio.rule(Warning, Doc{
		Title: "one Personio account over 20 application or document requests in 60 seconds",
		Why: "Personio's Recruiting API allows 20 requests per 60 seconds per company on its applications and documents " +
			"endpoints. atslint counts the unified application and document operations (/unified/ats/applications…, " +
			"/unified/ats/documents…) of each Personio account." + harNote,
		Fix:     "Send at most 20 application and document requests per minute per Personio account (one every 3 seconds).",
		Sources: []string{"Personio developer docs, Recruiting API introduction (developer.personio.de/reference/introduction-1)"},
	})
	ruleICIMSRateLimit = rateICIMS.rule(Info, Doc{
		Title: "one iCIMS account over 10,000 requests in a day",
		Why: "An iCIMS integration may make up to 10,000 web-service requests per day (customers can buy more). atslint counts " +
			"any 24-hour window, since the recording does not say which time zone the day is in. Info, not warning: the " +
			"customer may have bought a higher limit." + harNote,
		Fix:     "Budget iCIMS requests per day: sync incrementally (filter[updated_after]) instead of re-reading everything, or ask the customer about their limit.",
		Sources: []string{"iCIMS developer community, Integration licenses (developer-community.icims.com/integration-licenses)"},
	})
	ruleCornerstoneRateLimit = rateCornerstone.rule(Warning, Doc{
		Title: "one Cornerstone account over 100 application requests in a minute",
		Why: "Cornerstone's Job Application API allows 100 requests per minute, 6,000 per hour and 144,000 per day, per " +
			"environment (pilot, stage and production each have their own quota); over it Cornerstone answers 429 \"CSOD Too many " +
			"requests.\". atslint counts the unified application operations (/unified/ats/applications…) of each Cornerstone " +
			"account, inferring that StackOne serves them from the Job Application API." + harNote,
		Fix: "Send at most 100 application requests per minute per Cornerstone account, and after a 429 wait for the window " +
			"to pass instead of retrying at once.",
		Sources: []string{
			"Cornerstone developer docs, Job Application API throttling (csod.dev/guides/job-application/throttling.html): 100 per minute, 6,000 per hour, 144,000 per day",
			"Cornerstone developer docs, Throttling (csod.dev/guides/getting-started/throttling.html): limits per environment; 429 with \"CSOD Too many requests.\"",
		},
	})
)

func init() {
	Register(ruleSmartRecruitersRequestRate, ruleGreenhouseRateLimit, ruleWorkableRateLimit, rulePersonioRateLimit, ruleICIMSRateLimit,
		ruleCornerstoneRateLimit)
}
