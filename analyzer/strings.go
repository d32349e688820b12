package analyzer

import (
	"encoding/base64"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A str is text the analyzer evaluated, one cell per byte of known text,
// so that a URL segment or a JSON key can be mapped back to the bytes of
// the Go string literal that produced it. A stretch the analyzer cannot
// see is one cell holding an unknown value (a hole).
type str []cell

type cell struct {
	b        byte
	pos, end token.Pos // source range that produced this byte
	// lit and litEnd bound the string literal the byte comes from, so that
	// a span covering all of its text covers the literal, quotes included.
	lit, litEnd token.Pos
	// hole, when not nil, is what stands here instead of a known byte: an
	// unknown (with its reason, maybe a parameter reference or a late
	// URL), or an encoded query (an object).
	hole *val
}

// text returns the string when every byte is known.
func (s str) text() (string, bool) {
	b := make([]byte, 0, len(s))
	for _, c := range s {
		if c.hole != nil {
			return "", false
		}
		b = append(b, c.b)
	}
	return string(b), true
}

// span returns the source range covered by cells [i, j).
func (s str) span(i, j int) (token.Pos, token.Pos) {
	if i >= j || i >= len(s) {
		if i < len(s) {
			return s[i].pos, s[i].pos
		}
		if len(s) > 0 {
			return s[len(s)-1].end, s[len(s)-1].end
		}
		return token.NoPos, token.NoPos
	}
	// All of a literal's text: the literal itself, quotes included.
	if lit := s[i].lit; lit.IsValid() && s[i].pos == lit+1 && s[j-1].end == s[j-1].litEnd-1 {
		whole := true
		for _, c := range s[i:j] {
			whole = whole && c.lit == lit
		}
		if whole {
			return lit, s[i].litEnd
		}
	}
	pos, end := s[i].pos, s[j-1].end
	for _, c := range s[i:j] {
		// Cells from different expressions (a const declared below its
		// use) need not be in order: cover them all.
		if c.pos < pos {
			pos = c.pos
		}
		if c.end > end {
			end = c.end
		}
	}
	return pos, end
}

// inexact returns known text whose bytes all map to one expression: a
// constant from another package, a formatted number.
func inexact(text string, e ast.Node) str {
	return inexactAt(text, e.Pos(), e.End())
}

// unknownText is text the analyzer could not see at e: any string.
// inexactAt is known text whose bytes all map to one source range.
func inexactAt(text string, pos, end token.Pos) str {
	s := make(str, len(text))
	for i := range s {
		s[i] = cell{b: text[i], pos: pos, end: end}
	}
	return s
}

func unknownText(why reason, e ast.Node) str {
	v := unknown(why, e)
	return str{{pos: v.pos, end: v.end, hole: v}}
}

// idText is unknown text that is one path segment: an id.
func idText(why reason, e ast.Node) str {
	s := unknownText(why, e)
	s[0].hole.seg = true
	return s
}

// fromLiteral maps every byte of a Go string literal's value to the
// source characters (escape sequences included) that produce it.
func fromLiteral(lit *ast.BasicLit) (str, bool) {
	s, ok := literalCells(lit)
	for i := range s {
		s[i].lit, s[i].litEnd = lit.Pos(), lit.End()
	}
	return s, ok
}

func literalCells(lit *ast.BasicLit) (str, bool) {
	raw := lit.Value
	if len(raw) < 2 {
		return nil, false
	}
	base := lit.Pos()
	var s str
	if raw[0] == '`' {
		for i := 1; i < len(raw)-1; i++ {
			if raw[i] == '\r' {
				continue // raw strings drop carriage returns
			}
			p := base + token.Pos(i)
			s = append(s, cell{b: raw[i], pos: p, end: p + 1})
		}
		return s, true
	}
	if raw[0] != '"' {
		return nil, false
	}
	body := raw[1 : len(raw)-1]
	for off := 0; off < len(body); {
		r, multibyte, tail, err := strconv.UnquoteChar(body[off:], '"')
		if err != nil {
			return nil, false
		}
		n := len(body[off:]) - len(tail)
		p, e := base+token.Pos(1+off), base+token.Pos(1+off+n)
		var enc []byte
		if r < utf8.RuneSelf || !multibyte {
			enc = []byte{byte(r)}
		} else {
			enc = utf8.AppendRune(nil, r)
		}
		for _, b := range enc {
			s = append(s, cell{b: b, pos: p, end: e})
		}
		off += n
	}
	return s, true
}

// evalStr evaluates a string-valued expression.
func (f *fn) evalStr(e ast.Expr) str {
	if f.enter() {
		defer f.leave()
	} else {
		return unknownText(whyDepth, e)
	}
	e = ast.Unparen(e)
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind == token.STRING {
			if s, ok := fromLiteral(e); ok {
				return s
			}
		}
	case *ast.BinaryExpr:
		if e.Op == token.ADD && isString(f.typeOf(e)) {
			return append(append(str{}, f.evalStr(e.X)...), f.evalStr(e.Y)...)
		}
	case *ast.Ident:
		if s, ok := f.constDecl(e); ok {
			return s
		}
		if s, ok := f.altString(e); ok {
			return s
		}
		if b, ok := f.lookupAll(e); ok {
			if b.alts != nil {
				return joinWrites(b, e, func(x ast.Expr) *val { return textVal(f.evalStr(x), x) }).asText()
			}
			return f.stringBinding(b, e)
		}
		if i := f.paramIndex(e); i >= 0 {
			s := f.unknownOf(e, whyParam)
			s[0].hole.param = i + 1
			return s
		}
	case *ast.CallExpr:
		if s, ok := f.evalStrCall(e); ok {
			return s
		}
	case *ast.SelectorExpr:
		if s, ok := f.constDecl(e.Sel); ok {
			return s
		}
		if s, ok := f.fieldString(e); ok {
			return s
		}
	}
	if tv, ok := f.info.Types[e]; ok && tv.Value != nil {
		return inexact(constText(tv.Value), e)
	}
	return f.unknownOf(e, f.whyOf(e))
}

