package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/schemas"
)

// Pass is what a rule's Check sees: one request, its matched operation and
// the provider it is being checked for.
type Pass struct {
	engine    *Engine
	Request   *request.Request
	Operation *schemas.Operation // nil when the request matches no operation
	// Provider is the provider this pass checks for, "" for
	// provider-independent rules.
	Provider string

	rule       *Rule
	candidates []*schemas.Operation
	providers  []string // Engine.Providers of the request, shared
	diags      []Diagnostic

	// proxy caches the passthrough request's native call (see proxyOf),
	// which every provider's rules read.
	proxy     *proxyCall
	proxyDone bool

	// What a check needs of its own, allocated with the Pass: the
	// candidates, the first diagnostic and the Record.
	candBuf [4]*schemas.Operation
	diagBuf [1]Diagnostic
	rec     Record
}

// newPass starts the check of a request.
func (e *Engine) newPass(req *request.Request) *Pass {
	p := new(Pass)
	e.startPass(p, req)
	return p
}

// startPass starts the check of a request in p, new or one whose results
// are no longer used (a FileCheck's, once added): the room its
// diagnostics took is used again.
func (e *Engine) startPass(p *Pass, req *request.Request) {
	diags := p.diags
	if cap(diags) > len(p.diagBuf) { // grown: not diagBuf
		clear(diags)
		diags = diags[:0]
	} else {
		diags = nil
	}
	*p = Pass{engine: e, Request: req}
	p.Operation, p.candidates = e.match.match(req, p.candBuf[:0])
	p.providers = e.Providers(req)
	p.diags = diags
	if diags == nil {
		p.diags = p.diagBuf[:0]
	}
}

// release drops what the Pass holds of its request once the check is
// done: the results (diagnostics, Record) live on in the Pass and must not
// keep the request's tree alive.
func (p *Pass) release() {
	p.Request, p.proxy = nil, nil
}

// Set returns the catalogue.
func (p *Pass) Set() *schemas.Set { return p.engine.set }

// OperationID returns the matched operation's ID or "".
func (p *Pass) OperationID() string {
	if p.Operation == nil {
		return ""
	}
	return p.Operation.ID
}

// Is reports whether the request matched one of the given operation IDs.
func (p *Pass) Is(ids ...string) bool {
	for _, id := range ids {
		if p.OperationID() == id {
			return true
		}
	}
	return false
}

func (p *Pass) run(r *Rule, provider string) {
	p.rule, p.Provider = r, provider
	defer annotatePanic(r)
	r.Check(p)
}

// RulePanic is what a panic inside a rule's check carries out of the
// engine: the rule that failed and the value it panicked with. A caller
// that recovers (preflight) can then name the rule.
type RulePanic struct {
	Rule  string
	Value any
}

func (p *RulePanic) Error() string { return fmt.Sprintf("rule %s panicked: %v", p.Rule, p.Value) }

// Unwrap returns the panic value when it is an error (a runtime error).
func (p *RulePanic) Unwrap() error {
	err, _ := p.Value.(error)
	return err
}

// annotatePanic, deferred around a check, re-panics with the rule named.
// The stack of the original panic is still on the goroutine when it
// prints.
func annotatePanic(r *Rule) {
	if v := recover(); v != nil {
		if _, ok := v.(*RulePanic); !ok {
			v = &RulePanic{Rule: r.ID, Value: v}
		}
		panic(v)
	}
}

// Reportf reports a diagnostic of the running rule at a span and pointer.
func (p *Pass) Reportf(span request.Span, pointer, format string, args ...any) {
	p.report(span, pointer, sprintf(format, args))
}

// report is Reportf of a finished message (no arguments to box).
func (p *Pass) report(span request.Span, pointer, msg string) {
	p.diags = append(p.diags, Diagnostic{
		Rule: p.rule.ID, Severity: p.engine.severity(p.rule), Provider: p.Provider,
		Operation: p.OperationID(), Pointer: pointer, Request: p.Request.Index,
		Predicts: p.rule.Predicts, Message: msg, Span: span,
	})
}

// sprintf is fmt.Sprintf with the formats most reports use done by hand:
// a plain message, "%s" and "%s: %s" of strings.
func sprintf(format string, args []any) string {
	switch len(args) {
	case 0:
		if !strings.Contains(format, "%") {
			return format
		}
	case 1:
		if s, ok := args[0].(string); ok && format == "%s" {
			return s
		}
	case 2:
		a, aok := args[0].(string)
		b, bok := args[1].(string)
		if aok && bok && format == "%s: %s" {
			return a + ": " + b
		}
	}
	return fmt.Sprintf(format, args...)
}

// ReportValue reports at a value's span and pointer.
func (p *Pass) ReportValue(v *request.Value, format string, args ...any) {
	p.Reportf(v.Span, v.Pointer, format, args...)
}

// ReportMember reports at an object member's key.
func (p *Pass) ReportMember(m *request.Member, format string, args ...any) {
	p.Reportf(m.KeySpan, m.Value.Pointer, format, args...)
}

// ReportRequest reports at the request as a whole: its method and path for
// lack of a better place, or the request object.
func (p *Pass) ReportRequest(format string, args ...any) {
	r := p.Request
	span, ptr := r.Span, r.Pointer
	if !r.PathSpan.IsZero() {
		span = r.PathSpan
	}
	if r.PathPointer != "" { // a live request has a pointer and no span
		ptr = r.PathPointer
	}
	p.Reportf(span, ptr, format, args...)
}

// ReportBody reports at the body, or at the request when it has none.
func (p *Pass) ReportBody(format string, args ...any) {
	if b := p.Request.Body; b != nil {
		p.ReportValue(b, format, args...)
		return
	}
	p.ReportRequest(format, args...)
}

// ReportParam reports at a query parameter's key.
func (p *Pass) ReportParam(q request.Param, format string, args ...any) {
	p.Reportf(q.KeySpan, q.Pointer, format, args...)
}

// ReportParamValue reports at a query parameter's value.
func (p *Pass) ReportParamValue(q request.Param, format string, args ...any) {
	if q.Value != nil && !q.Value.Span.IsZero() {
		p.Reportf(q.Value.Span, q.Pointer, format, args...)
		return
	}
	p.ReportParam(q, format, args...)
}

// ReportHeader reports at a header's name.
func (p *Pass) ReportHeader(h *request.Header, format string, args ...any) {
	ptr := ""
	if h.Value != nil {
		ptr = h.Value.Pointer
	}
	p.Reportf(h.NameSpan, ptr, format, args...)
}

func quote(s string) string { return strconv.Quote(s) }

// lookupPointer finds the value at an RFC 6901 pointer below v. ok is false
// when the path does not exist; unknown is true when it passes through an
// Unknown value (so nothing there can be judged).
func lookupPointer(v *request.Value, ptr string) (found *request.Value, unknown bool) {
	if ptr == "" {
		return v, v != nil && v.Kind == request.Unknown
	}
	for tok := range strings.SplitSeq(ptr[1:], "/") {
		if v == nil {
			return nil, false
		}
		if v.Kind == request.Unknown {
			return v, true
		}
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch v.Kind {
		case request.Object:
			var next *request.Value
			for _, m := range v.Members {
				if m.Key == tok {
					next = m.Value // the last duplicate is what decoders keep
				}
			}
			v = next
		case request.Array:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(v.Elems) {
				return nil, false
			}
			v = v.Elems[i]
		default:
			return nil, false
		}
	}
	return v, v != nil && v.Kind == request.Unknown
}
