package schemas

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"sync"
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
// (oracle_test.go): that library compiles every draft's metaschema at
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

	// groups has a bit for each group of keywords the schema has, so that
	// validation skips the others, and typeMask one for each of its types
	// (set by setGroups once compiled).
	groups   keywordGroups
	typeMask typeMask
}

// typeMask has a bit for each JSON Schema type.
type typeMask uint8

const (
	nullType typeMask = 1 << iota
	booleanType
	objectType
	arrayType
	numberType
	stringType
	integerType
)

// typeBits maps each type name of JSON Schema to its bit; a name not in it
// is no type.
var typeBits = map[string]typeMask{
	"null": nullType, "boolean": booleanType, "object": objectType, "array": arrayType,
	"number": numberType, "string": stringType, "integer": integerType,
}

// matches reports whether v has one of the mask's types; a number with an
// integral value is an "integer".
func (m typeMask) matches(v *request.Value) bool {
	var t typeMask
	switch v.Kind {
	case request.Bool:
		t = booleanType
	case request.Number:
		t = numberType
	case request.String:
		t = stringType
	case request.Object:
		t = objectType
	case request.Array:
		t = arrayType
	default:
		t = nullType // as valueType: an unknown value is validated as null
	}
	return m&t != 0 || m&integerType != 0 && t == numberType && isInteger(v.Str)
}

// keywordGroups are the groups of keywords apply runs, one bit each.
type keywordGroups uint8

const (
	valueKeywords       keywordGroups = 1 << iota // const, enum, format
	objectKeywords                                // properties, required, ...: the object keywords but unevaluatedProperties
	arrayKeywords                                 // items, contains, ...: the array keywords but unevaluatedItems
	stringKeywords                                // minLength, maxLength, pattern
	numberKeywords                                // the bounds and multipleOf
	applicatorKeywords                            // $ref, not, allOf, anyOf, oneOf, if
	unevaluatedKeywords                           // unevaluatedProperties, unevaluatedItems
)