// unknownOf is an unknown stretch for e: integers cannot hold a slash.
func (f *fn) unknownOf(e ast.Expr, why reason) str {
	if t := f.typeOf(e); t != nil {
		if b, ok := t.Underlying().(*types.Basic); ok && b.Info()&(types.IsInteger|types.IsFloat|types.IsBoolean) != 0 {
			return idText(why, e)
		}
	}
	return unknownText(why, e)
}

// whyOf says why an expression the evaluator could not follow is unknown.
func (f *fn) whyOf(e ast.Expr) reason {
	switch x := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		return whyCall
	case *ast.Ident:
		if f.paramIndex(x) >= 0 {
			return whyParam
		}
		if f.locals != nil {
			if _, why := f.locals.resolve(x, x.Pos()); why != whyNone {
				return why
			}
		}
		if v, ok := f.info.Uses[x].(*types.Var); ok && v.Pkg() != nil && v.Parent() == v.Pkg().Scope() {
			return whyField
		}
	case *ast.SelectorExpr:
		if v, ok := f.info.Uses[x.Sel].(*types.Var); ok && (v.IsField() || v.Pkg() != nil && v.Parent() == v.Pkg().Scope()) {
			return whyField
		}
	}
	return whyUnsupported
}

// constText renders a constant as fmt's %v would.
func constText(v constant.Value) string {
	switch v.Kind() {
	case constant.String:
		return constant.StringVal(v)
	case constant.Int:
		return v.ExactString()
	case constant.Float:
		f, _ := constant.Float64Val(v)
		return strconv.FormatFloat(f, 'g', -1, 64)
	case constant.Bool:
		return strconv.FormatBool(constant.BoolVal(v))
	}
	return v.ExactString()
}

// constDecl evaluates a constant declared in this package from its
// declaration, so positions point at the literal that spells it.
func (f *fn) constDecl(id *ast.Ident) (str, bool) {
	c, ok := f.info.Uses[id].(*types.Const)
	if !ok || c.Pkg() != f.a.pass.Pkg || !isString(c.Type()) {
		return nil, false
	}
	spec, idx := f.a.constSpec(c)
	if spec == nil || idx >= len(spec.Values) {
		return nil, false // iota-style repetition: use the value
	}
	s := f.withDecl(nil).evalStr(spec.Values[idx])
	if _, ok := s.text(); !ok {
		return nil, false
	}
	return s, true
}

