package preflight

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/atslint/atslint/rules"
)

// server is a StackOne stand-in that keeps what it receives.
type server struct {
	*httptest.Server
	mu     sync.Mutex
	bodies [][]byte
}

func newServer(t *testing.T) *server {
	s := &server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("server reading body: %v", err)
		}
		s.mu.Lock()
		s.bodies = append(s.bodies, b)
		s.mu.Unlock()
		w.WriteHeader(http.StatusCreated)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *server) received() [][]byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([][]byte(nil), s.bodies...)
}

// collector is a Report that keeps every diagnostic.
type collector struct {
	mu    sync.Mutex
	diags []rules.Diagnostic
}

func (c *collector) report(_ *http.Request, ds []rules.Diagnostic) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.diags = append(c.diags, ds...)
}

func (c *collector) rules() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for _, d := range c.diags {
		out = append(out, d.Rule)
	}
	return out
}

// client returns a client whose transport checks requests to srv as
// StackOne's API, reporting to a new collector.
func client(srv *server, opts Options) (*http.Client, *collector) {
	c := &collector{}
	opts.BaseURL = srv.URL
	if opts.Report == nil {
		opts.Report = c.report
	}
	return &http.Client{Transport: New(srv.Client().Transport, opts)}, c
}

const noteWithoutAuthor = `{"content": [{"body": "Strong systems design round"}], "visibility": {"value": "private"}}`

func post(t *testing.T, c *http.Client, url, body string) (*http.Response, error) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("x-account-id", "acc_9f2")
	req.Header.Set("Authorization", "Basic djFfc2tfbGl2ZV8xMjM0NTY3ODkwOg==")
	resp, err := c.Do(req)
	if resp != nil {
		resp.Body.Close()
	}
	return resp, err
}

func TestBullhornNoteWithoutAuthorIsReportedAndDelivered(t *testing.T) {
	srv := newServer(t)
	c, got := client(srv, Options{Accounts: map[string]string{"acc_9f2": "bullhorn_ats"}})
	resp, err := post(t, c, srv.URL+"/unified/ats/candidates/cand_7/notes", noteWithoutAuthor)
	require.NoError(t, err)
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	require.Len(t, got.diags, 1, "%+v", got.diags)
	d := got.diags[0]
	assert.Equal(t, "bullhorn/note-missing-author", d.Rule)
	assert.Equal(t, rules.Warning, d.Severity)
	assert.Equal(t, "bullhorn", d.Provider)
	assert.Equal(t, "ats_create_candidate_note", d.Operation)
	assert.Equal(t, "/body", d.Pointer)
	// Delivered, byte for byte; the literal key is not reported: a live
	// request carries the real key.
	assert.Equal(t, [][]byte{[]byte(noteWithoutAuthor)}, srv.received())
}

func TestBlockedRequestIsNeverSent(t *testing.T) {
	srv := newServer(t)
	c, got := client(srv, Options{Block: rules.Error})
	body := &closeCounter{Reader: strings.NewReader(`{"name": "x"}`)}
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/unified/ats/candidatez", body)
	require.NoError(t, err)
	req.Header.Set("x-account-id", "acc_9f2")
	resp, err := c.Do(req)
	require.Error(t, err)
	assert.Nil(t, resp)
	var pe *Error
	require.True(t, errors.As(err, &pe), "%T %v", err, err)
	require.Len(t, pe.Diagnostics, 1)
	assert.Equal(t, "stackone/unknown-operation", pe.Diagnostics[0].Rule)
	assert.Contains(t, err.Error(), "atslint preflight blocked the request: stackone/unknown-operation (error): ")
	assert.Empty(t, srv.received(), "the server got the blocked request")
	assert.Equal(t, 1, body.closed, "the body of a blocked request is closed once")
	assert.Equal(t, []string{"stackone/unknown-operation"}, got.rules(), "a blocked request is reported too")
}

func TestBlockLeavesLowerSeveritiesAlone(t *testing.T) {
	srv := newServer(t)
	c, got := client(srv, Options{Block: rules.Error, Provider: "bullhorn"})
	_, err := post(t, c, srv.URL+"/unified/ats/candidates/cand_7/notes", noteWithoutAuthor)
	require.NoError(t, err)
	assert.Equal(t, []string{"bullhorn/note-missing-author"}, got.rules())
	assert.Len(t, srv.received(), 1)
}

