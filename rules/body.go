package rules

import (
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
