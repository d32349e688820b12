package triage

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/rules"
	"github.com/atslint/atslint/source/har"
)

// Finding is a diagnostic of atslint's rules on the request of a failed
// response.
type Finding struct {
	Rule     string
	Severity string
	Predicts string
	Message  string
	Span     request.Span
}

// Item is one failed response, explained.
type Item struct {
	File string
	// Span and Pointer locate the response: the error object in an error
	// file, the response's "status" in a HAR recording.
	Span    request.Span
	Pointer string
	// Index is the object's index in an error file (0 for a single
	// object), the entry's index in a HAR recording.
	Index int
	HAR   bool
	// Status is the HTTP status: the HAR response's, or statusCode.
	Status int
	// Body is the StackOne error body, nil when there is none; BodyNote
	// then says why.
	Body     *ErrorResponse
	BodyNote string
	// Method, Operation and OperationPath describe the request (HAR only;
	// the operation is "" when the request matches none).
	Method, Operation, OperationPath string
	// Providers are the providers the response may come from, as resolved
	// for the request (DESIGN §4); empty when unknown.
	Providers []string
	// RetryAfter is the response's Retry-After in seconds, "" when absent.
	RetryAfter string
	Explanation
	// Predicted are the diagnostics on the request whose rule predicts
	// this status; Flagged the other diagnostics on it.
	Predicted, Flagged []Finding
}

// Problem is an input that could not be triaged (not JSON, not an error
// response, an unknown provider).
type Problem struct {
	File    string
	Span    request.Span
	Message string
}

// Summary counts what a run read.
type Summary struct {
	Files    int `json:"files"`
	Errors   int `json:"errors"`
	Requests int `json:"requests"` // StackOne requests of HAR recordings
	Skipped  int `json:"skipped"`  // HAR entries that are not StackOne requests
}

// Report is the outcome of a triage run.
type Report struct {
	Items    []Item
	Problems []Problem
	Summary  Summary
}

// AddErrorFile triages a file of StackOne error responses: one object or
// an array of them. Objects whose statusCode is under 400 are not errors
// and are left out. The provider of a response is its "provider" field,
// else the engine's --provider or providers list.
func (r *Report) AddErrorFile(eng *rules.Engine, file string, data []byte, opts request.Options) {
	r.Summary.Files++
	v, err := request.Parse(data, opts)
	if err != nil {
		p := request.ParseErrorProblem(data, err)
		r.Problems = append(r.Problems, Problem{File: file, Span: p.Span, Message: p.Message})
		return
	}
	const want = `expected a StackOne error response (an object with a numeric "statusCode") or an array of them`
	var elems []*request.Value
	switch {
	case v.Kind == request.Object:
		elems = []*request.Value{v}
	case v.Kind == request.Array && len(v.Elems) > 0:
		elems = v.Elems
	case v.Kind == request.Array:
		r.Problems = append(r.Problems, Problem{File: file, Span: v.Span, Message: want + ", got an empty array"})
		return
	default:
		r.Problems = append(r.Problems, Problem{File: file, Span: v.Span, Message: want + ", got " + v.Kind.String()})
		return
	}
	for i, el := range elems {
		e, ok := FromValue(el)
		if !ok {
			r.Problems = append(r.Problems, Problem{File: file, Span: el.Span, Message: strings.TrimSuffix(want, " or an array of them") + ", got " + describe(el)})
			continue
		}
		if e.Status < 400 {
			continue
		}
		var providers []string
		if e.Provider != "" {
			p, ok := rules.NormalizeProvider(e.Provider)
			if !ok {
				r.Problems = append(r.Problems, Problem{File: file, Span: e.ProviderSpan,
					Message: rules.UnknownProviderError(e.Provider).Error()})
			} else {
				providers = []string{p}
			}
		} else {
			providers = eng.Providers(&request.Request{})
		}
		body := e
		r.Items = append(r.Items, Item{
			File: file, Span: el.Span, Pointer: el.Pointer, Index: i, Status: e.Status, Body: &body,
			Providers: providers, Explanation: Explain(e.Status, providers),
		})
		r.Summary.Errors++
	}
}

func describe(v *request.Value) string {
	if v.Kind == request.Object {
		return `an object without a numeric "statusCode"`
	}
	return v.Kind.String()
}

// AddHAR triages the failed responses of a HAR recording read with
// har.Options{Responses: true}: each with its request, the
// provider resolved for it, and the diagnostics atslint's rules give the
// request, split into those that predicted the status and the others.
func (r *Report) AddHAR(eng *rules.Engine, file string, doc *har.Recording, opts request.Options) {
	r.Summary.Files++
	r.Summary.Requests += len(doc.Requests)
	r.Summary.Skipped += doc.Skipped
	for _, p := range doc.Problems {
		r.Problems = append(r.Problems, Problem{File: file, Span: p.Span, Message: p.Message + " [" + p.Rule + "]"})
	}
	if len(doc.Responses) == 0 {
		return
	}
	byRequest := map[int][]rules.Diagnostic{}
	for _, d := range eng.Check(doc.Requests) {
		byRequest[d.Request] = append(byRequest[d.Request], d)
	}
	for _, resp := range doc.Responses {
		req := resp.Request
		it := Item{
			File: file, Span: resp.Span, Pointer: resp.Pointer, Index: req.Index, HAR: true,
			Status: resp.Status, Method: req.Method, Providers: eng.Providers(req),
		}
		if n, err := strconv.Atoi(strings.TrimSpace(resp.RetryAfter)); err == nil && n >= 0 {
			it.RetryAfter = strconv.Itoa(n)
		}
		if op := eng.Operation(req); op != nil {
			it.Operation, it.OperationPath = op.ID, op.Path
		}
		switch {
		case resp.BodyTooLarge:
			it.BodyNote = "the response body is too large to read"
		case resp.Body == nil:
			it.BodyNote = "the recording has no response body"
		case len(strings.TrimSpace(string(resp.Body))) == 0:
			it.BodyNote = "the response body is empty"
		default:
			v, err := request.Parse(resp.Body, opts)
			e, ok := FromValue(v)
			if err != nil || !ok {
				it.BodyNote = "the response body is not a StackOne error response"
				break
			}
			e.Span, e.Pointer, e.ProviderSpan, e.Provider = request.Span{}, "", request.Span{}, ""
			it.Body = &e
		}
		it.Explanation = Explain(resp.Status, it.Providers)
		for _, d := range byRequest[req.Index] {
			f := Finding{Rule: d.Rule, Severity: d.Severity.String(), Predicts: string(d.Predicts), Message: d.Message, Span: d.Span}
			if d.Predicts.Matches(resp.Status) {
				it.Predicted = append(it.Predicted, f)
			} else {
				it.Flagged = append(it.Flagged, f)
			}
		}
		r.Items = append(r.Items, it)
		r.Summary.Errors++
	}
}

// AddUnreadable records a file that could not be read at all.
func (r *Report) AddUnreadable(file, message string) {
	r.Problems = append(r.Problems, Problem{File: file, Message: message})
}

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
			out = append(out, jsonFinding{f.Rule, f.Severity, f.Predicts, f.Span.Start.Line, f.Span.Start.Column, f.Message})
		}
		return out
	}
	for _, it := range r.Items {
		ji := jsonItem{
			File: it.File, Line: it.Span.Start.Line, Column: it.Span.Start.Column, Pointer: it.Pointer, Index: it.Index,
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
		out.Problems = append(out.Problems, jsonProblem{p.File, p.Span.Start.Line, p.Span.Start.Column, p.Message})
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
