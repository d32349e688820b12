package rules

import (
	"strconv"
	"strings"

	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/schemas"
)

var ruleMissingBody = &Rule{
	ID: "stackone/missing-body", Severity: Error, Predicts: "400",
	Doc: Doc{
		Title: "write operation sent without a body",
		Why:   "Every StackOne write operation requires a JSON body. Without one the request fails with 400.",
		Fix:   "Send the operation's JSON body with Content-Type: application/json.",
		Bad:   `{"method": "POST", "url": "https://api.stackone.com/unified/ats/candidates", "headers": {"x-account-id": "acc_1"}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/ats/candidates", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"first_name": "Ada", "last_name": "Lovelace"}}`,
		Sources: []string{srcSpec + ": requestBody.required on every write operation"},
	},
	Check: func(p *Pass) {
		op := p.Operation
		if op == nil || op.Body == "" || !op.BodyRequired {
			return
		}
		if b := p.Request.Body; b == nil || b.Kind == request.Null {
			p.ReportRequest("%s requires a JSON body (%s)", op.ID, op.Body)
		}
	},
}

var ruleUnexpectedBody = &Rule{
	ID: "stackone/unexpected-body", Severity: Warning, Predicts: "silent", AutoFix: Unsafe,
	Doc: Doc{
		Title: "body on a GET or DELETE request",
		Why: "GET and DELETE operations take no body. Many HTTP clients and proxies drop it, so whatever it was meant " +
			"to say (a filter, a reason) is lost.",
		Fix:     "Move filters into filter[...] query parameters, or drop the body.",
		AutoFix: "Removes the \"body\" member from the request document. Unsafe: what the body was meant to say is dropped, not moved.",
		Bad:     `{"method": "GET", "url": "https://api.stackone.com/unified/ats/candidates", "headers": {"x-account-id": "acc_1"}, "body": {"filter": {"email": "a@example.com"}}}`,
		Good:    `{"method": "GET", "url": "https://api.stackone.com/unified/ats/candidates?filter[email]=a@example.com", "headers": {"x-account-id": "acc_1"}}`,
		Sources: []string{srcSpec + ": no GET or DELETE operation declares a request body", "RFC 9110 §9.3.1 and §9.3.5"},
	},
	Check: func(p *Pass) {
		r := p.Request
		if !r.MethodKnown || (r.Method != "GET" && r.Method != "DELETE") || r.Body == nil || r.Body.Kind == request.Null {
			return
		}
		if !r.BodyKeySpan.IsZero() {
			p.Reportf(r.BodyKeySpan, r.Body.Pointer, "%s request has a body, which the API ignores", r.Method)
			if e, ok := removeMember(r.Root, r.BodyKeySpan); ok {
				p.Fix("remove the body", e)
			}
			return
		}
		p.ReportValue(r.Body, "%s request has a body, which the API ignores", r.Method)
	},
}

