package schemas

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/atslint/atslint/request"
)

// This file is atslint's JSON Schema validator. It implements the draft
// 2020-12 keywords that the converter writes into body schemas (see
// bodyConverter: type, enum, const, format, pattern, required, the numeric,
// length, item and property bounds, uniqueItems, dependentRequired,
// min/maxContains, properties, patternProperties, additionalProperties,
// dependentSchemas, propertyNames, items, prefixItems, contains, not, allOf,
// anyOf, oneOf, if/then/else, unevaluatedProperties, unevaluatedItems and
// $ref to a fragment of the same document); other keywords are
// annotations to it. Its semantics and its error tree follow those of
// github.com/santhosh-tekuri/jsonschema/v5 with format assertion on, which
// atslint used before and which its tests still use as an oracle
// (validator_test.go): that library compiles every draft's metaschema at
// init and links the net package, which cost more than the rest of a run.
//
// Validation allocates nothing for a valid value: error locations are
// built only when a keyword fails.

// node is one compiled schema.
type node struct {
	loc     string // JSON Pointer of the schema in its document
	boolean *bool  // a boolean schema

	types    []string
	hasConst bool
	constant any
	enum     []any
	format   func(string) bool

	minProps, maxProps int // -1 when absent
	required           []string
	props              map[string]*node
	patterns           []patternNode
	addlSet            bool  // additionalProperties is present
	addl               *node // its schema, nil for a boolean
	addlAllowed        bool  // its boolean
	depRequired        map[string][]string
	depSchemas         map[string]*node
	propNames          *node
	unevalProps        *node

	minItems, maxItems int
	unique             bool
	prefix             []*node
	items              *node
	contains           *node
	minContains        int // 1 when absent
	maxContains        int // -1 when absent
	unevalItems        *node

	minLen, maxLen int
	pattern        *regexp.Regexp
	minimum        *big.Rat
	exclMin        *big.Rat
	maximum        *big.Rat
	exclMax        *big.Rat
	multipleOf     *big.Rat

	ref               *node
	not               *node
	allOf, anyOf      []*node
	oneOf             []*node
	ifN, thenN, elseN *node
}

type patternNode struct {
	re   *regexp.Regexp
	node *node
}

// compiler turns a decoded schema document into nodes.
type compiler struct {
	doc    any
	nodes  map[string]*node // by location, so that $refs share nodes
	uneval bool             // some node has unevaluatedProperties/Items
}

// compileSchema compiles the schema at the root of doc.
func compileSchema(doc any) (*program, error) {
	c := &compiler{doc: doc, nodes: map[string]*node{}}
	root, err := c.at("")
	if err != nil {
		return nil, err
	}
	return &program{root: root, track: c.uneval}, nil
}

// program is a compiled body schema.
type program struct {
	root  *node
	track bool // evaluation must be tracked for unevaluated* keywords
}

// at compiles the schema at a JSON Pointer of the document once.
func (c *compiler) at(loc string) (*node, error) {
	if n, ok := c.nodes[loc]; ok {
		return n, nil
	}
	v, ok := pointerGet(c.doc, loc)
	if !ok {
		return nil, fmt.Errorf("no schema at #%s", loc)
	}
	n := &node{loc: loc}
	c.nodes[loc] = n // before the children: recursive schemas terminate
	if err := c.compile(n, v); err != nil {
		return nil, fmt.Errorf("#%s: %v", loc, err)
	}
	return n, nil
}

var jsonTypes = map[string]bool{"null": true, "boolean": true, "object": true, "array": true, "number": true, "string": true, "integer": true}

