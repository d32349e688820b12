// Package triage explains failed StackOne responses: the general meaning
// of the status code, the provider-specific cause and fix, and what to do
// about retries. Every entry is a fact from StackOne's "ATS Connector
// Errors" page (the seed of atslint), its rate-limiting and connection
// guides, or a provider's own API docs, each row naming its source;
// nothing here is guessed. The command `atslint triage` reads the responses and
// prints these explanations.
package triage

import (
	"slices"
	"sort"
)

// Sources of the tables.
const (
	// SeedSource is StackOne's ATS Connector Errors page, which holds the
	// error code reference and the provider tables.
	SeedSource = "StackOne docs, ATS Connector Errors (docs.stackone.com/ats/common-guide/connector-errors)"
	// RateSource is StackOne's rate-limiting guide (408 and 429).
	RateSource = "StackOne docs, Rate limiting (docs.stackone.com/guides/rate-limiting)"
	// bambooHRChanges announces BambooHR's move from 503 to 429 for
	// throttling (it replaces a third-party page that still said 503).
	bambooHRChanges = "BambooHR API docs, Planned changes to the API (documentation.bamboohr.com/docs/planned-changes-to-the-api): " +
		"from 2026-09-16 a rate limit gives 429 with Retry-After, and 503 only means the API is unavailable"
	// successFactorsGuide is StackOne's SAP SuccessFactors connection guide.
	successFactorsGuide = "StackOne docs, SAP SuccessFactors connection guide (hub.stackone.com/connection-guides/ats/sapsuccessfactors): " +
		"after linking, authentication can take up to 15 minutes to start working"
)

// Code is one row of the seed's Error Code Reference table.
type Code struct {
	Status      int
	Name        string
	Description string
}

// Codes is the seed's Error Code Reference, in its order.
var Codes = []Code{
	{400, "Bad Request", "Invalid request parameters or malformed request body"},
	{401, "Unauthorized", "Missing or invalid API key, or expired credentials"},
	{403, "Forbidden", "Valid credentials but insufficient permissions"},
	{404, "Not Found", "Resource does not exist or was deleted"},
	{408, "Request Timeout", "Request took too long to complete"},
	{409, "Conflict", "Request conflicts with current resource state"},
	{412, "Precondition Failed", "Linked account belongs to a disabled integration"},
	{422, "Unprocessable Entity", "Request validation failed"},
	{429, "Too Many Requests", "Rate limit exceeded"},
	{500, "Internal Server Error", "Unexpected server error"},
	{501, "Not Implemented", "Feature not supported for this provider"},
	{502, "Bad Gateway", "Error from upstream provider"},
}

// LookupCode returns the reference row of a status code.
func LookupCode(status int) (Code, bool) {
	for _, c := range Codes {
		if c.Status == status {
			return c, true
		}
	}
	return Code{}, false
}

// ProviderRow is a provider-specific row of the seed: an error, its cause
// and its fix.
type ProviderRow struct {
	Provider string // atslint's provider key
	Status   int
	// Error is the error as the source labels it ("501 Bad Request").
	Error string
	Cause string
	// Fix is "" when the seed gives none.
	Fix string
	// Guide is the page the fix refers to, "" when none.
	Guide  string
	Source string
}

