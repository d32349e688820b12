package rules

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/atslint/atslint/internal/benchdata"
	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/source/har"
)

// timedRequest is a GET of path at a time, with an API key and account.
func timedRequest(i int, path, account string, at time.Time) *request.Request {
	return &request.Request{Index: i, Method: "GET", MethodKnown: true, PathKnown: true, Path: path, Time: at,
		Headers: []request.Header{{Name: "Authorization", Value: &request.Value{Kind: request.String, Str: "Basic c2VjcmV0Og=="}},
			{Name: "x-account-id", Value: &request.Value{Kind: request.String, Str: account}}},
		HeadersComplete: true, QueryComplete: true}
}

func summary(ds []Diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, fmt.Sprintf("#%d %s %s", d.Request, d.Rule, d.Message))
	}
	slices.Sort(out)
	return out
}

// A Tracker fed one Record at a time (as preflight feeds it) reports what
// checking the whole file reports.
func TestTrackerOneAtATime(t *testing.T) {
	e := New(Options{Accounts: map[string]string{"acc_gh": "greenhouse", "acc_sr": "smartrecruiters"}})
	var reqs []*request.Request
	for i := range 1002 {
		account, path := "acc_gh", "/unified/ats/jobs"
		if i%3 == 0 {
			account, path = "acc_sr", "/unified/ats/applications"
		}
		reqs = append(reqs, timedRequest(i, path, account, t0.Add(time.Duration(i)*50*time.Millisecond)))
	}
	var whole []Diagnostic
	for _, d := range e.Check(reqs) {
		if e.rulesByID(d.Rule).Records != nil {
			whole = append(whole, d)
		}
	}
	tr := e.NewTracker()
	var one []Diagnostic
	for _, r := range reqs {
		one = append(one, tr.Add(e.Record(r))...)
	}
	require.NotEmpty(t, whole)
	assert.Equal(t, summary(whole), summary(one))
	assert.Contains(t, summary(one), "#1000 stackone/rate-limit this API key sent 1001 requests in 60 s (limit 1000 per minute); StackOne answers 429")
	rules := map[string]int{}
	for _, d := range one {
		rules[d.Rule]++
	}
	// Every application list after the first (334 of them) is within 5
	// minutes of the one before; they are 150 ms apart, under
	// SmartRecruiters' 10 per second.
	assert.Equal(t, map[string]int{"stackone/rate-limit": 1, "greenhouse/rate-limit": 1, "smartrecruiters/rate-limit": 333}, rules)
}

func (e *Engine) rulesByID(id string) *Rule {
	for _, r := range e.rules {
		if r.ID == id {
			return r
		}
	}
	return &Rule{}
}