// setGroups sets n.groups from its compiled keywords.
func (n *node) setGroups() {
	var g keywordGroups
	if n.hasConst || n.enum != nil || n.format != nil {
		g |= valueKeywords
	}
	if n.minProps >= 0 || n.maxProps >= 0 || len(n.required) > 0 || n.props != nil || n.propNames != nil ||
		len(n.patterns) > 0 || n.addlSet || len(n.depRequired) > 0 || len(n.depSchemas) > 0 {
		g |= objectKeywords
	}
	if n.minItems >= 0 || n.maxItems >= 0 || n.unique || len(n.prefix) > 0 || n.items != nil || n.contains != nil {
		g |= arrayKeywords
	}
	if n.minLen >= 0 || n.maxLen >= 0 || n.pattern != nil {
		g |= stringKeywords
	}
	if n.minimum != nil || n.exclMin != nil || n.maximum != nil || n.exclMax != nil || n.multipleOf != nil {
		g |= numberKeywords
	}
	if n.ref != nil || n.not != nil || len(n.allOf) > 0 || len(n.anyOf) > 0 || len(n.oneOf) > 0 || n.ifN != nil {
		g |= applicatorKeywords
	}
	if n.unevalProps != nil || n.unevalItems != nil {
		g |= unevaluatedKeywords
	}
	n.groups = g
	for _, t := range n.types {
		n.typeMask |= typeBits[t]
	}
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
	for _, n := range c.nodes {
		n.setGroups()
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

// compile fills node n from schema v: a boolean, or an object whose
// keywords are read by one compileX function per keyword (or group of
// bounds).
func (c *compiler) compile(n *node, v any) error {
	if b, ok := v.(bool); ok {
		n.boolean = &b
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("schema is a %s, not an object or boolean", jsonTypeOf(v))
	}
	o := schemaObject{c: c, n: n, m: m}
	// Only the readers of keywords the schema has: most schemas have one
	// to three, and looking up all forty in each cost a third of compiling
	// (issue 12). Those that set defaults (compileCounts) always run.
	table := keywordReaders()
	todo := table.always
	for kw := range m {
		todo |= table.of[kw]
	}
	// The keywords in this order: the first error is reported.
	for i, read := range table.list {
		if todo&(1<<i) == 0 {
			continue
		}
		if err := read(o); err != nil {
			return err
		}
	}
	if n.unevalProps != nil || n.unevalItems != nil {
		c.uneval = true
	}
	return nil
}

// readerTable lists the compileX functions in the order compile runs them,
// with, for each keyword, the bit of every function that reads it (a
// function that finds none of its keywords does nothing), and the bits of
// those that run whatever keywords a schema has.
type readerTable struct {
	list   []func(o schemaObject) error
	of     map[string]uint32
	always uint32
}

var (
	readersOnce sync.Once
	readers     readerTable
)

// keywordReaders builds the table on first use (a function, not an
// initialised variable: the readers call compile, which uses the table).
func keywordReaders() *readerTable {
	readersOnce.Do(func() {
		readers = buildReaderTable()
	})
	return &readers
}

func buildReaderTable() (r readerTable) {
	for i, kr := range []struct {
		read   func(o schemaObject) error
		kws    string
		always bool // it runs for every schema: it sets the defaults of absent keywords
	}{
		{compileType, "type", false},
		{compileConst, "const", false},
		{compileEnum, "enum", false},
		{compileFormat, "format", false},
		{compilePattern, "pattern", false},
		{compileCounts, "minProperties maxProperties minItems maxItems minLength maxLength minContains maxContains", true},
		{compileNumbers, "minimum exclusiveMinimum maximum exclusiveMaximum multipleOf", false},
		{compileRequired, "required", false},
		{compileUniqueItems, "uniqueItems", false},
		{compileDependentRequired, "dependentRequired", false},
		{compileProperties, "properties", false},
		{compilePatternProperties, "patternProperties", false},
		{compileAdditionalProperties, "additionalProperties", false},
		{compileDependentSchemas, "dependentSchemas", false},
		{compilePropertyNames, "propertyNames", false},
		{compilePrefixItems, "prefixItems", false},
		{compileItems, "items", false},
		{compileContains, "contains", false},
		{compileUnevaluated, "unevaluatedProperties unevaluatedItems", false},
		{compileRef, "$ref", false},
		{compileNot, "not", false},
		{compileAllOf, "allOf", false},
		{compileAnyOf, "anyOf", false},
		{compileOneOf, "oneOf", false},
		{compileIf, "if", false},
	} {
		r.list = append(r.list, kr.read)
		if r.of == nil {
			r.of = map[string]uint32{}
		}
		for _, kw := range strings.Fields(kr.kws) {
			r.of[kw] |= 1 << i
		}
		if kr.always {
			r.always |= 1 << i
		}
	}
	return r
}

// schemaObject is a schema object being compiled into n, with readers for
// its keywords' values.
type schemaObject struct {
	c *compiler
	n *node
	m map[string]any
}

// sub compiles the subschema of keyword kw, nil when absent.
func (o schemaObject) sub(kw string) (*node, error) {
	if _, ok := o.m[kw]; !ok {
		return nil, nil
	}
	return o.c.at(o.n.loc + "/" + escapeToken(kw))
}

// list compiles the array of subschemas of keyword kw.
func (o schemaObject) list(kw string) ([]*node, error) {
	l, ok := o.m[kw]
	if !ok {
		return nil, nil
	}
	items, ok := l.([]any)
	if !ok {
		return nil, fmt.Errorf("%s is not an array", kw)
	}
	out := make([]*node, len(items))
	for i := range items {
		s, err := o.c.at(o.n.loc + "/" + kw + "/" + strconv.Itoa(i))
		if err != nil {
			return nil, err
		}
		out[i] = s
	}
	return out, nil
}

// named compiles the object of named subschemas of keyword kw.
func (o schemaObject) named(kw string) (map[string]*node, error) {
	mv, ok := o.m[kw]
	if !ok {
		return nil, nil
	}
	mm, ok := mv.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s is not an object", kw)
	}
	out := make(map[string]*node, len(mm))
	for name := range mm {
		s, err := o.c.at(o.n.loc + "/" + kw + "/" + escapeToken(name))
		if err != nil {
			return nil, err
		}
		out[name] = s
	}
	return out, nil
}

// count reads a non-negative integer keyword, dflt when absent.
func (o schemaObject) count(kw string, dflt int) (int, error) {
	x, ok := o.m[kw]
	if !ok {
		return dflt, nil
	}
	r, ok := ratOf(x)
	if !ok || !r.IsInt() || r.Sign() < 0 {
		return 0, fmt.Errorf("%s is not a non-negative integer", kw)
	}
	return int(r.Num().Int64()), nil
}

// number reads a numeric keyword exactly, nil when absent.
func (o schemaObject) number(kw string) (*big.Rat, error) {
	x, ok := o.m[kw]
	if !ok {
		return nil, nil
	}
	r, ok := ratOf(x)
	if !ok {
		return nil, fmt.Errorf("%s is not a number", kw)
	}
	return r, nil
}

func compileType(o schemaObject) error {
	t, ok := o.m["type"]
	if !ok {
		return nil
	}
	n := o.n
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
		if _, ok := typeBits[s]; !ok {
			return fmt.Errorf("unknown type %q", s)
		}
	}
	return nil
}