type closeCounter struct {
	io.Reader
	closed int
}

func (c *closeCounter) Close() error { c.closed++; return nil }

// bodyOnly hides a reader's other methods, so that http.NewRequest sets
// no GetBody and the transport has to buffer the body itself.
type bodyOnly struct{ io.Reader }

func TestServerReceivesTheBodyByteForByte(t *testing.T) {
	// Odd spacing, escapes, key order and a trailing newline survive.
	body := "{\"content\":[{\"body\":\"caf\\u00e9 \\\"quoted\\\" \u2603\"}] ,\n  \"author_id\" : \"user_12\"}\n"
	for _, tc := range []struct {
		name string
		make func() io.Reader
	}{
		{"GetBody", func() io.Reader { return strings.NewReader(body) }},
		{"buffered", func() io.Reader { return bodyOnly{strings.NewReader(body)} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newServer(t)
			c, got := client(srv, Options{Provider: "bullhorn"})
			req, err := http.NewRequest(http.MethodPost, srv.URL+"/unified/ats/candidates/cand_7/notes", tc.make())
			require.NoError(t, err)
			req.Header.Set("Content-Type", "application/json; charset=utf-8")
			req.Header.Set("x-account-id", "acc_9f2")
			resp, err := c.Do(req)
			require.NoError(t, err)
			resp.Body.Close()
			assert.Equal(t, [][]byte{[]byte(body)}, srv.received())
			assert.Empty(t, got.rules(), "the note has an author")
		})
	}
}

// A body over the limit is sent whole and unchecked.
func TestBodyOverLimitIsUnknownAndSentWhole(t *testing.T) {
	body := `{"content": [{"body": "` + strings.Repeat("x", 200) + `"}]}`
	for _, tc := range []struct {
		name string
		make func() io.Reader
	}{
		{"GetBody", func() io.Reader { return strings.NewReader(body) }},
		{"buffered", func() io.Reader { return bodyOnly{strings.NewReader(body)} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newServer(t)
			c, got := client(srv, Options{Provider: "bullhorn", MaxBody: 100})
			_, err := post(t, c, srv.URL+"/unified/ats/candidates/cand_7/notes", body)
			require.NoError(t, err)
			req, err := http.NewRequest(http.MethodPost, srv.URL+"/unified/ats/candidates/cand_7/notes", tc.make())
			require.NoError(t, err)
			req.Header.Set("x-account-id", "acc_9f2")
			resp, err := c.Do(req)
			require.NoError(t, err)
			resp.Body.Close()
			assert.Equal(t, [][]byte{[]byte(body), []byte(body)}, srv.received())
			assert.Empty(t, got.rules(), "an unknown body is not missing its author")
		})
	}
}

func TestNonJSONBodyIsUnknown(t *testing.T) {
	srv := newServer(t)
	c, got := client(srv, Options{Provider: "bullhorn"})
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/unified/ats/candidates/cand_7/notes", strings.NewReader(`content=x`))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("x-account-id", "acc_9f2")
	resp, err := c.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Empty(t, got.rules())
	assert.Equal(t, [][]byte{[]byte(`content=x`)}, srv.received())
}

// recorder is a base transport that keeps the requests it is handed.
type recorder struct{ reqs []*http.Request }

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	r.reqs = append(r.reqs, req)
	return &http.Response{StatusCode: http.StatusOK, Body: http.NoBody, Request: req}, nil
}

func TestOtherHostsAreUntouched(t *testing.T) {
	base := &recorder{}
	c := &collector{}
	rt := New(base, Options{Block: rules.Info, Report: c.report, Provider: "bullhorn"})
	for _, u := range []string{
		"https://example.com/unified/ats/candidatez",
		"https://evil-stackone.com/unified/ats/candidatez",
		"https://api.stackone.com.example.org/unified/ats/candidatez",
		"https://api.stackone.com/accounts", // StackOne, but not the unified API
	} {
		body := &closeCounter{Reader: strings.NewReader("{not json")}
		req, err := http.NewRequest(http.MethodPost, u, body)
		require.NoError(t, err)
		_, err = rt.RoundTrip(req)
		require.NoError(t, err, u)
		require.Same(t, req, base.reqs[len(base.reqs)-1], "%s: not the caller's request", u)
		assert.Equal(t, 0, body.closed, u)
		n, _ := body.Read(make([]byte, 100))
		assert.Equal(t, len("{not json"), n, "%s: body was read", u)
	}
	assert.Empty(t, c.rules())

	// The same request to StackOne is checked (and blocked).
	req, err := http.NewRequest(http.MethodPost, "https://API.stackone.com:443/unified/ats/candidatez", nil)
	require.NoError(t, err)
	req.Header.Set("x-account-id", "acc_1")
	_, err = rt.RoundTrip(req)
	var pe *Error
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "stackone/unknown-operation", pe.Diagnostics[0].Rule)
}