func (c *compiler) compile(n *node, v any) error {
	if b, ok := v.(bool); ok {
		n.boolean = &b
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("schema is a %s, not an object or boolean", jsonTypeOf(v))
	}
	sub := func(kw string) (*node, error) {
		if _, ok := m[kw]; !ok {
			return nil, nil
		}
		return c.at(n.loc + "/" + escapeToken(kw))
	}
	list := func(kw string) ([]*node, error) {
		l, ok := m[kw]
		if !ok {
			return nil, nil
		}
		items, ok := l.([]any)
		if !ok {
			return nil, fmt.Errorf("%s is not an array", kw)
		}
		out := make([]*node, len(items))
		for i := range items {
			s, err := c.at(n.loc + "/" + kw + "/" + strconv.Itoa(i))
			if err != nil {
				return nil, err
			}
			out[i] = s
		}
		return out, nil
	}
	named := func(kw string) (map[string]*node, error) {
		mv, ok := m[kw]
		if !ok {
			return nil, nil
		}
		mm, ok := mv.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s is not an object", kw)
		}
		out := make(map[string]*node, len(mm))
		for name := range mm {
			s, err := c.at(n.loc + "/" + kw + "/" + escapeToken(name))
			if err != nil {
				return nil, err
			}
			out[name] = s
		}
		return out, nil
	}
	count := func(kw string, dflt int) (int, error) {
		x, ok := m[kw]
		if !ok {
			return dflt, nil
		}
		r, ok := ratOf(x)
		if !ok || !r.IsInt() || r.Sign() < 0 {
			return 0, fmt.Errorf("%s is not a non-negative integer", kw)
		}
		return int(r.Num().Int64()), nil
	}
	number := func(kw string) (*big.Rat, error) {
		x, ok := m[kw]
		if !ok {
			return nil, nil
		}
		r, ok := ratOf(x)
		if !ok {
			return nil, fmt.Errorf("%s is not a number", kw)
		}
		return r, nil
	}
	var err error

	if t, ok := m["type"]; ok {
		switch t := t.(type) {
		case string:
			n.types = []string{t}
		case []any:
			for _, e := range t {
				s, _ := e.(string)
				n.types = append(n.types, s)
			}
		}
		if len(n.types) == 0 {
			return errors.New("type is not a type name or a list of them")
		}
		for _, s := range n.types {
			if !jsonTypes[s] {
				return fmt.Errorf("unknown type %q", s)
			}
		}
	}
	if x, ok := m["const"]; ok {
		n.hasConst, n.constant = true, x
	}
	if x, ok := m["enum"]; ok {
		if n.enum, ok = x.([]any); !ok {
			return errors.New("enum is not an array")
		}
	}
	if x, ok := m["format"]; ok {
		f, ok := x.(string)
		if !ok {
			return errors.New("format is not a string")
		}
		n.format = formats[f] // unknown formats are annotations
	}
	if x, ok := m["pattern"]; ok {
		s, _ := x.(string)
		if n.pattern, err = regexp.Compile(s); err != nil {
			return fmt.Errorf("pattern: %v", err)
		}
	}
	for _, b := range []struct {
		kw   string
		dst  *int
		dflt int
	}{
		{"minProperties", &n.minProps, -1}, {"maxProperties", &n.maxProps, -1},
		{"minItems", &n.minItems, -1}, {"maxItems", &n.maxItems, -1},
		{"minLength", &n.minLen, -1}, {"maxLength", &n.maxLen, -1},
		{"minContains", &n.minContains, 1}, {"maxContains", &n.maxContains, -1},
	} {
		if *b.dst, err = count(b.kw, b.dflt); err != nil {
			return err
		}
	}
	for _, b := range []struct {
		kw  string
		dst **big.Rat
	}{
		{"minimum", &n.minimum}, {"exclusiveMinimum", &n.exclMin}, {"maximum", &n.maximum},
		{"exclusiveMaximum", &n.exclMax}, {"multipleOf", &n.multipleOf},
	} {
		if *b.dst, err = number(b.kw); err != nil {
			return err
		}
	}
	if n.multipleOf != nil && n.multipleOf.Sign() <= 0 {
		return errors.New("multipleOf is not positive")
	}
	if x, ok := m["required"]; ok {
		if n.required, ok = stringList(x); !ok {
			return errors.New("required is not a list of strings")
		}
	}
	if x, ok := m["uniqueItems"]; ok {
		if n.unique, ok = x.(bool); !ok {
			return errors.New("uniqueItems is not a boolean")
		}
	}
	if x, ok := m["dependentRequired"]; ok {
		deps, ok := x.(map[string]any)
		if !ok {
			return errors.New("dependentRequired is not an object")
		}
		n.depRequired = make(map[string][]string, len(deps))
		for name, l := range deps {
			if n.depRequired[name], ok = stringList(l); !ok {
				return errors.New("dependentRequired is not an object of string lists")
			}
		}
	}

	if n.props, err = named("properties"); err != nil {
		return err
	}
	if x, ok := m["patternProperties"]; ok {
		pp, ok := x.(map[string]any)
		if !ok {
			return errors.New("patternProperties is not an object")
		}
		for _, src := range sortedKeys(pp) {
			re, err := regexp.Compile(src)
			if err != nil {
				return fmt.Errorf("patternProperties: %v", err)
			}
			s, err := c.at(n.loc + "/patternProperties/" + escapeToken(src))
			if err != nil {
				return err
			}
			n.patterns = append(n.patterns, patternNode{re, s})
		}
	}
	if x, ok := m["additionalProperties"]; ok {
		n.addlSet = true
		if b, isBool := x.(bool); isBool {
			n.addlAllowed = b
		} else if n.addl, err = sub("additionalProperties"); err != nil {
			return err
		}
	}
	if n.depSchemas, err = named("dependentSchemas"); err != nil {
		return err
	}
	if n.propNames, err = sub("propertyNames"); err != nil {
		return err
	}
	if n.prefix, err = list("prefixItems"); err != nil {
		return err
	}
	if x, ok := m["items"]; ok {
		if _, isList := x.([]any); isList {
			return errors.New("items is an array; draft 2020-12 spells that prefixItems")
		}
		if n.items, err = sub("items"); err != nil {
			return err
		}
	}
	if n.contains, err = sub("contains"); err != nil {
		return err
	}
	if n.unevalProps, err = sub("unevaluatedProperties"); err != nil {
		return err
	}
	if n.unevalItems, err = sub("unevaluatedItems"); err != nil {
		return err
	}
	if n.unevalProps != nil || n.unevalItems != nil {
		c.uneval = true
	}
	if x, ok := m["$ref"]; ok {
		ref, _ := x.(string)
		loc, ok := fragmentPointer(ref)
		if !ok {
			return fmt.Errorf("unsupported $ref %q: only references into the same document are", ref)
		}
		if n.ref, err = c.at(loc); err != nil {
			return err
		}
	}
	if n.not, err = sub("not"); err != nil {
		return err
	}
	if n.allOf, err = list("allOf"); err != nil {
		return err
	}
	if n.anyOf, err = list("anyOf"); err != nil {
		return err
	}
	if n.oneOf, err = list("oneOf"); err != nil {
		return err
	}
	if m["if"] != nil {
		if n.ifN, err = sub("if"); err != nil {
			return err
		}
		if n.thenN, err = sub("then"); err != nil {
			return err
		}
		if n.elseN, err = sub("else"); err != nil {
			return err
		}
	}
	return nil
}