func compileConst(o schemaObject) error {
	if x, ok := o.m["const"]; ok {
		o.n.hasConst, o.n.constant = true, x
	}
	return nil
}

func compileEnum(o schemaObject) error {
	if x, ok := o.m["enum"]; ok {
		if o.n.enum, ok = x.([]any); !ok {
			return errors.New("enum is not an array")
		}
	}
	return nil
}

func compileFormat(o schemaObject) error {
	if x, ok := o.m["format"]; ok {
		f, ok := x.(string)
		if !ok {
			return errors.New("format is not a string")
		}
		o.n.format = formats[f] // unknown formats are annotations
	}
	return nil
}

func compilePattern(o schemaObject) error {
	if x, ok := o.m["pattern"]; ok {
		s, _ := x.(string)
		var err error
		if o.n.pattern, err = regexp.Compile(s); err != nil {
			return fmt.Errorf("pattern: %v", err)
		}
	}
	return nil
}

// compileCounts reads the size bounds of objects, arrays, strings and
// contains.
func compileCounts(o schemaObject) error {
	n := o.n
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
		var err error
		if *b.dst, err = o.count(b.kw, b.dflt); err != nil {
			return err
		}
	}
	return nil
}

// compileNumbers reads the numeric bounds and multipleOf.
func compileNumbers(o schemaObject) error {
	n := o.n
	for _, b := range []struct {
		kw  string
		dst **big.Rat
	}{
		{"minimum", &n.minimum}, {"exclusiveMinimum", &n.exclMin}, {"maximum", &n.maximum},
		{"exclusiveMaximum", &n.exclMax}, {"multipleOf", &n.multipleOf},
	} {
		var err error
		if *b.dst, err = o.number(b.kw); err != nil {
			return err
		}
	}
	if n.multipleOf != nil && n.multipleOf.Sign() <= 0 {
		return errors.New("multipleOf is not positive")
	}
	return nil
}

func compileRequired(o schemaObject) error {
	if x, ok := o.m["required"]; ok {
		if o.n.required, ok = stringList(x); !ok {
			return errors.New("required is not a list of strings")
		}
	}
	return nil
}

func compileUniqueItems(o schemaObject) error {
	if x, ok := o.m["uniqueItems"]; ok {
		if o.n.unique, ok = x.(bool); !ok {
			return errors.New("uniqueItems is not a boolean")
		}
	}
	return nil
}

