// Package preflight checks each StackOne API request of a running Go
// program just before it is sent, where every value is known: the real
// body, the real account and so the real provider (DESIGN.md §10).
//
// One line in a client constructor is enough:
//
//	client := &http.Client{Transport: preflight.New(http.DefaultTransport, preflight.Options{
//		Accounts: map[string]string{"acc_9f2": "bullhorn"},
//	})}
//
// Requests to other hosts pass through after a host comparison. A StackOne
// request is checked by the same engine as `atslint check`; its
// diagnostics go to Options.Report (by default one log/slog warning each),
// and those at or above Options.Block stop the request before it is sent.
// preflight never sends a request of its own and never changes the one it
// hands on.
package preflight

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/atslint/atslint/config"
	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/rules"
)

// Options configure a checking transport. The zero value checks against
// provider-independent rules only, reports through log/slog and blocks
// nothing.
type Options struct {
	// Provider names the provider of every request whose provider is not
	// otherwise known (the CLI's --provider).
	Provider string
	// Providers are checked against when a request's provider is not known
	// (the config's providers list; this one replaces it).
	Providers []string
	// Accounts maps x-account-id values to providers; its entries are
	// added to the config's.
	Accounts map[string]string
	// Config is the path of an .atslint.yaml whose rules, accounts and
	// providers apply. Its ignore and overrides are about files and do not.
	Config string

	// BaseURL is where this client reaches StackOne's API when it is not
	// https://api.stackone.com (a test server). Requests under it are
	// checked as if they were sent to StackOne.
	BaseURL string

	// Block is the lowest severity that stops a request: rules.Error
	// blocks requests with an error diagnostic. The zero value (rules.Off)
	// blocks nothing.
	Block rules.Severity
	// Report receives the diagnostics of each checked request that has
	// any, blocked or not. nil logs one log/slog warning per diagnostic.
	// It may be called from several goroutines at once.
	Report func(*http.Request, []rules.Diagnostic)

	// MaxBody is the largest body that is read and checked (default 1
	// MiB); a larger body is sent unchecked, as if it were unknown.
	MaxBody int64
	// FailClosed blocks a request when atslint itself fails on it (a
	// rule panics, the options are invalid). By default such a request is
	// sent unchecked: a linter must not take down the program it watches.
	FailClosed bool

	// rules, when non-nil, replaces the registry; now replaces the clock
	// (tests).
	rules []*rules.Rule
	now   func() time.Time
}

// DefaultMaxBody is the body limit when Options.MaxBody is zero.
const DefaultMaxBody = 1 << 20

// stackOneHost is where requests under BaseURL are checked as going.
const stackOneHost = "api.stackone.com"

// Error is what a blocked request's RoundTrip returns (wrapped: use
// errors.As). Diagnostics lists what blocked it.
type Error struct {
	Diagnostics []rules.Diagnostic
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("atslint preflight blocked the request: ")
	for i, d := range e.Diagnostics {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s (%s", d.Rule, d.Severity)
		if d.Provider != "" {
			b.WriteString(", " + d.Provider)
		}
		b.WriteString("): " + d.Message)
	}
	return b.String()
}

type providerKey struct{}

// WithProvider returns a context naming the provider of the requests sent
// with it, for when only the caller knows it. It comes before Accounts,
// Provider and Providers, as a request document's "provider" field does.
func WithProvider(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, providerKey{}, name)
}

// providerOf returns the provider named by WithProvider, or "".
func providerOf(ctx context.Context) string {
	s, _ := ctx.Value(providerKey{}).(string)
	return s
}

// transport is the checking RoundTripper.
type transport struct {
	base    http.RoundTripper
	engine  *rules.Engine
	block   rules.Severity
	report  func(*http.Request, []rules.Diagnostic)
	maxBody int64
	closed  bool // FailClosed

	// base URL of a test server: scheme, host and path prefix, lowercase
	// scheme and host.
	baseScheme, baseHost, basePath string

	// setupErr is why the options could not be used; every StackOne
	// request then goes unchecked (or, fail-closed, fails with it).
	setupErr error

	// tracker counts requests for the rate rules over the transport's
	// life: per API key hash, per account, in memory that old entries
	// leave (rules.Tracker).
	tracker *rules.Tracker
	// now is the clock requests are counted by (tests replace it).
	now func() time.Time

	// failed holds the rule IDs whose failure was reported, so that a
	// rule that fails on every request is reported once.
	failedRules sync.Map
}

