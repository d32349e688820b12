package schemas

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/atslint/atslint/request"
)

// A Violation is one value of a request body that breaks its schema.
type Violation struct {
	// Pointer is the RFC 6901 location of the value in the body
	// ("" for the body itself, "/content/0/body").
	Pointer string
	// Keyword is the JSON Schema keyword that failed: "type", "enum",
	// "format", "required", ...
	Keyword string
	// Message says what is wrong as a lowercase fragment with no trailing
	// period. It never quotes the value, which may be personal data.
	Message string
}

// body caches one body schema: its decoded document, compiled schema and
// Shape, each made on first use.
type body struct {
	name string
	set  *Set

	docOnce sync.Once
	doc     map[string]any
	docErr  error

	compileOnce sync.Once
	compiled    *program
	compileErr  error

	shapeOnce sync.Once
	shape     *Shape
}

func (b *body) document() (map[string]any, error) {
	b.docOnce.Do(func() {
		raw, err := b.set.read(bodiesDir + "/" + b.name + ".json")
		if err != nil {
			b.docErr = err
			return
		}
		// jsontext, not encoding/json: it is warm already when the first
		// body is checked (the request reader uses it), and a run checking
		// one small file spends no time setting up encoding/json's decoder.
		v, err := decodeSchemaJSON(raw)
		if err != nil {
			b.docErr = fmt.Errorf("body schema %s: %v", b.name, err)
			return
		}
		var ok bool
		if b.doc, ok = v.(map[string]any); !ok {
			b.docErr = fmt.Errorf("body schema %s: not an object", b.name)
		}
	})
	return b.doc, b.docErr
}

func (b *body) schema() (*program, error) {
	b.compileOnce.Do(func() {
		doc, err := b.document()
		if err != nil {
			b.compileErr = err
			return
		}
		if b.compiled, err = compileSchema(doc); err != nil {
			b.compileErr = fmt.Errorf("body schema %s: %v", b.name, err)
		}
	})
	return b.compiled, b.compileErr
}

// Validate checks a decoded JSON body (map[string]any, []any, string,
// json.Number, float64, bool or nil) against the named body schema, as
// ValidateValue does.
func (s *Set) Validate(schemaName string, body any) ([]Violation, error) {
	v, err := valueFromAny(body)
	if err != nil {
		return nil, err
	}
	return s.ValidateValue(schemaName, v)
}

// ValidateValue checks a request body against the named body schema. It
// returns one Violation per failing value, sorted by pointer, or nil if the
// body is valid. An Unknown value is validated as null (the caller drops
// what is reported on or below it); of duplicate object keys, the last
// counts. The error is for an unknown schema name, a schema that does not
// compile, or one that refers to itself in a loop.
func (s *Set) ValidateValue(schemaName string, body *request.Value) ([]Violation, error) {
	b, err := s.bodyFor(schemaName)
	if err != nil {
		return nil, err
	}
	prog, err := b.schema()
	if err != nil {
		return nil, err
	}
	st := validations.Get().(*validation)
	*st = validation{track: prog.track, path: st.path[:0], inplace: st.inplace[:0]}
	verr, err := st.run(prog, body)
	// The pool must not keep the body's keys alive; the schema nodes in
	// inplace are the program's, which the Set keeps anyway.
	clear(st.path[:cap(st.path)])
	st.ptr, st.ptrOK = "", false
	validations.Put(st)
	if err != nil || verr == nil {
		return nil, err
	}
	r := reporter{doc: b.doc, body: body}
	return finish(r.collect(verr)), nil
}

// validations pools the stacks of a validation: one body after another
// (a running program checking each request) then grows none.
var validations = sync.Pool{New: func() any { return new(validation) }}

// A finding is a Violation plus, for "type", the types the schema allows, so
// that failures of alternatives can be merged.
type finding struct {
	Violation
	expected []string
}

// reporter turns the validator's error tree into findings. It reads the
// schema (for allowed types, enum values, formats) and the body (for the
// JSON type of a value, never its text).
type reporter struct {
	doc  map[string]any
	body *request.Value
}

// collect flattens an error into its leaves. Wrappers ($ref, allOf, the
// errors of one schema level) only contribute their causes; anyOf and oneOf
// choose among their alternatives.
func (r *reporter) collect(e *vError) []finding {
	fs := r.gather(nil, e)
	// Type messages are written last, for the findings that are left:
	// alternatives drop and merge type findings.
	for i := range fs {
		if f := &fs[i]; f.Keyword == "type" && f.Message == "" {
			f.Message = r.typeMessage(f.Pointer, f.expected)
		}
	}
	return fs
}