func compileDependentRequired(o schemaObject) error {
	x, ok := o.m["dependentRequired"]
	if !ok {
		return nil
	}
	deps, ok := x.(map[string]any)
	if !ok {
		return errors.New("dependentRequired is not an object")
	}
	o.n.depRequired = make(map[string][]string, len(deps))
	for name, l := range deps {
		if o.n.depRequired[name], ok = stringList(l); !ok {
			return errors.New("dependentRequired is not an object of string lists")
		}
	}
	return nil
}

func compileProperties(o schemaObject) (err error) {
	o.n.props, err = o.named("properties")
	return err
}

func compilePatternProperties(o schemaObject) error {
	x, ok := o.m["patternProperties"]
	if !ok {
		return nil
	}
	pp, ok := x.(map[string]any)
	if !ok {
		return errors.New("patternProperties is not an object")
	}
	for _, src := range sortedKeys(pp) {
		re, err := regexp.Compile(src)
		if err != nil {
			return fmt.Errorf("patternProperties: %v", err)
		}
		s, err := o.c.at(o.n.loc + "/patternProperties/" + escapeToken(src))
		if err != nil {
			return err
		}
		o.n.patterns = append(o.n.patterns, patternNode{re, s})
	}
	return nil
}

func compileAdditionalProperties(o schemaObject) (err error) {
	x, ok := o.m["additionalProperties"]
	if !ok {
		return nil
	}
	o.n.addlSet = true
	if b, isBool := x.(bool); isBool {
		o.n.addlAllowed = b
		return nil
	}
	o.n.addl, err = o.sub("additionalProperties")
	return err
}

func compileDependentSchemas(o schemaObject) (err error) {
	o.n.depSchemas, err = o.named("dependentSchemas")
	return err
}

func compilePropertyNames(o schemaObject) (err error) {
	o.n.propNames, err = o.sub("propertyNames")
	return err
}

func compilePrefixItems(o schemaObject) (err error) {
	o.n.prefix, err = o.list("prefixItems")
	return err
}

func compileItems(o schemaObject) (err error) {
	x, ok := o.m["items"]
	if !ok {
		return nil
	}
	if _, isList := x.([]any); isList {
		return errors.New("items is an array; draft 2020-12 spells that prefixItems")
	}
	o.n.items, err = o.sub("items")
	return err
}

func compileContains(o schemaObject) (err error) {
	o.n.contains, err = o.sub("contains")
	return err
}

func compileUnevaluated(o schemaObject) (err error) {
	if o.n.unevalProps, err = o.sub("unevaluatedProperties"); err != nil {
		return err
	}
	o.n.unevalItems, err = o.sub("unevaluatedItems")
	return err
}

func compileRef(o schemaObject) (err error) {
	x, ok := o.m["$ref"]
	if !ok {
		return nil
	}
	ref, _ := x.(string)
	loc, ok := fragmentPointer(ref)
	if !ok {
		return fmt.Errorf("unsupported $ref %q: only references into the same document are", ref)
	}
	o.n.ref, err = o.c.at(loc)
	return err
}

func compileNot(o schemaObject) (err error) {
	o.n.not, err = o.sub("not")
	return err
}

func compileAllOf(o schemaObject) (err error) {
	o.n.allOf, err = o.list("allOf")
	return err
}

func compileAnyOf(o schemaObject) (err error) {
	o.n.anyOf, err = o.list("anyOf")
	return err
}

func compileOneOf(o schemaObject) (err error) {
	o.n.oneOf, err = o.list("oneOf")
	return err
}

// compileIf reads if/then/else; then and else mean nothing without if.
func compileIf(o schemaObject) (err error) {
	if o.m["if"] == nil {
		return nil
	}
	if o.n.ifN, err = o.sub("if"); err != nil {
		return err
	}
	if o.n.thenN, err = o.sub("then"); err != nil {
		return err
	}
	o.n.elseN, err = o.sub("else")
	return err
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
	kind errKind
	kw   string // the failed keyword, for errKeyword
	// at is the schema whose keyword kw failed; when it is nil, schema is
	// the JSON Pointer of the keyword's value (or of the false schema) in
	// the schema document. Pointers are made only when reported.
	at     *node
	schema string
	inst   string // JSON Pointer of the value in the instance; "" on a wrapper, whose causes say where
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
	// ptr is pointer() while ptrOK: the failures of one value share it.
	ptr   string
	ptrOK bool
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
	if !st.ptrOK {
		st.ptr, st.ptrOK = st.makePointer(), true
	}
	return st.ptr
}

