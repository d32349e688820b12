package rules

import (
	"strconv"
	"strings"

	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/schemas"
)

// walkFields visits every object member of v that its shape knows about or
// does not, with the member's shape (nil when undeclared). It does not
// descend into unknown values or open objects (passthrough).
func walkFields(v *request.Value, s *schemas.Shape, visit func(obj *request.Value, m *request.Member, owner, field *schemas.Shape)) {
	if v == nil || s == nil || v.Kind == request.Unknown {
		return
	}
	switch v.Kind {
	case request.Object:
		if len(s.Properties) == 0 {
			return // free-form object: nothing is undeclared in it
		}
		for _, m := range v.Members {
			f := s.Properties[m.Key]
			visit(v, m, s, f)
			if f != nil {
				walkFields(m.Value, f, visit)
			}
		}
	case request.Array:
		if s.Items != nil {
			for _, e := range v.Elems {
				walkFields(e, s.Items, visit)
			}
		}
	}
}

// intValue reads a JSON number or a numeric string as an integer.
func intValue(v *request.Value) (int64, bool) {
	if v == nil || v.Kind != request.Number && v.Kind != request.String {
		return 0, false
	}
	n, err := strconv.ParseInt(strings.TrimSpace(v.Str), 10, 64)
	return n, err == nil
}

// missing reports whether an object member is absent, null or a blank
// string. Unknown values are not missing: nothing can be said about them.
func missing(obj *request.Value, key string) bool {
	v := obj.Get(key)
	if v == nil || v.Kind == request.Null {
		return true
	}
	s, ok := v.StringValue()
	return ok && strings.TrimSpace(s) == ""
}

// isTemplate reports whether a header value is a placeholder for a value
// filled in at run time (${VAR}, {{var}}, <var>), which cannot be judged.
func isTemplate(s string) bool {
	s = strings.TrimSpace(s)
	return strings.Contains(s, "${") || strings.Contains(s, "{{") ||
		strings.HasPrefix(s, "<") && strings.HasSuffix(s, ">") ||
		strings.HasPrefix(s, "$") && isIdentifier(s[1:])
}

// noteCreates are the unified operations that create a note.
var noteCreates = []string{"ats_create_candidate_note", "ats_create_application_note", "ats_create_interview_note"}

// bodyObject returns the request body when it is a visible object.
func bodyObject(p *Pass) *request.Value {
	b := p.Request.Body
	if b == nil || b.Kind != request.Object {
		return nil
	}
	return b
}

// reportMissing reports a missing member at the member when it is present
// (null or blank) and at its object otherwise.
func reportMissing(p *Pass, obj *request.Value, key, format string, args ...any) {
	if m := obj.Member(key); m != nil {
		p.ReportMember(m, format, args...)
		return
	}
	p.ReportValue(obj, format, args...)
}