// gather appends the findings of e to out, type findings without their
// message.
func (r *reporter) gather(out []finding, e *vError) []finding {
	switch e.kind {
	case errWrapper:
		for _, c := range e.causes {
			out = r.gather(out, c)
		}
		return out
	case errAlternatives:
		return r.alternatives(out, e)
	case errFalse:
		return append(out, finding{Violation: Violation{Pointer: e.inst, Keyword: "false", Message: "value is not allowed here"}})
	}
	return r.leaf(out, e)
}

// alternatives reports why a value matched none of anyOf/oneOf's schemas.
// A {type: null} alternative (how nullable is spelled) is not a cause. If
// every alternative failed on the value's type, that is one type finding
// listing all allowed types; otherwise the alternatives that accepted the
// type failed for a deeper reason, and the one with fewest findings is
// reported.
func (r *reporter) alternatives(out []finding, e *vError) []finding {
	loc := e.inst
	var branches [][]finding
	for _, c := range e.causes {
		fs := r.gather(nil, c)
		if isTypeOnly(fs, loc) && slices.Equal(fs[0].expected, []string{"null"}) {
			continue
		}
		branches = append(branches, fs)
	}
	var (
		best     []finding
		expected []string
	)
	for _, b := range branches {
		if isTypeOnly(b, loc) {
			for _, t := range b[0].expected {
				if !slices.Contains(expected, t) {
					expected = append(expected, t)
				}
			}
			continue
		}
		if best == nil || len(b) < len(best) {
			best = b
		}
	}
	if best != nil {
		return append(out, best...)
	}
	if expected == nil {
		expected = []string{"null"} // only null alternatives
	}
	return append(out, typeFinding(loc, expected))
}

// isTypeOnly reports whether findings are a single type mismatch of the
// value at loc itself.
func isTypeOnly(fs []finding, loc string) bool {
	return len(fs) == 1 && fs[0].Keyword == "type" && fs[0].Pointer == loc
}

// typeFinding is a type mismatch of the value at loc; collect writes its
// message.
func typeFinding(loc string, expected []string) finding {
	return finding{Violation: Violation{Pointer: loc, Keyword: "type"}, expected: expected}
}

func (r *reporter) typeMessage(loc string, expected []string) string {
	got := "unknown"
	if v := valueAt(r.body, loc); v != nil {
		got = valueType(v)
	}
	shown := expected
	if slices.Contains(expected, "null") {
		shown = slices.DeleteFunc(slices.Clone(expected), func(t string) bool { return t == "null" })
		if len(shown) == 0 {
			shown = expected
		}
	}
	return "expected " + joinOr(shown) + ", got " + got
}