// fragmentPointer returns the JSON Pointer of a same-document reference
// ("#", "#/$defs/Name"), percent-decoded as a URI fragment.
func fragmentPointer(ref string) (string, bool) {
	frag, ok := strings.CutPrefix(ref, "#")
	if !ok || frag != "" && frag[0] != '/' {
		return "", false
	}
	if !strings.Contains(frag, "%") {
		return frag, true
	}
	var b strings.Builder
	for i := 0; i < len(frag); i++ {
		if frag[i] != '%' {
			b.WriteByte(frag[i])
			continue
		}
		if i+2 >= len(frag) {
			return "", false
		}
		x, err := strconv.ParseUint(frag[i+1:i+3], 16, 8)
		if err != nil {
			return "", false
		}
		b.WriteByte(byte(x))
		i += 2
	}
	return b.String(), true
}

func stringList(x any) ([]string, bool) {
	l, ok := x.([]any)
	if !ok {
		return nil, false
	}
	out := make([]string, len(l))
	for i, e := range l {
		if out[i], ok = e.(string); !ok {
			return nil, false
		}
	}
	return out, true
}

// ratOf returns a number from a schema as an exact rational.
func ratOf(v any) (*big.Rat, bool) {
	var s string
	switch v := v.(type) {
	case json.Number:
		s = string(v)
	case float64, float32, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		s = fmt.Sprint(v)
	default:
		return nil, false
	}
	return new(big.Rat).SetString(s)
}

// errKind tells the reporter how to read a vError.
type errKind uint8

const (
	errKeyword      errKind = iota // a keyword failed: kw, at schema
	errFalse                       // the false schema at schema
	errWrapper                     // causes are the reasons ($ref, allOf, then/else, several keywords)
	errAlternatives                // anyOf/oneOf matched no alternative; causes are per alternative
)