// Requests to StackOne itself keep their scheme: plain http is reported.
func TestInsecureURLToStackOne(t *testing.T) {
	c := &collector{}
	rt := New(&recorder{}, Options{Report: c.report})
	req, err := http.NewRequest(http.MethodGet, "http://api.stackone.com/unified/ats/jobs", nil)
	require.NoError(t, err)
	req.Header.Set("x-account-id", "acc_1")
	_, err = rt.RoundTrip(req)
	require.NoError(t, err)
	assert.Equal(t, []string{"security/insecure-url"}, c.rules())
}

// A fix is byte edits on a source file; a live request has none, and the
// edits' text could carry the request's values.
func TestLiveDiagnosticsCarryNoFix(t *testing.T) {
	c := &collector{}
	rt := New(&recorder{}, Options{Report: c.report})
	req, err := http.NewRequest(http.MethodPost, "https://api.stackone.com/unified/ats/candidates/c1/notes",
		strings.NewReader(`{"content": [{"body": "x"}], "auther_id": "u"}`))
	require.NoError(t, err)
	req.Header.Set("x-account-id", "acc_1")
	_, err = rt.RoundTrip(req)
	require.NoError(t, err)
	assert.Equal(t, []string{"stackone/unknown-field"}, c.rules(), "a rule with a fix in files")
	assert.Nil(t, c.diags[0].Fix)
}

func TestWithProvider(t *testing.T) {
	srv := newServer(t)
	c, got := client(srv, Options{Accounts: map[string]string{"acc_9f2": "lever"}})
	req, err := http.NewRequestWithContext(WithProvider(context.Background(), "Bullhorn"), http.MethodPost,
		srv.URL+"/unified/ats/candidates/cand_7/notes", strings.NewReader(noteWithoutAuthor))
	require.NoError(t, err)
	req.Header.Set("x-account-id", "acc_9f2")
	resp, err := c.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, []string{"bullhorn/note-missing-author"}, got.rules())
}

func TestConfigRulesAccountsAndProviders(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, ".atslint.yaml")
	require.NoError(t, os.WriteFile(cfg, []byte("accounts: {acc_9f2: bullhorn}\nrules:\n  bullhorn/note-missing-author: error\n"), 0o644))
	srv := newServer(t)
	c, got := client(srv, Options{Config: cfg, Block: rules.Error})
	_, err := post(t, c, srv.URL+"/unified/ats/candidates/cand_7/notes", noteWithoutAuthor)
	var pe *Error
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "bullhorn/note-missing-author", pe.Diagnostics[0].Rule)
	assert.Equal(t, rules.Error, pe.Diagnostics[0].Severity)
	assert.Equal(t, []string{"bullhorn/note-missing-author"}, got.rules())

	require.NoError(t, os.WriteFile(cfg, []byte("providers: [bullhorn]\nrules:\n  bullhorn/note-missing-author: off\n"), 0o644))
	c, got = client(srv, Options{Config: cfg, Block: rules.Error})
	_, err = post(t, c, srv.URL+"/unified/ats/candidates/cand_7/notes", noteWithoutAuthor)
	require.NoError(t, err)
	assert.Empty(t, got.rules())
}