func (st *validation) makePointer() string {
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
	// One pass that builds errors: it builds none for a valid body, since
	// whatever is only tried (anyOf's alternatives, if, not, contains) is
	// tried quietly, and every error built outside those is the body's.
	// A quiet pass first would only repeat the start of an invalid body.
	st.quiet = false
	_, err := st.validate(p.root, v, 0)
	if st.loop != nil {
		return nil, st.loop
	}
	return err, nil
}

// validate applies schema n to value v, whose in-place chain of schemas
// starts at base.
func (st *validation) validate(n *node, v *request.Value, base int) (evaluated, *vError) {
	for _, s := range st.inplace[base:] {
		if s == n {
			if st.loop == nil {
				st.loop = &loopError{loc: n.loc}
			}
			return evaluated{}, errQuiet
		}
	}
	st.inplace = append(st.inplace, n)
	res, err := st.apply(n, v, base)
	st.inplace = st.inplace[:len(st.inplace)-1]
	return res, err
}

// apply is validate's work once n is on the in-place chain.
func (st *validation) apply(n *node, v *request.Value, base int) (evaluated, *vError) {
	a := application{st: st, n: n, v: v, base: base}
	a.start()

	if n.boolean != nil {
		if *n.boolean {
			return a.res, nil
		}
		if st.quiet {
			return a.res, errQuiet
		}
		return a.res, &vError{kind: errFalse, schema: n.loc, inst: st.pointer()}
	}
	if n.typeMask != 0 && !n.typeMask.matches(v) {
		if st.quiet {
			return a.res, errQuiet
		}
		return a.res, a.fail("type")
	}
	// The keywords in the order their errors are listed; each returns
	// false when a quiet validation has failed. A group the schema does
	// not have would do nothing.
	g := n.groups
	ok := (g&valueKeywords == 0 || a.constant() && a.enum() && a.format()) &&
		(g&objectKeywords == 0 || a.objectKeywords()) && (g&arrayKeywords == 0 || a.arrayKeywords()) &&
		(g&stringKeywords == 0 || a.stringKeywords()) && (g&numberKeywords == 0 || a.numberKeywords()) &&
		(g&applicatorKeywords == 0 || a.ref() && a.not() && a.allOf() && a.anyOf() && a.oneOf() && a.ifThenElse()) &&
		(g&unevaluatedKeywords == 0 || a.unevaluatedProperties() && a.unevaluatedItems())
	if !ok {
		return a.res, errQuiet
	}
	if a.errs != nil {
		return a.res, &vError{kind: errWrapper, causes: a.errs}
	}
	return a.res, a.err
}

// application is schema n applied to value v: what the keyword functions
// share. Each keyword function returns false when a quiet validation has
// failed (add refused an error), which ends it.
type application struct {
	st      *validation
	n       *node
	v       *request.Value
	base    int
	members []*request.Member // of an object value, the last of each key
	res     evaluated
	err     *vError   // the first failure
	errs    []*vError // every failure, once there are two
}

// start finds the members of an object value and, when evaluation is
// tracked, marks every property and item as not evaluated yet.
func (a *application) start() {
	v := a.v
	// The members are for the object keywords and for tracking.
	if v.Kind == request.Object && (a.st.track || a.n.groups&(objectKeywords|unevaluatedKeywords) != 0) {
		a.members = uniqueMembers(v.Members)
	}
	if !a.st.track {
		return
	}
	switch v.Kind {
	case request.Object:
		a.res.props = make(map[string]struct{}, len(a.members))
		for _, m := range a.members {
			a.res.props[m.Key] = struct{}{}
		}
	case request.Array:
		a.res.items = make(map[int]struct{}, len(v.Elems))
		for i := range v.Elems {
			a.res.items[i] = struct{}{}
		}
	}
}