var ruleBodySchema = &Rule{
	ID: "stackone/body-schema", Severity: Error, Predicts: "400", AutoFix: Safe,
	Doc: Doc{
		Title: "body breaks the operation's schema",
		Why: "StackOne validates bodies against the operation's schema: a wrong type, an enum value outside its list, " +
			"an enum field sent as a bare string instead of {\"value\": …}, or a malformed e-mail or date-time is " +
			"rejected with 400 or 422.",
		Fix:     "Send the value the schema expects; enum fields are objects such as {\"value\": \"public\"}.",
		AutoFix: "Wraps an enum value sent as a bare string as {\"value\": …} when the schema accepts it so; other violations have no automatic fix.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/ats/candidates/c1/notes", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"content": [{"body": "Strong systems design round"}], "visibility": "public"}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/ats/candidates/c1/notes", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"content": [{"body": "Strong systems design round"}], "visibility": {"value": "public"}}}`,
		Sources: []string{srcSpec + ": request-body schemas"},
	},
	Check: func(p *Pass) {
		op, b := p.Operation, p.Request.Body
		if op == nil || op.Body == "" || b == nil || b.Kind == request.Null || b.Kind == request.Unknown {
			return
		}
		vs, err := p.Set().ValidateValue(op.Body, b)
		if err != nil {
			p.ReportValue(b, "cannot check the body against %s: %v", op.Body, err)
			return
		}
		for _, v := range vs {
			at, unknown := lookupPointer(b, v.Pointer)
			if unknown {
				continue // the front end could not see this value
			}
			if at == nil {
				at = b
			}
			where := "body"
			if v.Pointer != "" {
				where = strings.TrimPrefix(v.Pointer, "/")
			}
			msg := v.Message
			if v.Keyword == "type" {
				msg = withExpectedShape(msg, shapeAt(p.Set().Shape(op.Body), v.Pointer))
			}
			p.report(at.Span, at.Pointer, where+": "+msg)
			if v.Keyword == "type" && at != b && at.Pointer == b.Pointer+v.Pointer && bareEnum(p, op.Body, b, v.Pointer, at) {
				// Two insertions around the token keep its bytes as they are.
				start, end := at.Span.Range()
				p.Fix("wrap the value as {\"value\": …}",
					request.Edit{Span: at.Span.Sub(0, 0), Text: `{"value": `},
					request.Edit{Span: at.Span.Sub(end-start, end-start), Text: `}`})
			}
		}
	},
}

// withExpectedShape makes "expected object, got string" say what object:
// for the enum wrappers StackOne uses ({"value": …}), the wrapper and its
// values, which is what a bare string was meant to be.
func withExpectedShape(msg string, sh *schemas.Shape) string {
	rest, ok := strings.CutPrefix(msg, "expected object, ")
	if !ok || sh == nil || len(sh.Properties) == 0 {
		return msg
	}
	v := sh.Properties["value"]
	if v == nil || len(v.Enum) == 0 {
		return msg
	}
	vals := v.Enum
	more := ""
	if len(vals) > maxShapeValues {
		vals, more = vals[:maxShapeValues], " | …"
	}
	var quoted []string
	for _, e := range vals {
		quoted = append(quoted, quote(e))
	}
	return `expected object {"value": ` + strings.Join(quoted, " | ") + more + "}, " + rest
}

// maxShapeValues caps the enum values a shape message lists.
const maxShapeValues = 30

// shapeAt follows a JSON Pointer from a body's shape; nil when the shape
// does not say.
func shapeAt(sh *schemas.Shape, ptr string) *schemas.Shape {
	if ptr == "" {
		return sh
	}
	for tok := range strings.SplitSeq(ptr[1:], "/") {
		if sh == nil {
			return nil
		}
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		if next, ok := sh.Properties[tok]; ok {
			sh = next
		} else if isIndex(tok) {
			sh = sh.Items
		} else {
			return nil
		}
	}
	return sh
}