func TestInvalidOptions(t *testing.T) {
	for _, tc := range []struct {
		opts Options
		want string
	}{
		{Options{Provider: "bullhorm"}, `unknown provider "bullhorm"`},
		{Options{Accounts: map[string]string{"acc_1": "levr"}}, `account "acc_1": unknown provider "levr"`},
		{Options{Config: filepath.Join(t.TempDir(), "missing.yaml")}, "config file not found"},
		{Options{BaseURL: "localhost:8080"}, `BaseURL "localhost:8080" is not an absolute URL`},
	} {
		err := tc.opts.Validate()
		require.Error(t, err)
		assert.Contains(t, err.Error(), tc.want)

		// Fail-open: sent unchecked. Fail-closed: refused with the error.
		base := &recorder{}
		logs := captureLog(t)
		_, err = New(base, tc.opts).RoundTrip(mustRequest(t, "https://api.stackone.com/unified/ats/candidatez"))
		require.NoError(t, err)
		assert.Len(t, base.reqs, 1)
		assert.Contains(t, logs.String(), strings.ReplaceAll(tc.want, `"`, `\"`))
		tc.opts.FailClosed = true
		_, err = New(base, tc.opts).RoundTrip(mustRequest(t, "https://api.stackone.com/unified/ats/candidatez"))
		require.Error(t, err)
		assert.Contains(t, err.Error(), tc.want)
		assert.Len(t, base.reqs, 1)
	}
	assert.NoError(t, Options{Provider: "bullhorn_ats", Accounts: map[string]string{"a": "Lever"}}.Validate())
}

func mustRequest(t *testing.T, url string) *http.Request {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	require.NoError(t, err)
	return req
}

// captureLog sends the default slog logger's output to a buffer for the
// rest of the test.
func captureLog(t *testing.T) *bytes.Buffer {
	var buf bytes.Buffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&buf, nil)))
	t.Cleanup(func() { slog.SetDefault(old) })
	return &buf
}

func TestDefaultReportLogsNoRequestValue(t *testing.T) {
	logs := captureLog(t)
	srv := newServer(t)
	rt := New(srv.Client().Transport, Options{BaseURL: srv.URL, Provider: "bullhorn"})
	body := `{"content": [{"body": "Ada Lovelace, ada@example.com, +44 20 7946 0000"}], "auther_id": "user_12"}`
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/unified/ats/candidates/cand_secret_7/notes", strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("x-account-id", "acc_secret_9f2")
	req.Header.Set("Authorization", "Basic c2VjcmV0LWtleTo=")
	resp, err := (&http.Client{Transport: rt}).Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	out := logs.String()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 2, out)
	assert.Contains(t, lines[1], `level=WARN msg="atslint: unknown field \"auther_id\"; StackOne drops it silently; did you mean \"author_id\"?" `+
		`rule=stackone/unknown-field severity=warning provider="" operation=ats_create_candidate_note pointer=/body/auther_id`)
	assert.Contains(t, lines[0], `rule=bullhorn/note-missing-author severity=warning provider=bullhorn operation=ats_create_candidate_note pointer=/body`)
	for _, secret := range []string{"Ada", "ada@", "7946", "cand_secret", "acc_secret", "c2VjcmV0", "user_12"} {
		assert.NotContains(t, out, secret)
	}
}

// panicky is a rule that fails on every request.
var panicky = &rules.Rule{ID: "test/panicky", Severity: rules.Warning, Check: func(p *rules.Pass) {
	var m map[string]int
	m["x"]++ // assignment to a nil map: a runtime error
}}

var noisy = &rules.Rule{ID: "test/noisy", Severity: rules.Warning, Check: func(p *rules.Pass) {
	p.ReportRequest("every request")
}}

func TestRulePanicIsRecoveredReportedOnceAndFailsOpen(t *testing.T) {
	logs := captureLog(t)
	srv := newServer(t)
	c, got := client(srv, Options{rules: []*rules.Rule{noisy, panicky}, Block: rules.Warning})
	for range 3 {
		_, err := post(t, c, srv.URL+"/unified/ats/jobs", `{}`)
		require.NoError(t, err)
	}
	assert.Len(t, srv.received(), 3, "fail-open: every request is sent")
	assert.Empty(t, got.rules(), "a request whose check failed has no trustworthy diagnostics")
	assert.Equal(t, 1, strings.Count(logs.String(), "level=ERROR"), logs.String())
	assert.Contains(t, logs.String(), `rule=test/panicky panic="assignment to entry in nil map"`)
}

func TestRulePanicFailsClosed(t *testing.T) {
	captureLog(t)
	srv := newServer(t)
	c, _ := client(srv, Options{rules: []*rules.Rule{panicky}, FailClosed: true})
	body := &closeCounter{Reader: strings.NewReader(`{}`)}
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/unified/ats/jobs", body)
	require.NoError(t, err)
	_, err = c.Do(req)
	var pe *Error
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "test/panicky", pe.Diagnostics[0].Rule)
	assert.Empty(t, srv.received())
	assert.Equal(t, 1, body.closed)
}