// vError is a validation failure: the tree the reporter turns into
// Violations.
type vError struct {
	kind   errKind
	kw     string // the failed keyword, for errKeyword
	schema string // JSON Pointer of the keyword's value (or of the false schema) in the schema document
	inst   string // JSON Pointer of the value in the instance
	causes []*vError
}

// loopError reports a schema that refers to itself without descending
// into the value, which no value can satisfy.
type loopError struct{ loc string }

func (e *loopError) Error() string {
	return fmt.Sprintf("schema at #%s refers to itself in a loop", e.loc)
}

// pathTok is one step of the location of the value being validated: an
// object key, or an array index when index >= 0.
type pathTok struct {
	key   string
	index int
}

// validation is the state of one validation.
type validation struct {
	track bool
	// path is the location of the value being validated.
	path []pathTok
	// inplace holds the schemas applied to the current value, to find
	// reference loops; a value's chain starts at the base index it is
	// given.
	inplace []*node
	loop    *loopError
	// quiet asks only whether the value is valid: the first failure ends
	// validation with errQuiet, and no error is built.
	quiet bool
}

// errQuiet is the failure of a quiet validation.
var errQuiet = &vError{kind: errFalse}

// quietly runs f in quiet mode.
func (st *validation) quietly(f func() bool) bool {
	quiet := st.quiet
	st.quiet = true
	ok := f()
	st.quiet = quiet
	return ok
}

// pointer returns the JSON Pointer of the value being validated.
func (st *validation) pointer() string {
	var b []byte
	for _, t := range st.path {
		b = append(b, '/')
		if t.index >= 0 {
			b = strconv.AppendInt(b, int64(t.index), 10)
		} else {
			b = appendToken(b, t.key)
		}
	}
	return string(b)
}

func appendToken(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '~':
			b = append(b, '~', '0')
		case '/':
			b = append(b, '~', '1')
		default:
			b = append(b, s[i])
		}
	}
	return b
}

// evaluated is what unevaluatedProperties/Items need to know: the
// properties and items no schema has evaluated yet. Kept only when the
// program tracks evaluation.
type evaluated struct {
	props map[string]struct{}
	items map[int]struct{}
}

func (st *validation) run(p *program, v *request.Value) (*vError, error) {
	// Most bodies are valid: check quietly, without building errors, and
	// validate again for the errors only if that fails.
	st.quiet = true
	_, err := st.validate(p.root, v, 0)
	if err != nil && st.loop == nil {
		st.quiet = false
		_, err = st.validate(p.root, v, 0)
	}
	if st.loop != nil {
		return nil, st.loop
	}
	return err, nil
}