// leaf appends the findings of one failed keyword to out.
func (r *reporter) leaf(out []finding, e *vError) []finding {
	loc, kw := e.inst, e.kw
	if kw == "type" && e.at != nil {
		// The compiled types are the schema's list (compileType).
		return append(out, typeFinding(loc, e.at.types))
	}
	parent, sv := r.keyword(e)
	one := func(kw, msg string) []finding {
		return append(out, finding{Violation: Violation{Pointer: loc, Keyword: kw, Message: msg}})
	}
	// additionalProperties: false fails at the object; report each extra
	// property instead.
	if kw == "additionalProperties" {
		return append(out, r.extraProperties(loc, parent)...)
	}
	// dependentRequired fails at ".../dependentRequired/<name>/<index>".
	if kw == "dependentRequired" {
		toks := strings.Split(e.schema, "/")
		return one("dependentRequired", fmt.Sprintf("property %q requires property %q", unescapeToken(toks[len(toks)-2]), renderValue(sv)))
	}
	switch kw {
	case "type":
		return append(out, typeFinding(loc, typeList(sv)))
	case "enum":
		return one(kw, enumMessage(asList(sv)))
	case "const":
		return one(kw, "value is not the allowed value: "+renderValue(sv))
	case "format":
		f, _ := sv.(string)
		return one(kw, formatMessage(f))
	case "required":
		members := objectMembers(valueAt(r.body, loc))
		var missing []string
		for _, p := range asList(sv) {
			if p, ok := p.(string); ok {
				if memberNamed(members, p) == nil {
					missing = append(missing, strconv.Quote(p))
				}
			}
		}
		if len(missing) == 1 {
			return one(kw, "missing required property "+missing[0])
		}
		return one(kw, "missing required properties "+strings.Join(missing, ", "))
	case "minimum":
		return one(kw, "must be at least "+renderValue(sv))
	case "maximum":
		return one(kw, "must be at most "+renderValue(sv))
	case "exclusiveMinimum":
		return one(kw, "must be greater than "+renderValue(sv))
	case "exclusiveMaximum":
		return one(kw, "must be less than "+renderValue(sv))
	case "multipleOf":
		return one(kw, "must be a multiple of "+renderValue(sv))
	case "minLength":
		return one(kw, "must be at least "+renderValue(sv)+" characters long")
	case "maxLength":
		return one(kw, "must be at most "+renderValue(sv)+" characters long")
	case "minItems":
		return one(kw, "must have at least "+renderValue(sv)+" items")
	case "maxItems":
		return one(kw, "must have at most "+renderValue(sv)+" items")
	case "uniqueItems":
		return one(kw, "items must be unique")
	case "minProperties":
		return one(kw, "must have at least "+renderValue(sv)+" properties")
	case "maxProperties":
		return one(kw, "must have at most "+renderValue(sv)+" properties")
	case "minContains", "maxContains":
		return one(kw, "does not contain the required number of matching items")
	case "pattern":
		return one(kw, "does not match the pattern "+renderValue(sv))
	case "not":
		return one(kw, "value matches a schema it must not match")
	case "oneOf":
		return one(kw, "value matches more than one alternative")
	}
	return one(kw, "value does not satisfy "+kw)
}

// keyword returns the failed keyword's value in the schema document and
// the location of the schema object that has it.
func (r *reporter) keyword(e *vError) (parent string, value any) {
	if e.at != nil {
		m, _ := pointerGet(r.doc, e.at.loc)
		return e.at.loc, asMap(m)[e.kw]
	}
	sv, _ := pointerGet(r.doc, e.schema)
	return parentPointer(e.schema), sv
}

// extraProperties reports each property that additionalProperties: false
// forbids, at the property's own location.
func (r *reporter) extraProperties(loc, schemaPtr string) []finding {
	var names []string
	for _, m := range objectMembers(valueAt(r.body, loc)) {
		names = append(names, m.Key)
	}
	slices.Sort(names)
	sch, _ := pointerGet(r.doc, schemaPtr)
	sm, _ := sch.(map[string]any)
	props, _ := sm["properties"].(map[string]any)
	var patterns []*regexp.Regexp
	for p := range asMap(sm["patternProperties"]) {
		if re, err := regexp.Compile(p); err == nil {
			patterns = append(patterns, re)
		}
	}
	var out []finding
	for _, name := range names {
		if _, ok := props[name]; ok || slices.ContainsFunc(patterns, func(re *regexp.Regexp) bool { return re.MatchString(name) }) {
			continue
		}
		out = append(out, finding{Violation: Violation{
			Pointer: loc + "/" + escapeToken(name),
			Keyword: "additionalProperties",
			Message: "property is not allowed here",
		}})
	}
	return out
}

// keywordRank orders the findings for one value: the first is reported.
var keywordRank = map[string]int{"type": 0, "false": 1, "const": 2, "enum": 3, "format": 4, "required": 5}

func rank(kw string) int {
	if r, ok := keywordRank[kw]; ok {
		return r
	}
	return len(keywordRank)
}

// finish keeps one finding per value (deduplicating and preferring the
// most basic failure) and sorts them by pointer. A body has few findings:
// they are compared in place, with no map.
func finish(fs []finding) []Violation {
	out := make([]Violation, 0, len(fs))
	for _, f := range fs {
		i := slices.IndexFunc(out, func(v Violation) bool { return v.Pointer == f.Pointer })
		if i < 0 {
			out = append(out, f.Violation)
			continue
		}
		v := out[i]
		if fr, vr := rank(f.Keyword), rank(v.Keyword); fr < vr || fr == vr && f.Message < v.Message {
			out[i] = f.Violation
		}
	}
	slices.SortFunc(out, func(a, b Violation) int { return comparePointers(a.Pointer, b.Pointer) })
	return out
}