// stringBinding is the value of a local string variable: its definition
// plus any += appended to it.
func (f *fn) stringBinding(b *binding, use ast.Expr) str {
	if len(b.updates) > 0 && !onlyReads(b.updates) {
		return f.unknownOf(use, whyEscaped)
	}
	var s str
	if b.rhs == nil {
		s = str{}
	} else {
		s = append(str{}, f.evalStr(b.rhs)...)
	}
	for _, e := range b.appends {
		if e.tok != token.ADD_ASSIGN {
			return f.unknownOf(use, whyUnsupported)
		}
		add := f.evalStr(e.rhs)
		// A conditional append of a query ("?a=1", "&b=2") may or may not
		// happen; its parameters are still worth checking. Anything else
		// appended conditionally leaves the rest of the string unknown.
		if !f.locals.unconditional(e) && !(len(add) > 0 && add[0].hole == nil && (add[0].b == '?' || add[0].b == '&')) {
			return append(s, unknownText(whyCond, e.rhs)...)
		}
		s = append(s, add...)
	}
	return s
}

// onlyReads reports whether updates to a string variable are all reads
// (a string cannot be changed in place; passing it to a function is fine).
func onlyReads(es []*event) bool {
	for _, e := range es {
		if e.kind == evAddr || e.kind == evField || e.kind == evIndex {
			return false
		}
	}
	return true
}

// evalStrCall evaluates the string-returning calls the analyzer knows.
func (f *fn) evalStrCall(call *ast.CallExpr) (str, bool) {
	// Conversions: string(x), []byte(x), a named string type.
	if tv, ok := f.info.Types[call.Fun]; ok && tv.IsType() && len(call.Args) == 1 {
		if isString(tv.Type) || isByteSlice(tv.Type) {
			return f.evalStr(call.Args[0]), true
		}
		return nil, false
	}
	fnObj := f.callee(call)
	if fnObj == nil {
		return nil, false
	}
	switch fullName(fnObj) {
	case "fmt.Sprintf":
		return f.sprintf(call), true
	case "fmt.Sprint":
		if len(call.Args) == 1 {
			return f.formatArg(call.Args[0], 'v'), true
		}
	case "strconv.Itoa", "strconv.FormatInt", "strconv.FormatUint", "strconv.FormatBool":
		return f.formatArg(call.Args[0], 'd'), true
	case "strings.TrimSpace", "strings.ToLower", "strings.ToUpper", "strings.TrimSuffix", "strings.TrimPrefix", "strings.TrimRight", "strings.TrimLeft":
		return f.stringFunc(call, fnObj.Name()), true
	case "net/url.JoinPath":
		return f.joinPathString(call), true
	case oapiStyleParam, oapiStyleParamLocation:
		// A generated client styles a path or header parameter; for a
		// string in the simple style that is the value, escaped: one id.
		i := 3
		if fnObj.Name() == "StyleParamWithLocation" {
			i = 4
		}
		if len(call.Args) <= i {
			break
		}
		if style, ok := f.evalStr(call.Args[0]).text(); !ok || style != "simple" || !isString(f.typeOf(call.Args[i])) {
			break
		}
		return markIDs(f.evalStr(call.Args[i])), true
	case "net/url.PathEscape", "net/url.QueryEscape":
		// An escaped value is one segment or one query value.
		in := f.evalStr(call.Args[0])
		if t, ok := in.text(); ok {
			if fnObj.Name() == "PathEscape" {
				return inexact(url.PathEscape(t), call.Args[0]), true
			}
			return inexact(url.QueryEscape(t), call.Args[0]), true
		}
		return markIDs(in), true
	case "path.Join":
		return f.pathJoin(call.Args, call), true
	case "(*encoding/base64.Encoding).EncodeToString":
		return f.base64(call), true
	case "(*net/url.URL).String", "(*net/url.URL).Redacted":
		u := f.evalURL(receiver(call))
		return u.render(), true
	case "(*net/url.URL).EscapedPath":
		return f.evalURL(receiver(call)).path, true
	case "(net/url.Values).Encode":
		q := f.evalValues(receiver(call), call.Pos())
		return str{{pos: call.Pos(), end: call.End(), hole: q}}, true
	case "(*bytes.Buffer).String":
		if body := f.bufferBody(receiver(call), call.Pos()); body.raw != nil {
			return body.raw, true
		}
	}
	if sum := f.a.summaryOf(fnObj); sum != nil && sum.ret != nil {
		return f.instantiate(sum.ret, call).asText(), true
	}
	return nil, false
}