// validate applies schema n to value v, whose in-place chain of schemas
// starts at base.
func (st *validation) validate(n *node, v *request.Value, base int) (res evaluated, verr *vError) {
	for _, s := range st.inplace[base:] {
		if s == n {
			if st.loop == nil {
				st.loop = &loopError{loc: n.loc}
			}
			return res, errQuiet
		}
	}
	st.inplace = append(st.inplace, n)
	defer func() { st.inplace = st.inplace[:len(st.inplace)-1] }()
	fail := func(kw, schema string) *vError {
		return &vError{kind: errKeyword, kw: kw, schema: schema, inst: st.pointer()}
	}
	var members []*request.Member // of an object value, the last of each key
	if v.Kind == request.Object {
		members = uniqueMembers(v.Members)
	}
	if st.track {
		switch v.Kind {
		case request.Object:
			res.props = make(map[string]struct{}, len(members))
			for _, m := range members {
				res.props[m.Key] = struct{}{}
			}
		case request.Array:
			res.items = make(map[int]struct{}, len(v.Elems))
			for i := range v.Elems {
				res.items[i] = struct{}{}
			}
		}
	}
	// inplace applies a subschema to the same value; on success, what it
	// evaluated counts as evaluated here.
	inplace := func(s *node) *vError {
		r, err := st.validate(s, v, base)
		if err == nil && st.track {
			for k := range res.props {
				if _, ok := r.props[k]; !ok {
					delete(res.props, k)
				}
			}
			for i := range res.items {
				if _, ok := r.items[i]; !ok {
					delete(res.items, i)
				}
			}
		}
		return err
	}
	child := func(s *node, val *request.Value, key string, index int) *vError {
		st.path = append(st.path, pathTok{key, index})
		_, err := st.validate(s, val, len(st.inplace))
		st.path = st.path[:len(st.path)-1]
		return err
	}

	if n.boolean != nil {
		if *n.boolean {
			return res, nil
		}
		if st.quiet {
			return res, errQuiet
		}
		return res, &vError{kind: errFalse, schema: n.loc, inst: st.pointer()}
	}
	if len(n.types) > 0 && !typeMatches(n.types, v) {
		if st.quiet {
			return res, errQuiet
		}
		return res, fail("type", n.loc+"/type")
	}

	var errs []*vError
	// add records a failure; quietly, the first one ends validation.
	add := func(e *vError) bool {
		if st.quiet {
			return false
		}
		errs = append(errs, e)
		return true
	}
	if n.hasConst && !equalsSchemaValue(v, n.constant) && !add(fail("const", n.loc+"/const")) {
		return res, errQuiet
	}
	if n.enum != nil && !inEnum(v, n.enum) && !add(fail("enum", n.loc+"/enum")) {
		return res, errQuiet
	}
	if n.format != nil && v.Kind == request.String && !n.format(v.Str) && !add(fail("format", n.loc+"/format")) {
		return res, errQuiet
	}

	switch v.Kind {
	case request.Object:
		if n.minProps >= 0 && len(members) < n.minProps && !add(fail("minProperties", n.loc+"/minProperties")) {
			return res, errQuiet
		}
		if n.maxProps >= 0 && len(members) > n.maxProps && !add(fail("maxProperties", n.loc+"/maxProperties")) {
			return res, errQuiet
		}
		for _, name := range n.required {
			if memberNamed(members, name) == nil {
				if !add(fail("required", n.loc+"/required")) {
					return res, errQuiet
				}
				break
			}
		}
		if n.props != nil {
			for _, m := range members {
				if s := n.props[m.Key]; s != nil {
					delete(res.props, m.Key)
					if err := child(s, m.Value, m.Key, -1); err != nil && !add(err) {
						return res, errQuiet
					}
				}
			}
		}
		if n.propNames != nil {
			for _, m := range members {
				name := &request.Value{Kind: request.String, Str: m.Key}
				if err := child(n.propNames, name, m.Key, -1); err != nil && !add(err) {
					return res, errQuiet
				}
			}
		}
		for _, pp := range n.patterns {
			for _, m := range members {
				if pp.re.MatchString(m.Key) {
					delete(res.props, m.Key)
					if err := child(pp.node, m.Value, m.Key, -1); err != nil && !add(err) {
						return res, errQuiet
					}
				}
			}
		}
		if n.addlSet {
			for _, m := range members {
				if _, declared := n.props[m.Key]; declared || n.matchesPattern(m.Key) {
					continue
				}
				if n.addl == nil {
					if !n.addlAllowed {
						if !add(fail("additionalProperties", n.loc+"/additionalProperties")) {
							return res, errQuiet
						}
						break
					}
					continue
				}
				if err := child(n.addl, m.Value, m.Key, -1); err != nil && !add(err) {
					return res, errQuiet
				}
			}
			res.props = nil
		}
		// Most schemas have neither: ranging over an empty map still
		// costs an iterator per value.
		if len(n.depRequired) > 0 || len(n.depSchemas) > 0 {
			for name, deps := range n.depRequired {
				if memberNamed(members, name) == nil {
					continue
				}
				for i, dep := range deps {
					if memberNamed(members, dep) == nil &&
						!add(fail("dependentRequired", n.loc+"/dependentRequired/"+escapeToken(name)+"/"+strconv.Itoa(i))) {
						return res, errQuiet
					}
				}
			}
			for name, s := range n.depSchemas {
				if memberNamed(members, name) != nil {
					if err := inplace(s); err != nil && !add(err) {
						return res, errQuiet
					}
				}
			}
		}

	case request.Array:
		if n.minItems >= 0 && len(v.Elems) < n.minItems && !add(fail("minItems", n.loc+"/minItems")) {
			return res, errQuiet
		}
		if n.maxItems >= 0 && len(v.Elems) > n.maxItems && !add(fail("maxItems", n.loc+"/maxItems")) {
			return res, errQuiet
		}
		if n.unique && !allUnique(v.Elems) && !add(fail("uniqueItems", n.loc+"/uniqueItems")) {
			return res, errQuiet
		}
		for i, item := range v.Elems {
			var s *node
			switch {
			case i < len(n.prefix):
				s = n.prefix[i]
			case n.items != nil:
				s = n.items
			}
			if s == nil {
				break
			}
			delete(res.items, i)
			if err := child(s, item, "", i); err != nil && !add(err) {
				return res, errQuiet
			}
		}
		if n.contains != nil {
			matched := 0
			st.quietly(func() bool { // only the count matters
				for i, item := range v.Elems {
					if child(n.contains, item, "", i) == nil {
						matched++
						delete(res.items, i)
					}
				}
				return true
			})
			if matched < n.minContains && !add(fail("minContains", n.loc+"/minContains")) {
				return res, errQuiet
			}
			if n.maxContains >= 0 && matched > n.maxContains && !add(fail("maxContains", n.loc+"/maxContains")) {
				return res, errQuiet
			}
		}

	case request.String:
		if n.minLen >= 0 || n.maxLen >= 0 {
			l := utf8.RuneCountInString(v.Str)
			if n.minLen >= 0 && l < n.minLen && !add(fail("minLength", n.loc+"/minLength")) {
				return res, errQuiet
			}
			if n.maxLen >= 0 && l > n.maxLen && !add(fail("maxLength", n.loc+"/maxLength")) {
				return res, errQuiet
			}
		}
		if n.pattern != nil && !n.pattern.MatchString(v.Str) && !add(fail("pattern", n.loc+"/pattern")) {
			return res, errQuiet
		}

	case request.Number:
		if n.minimum != nil || n.exclMin != nil || n.maximum != nil || n.exclMax != nil || n.multipleOf != nil {
			num, ok := new(big.Rat).SetString(v.Str)
			if !ok {
				break
			}
			for _, b := range []struct {
				kw    string
				bound *big.Rat
				fails func(c int) bool
			}{
				{"minimum", n.minimum, func(c int) bool { return c < 0 }},
				{"exclusiveMinimum", n.exclMin, func(c int) bool { return c <= 0 }},
				{"maximum", n.maximum, func(c int) bool { return c > 0 }},
				{"exclusiveMaximum", n.exclMax, func(c int) bool { return c >= 0 }},
			} {
				if b.bound != nil && b.fails(num.Cmp(b.bound)) && !add(fail(b.kw, n.loc+"/"+b.kw)) {
					return res, errQuiet
				}
			}
			if n.multipleOf != nil && !new(big.Rat).Quo(num, n.multipleOf).IsInt() && !add(fail("multipleOf", n.loc+"/multipleOf")) {
				return res, errQuiet
			}
		}
	}

	// wrap keeps the errors of an in-place subschema as causes.
	wrap := func(err *vError) bool {
		return add(&vError{kind: errWrapper, inst: err.inst, causes: []*vError{err}})
	}
	if n.ref != nil {
		if err := inplace(n.ref); err != nil && !wrap(err) {
			return res, errQuiet
		}
	}
	if n.not != nil && st.quietly(func() bool { return inplace(n.not) == nil }) && !add(fail("not", n.loc+"/not")) {
		return res, errQuiet
	}
	for _, s := range n.allOf {
		if err := inplace(s); err != nil && !wrap(err) {
			return res, errQuiet
		}
	}
	if len(n.anyOf) > 0 {
		// The alternatives' errors matter only if none matches: look for
		// a match quietly first.
		matched := st.quietly(func() bool {
			ok := false
			for _, s := range n.anyOf {
				if inplace(s) == nil {
					ok = true
					if !st.track {
						break // the others could only add to what is evaluated
					}
				}
			}
			return ok
		})
		if !matched {
			if st.quiet {
				return res, errQuiet
			}
			causes := make([]*vError, 0, len(n.anyOf))
			for _, s := range n.anyOf {
				causes = append(causes, inplace(s))
			}
			add(&vError{kind: errAlternatives, kw: "anyOf", schema: n.loc + "/anyOf", inst: st.pointer(), causes: causes})
		}
	}
	if len(n.oneOf) > 0 {
		matches := 0
		st.quietly(func() bool {
			for _, s := range n.oneOf {
				if inplace(s) == nil {
					if matches++; matches == 2 {
						break
					}
				}
			}
			return true
		})
		switch {
		case matches == 1:
		case st.quiet:
			return res, errQuiet
		case matches == 2:
			add(fail("oneOf", n.loc+"/oneOf"))
		default:
			causes := make([]*vError, 0, len(n.oneOf))
			for _, s := range n.oneOf {
				causes = append(causes, inplace(s))
			}
			add(&vError{kind: errAlternatives, kw: "oneOf", schema: n.loc + "/oneOf", inst: st.pointer(), causes: causes})
		}
	}
	if n.ifN != nil {
		next := n.elseN
		if st.quietly(func() bool { return inplace(n.ifN) == nil }) {
			next = n.thenN
		}
		if next != nil {
			if err := inplace(next); err != nil && !wrap(err) {
				return res, errQuiet
			}
		}
	}

	switch v.Kind {
	case request.Object:
		if n.unevalProps != nil {
			for _, m := range members {
				if _, ok := res.props[m.Key]; !ok {
					continue
				}
				if err := child(n.unevalProps, m.Value, m.Key, -1); err != nil && !add(err) {
					return res, errQuiet
				}
			}
			res.props = nil
		}
	case request.Array:
		if n.unevalItems != nil {
			for i, item := range v.Elems {
				if _, ok := res.items[i]; !ok {
					continue
				}
				if err := child(n.unevalItems, item, "", i); err != nil && !add(err) {
					return res, errQuiet
				}
			}
			res.items = nil
		}
	}

	switch len(errs) {
	case 0:
		return res, nil
	case 1:
		return res, errs[0]
	}
	return res, &vError{kind: errWrapper, inst: st.pointer(), causes: errs}
}

