package rules

import (
	"encoding/json"

	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/schemas"
)

// toAny converts a known JSON value to what encoding/json with UseNumber
// would produce, for the schema validator. Unknown values become nil; the
// caller drops any violation that lands on or below one.
func toAny(v *request.Value) any {
	switch v.Kind {
	case request.Bool:
		return v.Bool
	case request.Number:
		return json.Number(v.Str)
	case request.String:
		return v.Str
	case request.Object:
		m := make(map[string]any, len(v.Members))
		for _, mem := range v.Members {
			m[mem.Key] = toAny(mem.Value) // the last duplicate wins, as in encoding/json
		}
		return m
	case request.Array:
		a := make([]any, len(v.Elems))
		for i, e := range v.Elems {
			a[i] = toAny(e)
		}
		return a
	}
	return nil
}

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
