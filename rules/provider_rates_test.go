package rules

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// harEntry is one request of a generated HAR recording.
type harEntry struct {
	at      time.Time
	method  string
	path    string
	account string
	auth    string
}

// genHAR writes a HAR recording with one entry per line.
func genHAR(entries []harEntry) string {
	var b strings.Builder
	b.WriteString(`{"log": {"version": "1.2", "creator": {"name": "atslint test", "version": "1"}, "entries": [` + "\n")
	for i, e := range entries {
		if i > 0 {
			b.WriteString(",\n")
		}
		method := e.method
		if method == "" {
			method = "GET"
		}
		auth := e.auth
		if auth == "" {
			auth = "Basic ${STACKONE_API_KEY_B64}"
		}
		fmt.Fprintf(&b, `{"startedDateTime": %q, "request": {"method": %q, "url": "https://api.stackone.com%s", "headers": [{"name": "Authorization", "value": %q}, {"name": "x-account-id", "value": %q}]}, "response": {"status": 200, "content": {"size": 0, "mimeType": "application/json"}}}`,
			e.at.Format(time.RFC3339Nano), method, e.path, auth, e.account)
	}
	b.WriteString("\n]}}\n")
	return b.String()
}

// every returns n requests to path for account, step apart from start.
func every(n int, start time.Time, step time.Duration, path, account string) []harEntry {
	out := make([]harEntry, n)
	for i := range out {
		out[i] = harEntry{at: start.Add(time.Duration(i) * step), path: path, account: account}
	}
	return out
}

// urlPos is "line:column" of the url value of entry n of a genHAR
// recording (entry n is on line n+2).
func urlPos(har string, n int) string {
	line := strings.Split(har, "\n")[n+1]
	return fmt.Sprintf("%d:%d", n+2, strings.Index(line, `"https://`)+1)
}

var t0 = time.Date(2024, 5, 14, 10, 0, 0, 0, time.UTC)

// rateDiags checks a HAR and returns "line:col request message" of the
// diagnostics of one rule.
func rateDiags(t *testing.T, opts Options, har, rule string) []string {
	t.Helper()
	var out []string
	for _, d := range checkBytes(New(opts), []byte(har)) {
		require.NotEqual(t, "input/syntax", d.Rule, d.Message)
		if d.Rule == rule {
			out = append(out, fmt.Sprintf("%d:%d #%d %s", d.Span.Start.Line, d.Span.Start.Column, d.Request, d.Message))
		}
	}
	return out
}

// TestStackOneRateLimitHAR checks the existing stackone/rate-limit on HAR
// input: 1,001 requests of one key in 60 s, spread over two accounts.
func TestStackOneRateLimitHAR(t *testing.T) {
	var entries []harEntry
	for i := 0; i < 1001; i++ {
		e := harEntry{at: t0.Add(time.Duration(i) * 59 * time.Millisecond), path: "/unified/ats/jobs",
			account: fmt.Sprintf("acc_%d", i%2), auth: "Basic c2tfbGl2ZV9zZWNyZXQ6"}
		entries = append(entries, e)
	}
	// Another key in the same minute does not count.
	entries = append(entries[:10], append([]harEntry{{at: t0, path: "/unified/ats/jobs", account: "acc_0", auth: "Basic b3RoZXI6"}}, entries[10:]...)...)
	har := genHAR(entries)
	got := rateDiags(t, Options{}, har, "stackone/rate-limit")
	assert.Equal(t, []string{urlPos(har, 1001) + " #1001 this API key sent 1001 requests in 60 s (limit 1000 per minute); StackOne answers 429"}, got)
	assert.NotContains(t, strings.Join(got, ""), "c2tf")

	// 1,000 in 60 s, then the 1,001st a minute after the first: quiet.
	slow := every(1001, t0, 60*time.Millisecond, "/unified/ats/jobs", "acc_0")
	assert.Empty(t, rateDiags(t, Options{}, genHAR(slow), "stackone/rate-limit"))
}