func (n *node) matchesPattern(name string) bool {
	for _, pp := range n.patterns {
		if pp.re.MatchString(name) {
			return true
		}
	}
	return false
}

// uniqueMembers returns an object's members with each key once, holding
// the last value given for it (as JSON decoders keep it). It allocates
// only when there are duplicate keys.
func uniqueMembers(ms []*request.Member) []*request.Member {
	dup := false
	if len(ms) <= 32 {
	outer:
		for i := 1; i < len(ms); i++ {
			for j := 0; j < i; j++ {
				if ms[i].Key == ms[j].Key {
					dup = true
					break outer
				}
			}
		}
	} else {
		seen := make(map[string]struct{}, len(ms))
		for _, m := range ms {
			if _, ok := seen[m.Key]; ok {
				dup = true
				break
			}
			seen[m.Key] = struct{}{}
		}
	}
	if !dup {
		return ms
	}
	last := make(map[string]int, len(ms))
	for i, m := range ms {
		last[m.Key] = i
	}
	out := make([]*request.Member, 0, len(last))
	for i, m := range ms {
		if last[m.Key] == i {
			out = append(out, m)
		}
	}
	return out
}

// memberNamed returns the member with the key among unique members.
func memberNamed(ms []*request.Member, key string) *request.Member {
	for _, m := range ms {
		if m.Key == key {
			return m
		}
	}
	return nil
}

