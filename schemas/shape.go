package schemas

import (
	"slices"
	"strings"
)

// A Shape is a simplified view of a body schema, for the checks of unknown
// and deprecated fields: references, allOf, anyOf, oneOf and nullability are
// merged into one tree, and the properties of alternative objects are
// merged. Shapes are shared between callers and must not be modified.
type Shape struct {
	// Types lists the JSON types the value may have ("null" included),
	// sorted; nil means any type.
	Types []string
	// Properties are the declared properties of an object value.
	Properties map[string]*Shape
	// Items is the shape of array elements, if declared.
	Items      *Shape
	Deprecated bool
	// Enum lists the string values an enum allows, in schema order; nil
	// when the value is no string enum. Messages show it.
	Enum []string
	// Open is true when an object value may hold properties beyond
	// Properties: additionalProperties allows them, or the object declares
	// none (passthrough, unified_custom_fields, headers...).
	Open bool
}

// PropertyNames returns the names of the declared properties, sorted.
func (sh *Shape) PropertyNames() []string {
	if sh == nil {
		return nil
	}
	return sortedKeys(sh.Properties)
}

// Shape returns the simplified tree of the named body schema, or nil if the
// Set has no such schema.
func (s *Set) Shape(schemaName string) *Shape {
	b, err := s.bodyFor(schemaName)
	if err != nil {
		return nil
	}
	b.shapeOnce.Do(func() {
		doc, err := b.document()
		if err != nil {
			return
		}
		sb := &shapeBuilder{defs: asMap(doc["$defs"]), done: map[string]*Shape{}}
		b.shape = sb.build(doc)
	})
	return b.shape
}

// shapeBuilder builds Shapes from a converted body schema document.
type shapeBuilder struct {
	defs map[string]any
	done map[string]*Shape // shapes of $defs, shared by every plain $ref
}

// acc accumulates the parts of one schema before it becomes a Shape.
type acc struct {
	types      []string
	anyType    bool // an alternative accepts any type
	props      map[string]*Shape
	items      *Shape
	deprecated bool
	open       bool
	enum       []string
	enumSet    map[string]bool // enum's values once it is long
}

func (sb *shapeBuilder) build(v any) *Shape {
	m, ok := v.(map[string]any)
	if !ok { // a boolean schema
		return &Shape{Open: true}
	}
	if ref, ok := m["$ref"].(string); ok && len(m) == 1 {
		return sb.def(defName(ref))
	}
	var a acc
	sb.merge(&a, m, nil)
	return a.shape()
}

// def returns the shared Shape of a $defs entry. The pointer is cached
// before the shape is built, so recursive schemas terminate.
func (sb *shapeBuilder) def(name string) *Shape {
	if sh, ok := sb.done[name]; ok {
		return sh
	}
	sh := &Shape{}
	sb.done[name] = sh
	var a acc
	sb.merge(&a, asMap(sb.defs[name]), []string{name})
	*sh = *a.shape()
	return sh
}

// merge adds the keywords of m to a. allOf branches and $ref targets are
// merged in place, as they constrain the same value; anyOf and oneOf
// branches are built on their own, then united.
func (sb *shapeBuilder) merge(a *acc, m map[string]any, refs []string) {
	for _, t := range typeList(m["type"]) {
		a.addType(t)
	}
	if m["deprecated"] == true {
		a.deprecated = true
	}
	for _, v := range asList(m["enum"]) {
		if e, ok := v.(string); ok {
			a.addEnum(e)
		}
	}
	for _, name := range sortedKeys(asMap(m["properties"])) {
		a.addProperty(name, sb.build(asMap(m["properties"])[name]))
	}
	if ap, ok := m["additionalProperties"]; ok && ap != false {
		a.open = true
	}
	if len(asMap(m["patternProperties"])) > 0 {
		a.open = true // properties matched by pattern cannot be listed
	}
	if items, ok := m["items"]; ok {
		a.items = mergeShapes(a.items, sb.build(items))
	}
	if ref, ok := m["$ref"].(string); ok {
		if name := defName(ref); !slices.Contains(refs, name) {
			sb.merge(a, asMap(sb.defs[name]), append(refs, name))
		}
	}
	for _, branch := range asList(m["allOf"]) {
		if bm, ok := branch.(map[string]any); ok {
			sb.merge(a, bm, refs)
		}
	}
	for _, kw := range []string{"anyOf", "oneOf"} {
		for _, branch := range asList(m[kw]) {
			a.alternative(sb.build(branch))
		}
	}
}

func (a *acc) addType(t string) {
	if !slices.Contains(a.types, t) {
		a.types = append(a.types, t)
	}
}

// addEnum appends v to the enum unless it is there. Long enums (file
// formats: hundreds of values, merged through several anyOf levels) are
// looked up in a set, not scanned (issue 12).
func (a *acc) addEnum(v string) {
	if a.enumSet != nil {
		if !a.enumSet[v] {
			a.enumSet[v] = true
			a.enum = append(a.enum, v)
		}
		return
	}
	if slices.Contains(a.enum, v) {
		return
	}
	a.enum = append(a.enum, v)
	if len(a.enum) > 16 {
		a.enumSet = make(map[string]bool, 2*len(a.enum))
		for _, e := range a.enum {
			a.enumSet[e] = true
		}
	}
}

func (a *acc) addProperty(name string, sh *Shape) {
	if a.props == nil {
		a.props = map[string]*Shape{}
	}
	a.props[name] = mergeShapes(a.props[name], sh)
}

// alternative unites an anyOf/oneOf branch into a.
func (a *acc) alternative(sh *Shape) {
	if sh.Types == nil {
		a.anyType = true
	}
	for _, t := range sh.Types {
		a.addType(t)
	}
	for name, p := range sh.Properties {
		a.addProperty(name, p)
	}
	a.items = mergeShapes(a.items, sh.Items)
	for _, e := range sh.Enum {
		a.addEnum(e)
	}
	a.deprecated = a.deprecated || sh.Deprecated
	a.open = a.open || sh.Open
}

func (a *acc) shape() *Shape {
	sh := &Shape{Properties: a.props, Items: a.items, Deprecated: a.deprecated, Enum: a.enum}
	if !a.anyType && len(a.types) > 0 {
		sh.Types = slices.Sorted(slices.Values(a.types))
	}
	acceptsObject := sh.Types == nil || slices.Contains(sh.Types, "object")
	sh.Open = a.open || acceptsObject && len(a.props) == 0
	return sh
}

// mergeShapes unites two shapes into a new one, leaving both unchanged
// (they may be shared).
func mergeShapes(x, y *Shape) *Shape {
	if x == nil {
		return y
	}
	if y == nil || x == y {
		return x
	}
	var a acc
	a.alternative(x)
	a.alternative(y)
	sh := a.shape()
	sh.Open = x.Open || y.Open // both were complete shapes already
	return sh
}

func defName(ref string) string {
	return unescapeToken(strings.TrimPrefix(ref, "#/$defs/"))
}