// comparePointers orders JSON Pointers token by token, array indexes
// numerically, so "/a/2" sorts before "/a/10".
func comparePointers(a, b string) int {
	for {
		at, arest, amore := strings.Cut(a, "/")
		bt, brest, bmore := strings.Cut(b, "/")
		if at != bt {
			an, aok := pointerIndex(at)
			bn, bok := pointerIndex(bt)
			if aok && bok && an != bn {
				return an - bn
			}
			// Not both numbers, or the same number spelt twice ("0" and
			// "00" as object keys): by text, so that the order is total.
			return strings.Compare(at, bt)
		}
		switch {
		case amore && bmore:
			a, b = arest, brest
		case amore:
			return 1
		case bmore:
			return -1
		default:
			return 0
		}
	}
}

// pointerIndex reads a token as strconv.Atoi does, without the error value
// (which allocates) for the common token that cannot be a number.
func pointerIndex(tok string) (int, bool) {
	if tok == "" || tok[0] != '+' && tok[0] != '-' && (tok[0] < '0' || tok[0] > '9') {
		return 0, false
	}
	n, err := strconv.Atoi(tok)
	return n, err == nil
}

func parentPointer(ptr string) string {
	if i := strings.LastIndexByte(ptr, '/'); i >= 0 {
		return ptr[:i]
	}
	return ""
}

// objectMembers returns the members of an object value, each key once
// (the last given), or nil for anything else.
func objectMembers(v *request.Value) []*request.Member {
	if v == nil || v.Kind != request.Object {
		return nil
	}
	return uniqueMembers(v.Members)
}

// valueAt resolves an RFC 6901 JSON Pointer in a body; nil when nothing
// is there.
func valueAt(v *request.Value, ptr string) *request.Value {
	if ptr == "" {
		return v
	}
	if ptr[0] != '/' {
		return nil
	}
	for tok := range strings.SplitSeq(ptr[1:], "/") {
		tok = unescapeToken(tok)
		switch {
		case v == nil:
			return nil
		case v.Kind == request.Object:
			m := memberNamed(uniqueMembers(v.Members), tok)
			if m == nil {
				return nil
			}
			v = m.Value
		case v.Kind == request.Array:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(v.Elems) || strconv.Itoa(i) != tok {
				return nil
			}
			v = v.Elems[i]
		default:
			return nil
		}
	}
	return v
}

// jsonTypeOf names the JSON type of a decoded value.
func jsonTypeOf(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case json.Number, float64, float32, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return "number"
	}
	return "unknown"
}

// maxEnumShown caps the values an enum message lists: every value of the
// usual status and type enums (application_status has 20), but not all of
// a file_format enum, which has over a thousand.
const maxEnumShown = 30

func enumMessage(values []any) string {
	var shown []string
	for _, v := range values {
		if v != nil {
			shown = append(shown, renderValue(v))
		}
	}
	if len(shown) == 0 && len(values) > 0 {
		shown = []string{"null"}
	}
	msg := "value is not one of the allowed values: "
	if len(shown) > maxEnumShown {
		return msg + strings.Join(shown[:maxEnumShown], ", ") + fmt.Sprintf(" and %d more", len(shown)-maxEnumShown)
	}
	return msg + strings.Join(shown, ", ")
}

var formatMessages = map[string]string{
	"email":                 "not a valid email address",
	"idn-email":             "not a valid email address",
	"date-time":             "not a valid date-time (RFC 3339)",
	"date":                  "not a valid date (RFC 3339 full-date)",
	"time":                  "not a valid time (RFC 3339 full-time)",
	"duration":              "not a valid duration (ISO 8601)",
	"uri":                   "not a valid absolute URI",
	"iri":                   "not a valid absolute IRI",
	"uri-reference":         "not a valid URI reference",
	"iri-reference":         "not a valid IRI reference",
	"uri-template":          "not a valid URI template",
	"hostname":              "not a valid hostname",
	"idn-hostname":          "not a valid hostname",
	"ipv4":                  "not a valid IPv4 address",
	"ipv6":                  "not a valid IPv6 address",
	"uuid":                  "not a valid UUID",
	"regex":                 "not a valid regular expression",
	"json-pointer":          "not a valid JSON pointer",
	"relative-json-pointer": "not a valid relative JSON pointer",
}

func formatMessage(format string) string {
	if m, ok := formatMessages[format]; ok {
		return m
	}
	return "not a valid " + format
}

// renderValue prints a value taken from the schema (never from the body).
func renderValue(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// joinOr joins words as "a", "a or b", "a, b or c".
func joinOr(words []string) string {
	if len(words) <= 1 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}