// Concurrent Adds (preflight's transports) count every request once.
func TestTrackerConcurrent(t *testing.T) {
	e := New(Options{})
	tr := e.NewTracker()
	var (
		mu  sync.Mutex
		got []Diagnostic
		wg  sync.WaitGroup
	)
	for g := range 7 {
		wg.Go(func() {
			for i := range 143 { // 7 × 143 = 1,001 requests in the same second
				ds := tr.Add(e.Record(timedRequest(g*143+i, "/unified/ats/jobs", "a", t0)))
				mu.Lock()
				got = append(got, ds...)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	require.Len(t, got, 1)
	assert.Equal(t, "this API key sent 1001 requests in 60 s (limit 1000 per minute); StackOne answers 429", got[0].Message)
}

// Requests recorded in reverse time order are counted in time order: the
// request reported is the first over the limit in time, with the span of
// the burst in time.
func TestRateOutOfOrder(t *testing.T) {
	e := New(Options{Provider: "smartrecruiters"})
	var reqs []*request.Request
	for i := range 11 {
		reqs = append(reqs, timedRequest(i, "/unified/ats/jobs", "acc_sr", t0.Add(time.Duration(10-i)*90*time.Millisecond)))
	}
	var got []string
	for _, d := range e.Check(reqs) {
		if d.Rule == "smartrecruiters/request-rate" {
			got = append(got, fmt.Sprintf("#%d %s", d.Request, d.Message))
		}
	}
	assert.Equal(t, []string{"#0 this SmartRecruiters account sent 11 requests within 900 ms (limit 10 per second); SmartRecruiters answers 429"}, got)
}

// The state of the cross-request rules stays bounded however many
// requests and accounts pass: keys idle for longer than a window are
// forgotten, and a window holds at most its limit (plus one) requests.
func TestTrackerStateBounded(t *testing.T) {
	e := New(Options{Provider: "greenhouse"})
	tr := e.NewTracker()
	var gh *providerCount
	var so *stackOneRate
	for _, c := range tr.checks {
		switch c := c.check.(type) {
		case *providerCount:
			if c.rate.provider == "greenhouse" {
				gh = c
			}
		case *stackOneRate:
			so = c
		}
	}
	require.NotNil(t, gh)
	require.NotNil(t, so)
	maxKeys, maxHeld := 0, 0
	reports := 0
	for i := range 100_000 {
		// Each account sends 100 requests 10 ms apart, then stops.
		r := timedRequest(i, "/unified/ats/jobs", fmt.Sprintf("acc_%d", i/100), t0.Add(time.Duration(i)*10*time.Millisecond))
		r.Headers[0].Value.Str = fmt.Sprintf("Basic key%d", i/500)
		reports += len(tr.Add(e.Record(r)))
		maxKeys = max(maxKeys, len(gh.accounts.m), len(so.keys.m))
		if i%97 == 0 {
			for _, ks := range gh.accounts.m {
				maxHeld = max(maxHeld, len(ks.s.held))
			}
		}
	}
	// Every account goes over 50 in 10 s once: 1,000 reports, and the
	// reported accounts are kept (once per run). Every API key sends 500
	// requests in 5 s: quiet, and forgotten a minute later.
	assert.Equal(t, 1000, reports)
	assert.LessOrEqual(t, maxHeld, 51)
	assert.Less(t, len(so.keys.m), 128)
	assert.LessOrEqual(t, maxKeys, 1000+128)
}

// The requests of one file are checked by several workers (AddAll), with
// the same result at any number: the cross-request rules and ignores
// still see them in file order. The reference checks each request in a
// new Pass (freshPasses): what a FileCheck keeps of a check (diagnostics,
// the Records the rate rules hold) must not be memory of the Passes it
// uses again.
func TestAddAllSameAtAnyJobs(t *testing.T) {
	var entries []harEntry
	for i := range 600 {
		account := fmt.Sprintf("acc_%d", i%3)
		path := "/unified/ats/candidates"
		if i%5 == 0 {
			path = "/unified/ats/applications"
		}
		entries = append(entries, harEntry{at: t0.Add(time.Duration(i) * 40 * time.Millisecond), path: path, account: account})
	}
	array, err := request.ReadDocument(benchdata.Array(700), request.Options{})
	require.NoError(t, err)
	rec, err := har.Read(strings.NewReader(genHAR(entries)), har.Options{})
	require.NoError(t, err)
	accounts := map[string]string{"acc_0": "smartrecruiters", "acc_1": "greenhouse", "acc_2": "personio"}
	check := func(jobs int, fresh bool, reqs []*request.Request) []Diagnostic {
		defer func(old bool) { freshPasses = old }(freshPasses)
		freshPasses = fresh
		fc := New(Options{Accounts: accounts}).NewFileCheck()
		fc.AddAll(jobs, func(add func(*request.Request)) {
			for _, r := range reqs {
				add(r)
			}
		})
		return fc.Diagnostics()
	}
	for name, reqs := range map[string][]*request.Request{"array": array.Requests, "har": rec.Requests} {
		want := check(1, true, reqs)
		require.Greater(t, len(want), 50, name)
		for _, jobs := range []int{1, 2, 3, 8} {
			assert.Equal(t, want, check(jobs, false, reqs), "%s at %d jobs", name, jobs)
		}
	}
}

func TestFamily(t *testing.T) {
	for path, want := range map[string]string{
		"/unified/ats/applications": "applications", "/unified/ats/candidates/c1/notes": "candidates",
		"unified/ats/jobs/": "jobs", "/unified/ats": "", "/unified/ats/": "", "/unified//x/y": "x", "": "",
	} {
		if got := family(path); got != want {
			t.Errorf("family(%q) = %q, want %q", path, got, want)
		}
	}
}