// stringFunc applies a strings function when its input is known; otherwise
// the unknown input stays unknown.
func (f *fn) stringFunc(call *ast.CallExpr, name string) str {
	in := f.evalStr(call.Args[0])
	text, ok := in.text()
	if !ok {
		return in
	}
	var arg string
	if len(call.Args) > 1 {
		a, ok := f.evalStr(call.Args[1]).text()
		if !ok {
			return unknownText(whyUnsupported, call)
		}
		arg = a
	}
	var out string
	switch name {
	case "TrimSpace":
		out = strings.TrimSpace(text)
	case "ToLower":
		out = strings.ToLower(text)
	case "ToUpper":
		out = strings.ToUpper(text)
	case "TrimSuffix":
		out = strings.TrimSuffix(text, arg)
	case "TrimPrefix":
		out = strings.TrimPrefix(text, arg)
	case "TrimRight":
		out = strings.TrimRight(text, arg)
	case "TrimLeft":
		out = strings.TrimLeft(text, arg)
	}
	// Keep the literal's positions for the part that survived.
	if i := strings.Index(text, out); i >= 0 {
		return in[i : i+len(out)]
	}
	return inexact(out, call)
}

// base64 encodes a known input; the result maps to the input's source so
// that a credential diagnostic points at the literal key.
func (f *fn) base64(call *ast.CallExpr) str {
	if len(call.Args) != 1 {
		return unknownText(whyUnsupported, call)
	}
	in := f.evalStr(call.Args[0])
	text, ok := in.text()
	if !ok {
		return unknownText(whyUnsupported, call)
	}
	enc := base64.StdEncoding
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if inner, ok := sel.X.(*ast.SelectorExpr); ok && strings.HasPrefix(inner.Sel.Name, "URL") {
			enc = base64.URLEncoding
		}
	}
	pos, end := dominantSpan(in)
	out := enc.EncodeToString([]byte(text))
	s := make(str, len(out))
	for i := range s {
		s[i] = cell{b: out[i], pos: pos, end: end}
	}
	return s
}

// sprintf evaluates fmt.Sprintf: the format's literal text keeps its
// positions, known arguments are formatted, unknown ones become unknown
// ids (a %s in a path segment is an id, not a placeholder).
func (f *fn) sprintf(call *ast.CallExpr) str {
	if len(call.Args) == 0 {
		return unknownText(whyUnsupported, call)
	}
	format := f.evalStr(call.Args[0])
	args := call.Args[1:]
	if call.Ellipsis.IsValid() {
		return unknownText(whyUnsupported, call)
	}
	var out str
	argi := 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c.hole != nil || c.b != '%' {
			out = append(out, c)
			continue
		}
		// Scan flags, width and precision up to the verb.
		j := i + 1
		simple := true
		for j < len(format) && format[j].hole == nil && strings.IndexByte("+-# 0123456789.[]*", format[j].b) >= 0 {
			if format[j].b == '[' || format[j].b == '*' {
				simple = false
			}
			j++
		}
		if j >= len(format) || format[j].hole != nil {
			return append(out, unknownText(whyUnsupported, call)...)
		}
		verb := format[j].b
		if verb == '%' {
			out = append(out, cell{b: '%', pos: c.pos, end: format[j].end})
			i = j
			continue
		}
		if !simple || argi >= len(args) {
			return append(out, unknownText(whyUnsupported, call)...)
		}
		arg := args[argi]
		argi++
		if j > i+1 {
			out = append(out, f.unknownOf(arg, f.whyOf(arg))...) // width or flags: text unknown, still one id
		} else {
			out = append(out, f.formatArg(arg, verb)...)
		}
		i = j
	}
	return out
}

