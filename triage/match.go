package triage

import (
	"strconv"
	"strings"

	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/rules"
	"github.com/atslint/atslint/source/har"
)

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
		it.Predicted, it.Flagged = split(byRequest[req.Index], resp.Status)
		r.Items = append(r.Items, it)
		r.Summary.Errors++
	}
}

// split sorts a request's diagnostics into those whose predicted outcome
// matches the response status and the others.
func split(ds []rules.Diagnostic, status int) (predicted, flagged []Finding) {
	for _, d := range ds {
		f := Finding{Rule: d.Rule, Severity: d.Severity.String(), Predicts: string(d.Predicts), Message: d.Message, Span: d.Span}
		if d.Predicts.Matches(status) {
			predicted = append(predicted, f)
		} else {
			flagged = append(flagged, f)
		}
	}
	return predicted, flagged
}