// New returns a RoundTripper that checks each StackOne request and hands
// it to base (http.DefaultTransport when nil). Invalid options (an unknown
// provider, a config file that does not load) are logged once with
// log/slog; requests are then sent unchecked, or with FailClosed refused
// with the error. Validate reports the same error up front.
func New(base http.RoundTripper, opts Options) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	t := &transport{base: base, block: opts.Block, report: opts.Report, maxBody: opts.MaxBody, closed: opts.FailClosed, now: time.Now}
	if opts.now != nil {
		t.now = opts.now
	}
	if t.report == nil {
		t.report = logReport
	}
	if t.maxBody <= 0 {
		t.maxBody = DefaultMaxBody
	}
	eopts, err := engineOptions(opts)
	if err == nil && opts.BaseURL != "" {
		err = t.setBase(opts.BaseURL)
	}
	if err != nil {
		t.setupErr = fmt.Errorf("atslint preflight: %w", err)
		slog.Error("atslint preflight: requests are not checked", "error", err.Error())
		return t
	}
	t.engine = rules.New(eopts)
	t.tracker = t.engine.NewTracker()
	return t
}

// Validate reports what is wrong with the options, as New would log it.
func (o Options) Validate() error {
	_, err := engineOptions(o)
	if err == nil && o.BaseURL != "" {
		err = (&transport{}).setBase(o.BaseURL)
	}
	return err
}

// engineOptions resolves providers and severities from the options and
// the config file.
func engineOptions(o Options) (rules.Options, error) {
	var eo rules.Options
	if o.Config != "" {
		cfg, err := config.Load(o.Config)
		if err != nil {
			return eo, err
		}
		eo.Providers = cfg.Providers
		eo.Accounts = cfg.Accounts
		eo.Severity = cfg.Severities("")
	}
	norm := func(name string) (string, error) {
		p, ok := rules.NormalizeProvider(name)
		if !ok {
			return "", rules.UnknownProviderError(name)
		}
		return p, nil
	}
	var err error
	if o.Provider != "" {
		if eo.Provider, err = norm(o.Provider); err != nil {
			return eo, err
		}
	}
	if o.Providers != nil {
		eo.Providers = nil
		for _, name := range o.Providers {
			p, err := norm(name)
			if err != nil {
				return eo, err
			}
			eo.Providers = append(eo.Providers, p)
		}
	}
	if len(o.Accounts) > 0 {
		accounts := make(map[string]string, len(eo.Accounts)+len(o.Accounts))
		for id, p := range eo.Accounts {
			accounts[id] = p
		}
		for id, name := range o.Accounts {
			p, err := norm(name)
			if err != nil {
				return eo, fmt.Errorf("account %q: %w", id, err)
			}
			accounts[id] = p
		}
		eo.Accounts = accounts
	}
	eo.Rules = o.rules
	return eo, nil
}

func (t *transport) setBase(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return fmt.Errorf("BaseURL %q is not an absolute URL", raw)
	}
	t.baseScheme, t.baseHost = strings.ToLower(u.Scheme), strings.ToLower(u.Host)
	t.basePath = strings.TrimSuffix(u.EscapedPath(), "/")
	return nil
}

// RoundTrip checks a StackOne request and sends it unless it is blocked.
func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	path, ok := t.target(req.URL)
	if !ok {
		return t.base.RoundTrip(req)
	}
	if t.setupErr != nil {
		if t.closed {
			closeBody(req)
			return nil, t.setupErr
		}
		return t.base.RoundTrip(req)
	}
	send, diags, err := t.check(req, path)
	if err != nil {
		closeBody(req)
		return nil, err
	}
	if len(diags) > 0 {
		t.report(req, diags)
	}
	if blocked := t.blocking(diags); len(blocked) > 0 {
		closeBody(send)
		return nil, &Error{Diagnostics: blocked}
	}
	return t.base.RoundTrip(send)
}

// target returns the escaped path a request calls on StackOne's API, and
// false for a request to another host or outside the unified API.
func (t *transport) target(u *url.URL) (string, bool) {
	path := u.EscapedPath()
	switch {
	case t.baseHost != "" && strings.EqualFold(u.Host, t.baseHost) && strings.EqualFold(u.Scheme, t.baseScheme):
		rest, ok := strings.CutPrefix(path, t.basePath)
		if !ok {
			return "", false
		}
		path = rest
	case request.IsStackOneHost(u.Hostname()):
	default:
		return "", false
	}
	return path, strings.HasPrefix(path, "/unified/")
}

// blocking returns the diagnostics at or above the Block severity.
func (t *transport) blocking(ds []rules.Diagnostic) []rules.Diagnostic {
	if t.block == rules.Off {
		return nil
	}
	var out []rules.Diagnostic
	for _, d := range ds {
		if d.Severity >= t.block {
			out = append(out, d)
		}
	}
	return out
}

// closeBody closes a request's body, as a RoundTripper must even when it
// fails.
func closeBody(req *http.Request) {
	if req.Body != nil {
		req.Body.Close()
	}
}

// logReport is the default Report: one warning per diagnostic, with the
// rule's message (messages never repeat personal data or secrets from a
// request) and no value from the request.
func logReport(_ *http.Request, ds []rules.Diagnostic) {
	for _, d := range ds {
		slog.Warn("atslint: "+d.Message,
			slog.String("rule", d.Rule),
			slog.String("severity", d.Severity.String()),
			slog.String("provider", d.Provider),
			slog.String("operation", d.Operation),
			slog.String("pointer", d.Pointer))
	}
}