func isIndex(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

var ruleUnknownField = &Rule{
	ID: "stackone/unknown-field", Severity: Warning, Predicts: "silent", AutoFix: Unsafe,
	Doc: Doc{
		Title: "body field the schema does not declare",
		Why: "StackOne maps the fields it knows to the provider and drops the rest without an error, so a misspelt " +
			"field (auther_id) is lost silently. Provider-native fields belong in passthrough.",
		Fix:     "Use the declared field the message names, or move provider-native fields into passthrough.",
		AutoFix: "Renames the field to the one declared field nearest to it, when no other is as near and the object does not have it already. Unsafe: the value starts being sent.",
		Bad:     `{"method": "POST", "url": "https://api.stackone.com/unified/ats/candidates/c1/notes", "headers": {"x-account-id": "acc_1"}, "body": {"content": [{"body": "Great call"}], "auther_id": "u1"}}`,
		Good:    `{"method": "POST", "url": "https://api.stackone.com/unified/ats/candidates/c1/notes", "headers": {"x-account-id": "acc_1"}, "body": {"content": [{"body": "Great call"}], "author_id": "u1"}}`,
		Sources: []string{srcSpec + ": request-body schemas"},
	},
	Check: func(p *Pass) {
		op := p.Operation
		if op == nil || op.Body == "" {
			return
		}
		walkFields(p.Request.Body, p.Set().Shape(op.Body), func(obj *request.Value, m *request.Member, owner, f *schemas.Shape) {
			if f != nil || owner.Open {
				return
			}
			msg := "unknown field " + quote(m.Key) + "; StackOne drops it silently"
			names := owner.PropertyNames()
			near, isNear := closest(m.Key, names)
			if c, ok := closestField(m.Key, names, near, isNear); ok {
				msg += "; did you mean " + quote(c) + "?"
			}
			p.report(m.KeySpan, m.Value.Pointer, msg)
			if !isNear {
				return
			}
			if c, ok := onlyClosest(m.Key, near, names); ok && obj.Member(c) == nil {
				p.Fix("rename "+quote(m.Key)+" to "+quote(c), tokenRename(m.KeySpan, c))
			}
		})
	},
}

// closestField is the declared field a misspelt one most likely means:
// near, the nearest by edit distance, when isNear (closest's results), or
// else the one field that is the name with a suffix such as _id or _ids
// (author → author_id).
func closestField(key string, names []string, near string, isNear bool) (string, bool) {
	if isNear {
		return near, true
	}
	var found []string
	for _, n := range names {
		if strings.HasPrefix(n, key+"_") {
			found = append(found, n)
		}
	}
	if len(found) == 1 {
		return found[0], true
	}
	return "", false
}

// fieldReplacements name the replacement of a deprecated body field.
var fieldReplacements = map[string]string{
	"phone_number": "phone_numbers",
	"phone":        "phone_numbers",
	"status":       "job_status",
}

var ruleDeprecatedField = &Rule{
	ID: "stackone/deprecated-field", Severity: Warning, Predicts: "none",
	Doc: Doc{
		Title: "deprecated body field",
		Why: "The schema marks some fields deprecated (phone_number on candidate create, phone on candidate update, " +
			"status on jobs). They may stop being mapped at any time.",
		Fix:     "Use the replacement: phone_numbers [{\"phone\": …, \"type\": …}] or job_status {\"value\": …}.",
		Bad:     `{"method": "POST", "url": "https://api.stackone.com/unified/ats/jobs", "headers": {"x-account-id": "acc_1"}, "body": {"title": "Engineer", "status": "open"}}`,
		Good:    `{"method": "POST", "url": "https://api.stackone.com/unified/ats/jobs", "headers": {"x-account-id": "acc_1"}, "body": {"title": "Engineer", "job_status": {"value": "open"}}}`,
		Sources: []string{srcSpec + ": deprecated: true on these properties"},
	},
	Check: func(p *Pass) {
		op := p.Operation
		if op == nil || op.Body == "" {
			return
		}
		walkFields(p.Request.Body, p.Set().Shape(op.Body), func(obj *request.Value, m *request.Member, _, f *schemas.Shape) {
			if f == nil || !f.Deprecated {
				return
			}
			if r, ok := fieldReplacements[m.Key]; ok {
				p.ReportMember(m, "field %q is deprecated; use %q", m.Key, r)
				return
			}
			p.ReportMember(m, "field %q is deprecated", m.Key)
		})
	},
}

var ruleApplicationCandidate = &Rule{
	ID: "stackone/application-candidate", Severity: Error, Predicts: "400",
	Doc: Doc{
		Title: "create application needs exactly one of candidate_id and candidate",
		Why: "An application is created either for an existing candidate (candidate_id) or together with a new one " +
			"(candidate), not both and not neither. The spec says to provide one or the other; providers reject the rest.",
		Fix: "Send candidate_id for an existing candidate, or a candidate object to create one, but not both.",
		Bad: `{"method": "POST", "url": "https://api.stackone.com/unified/ats/applications", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"job_id": "j1", "candidate_id": "c1", "candidate": {"first_name": "Ada"}}}`,
		Good: `{"method": "POST", "url": "https://api.stackone.com/unified/ats/applications", "headers": {"x-account-id": "acc_1"}, ` +
			`"body": {"job_id": "j1", "candidate_id": "c1"}}`,
		Sources: []string{srcSpec + ": AtsCreateApplicationRequestDto, \"Provide this OR candidate, but not both\""},
	},
	Check: func(p *Pass) {
		b := p.Request.Body
		if !p.Is("ats_create_application") || b == nil || b.Kind != request.Object {
			return
		}
		id, cand := b.Member("candidate_id"), b.Member("candidate")
		// A member whose value a front end could not see (a Go struct
		// field from a parameter, omitempty) may or may not be sent: it is
		// neither surely present nor surely absent.
		present := func(m *request.Member) bool {
			return m != nil && m.Value.Kind != request.Null && m.Value.Kind != request.Unknown
		}
		absent := func(m *request.Member) bool { return m == nil || m.Value.Kind == request.Null }
		switch {
		case present(id) && present(cand):
			p.ReportMember(cand, "application has both candidate_id and candidate; send one of them")
		case absent(id) && absent(cand):
			p.ReportValue(b, "application has neither candidate_id nor candidate; send one of them")
		}
	},
}

var ruleEmptyNote = &Rule{
	ID: "stackone/empty-note", Severity: Error, Predicts: "400",
	Doc: Doc{
		Title: "note with no content",
		Why: "A note's text lives in content, an array of {\"body\": …}. A note without content, with an empty array " +
			"or with only blank bodies has nothing to save; providers reject it or store an empty note.",
		Fix:     "Send the text as \"content\": [{\"body\": \"…\"}].",
		Bad:     `{"method": "POST", "url": "https://api.stackone.com/unified/ats/applications/a1/notes", "headers": {"x-account-id": "acc_1"}, "body": {"content": [{"body": "  "}]}}`,
		Good:    `{"method": "POST", "url": "https://api.stackone.com/unified/ats/applications/a1/notes", "headers": {"x-account-id": "acc_1"}, "body": {"content": [{"body": "Strong systems design round"}]}}`,
		Sources: []string{srcSpec + ": AtsCreateNotesRequestDto, content is an array of NoteContentApiModel {body}"},
	},
	Check: func(p *Pass) {
		create := p.Is("ats_create_candidate_note", "ats_create_application_note", "ats_create_interview_note")
		update := p.Is("ats_update_application_note", "ats_update_interview_note")
		b := p.Request.Body
		if !create && !update || b == nil || b.Kind != request.Object {
			return
		}
		m := b.Member("content")
		if m == nil {
			if create {
				p.ReportValue(b, "note has no content; send \"content\": [{\"body\": …}]")
			}
			return
		}
		c := m.Value
		switch c.Kind {
		case request.Null:
			p.ReportMember(m, "note content is null; send \"content\": [{\"body\": …}]")
		case request.Array:
			if len(c.Elems) == 0 {
				p.ReportMember(m, "note content is empty; send \"content\": [{\"body\": …}]")
				return
			}
			for _, e := range c.Elems {
				body := e.Get("body")
				if e.Kind != request.Object || body != nil && body.Kind != request.String && body.Kind != request.Null {
					return // unknown or mistyped: not blank as far as we can tell (body-schema reports types)
				}
				if s, ok := body.StringValue(); ok && strings.TrimSpace(s) != "" {
					return
				}
			}
			p.ReportMember(m, "note content has only blank bodies")
		}
	},
}

// bareEnum reports whether the string at ptr in body b is an enum value
// sent bare: wrapped as {"value": …}, the schema has nothing left to say
// about it or anything below it.
func bareEnum(p *Pass, schema string, b *request.Value, ptr string, at *request.Value) bool {
	if at.Kind != request.String || ptr == "" {
		return false
	}
	// One allocation for the wrapper; only the validator reads it, so
	// the inner value has no pointer of its own.
	w := &struct {
		obj, str request.Value
		m        request.Member
		ms       [1]*request.Member
	}{
		obj: request.Value{Kind: request.Object, Span: at.Span, Pointer: at.Pointer},
		str: request.Value{Kind: request.String, Str: at.Str, Span: at.Span},
		m:   request.Member{Key: "value", KeySpan: at.Span},
	}
	w.m.Value, w.ms[0] = &w.str, &w.m
	w.obj.Members = w.ms[:]
	nb, ok := replaceAt(b, ptr, &w.obj)
	if !ok {
		return false
	}
	vs, err := p.Set().ValidateValue(schema, nb)
	if err != nil {
		return false
	}
	for _, v := range vs {
		if v.Pointer == ptr || strings.HasPrefix(v.Pointer, ptr+"/") {
			return false
		}
	}
	return true
}

// replaceAt returns a copy of v with the value at ptr replaced by nv; the
// objects and arrays on the way are copied, the rest shared.
func replaceAt(v *request.Value, ptr string, nv *request.Value) (*request.Value, bool) {
	if ptr == "" {
		return nv, true
	}
	return replaceBelow(v, ptr[1:], nv)
}

// replaceBelow is replaceAt of the pointer "/"+toks.
func replaceBelow(v *request.Value, toks string, nv *request.Value) (*request.Value, bool) {
	tok, rest, more := strings.Cut(toks, "/")
	tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
	sub := func(child *request.Value) (*request.Value, bool) {
		if !more {
			return nv, true
		}
		return replaceBelow(child, rest, nv)
	}
	switch v.Kind {
	case request.Object:
		last := -1
		for i, m := range v.Members {
			if m.Key == tok {
				last = i // the last duplicate is what decoders keep
			}
		}
		if last < 0 {
			return nil, false
		}
		nsub, ok := sub(v.Members[last].Value)
		if !ok {
			return nil, false
		}
		// The copies of the object and of its member in one allocation.
		c := &struct {
			obj request.Value
			m   request.Member
		}{obj: *v, m: *v.Members[last]}
		c.obj.Members = append([]*request.Member(nil), v.Members...)
		c.m.Value = nsub
		c.obj.Members[last] = &c.m
		return &c.obj, true
	case request.Array:
		i, err := strconv.Atoi(tok)
		if err != nil || i < 0 || i >= len(v.Elems) {
			return nil, false
		}
		nsub, ok := sub(v.Elems[i])
		if !ok {
			return nil, false
		}
		cp := *v
		cp.Elems = append([]*request.Value(nil), v.Elems...)
		cp.Elems[i] = nsub
		return &cp, true
	}
	return nil, false
}

// removeMember is the edit that deletes the member whose key has span key
// from its object below root, with the comma that separates it from a
// neighbour and the space before that comma.
func removeMember(root *request.Value, key request.Span) (request.Edit, bool) {
	obj := objectOf(root, key)
	if obj == nil {
		return request.Edit{}, false
	}
	for i, m := range obj.Members {
		if m.KeySpan != key {
			continue
		}
		switch {
		case i > 0: // from the end of the previous value: ", "body": {…}"
			return replace(request.Span{Start: obj.Members[i-1].Value.Span.End, End: m.Value.Span.End}, ""), true
		case len(obj.Members) > 1: // the first: up to the next key
			return replace(request.Span{Start: m.KeySpan.Start, End: obj.Members[1].KeySpan.Start}, ""), true
		}
	}
	return request.Edit{}, false
}

// objectOf finds the object below v that has a member whose key has span key.
func objectOf(v *request.Value, key request.Span) *request.Value {
	if v == nil {
		return nil
	}
	ks, ke := key.Range()
	if vs, ve := v.Span.Range(); ks < vs || ke > ve {
		return nil
	}
	for _, m := range v.Members {
		if m.KeySpan == key {
			return v
		}
		if o := objectOf(m.Value, key); o != nil {
			return o
		}
	}
	for _, e := range v.Elems {
		if o := objectOf(e, key); o != nil {
			return o
		}
	}
	return nil
}
