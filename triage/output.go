package triage

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/atslint/atslint/request"
)

func pos(file string, s request.Span) string {
	if s.Start.Line == 0 {
		return file
	}
	return fmt.Sprintf("%s:%d:%d", file, s.Start.Line, s.Start.Column)
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// Text writes one block per failed response:
//
//	rec.har:88:19: 501 Not Implemented: feature not supported for this provider
//	  request: POST ats_create_candidate (/unified/ats/candidates), entry 4, provider teamtailor
//	  teamtailor: API key missing permissions; fix: ask the customer to re-authenticate per the Teamtailor guide (https://…)
//	  provider_errors: 1 (403 from api.teamtailor.com); …
//	  predicted by teamtailor/missing-permissions (info) at rec.har:70:18: …
//
// Nothing of the response's message, nor of provider_errors but their
// status and host, is printed: they may hold personal data.
func Text(w io.Writer, r *Report) error {
	var b strings.Builder
	for i, it := range r.Items {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%s: ", pos(it.File, it.Span))
		if it.InCode {
			fmt.Fprintf(&b, "%d %s: %s", it.Status, it.Code.Name, lowerFirst(it.Code.Description))
		} else {
			fmt.Fprintf(&b, "%d: not in StackOne's error code reference", it.Status)
		}
		if it.Body != nil && it.Body.ErrorCode != "" {
			fmt.Fprintf(&b, " (errorCode %s)", it.Body.ErrorCode)
		}
		b.WriteString("\n")
		if it.HAR {
			op := "an unknown operation"
			if it.Operation != "" {
				op = it.Operation + " (" + it.OperationPath + ")"
			}
			fmt.Fprintf(&b, "  request: %s %s, entry %d, %s\n", it.Method, op, it.Index, providerWords(it.Providers))
		} else if len(it.Providers) > 0 {
			fmt.Fprintf(&b, "  %s\n", providerWords(it.Providers))
		}
		for _, row := range it.Rows {
			label := row.Provider
			if len(it.Providers) > 1 {
				label = "if " + row.Provider
			}
			fmt.Fprintf(&b, "  %s: %s", label, row.Cause)
			if row.Fix != "" {
				fmt.Fprintf(&b, "; fix: %s", lowerFirst(row.Fix))
				if row.Guide != "" {
					fmt.Fprintf(&b, " (%s)", row.Guide)
				}
			}
			b.WriteString("\n")
		}
		if len(it.Others) > 0 {
			fmt.Fprintf(&b, "  provider-specific: %s %s a known cause for %d; name the provider (%s) to see %s\n",
				andList(it.Others), plural(len(it.Others), "has", "have"), it.Status, howToName(it), plural(len(it.Others), "it", "them"))
		}
		for _, n := range it.Notes {
			fmt.Fprintf(&b, "  note: %s%s\n", n.Text, retryAfter(it, n))
		}
		if it.Body != nil && len(it.Body.ProviderErrors) > 0 {
			fmt.Fprintf(&b, "  provider_errors: %s; %s\n", summarise(it.Body.ProviderErrors), providerErrorsNote.Text)
		}
		if it.BodyNote != "" {
			fmt.Fprintf(&b, "  body: %s\n", it.BodyNote)
		}
		for _, f := range it.Predicted {
			fmt.Fprintf(&b, "  predicted by %s (%s) at %s: %s\n", f.Rule, f.Severity, pos(it.File, f.Span), f.Message)
		}
		for _, f := range it.Flagged {
			fmt.Fprintf(&b, "  also flagged by %s (%s) at %s: %s\n", f.Rule, f.Severity, pos(it.File, f.Span), f.Message)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// howToName says how the provider of a response can be given.
func howToName(it Item) string {
	if it.HAR {
		return "config accounts or --provider"
	}
	return `"provider" in the file or --provider`
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func providerWords(ps []string) string {
	switch len(ps) {
	case 0:
		return "provider unknown"
	case 1:
		return "provider " + ps[0]
	}
	return "providers " + strings.Join(ps, ", ")
}

// retryAfter adds the response's Retry-After to the retry note.
func retryAfter(it Item, n Note) string {
	if it.RetryAfter == "" || n.Source != RateSource {
		return ""
	}
	return " (this response: Retry-After " + it.RetryAfter + ")"
}

// summarise writes provider_errors as "2 (403 from api.teamtailor.com,
// status unknown)".
func summarise(pes []ProviderError) string {
	parts := make([]string, len(pes))
	for i, pe := range pes {
		s := "status unknown"
		if pe.Status != 0 {
			s = strconv.Itoa(pe.Status)
		}
		if pe.Host != "" {
			s += " from " + pe.Host
		}
		parts[i] = s
	}
	return fmt.Sprintf("%d (%s)", len(pes), strings.Join(parts, ", "))
}

type jsonFinding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Predicts string `json:"predicts"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Message  string `json:"message"`
}

type jsonRow struct {
	Provider string `json:"provider"`
	Error    string `json:"error"`
	Cause    string `json:"cause"`
	Fix      string `json:"fix,omitempty"`
	Guide    string `json:"guide,omitempty"`
	Source   string `json:"source"`
}

type jsonNote struct {
	Text   string `json:"text"`
	Source string `json:"source"`
}

type jsonProviderError struct {
	Status int    `json:"status,omitempty"`
	Host   string `json:"host,omitempty"`
}

type jsonItem struct {
	File           string              `json:"file"`
	Line           int                 `json:"line"`
	Column         int                 `json:"column"`
	Pointer        string              `json:"pointer"`
	Index          int                 `json:"index"`
	Status         int                 `json:"status"`
	Name           string              `json:"name,omitempty"`
	Meaning        string              `json:"meaning,omitempty"`
	ErrorCode      string              `json:"error_code,omitempty"`
	Timestamp      string              `json:"timestamp,omitempty"`
	Method         string              `json:"method,omitempty"`
	Operation      string              `json:"operation,omitempty"`
	Providers      []string            `json:"providers"`
	ProviderRows   []jsonRow           `json:"provider_causes"`
	OtherProviders []string            `json:"other_providers,omitempty"`
	Notes          []jsonNote          `json:"notes"`
	RetryAfter     string              `json:"retry_after,omitempty"`
	ProviderErrors []jsonProviderError `json:"provider_errors"`
	BodyNote       string              `json:"body_note,omitempty"`
	Predicted      []jsonFinding       `json:"predicted_by"`
	Flagged        []jsonFinding       `json:"also_flagged"`
	Source         string              `json:"source"`
}

type jsonProblem struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Message string `json:"message"`
}

// JSON writes the report as one object: {"version": 1, "responses": […],
// "problems": […], "summary": {…}}.
func JSON(w io.Writer, r *Report) error {
	out := struct {
		Version   int           `json:"version"`
		Responses []jsonItem    `json:"responses"`
		Problems  []jsonProblem `json:"problems"`
		Summary   Summary       `json:"summary"`
	}{Version: 1, Responses: []jsonItem{}, Problems: []jsonProblem{}, Summary: r.Summary}
	findings := func(fs []Finding) []jsonFinding {
		out := []jsonFinding{}
		for _, f := range fs {
			out = append(out, jsonFinding{f.Rule, f.Severity, f.Predicts, int(f.Span.Start.Line), int(f.Span.Start.Column), f.Message})
		}
		return out
	}
	for _, it := range r.Items {
		ji := jsonItem{
			File: it.File, Line: int(it.Span.Start.Line), Column: int(it.Span.Start.Column), Pointer: it.Pointer, Index: it.Index,
			Status: it.Status, Method: it.Method, Operation: it.Operation, Providers: append([]string{}, it.Providers...),
			ProviderRows: []jsonRow{}, OtherProviders: it.Others, Notes: []jsonNote{}, RetryAfter: it.RetryAfter,
			ProviderErrors: []jsonProviderError{}, BodyNote: it.BodyNote,
			Predicted: findings(it.Predicted), Flagged: findings(it.Flagged), Source: SeedSource,
		}
		if it.InCode {
			ji.Name, ji.Meaning = it.Code.Name, it.Code.Description
		}
		if it.Body != nil {
			ji.ErrorCode, ji.Timestamp = it.Body.ErrorCode, it.Body.Timestamp
			for _, pe := range it.Body.ProviderErrors {
				ji.ProviderErrors = append(ji.ProviderErrors, jsonProviderError(pe))
			}
		}
		for _, row := range it.Rows {
			ji.ProviderRows = append(ji.ProviderRows, jsonRow{row.Provider, row.Error, row.Cause, row.Fix, row.Guide, row.Source})
		}
		for _, n := range it.Notes {
			ji.Notes = append(ji.Notes, jsonNote(n))
		}
		out.Responses = append(out.Responses, ji)
	}
	for _, p := range r.Problems {
		out.Problems = append(out.Problems, jsonProblem{p.File, int(p.Span.Start.Line), int(p.Span.Start.Column), p.Message})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// Formats are the output formats of triage.
var Formats = map[string]func(io.Writer, *Report) error{"text": Text, "json": JSON}

// andList writes "a", "a and b", "a, b and c".
func andList(xs []string) string {
	if len(xs) < 2 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}