// formatArg formats one argument for a verb: known strings keep their
// source positions; anything unknown is an unknown id.
func (f *fn) formatArg(arg ast.Expr, verb byte) str {
	t := f.typeOf(arg)
	if t == nil {
		return idText(f.whyOf(arg), arg)
	}
	if tv, ok := f.info.Types[arg]; ok && tv.Value != nil && !isString(t) {
		switch verb {
		case 'd', 'v':
			return inexact(constText(tv.Value), arg)
		}
		return idText(whyUnsupported, arg)
	}
	if isString(t) {
		s := f.evalStr(arg)
		switch verb {
		case 's', 'v':
			if _, ok := s.text(); ok {
				return s
			}
			return markIDs(s)
		case 'q':
			if text, ok := s.text(); ok {
				return inexact(strconv.Quote(text), arg)
			}
		}
		return idText(f.whyOf(arg), arg)
	}
	out := idText(f.whyOf(arg), arg)
	if i := f.paramIndex(ast.Unparen(arg)); i >= 0 {
		out[0].hole.param = i + 1
	}
	return out
}

// markIDs turns the unknown stretches of an argument formatted with %s into
// ids: a value formatted into a URL is by convention one path segment.
func markIDs(s str) str {
	out := append(str{}, s...)
	for i, c := range out {
		if h := c.hole; h != nil && h.kind == vUnknown && !h.seg {
			id := *h
			id.seg = true
			out[i].hole = &id
		}
	}
	return out
}

// pathJoin joins path elements with '/' as path.Join and url.JoinPath do;
// an unknown element is one segment.
func (f *fn) pathJoin(elems []ast.Expr, at ast.Node) str {
	var out str
	for i, e := range elems {
		s := f.evalStr(e)
		if i > 0 {
			s = trimSlashes(s, true, false)
			if len(s) == 0 {
				continue
			}
			out = trimSlashes(out, false, true)
			p := e.Pos()
			out = append(out, cell{b: '/', pos: p, end: p})
		}
		out = append(out, markIDs(s)...)
	}
	return out
}

// trimSlashes drops known '/' cells at the start and/or end.
func trimSlashes(s str, lead, trail bool) str {
	for lead && len(s) > 0 && s[0].hole == nil && s[0].b == '/' {
		s = s[1:]
	}
	for trail && len(s) > 0 && s[len(s)-1].hole == nil && s[len(s)-1].b == '/' {
		s = s[:len(s)-1]
	}
	return s
}

// joinPathString evaluates url.JoinPath(base, elem...).
func (f *fn) joinPathString(call *ast.CallExpr) str {
	if len(call.Args) == 0 || call.Ellipsis.IsValid() {
		return unknownText(whyUnsupported, call)
	}
	u := parseURL(f.evalStr(call.Args[0]))
	u.joinPath(f, call.Args[1:])
	return u.render()
}

func isString(t types.Type) bool {
	if t == nil {
		return false
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

func isByteSlice(t types.Type) bool {
	s, ok := t.Underlying().(*types.Slice)
	if !ok {
		return false
	}
	b, ok := s.Elem().Underlying().(*types.Basic)
	return ok && (b.Kind() == types.Byte || b.Kind() == types.Uint8)
}

// dominantSpan is the span of the literal that contributes most bytes to
// s: for base64(key + ":") the key, not the colon.
func dominantSpan(s str) (token.Pos, token.Pos) {
	count := map[token.Pos]int{}
	best := token.NoPos
	for _, c := range s {
		if c.lit.IsValid() {
			count[c.lit]++
			if best == token.NoPos || count[c.lit] > count[best] {
				best = c.lit
			}
		}
	}
	for _, c := range s {
		if c.lit == best && best.IsValid() {
			return c.lit, c.litEnd
		}
	}
	return s.span(0, len(s))
}