func TestProviderRateLimits(t *testing.T) {
	accounts := map[string]string{"acc_sr": "smartrecruiters", "acc_gh": "greenhouse", "acc_wk": "workable", "acc_pe": "personio", "acc_ic": "icims", "acc_lv": "lever", "acc_cs": "cornerstone"}
	for _, tc := range []struct {
		rule    string
		bad     []harEntry
		want    string // "#request message" of the one diagnostic
		good    []harEntry
		account string
	}{
		{
			rule: "smartrecruiters/request-rate", account: "acc_sr",
			bad:  every(11, t0, 90*time.Millisecond, "/unified/ats/candidates", "acc_sr"),
			want: "#10 this SmartRecruiters account sent 11 requests within 900 ms (limit 10 per second); SmartRecruiters answers 429",
			good: every(11, t0, 100*time.Millisecond, "/unified/ats/candidates", "acc_sr"),
		},
		{
			rule: "greenhouse/rate-limit", account: "acc_gh",
			bad:  every(60, t0, 150*time.Millisecond, "/unified/ats/jobs", "acc_gh"),
			want: "#50 this Greenhouse account sent 51 requests within 7.5 s (limit 50 per 10 seconds); Greenhouse answers 429",
			good: every(60, t0, 200*time.Millisecond, "/unified/ats/jobs", "acc_gh"),
		},
		{
			rule: "workable/rate-limit", account: "acc_wk",
			bad:  every(11, t0, 900*time.Millisecond, "/unified/ats/jobs", "acc_wk"),
			want: "#10 this Workable account sent 11 requests within 9 s (limit 10 per 10 seconds); Workable answers 429",
			good: every(11, t0, time.Second, "/unified/ats/jobs", "acc_wk"),
		},
		{
			rule: "personio/rate-limit", account: "acc_pe",
			bad: append(every(20, t0, 2*time.Second, "/unified/ats/applications", "acc_pe"),
				harEntry{at: t0.Add(50 * time.Second), method: "POST", path: "/unified/ats/applications/a1/documents/upload", account: "acc_pe"}),
			want: "#20 this Personio account sent 21 requests within 50 s (limit 20 per 60 seconds); Personio answers 429",
			// Job reads do not count toward the applications and
			// documents budget.
			good: append(every(20, t0, 2*time.Second, "/unified/ats/applications", "acc_pe"), every(30, t0, time.Second, "/unified/ats/jobs", "acc_pe")...),
		},
		{
			rule: "icims/rate-limit", account: "acc_ic",
			bad:  every(10001, t0, 8*time.Second, "/unified/ats/candidates", "acc_ic"),
			want: "#10000 this iCIMS account sent 10001 requests within 22.2 h (limit 10,000 per day); iCIMS answers 429",
			good: every(10001, t0, 9*time.Second, "/unified/ats/candidates", "acc_ic"),
		},
		{
			rule: "cornerstone/rate-limit", account: "acc_cs",
			bad: append(every(100, t0, 500*time.Millisecond, "/unified/ats/applications", "acc_cs"),
				harEntry{at: t0.Add(59 * time.Second), method: "POST", path: "/unified/ats/applications", account: "acc_cs"}),
			want: "#100 this Cornerstone account sent 101 requests within 59 s (limit 100 per minute); Cornerstone answers 429",
			// Other families do not count toward the Job Application budget.
			good: append(every(100, t0, 500*time.Millisecond, "/unified/ats/applications", "acc_cs"), every(50, t0, time.Second, "/unified/ats/jobs", "acc_cs")...),
		},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			opts := Options{Accounts: accounts}
			got := rateDiags(t, opts, genHAR(tc.bad), tc.rule)
			require.Len(t, got, 1)
			_, msg, _ := strings.Cut(got[0], " ")
			assert.Equal(t, tc.want, msg)
			// The diagnostic is at the url of that request.
			n := 0
			fmt.Sscanf(msg, "#%d", &n)
			assert.True(t, strings.HasPrefix(got[0], urlPos(genHAR(tc.bad), n)+" "), got[0])

			assert.Empty(t, rateDiags(t, opts, genHAR(tc.good), tc.rule), "good")

			// The same burst on an account of another provider, or with
			// no provider at all, is not this rule's business.
			other := append([]harEntry(nil), tc.bad...)
			for i := range other {
				other[i].account = "acc_lv"
			}
			assert.Empty(t, rateDiags(t, opts, genHAR(other), tc.rule), "other provider")
			assert.Empty(t, rateDiags(t, Options{}, genHAR(tc.bad), tc.rule), "no provider")

			// Two accounts of the provider share nothing: half the
			// burst each stays under the limit.
			split := append([]harEntry(nil), tc.bad...)
			for i := range split {
				if i%2 == 1 {
					split[i].account = tc.account + "_2"
				}
			}
			opts.Accounts = map[string]string{tc.account: accounts[tc.account], tc.account + "_2": accounts[tc.account]}
			assert.Empty(t, rateDiags(t, opts, genHAR(split), tc.rule), "two accounts")

			// --provider applies to every account.
			got = rateDiags(t, Options{Provider: accounts[tc.account]}, genHAR(tc.bad), tc.rule)
			assert.Len(t, got, 1, "--provider")
		})
	}
}

func TestHumanDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "0 ms", 850 * time.Millisecond: "850 ms", 9500 * time.Millisecond: "9.5 s", 60 * time.Second: "60 s",
		250 * time.Second: "4.2 min", 23*time.Hour + 54*time.Minute: "23.9 h",
	} {
		assert.Equal(t, want, humanDuration(d))
	}
	assert.Equal(t, "10,000", thousands(10000))
	assert.Equal(t, "999", thousands(999))
	assert.Equal(t, "1,000,000", thousands(1000000))
}