// fail is the error of keyword kw of this schema.
func (a *application) fail(kw string) *vError {
	return &vError{kind: errKeyword, kw: kw, at: a.n, inst: a.st.pointer()}
}

// failAt is the error of keyword kw at a given schema location.
func (a *application) failAt(kw, schema string) *vError {
	return &vError{kind: errKeyword, kw: kw, schema: schema, inst: a.st.pointer()}
}

// add records a failure; quietly, the first one ends validation (false).
func (a *application) add(e *vError) bool {
	if a.st.quiet {
		return false
	}
	switch {
	case a.err == nil:
		a.err = e
	case a.errs == nil:
		a.errs = []*vError{a.err, e}
	default:
		a.errs = append(a.errs, e)
	}
	return true
}

// failed adds the failure of keyword kw; quietly, it builds none and ends
// validation (false).
func (a *application) failed(kw string) bool {
	return !a.st.quiet && a.add(a.fail(kw))
}

// check adds the failure of keyword kw when failed.
func (a *application) check(failed bool, kw string) bool {
	return !failed || a.failed(kw)
}

// inplace applies a subschema to the same value; on success, what it
// evaluated counts as evaluated here.
func (a *application) inplace(s *node) *vError {
	r, err := a.st.validate(s, a.v, a.base)
	if err == nil && a.st.track {
		for k := range a.res.props {
			if _, ok := r.props[k]; !ok {
				delete(a.res.props, k)
			}
		}
		for i := range a.res.items {
			if _, ok := r.items[i]; !ok {
				delete(a.res.items, i)
			}
		}
	}
	return err
}

// child applies a subschema to a member (key) or item (index >= 0).
func (a *application) child(s *node, val *request.Value, key string, index int) *vError {
	st := a.st
	st.path = append(st.path, pathTok{key, index})
	st.ptrOK = false
	_, err := st.validate(s, val, len(st.inplace))
	st.path = st.path[:len(st.path)-1]
	st.ptrOK = false
	return err
}

// addChild adds the error of a child validation, if any.
func (a *application) addChild(s *node, val *request.Value, key string, index int) bool {
	err := a.child(s, val, key, index)
	return err == nil || a.add(err)
}

// wrap keeps the errors of an in-place subschema as causes. A wrapper of
// one error would say no more than the error (the reporter flattens
// wrappers), so the error itself is kept.
func (a *application) wrap(err *vError) bool {
	return err == nil || a.add(err)
}

func (a *application) constant() bool {
	return a.check(a.n.hasConst && !equalsSchemaValue(a.v, a.n.constant), "const")
}

func (a *application) enum() bool {
	return a.check(a.n.enum != nil && !inEnum(a.v, a.n.enum), "enum")
}

func (a *application) format() bool {
	return a.check(a.n.format != nil && a.v.Kind == request.String && !a.n.format(a.v.Str), "format")
}

func (a *application) objectKeywords() bool {
	if a.v.Kind != request.Object {
		return true
	}
	return a.propertyCount() && a.required() && a.properties() && a.propertyNames() &&
		a.patternProperties() && a.additionalProperties() && a.dependentRequired() && a.dependentSchemas()
}

func (a *application) propertyCount() bool {
	n, count := a.n, len(a.members)
	return a.check(n.minProps >= 0 && count < n.minProps, "minProperties") &&
		a.check(n.maxProps >= 0 && count > n.maxProps, "maxProperties")
}

// required fails once, however many names are missing.
func (a *application) required() bool {
	for _, name := range a.n.required {
		if memberNamed(a.members, name) == nil {
			return a.failed("required")
		}
	}
	return true
}