// valueType names the JSON type of a value. An unknown value (one a front
// end could not see) is validated as null: the rules drop whatever is
// reported on or below it.
func valueType(v *request.Value) string {
	switch v.Kind {
	case request.Bool:
		return "boolean"
	case request.Number:
		return "number"
	case request.String:
		return "string"
	case request.Object:
		return "object"
	case request.Array:
		return "array"
	}
	return "null"
}

// typeMatches reports whether v has one of the types; a number with an
// integral value is an "integer".
func typeMatches(types []string, v *request.Value) bool {
	vt := valueType(v)
	for _, t := range types {
		if t == vt || t == "integer" && vt == "number" && isInteger(v.Str) {
			return true
		}
	}
	return false
}

func isInteger(lit string) bool {
	if digits := strings.TrimPrefix(lit, "-"); digits != "" && strings.Trim(digits, "0123456789") == "" {
		return true
	}
	r, ok := new(big.Rat).SetString(lit)
	return ok && r.IsInt()
}

func inEnum(v *request.Value, enum []any) bool {
	for _, e := range enum {
		if equalsSchemaValue(v, e) {
			return true
		}
	}
	return false
}

// equalsSchemaValue compares a body value with a value from the schema
// (enum, const); numbers compare by value (1 == 1.0).
func equalsSchemaValue(v *request.Value, x any) bool {
	switch x := x.(type) {
	case string:
		return v.Kind == request.String && v.Str == x
	case nil:
		return v.Kind == request.Null || v.Kind == request.Unknown
	case bool:
		return v.Kind == request.Bool && v.Bool == x
	case map[string]any:
		if v.Kind != request.Object {
			return false
		}
		ms := uniqueMembers(v.Members)
		if len(ms) != len(x) {
			return false
		}
		for _, m := range ms {
			xv, ok := x[m.Key]
			if !ok || !equalsSchemaValue(m.Value, xv) {
				return false
			}
		}
		return true
	case []any:
		if v.Kind != request.Array || len(v.Elems) != len(x) {
			return false
		}
		for i, e := range v.Elems {
			if !equalsSchemaValue(e, x[i]) {
				return false
			}
		}
		return true
	}
	r, ok := ratOf(x)
	if !ok || v.Kind != request.Number {
		return false
	}
	vr, ok := new(big.Rat).SetString(v.Str)
	return ok && vr.Cmp(r) == 0
}