// clock is a settable time source for the rate rules.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func ruleCounts(ds []rules.Diagnostic) map[string]int {
	out := map[string]int{}
	for _, d := range ds {
		out[d.Rule]++
	}
	return out
}

// 200 requests at once, all within one second: the rate rules count every
// one of them, once, whatever the order.
func TestConcurrentRequestsAreCountedByTheRateRules(t *testing.T) {
	srv := newServer(t)
	clk := &clock{now: time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)}
	c, got := client(srv, Options{now: clk.Now, Accounts: map[string]string{"acc_sr": "smartrecruiters", "acc_gh": "greenhouse"}})
	var wg sync.WaitGroup
	for i := range 200 {
		wg.Go(func() {
			account, path := "acc_gh", "/unified/ats/jobs"
			switch {
			case i%2 == 0 && i < 10:
				account, path = "acc_sr", "/unified/ats/applications" // 5 application lists
			case i%2 == 0:
				account = "acc_sr"
			}
			req, err := http.NewRequest(http.MethodGet, srv.URL+path, nil)
			if err != nil {
				t.Error(err)
				return
			}
			req.Header.Set("x-account-id", account)
			req.Header.Set("Authorization", "Basic c2tfbGl2ZV9jb25jdXJyZW50Og==")
			resp, err := c.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
		})
	}
	wg.Wait()
	assert.Len(t, srv.received(), 200)
	got.mu.Lock()
	defer got.mu.Unlock()
	assert.Equal(t, map[string]int{
		"smartrecruiters/request-rate":      1, // 100 in a second, limit 10: once per account
		"greenhouse/rate-limit":             1, // 100 in a second, limit 50 per 10 s: once per account
		"smartrecruiters/rate-limit":        4, // 5 application lists within 5 minutes: every one after the first
		"smartrecruiters/list-applications": 5, // a per-request rule, for each list
	}, ruleCounts(got.diags))
	for _, d := range got.diags {
		assert.Equal(t, "/url", d.Pointer, d.Rule)
	}
}

// The StackOne limit is per API key; requests are counted over the
// transport's life, in a window that moves with the clock.
func TestStackOneRateLimitAtRunTime(t *testing.T) {
	clk := &clock{now: time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)}
	c := &collector{}
	rt := New(&recorder{}, Options{now: clk.Now, Report: c.report})
	send := func(key string) {
		req := mustRequest(t, "https://api.stackone.com/unified/ats/jobs")
		req.Header.Set("x-account-id", "acc_1")
		req.Header.Set("Authorization", key)
		_, err := rt.RoundTrip(req)
		require.NoError(t, err)
	}
	// 1,000 per key per minute is the limit: 1,000 in 59.94 s, then one
	// more a minute after the first, are within it.
	for range 1000 {
		send("Basic a2V5LW9uZTo=")
		clk.Add(59 * time.Millisecond)
	}
	clk.Add(time.Minute - 1000*59*time.Millisecond)
	send("Basic a2V5LW9uZTo=")
	assert.Empty(t, c.rules())
	// Another key has its own count: 1,001 at once is one too many.
	for range 1001 {
		send("Basic a2V5LXR3bzo=")
	}
	assert.Equal(t, []string{"stackone/rate-limit"}, c.rules())
	assert.Equal(t, "this API key sent 1001 requests in 60 s (limit 1000 per minute); StackOne answers 429", c.diags[0].Message)
}

// A provider's budget is a sliding window: ten a second, second after
// second, is within SmartRecruiters' limit; an eleventh in a second is not.
func TestProviderRateWindowMovesWithTheClock(t *testing.T) {
	clk := &clock{now: time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)}
	c := &collector{}
	rt := New(&recorder{}, Options{now: clk.Now, Report: c.report, Provider: "smartrecruiters"})
	send := func() {
		req := mustRequest(t, "https://api.stackone.com/unified/ats/jobs")
		req.Header.Set("x-account-id", "acc_1")
		_, err := rt.RoundTrip(req)
		require.NoError(t, err)
	}
	for range 5 {
		for range 10 {
			send()
		}
		clk.Add(time.Second)
	}
	assert.Empty(t, c.rules())
	for range 11 {
		send()
	}
	assert.Equal(t, []string{"smartrecruiters/request-rate"}, c.rules())
}