func (a *application) properties() bool {
	if a.n.props == nil {
		return true
	}
	for _, m := range a.members {
		if s := a.n.props[m.Key]; s != nil {
			if a.res.props != nil {
				delete(a.res.props, m.Key)
			}
			if !a.addChild(s, m.Value, m.Key, -1) {
				return false
			}
		}
	}
	return true
}

func (a *application) propertyNames() bool {
	if a.n.propNames == nil {
		return true
	}
	for _, m := range a.members {
		name := &request.Value{Kind: request.String, Str: m.Key}
		if !a.addChild(a.n.propNames, name, m.Key, -1) {
			return false
		}
	}
	return true
}

func (a *application) patternProperties() bool {
	for _, pp := range a.n.patterns {
		for _, m := range a.members {
			if pp.re.MatchString(m.Key) {
				delete(a.res.props, m.Key)
				if !a.addChild(pp.node, m.Value, m.Key, -1) {
					return false
				}
			}
		}
	}
	return true
}

// additionalProperties: a false schema fails once for all the members it
// does not allow.
func (a *application) additionalProperties() bool {
	n := a.n
	if !n.addlSet {
		return true
	}
	for _, m := range a.members {
		if _, declared := n.props[m.Key]; declared || n.matchesPattern(m.Key) {
			continue
		}
		if n.addl == nil {
			if !n.addlAllowed {
				if !a.failed("additionalProperties") {
					return false
				}
				break
			}
			continue
		}
		if !a.addChild(n.addl, m.Value, m.Key, -1) {
			return false
		}
	}
	a.res.props = nil
	return true
}

func (a *application) dependentRequired() bool {
	for name, deps := range a.n.depRequired {
		if memberNamed(a.members, name) == nil {
			continue
		}
		for i, dep := range deps {
			if memberNamed(a.members, dep) == nil &&
				(a.st.quiet || !a.add(a.failAt("dependentRequired", a.n.loc+"/dependentRequired/"+escapeToken(name)+"/"+strconv.Itoa(i)))) {
				return false
			}
		}
	}
	return true
}

func (a *application) dependentSchemas() bool {
	for name, s := range a.n.depSchemas {
		if memberNamed(a.members, name) != nil {
			if err := a.inplace(s); err != nil && !a.add(err) {
				return false
			}
		}
	}
	return true
}

func (a *application) arrayKeywords() bool {
	if a.v.Kind != request.Array {
		return true
	}
	n, count := a.n, len(a.v.Elems)
	return a.check(n.minItems >= 0 && count < n.minItems, "minItems") &&
		a.check(n.maxItems >= 0 && count > n.maxItems, "maxItems") &&
		a.check(n.unique && !allUnique(a.v.Elems), "uniqueItems") &&
		a.items() && a.contains()
}

// items applies prefixItems and items.
func (a *application) items() bool {
	n := a.n
	for i, item := range a.v.Elems {
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
		if a.res.items != nil {
			delete(a.res.items, i)
		}
		if !a.addChild(s, item, "", i) {
			return false
		}
	}
	return true
}

// contains applies contains, minContains and maxContains.
func (a *application) contains() bool {
	n := a.n
	if n.contains == nil {
		return true
	}
	matched := 0
	a.st.quietly(func() bool { // only the count matters
		for i, item := range a.v.Elems {
			if a.child(n.contains, item, "", i) == nil {
				matched++
				delete(a.res.items, i)
			}
		}
		return true
	})
	return a.check(matched < n.minContains, "minContains") &&
		a.check(n.maxContains >= 0 && matched > n.maxContains, "maxContains")
}

func (a *application) stringKeywords() bool {
	n := a.n
	if a.v.Kind != request.String {
		return true
	}
	if n.minLen >= 0 || n.maxLen >= 0 {
		l := utf8.RuneCountInString(a.v.Str)
		if !a.check(n.minLen >= 0 && l < n.minLen, "minLength") || !a.check(n.maxLen >= 0 && l > n.maxLen, "maxLength") {
			return false
		}
	}
	return a.check(n.pattern != nil && !n.pattern.MatchString(a.v.Str), "pattern")
}