// equalValues compares two body values as JSON.
func equalValues(a, b *request.Value) bool {
	ta, tb := valueType(a), valueType(b)
	if ta != tb {
		return false
	}
	switch ta {
	case "object":
		ma, mb := uniqueMembers(a.Members), uniqueMembers(b.Members)
		if len(ma) != len(mb) {
			return false
		}
		for _, m := range ma {
			o := memberNamed(mb, m.Key)
			if o == nil || !equalValues(m.Value, o.Value) {
				return false
			}
		}
		return true
	case "array":
		if len(a.Elems) != len(b.Elems) {
			return false
		}
		for i := range a.Elems {
			if !equalValues(a.Elems[i], b.Elems[i]) {
				return false
			}
		}
		return true
	case "number":
		if a.Str == b.Str {
			return true
		}
		ra, oka := new(big.Rat).SetString(a.Str)
		rb, okb := new(big.Rat).SetString(b.Str)
		return oka && okb && ra.Cmp(rb) == 0
	case "string":
		return a.Str == b.Str
	case "boolean":
		return a.Bool == b.Bool
	}
	return true // null
}

func allUnique(items []*request.Value) bool {
	for i := 1; i < len(items); i++ {
		for j := 0; j < i; j++ {
			if equalValues(items[i], items[j]) {
				return false
			}
		}
	}
	return true
}

// valueFromAny converts a decoded JSON tree (map[string]any, []any,
// string, json.Number, float64 and the other Go numbers, bool, nil) into
// a Value, without positions.
func valueFromAny(x any) (*request.Value, error) {
	switch x := x.(type) {
	case nil:
		return &request.Value{Kind: request.Null}, nil
	case bool:
		return &request.Value{Kind: request.Bool, Bool: x}, nil
	case string:
		return &request.Value{Kind: request.String, Str: x}, nil
	case json.Number:
		return &request.Value{Kind: request.Number, Str: string(x)}, nil
	case float64, float32, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return &request.Value{Kind: request.Number, Str: fmt.Sprint(x)}, nil
	case []any:
		v := &request.Value{Kind: request.Array, Elems: make([]*request.Value, len(x))}
		for i, e := range x {
			ev, err := valueFromAny(e)
			if err != nil {
				return nil, err
			}
			v.Elems[i] = ev
		}
		return v, nil
	case map[string]any:
		v := &request.Value{Kind: request.Object}
		for _, k := range sortedKeys(x) {
			ev, err := valueFromAny(x[k])
			if err != nil {
				return nil, err
			}
			v.Members = append(v.Members, &request.Member{Key: k, Value: ev})
		}
		return v, nil
	}
	return nil, fmt.Errorf("a %T is not a JSON value", x)
}

// valueToAny converts a parsed value into the tree encoding/json decodes
// with UseNumber: numbers as json.Number, the last of duplicate keys.
func valueToAny(v *request.Value) any {
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
			m[mem.Key] = valueToAny(mem.Value)
		}
		return m
	case request.Array:
		a := make([]any, len(v.Elems))
		for i, e := range v.Elems {
			a[i] = valueToAny(e)
		}
		return a
	}
	return nil
}