// ProviderRows are the seed's provider tables (Teamtailor, Greenhouse,
// Lever) and its SmartRecruiters rate-limit note, in the seed's order, then
// rows from other public sources (BambooHR, SAP SuccessFactors).
var ProviderRows = []ProviderRow{
	{Provider: "teamtailor", Status: 501, Error: "501 Bad Request", Cause: "API key missing permissions",
		Fix: "Ask the customer to re-authenticate per the Teamtailor guide", Guide: "https://hub.stackone.com/en/articles/7727336-teamtailor", Source: SeedSource},
	{Provider: "greenhouse", Status: 404, Error: "404 Not Found", Cause: "Invalid Greenhouse user ID provided during account linking",
		Fix: "Ask the customer to re-authenticate per the Greenhouse guide", Guide: "https://hub.stackone.com/en/articles/7727805-greenhouse", Source: SeedSource},
	{Provider: "lever", Status: 400, Error: "400 Invalid Request", Cause: "Missing or malformed parameter",
		Fix: "Check request parameters against documentation", Source: SeedSource},
	{Provider: "lever", Status: 401, Error: "401 Unauthorized", Cause: "Invalid credentials or insufficient scopes",
		Fix: "Re-verify integration credentials per the Lever setup guide", Guide: "https://docs.stackone.com/connectors/setup-guides/lever", Source: SeedSource},
	{Provider: "lever", Status: 403, Error: "403 Forbidden", Cause: "Account settings block operation",
		Fix: "Contact Lever Super Admin to update API settings", Source: SeedSource},
	{Provider: "lever", Status: 429, Error: "429 Too Many Requests", Cause: "Rate limit exceeded",
		Fix: "Use SDK retryConfig or implement retry strategy", Source: SeedSource},
	{Provider: "lever", Status: 500, Error: "500 Server Error", Cause: "Lever server error",
		Fix: "Contact StackOne support", Source: SeedSource},
	{Provider: "lever", Status: 503, Error: "503 Service Unavailable", Cause: "Lever maintenance downtime",
		Fix: "Retry with exponential backoff", Source: SeedSource},
	{Provider: "smartrecruiters", Status: 429, Error: "429 Too Many Requests",
		Cause:  "SmartRecruiters implements restrictive rate limits (1 request per 5 minutes for some endpoints) and does not support listing applications or interviews directly",
		Source: SeedSource},
	{Provider: "bamboohr", Status: 429, Error: "429 Too Many Requests", Cause: "BambooHR rate limit (since 2026-09-16 BambooHR throttles with 429, always with Retry-After)",
		Fix: "Wait the Retry-After seconds, then retry; 503 from BambooHR is an outage, not throttling", Source: bambooHRChanges},
	{Provider: "bamboohr", Status: 503, Error: "503 Service Unavailable", Cause: "BambooHR API unavailable (an outage: since 2026-09-16 BambooHR no longer uses 503 for rate limits)",
		Fix: "Retry later with backoff; do not treat it as throttling", Source: bambooHRChanges},
	{Provider: "successfactors", Status: 401, Error: "401 Unauthorized", Cause: "Account not active yet: after a SuccessFactors account is linked, authentication can take up to 15 minutes to start working, and StackOne answers 401 until then",
		Fix:   "If the account was linked less than 15 minutes ago, wait and retry; do not rotate the credentials. Otherwise check them per StackOne's SuccessFactors guide",
		Guide: "https://hub.stackone.com/connection-guides/ats/sapsuccessfactors", Source: successFactorsGuide},
}

// Note is advice that applies to a status code whatever the provider.
type Note struct {
	Text   string
	Source string
}

// notes by status code.
var notes = map[int][]Note{
	403: {{"many 403 errors are due to missing provider-side permissions: verify them", SeedSource}},
	408: {{"StackOne already retried the provider (up to 5 times, honouring its Retry-After) and the request outlived its 60-second lifetime: " +
		"wait the Retry-After seconds of the response, then retry with backoff", RateSource}},
	429: {{"StackOne allows 1,000 requests per minute per API key, and providers have their own limits: " +
		"wait the Retry-After seconds of the response, then retry with backoff", RateSource}},
}

// providerErrorsNote is the seed's debugging tip on provider_errors.
var providerErrorsNote = Note{"the raw provider responses are in the response and in StackOne's Dashboard → Logs (not printed here: they may hold personal data)", SeedSource}

// Explanation is what triage knows about one status code for the
// providers a response may come from.
type Explanation struct {
	Status int
	// Code is the reference row; ok is false for a status the reference
	// does not list (503, 504…).
	Code   Code
	InCode bool
	// Rows are the provider rows for the given providers.
	Rows []ProviderRow
	// Others lists providers that have a row for this status when no
	// provider was given: naming the provider would tell more.
	Others []string
	Notes  []Note
}

// Explain explains a status code for a response from one of providers
// (none: the provider is unknown).
func Explain(status int, providers []string) Explanation {
	e := Explanation{Status: status}
	e.Code, e.InCode = LookupCode(status)
	for _, r := range ProviderRows {
		if r.Status != status {
			continue
		}
		switch {
		case slices.Contains(providers, r.Provider):
			e.Rows = append(e.Rows, r)
		case len(providers) == 0 && !slices.Contains(e.Others, r.Provider):
			e.Others = append(e.Others, r.Provider)
		}
	}
	sort.Strings(e.Others)
	e.Notes = append(e.Notes, notes[status]...)
	return e
}