// numberKeywords applies the bounds and multipleOf, comparing exactly.
func (a *application) numberKeywords() bool {
	n := a.n
	if a.v.Kind != request.Number || n.minimum == nil && n.exclMin == nil && n.maximum == nil && n.exclMax == nil && n.multipleOf == nil {
		return true
	}
	num, ok := new(big.Rat).SetString(a.v.Str)
	if !ok {
		return true
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
		if !a.check(b.bound != nil && b.fails(num.Cmp(b.bound)), b.kw) {
			return false
		}
	}
	return a.check(n.multipleOf != nil && !new(big.Rat).Quo(num, n.multipleOf).IsInt(), "multipleOf")
}

func (a *application) ref() bool {
	return a.n.ref == nil || a.wrap(a.inplace(a.n.ref))
}

func (a *application) not() bool {
	return a.check(a.n.not != nil && a.st.quietly(func() bool { return a.inplace(a.n.not) == nil }), "not")
}

func (a *application) allOf() bool {
	for _, s := range a.n.allOf {
		if !a.wrap(a.inplace(s)) {
			return false
		}
	}
	return true
}

func (a *application) anyOf() bool {
	n := a.n
	if len(n.anyOf) == 0 {
		return true
	}
	// The alternatives' errors matter only if none matches: look for a
	// match quietly first.
	matched := a.st.quietly(func() bool {
		ok := false
		for _, s := range n.anyOf {
			if a.inplace(s) == nil {
				ok = true
				if !a.st.track {
					break // the others could only add to what is evaluated
				}
			}
		}
		return ok
	})
	if matched {
		return true
	}
	if a.st.quiet {
		return false
	}
	return a.add(a.alternatives("anyOf", n.anyOf))
}

func (a *application) oneOf() bool {
	n := a.n
	if len(n.oneOf) == 0 {
		return true
	}
	matches := 0
	a.st.quietly(func() bool {
		for _, s := range n.oneOf {
			if a.inplace(s) == nil {
				if matches++; matches == 2 {
					break
				}
			}
		}
		return true
	})
	switch {
	case matches == 1:
		return true
	case a.st.quiet:
		return false
	case matches == 2:
		return a.failed("oneOf")
	}
	return a.add(a.alternatives("oneOf", n.oneOf))
}

// alternatives is the error of anyOf or oneOf when no alternative
// matches: the causes are each alternative's errors.
func (a *application) alternatives(kw string, alts []*node) *vError {
	causes := make([]*vError, 0, len(alts))
	for _, s := range alts {
		causes = append(causes, a.inplace(s))
	}
	return &vError{kind: errAlternatives, kw: kw, at: a.n, inst: a.st.pointer(), causes: causes}
}

func (a *application) ifThenElse() bool {
	n := a.n
	if n.ifN == nil {
		return true
	}
	next := n.elseN
	if a.st.quietly(func() bool { return a.inplace(n.ifN) == nil }) {
		next = n.thenN
	}
	return next == nil || a.wrap(a.inplace(next))
}

// unevaluatedProperties applies to the members no keyword above evaluated.
func (a *application) unevaluatedProperties() bool {
	if a.v.Kind != request.Object || a.n.unevalProps == nil {
		return true
	}
	for _, m := range a.members {
		if _, ok := a.res.props[m.Key]; ok && !a.addChild(a.n.unevalProps, m.Value, m.Key, -1) {
			return false
		}
	}
	a.res.props = nil
	return true
}

// unevaluatedItems applies to the items no keyword above evaluated.
func (a *application) unevaluatedItems() bool {
	if a.v.Kind != request.Array || a.n.unevalItems == nil {
		return true
	}
	for i, item := range a.v.Elems {
		if _, ok := a.res.items[i]; ok && !a.addChild(a.n.unevalItems, item, "", i) {
			return false
		}
	}
	a.res.items = nil
	return true
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
