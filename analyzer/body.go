package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
)

// The body of a request is the JSON that encoding/json would produce for
// the Go value passed to json.Marshal or (*json.Encoder).Encode, or the JSON
// text of a string, as a value of the domain (value.go). Every member and
// value keeps the source range of the Go expression that produced it;
// anything the analyzer cannot see is unknown, and no rule reports on it.

// evalBody evaluates the io.Reader passed as a request body. It returns nil
// when the request has no body.
func (f *fn) evalBody(e ast.Expr, pos token.Pos) *val {
	if f.enter() {
		defer f.leave()
	} else {
		return unknown(whyDepth, e)
	}
	e = ast.Unparen(e)
	if isNilIdent(f.info, e) {
		return nil
	}
	switch x := e.(type) {
	case *ast.SelectorExpr:
		if obj, ok := f.info.Uses[x.Sel].(*types.Var); ok && obj.Pkg() != nil && obj.Pkg().Path() == "net/http" && obj.Name() == "NoBody" {
			return nil
		}
	case *ast.UnaryExpr:
		if x.Op == token.AND {
			if id, ok := ast.Unparen(x.X).(*ast.Ident); ok && isNamed(f.typeOf(id), "bytes", "Buffer") {
				return f.bufferBody(id, pos).value(e)
			}
		}
	case *ast.CallExpr:
		fnObj := f.callee(x)
		if fnObj == nil {
			break
		}
		switch fullName(fnObj) {
		case "bytes.NewReader", "bytes.NewBuffer":
			return f.evalBytes(x.Args[0], pos)
		case "strings.NewReader", "bytes.NewBufferString":
			// strings.NewReader(string(data)) with data from json.Marshal.
			if conv, ok := ast.Unparen(x.Args[0]).(*ast.CallExpr); ok && len(conv.Args) == 1 && isByteSlice(f.typeOf(conv.Args[0])) {
				if tv, ok := f.info.Types[conv.Fun]; ok && tv.IsType() {
					return f.evalBytes(conv.Args[0], pos)
				}
			}
			return jsonFromStr(f.evalStr(x.Args[0]), x.Args[0])
		case "io.NopCloser", "io/ioutil.NopCloser":
			return f.evalBody(x.Args[0], pos)
		}
	case *ast.Ident:
		t := f.typeOf(x)
		if isNamed(t, "bytes", "Buffer") {
			return f.bufferBody(x, pos).value(e)
		}
		if b, ok := f.lookup(x); ok && b.rhs != nil && onlyBenign(f, b.updates) {
			return f.evalBody(b.rhs, b.v.decl.pos)
		}
	}
	return unknown(f.whyOf(e), e)
}

// evalBytes evaluates a []byte holding JSON: json.Marshal's result, a
// converted string, a buffer's bytes.
func (f *fn) evalBytes(e ast.Expr, pos token.Pos) *val {
	if f.enter() {
		defer f.leave()
	} else {
		return unknown(whyDepth, e)
	}
	e = ast.Unparen(e)
	switch x := e.(type) {
	case *ast.CallExpr:
		if tv, ok := f.info.Types[x.Fun]; ok && tv.IsType() && len(x.Args) == 1 {
			return jsonFromStr(f.evalStr(x.Args[0]), x.Args[0])
		}
		fnObj := f.callee(x)
		if fnObj == nil {
			break
		}
		switch fullName(fnObj) {
		case "encoding/json.Marshal", "encoding/json.MarshalIndent":
			return f.evalJSON(x.Args[0])
		case "(*bytes.Buffer).Bytes":
			if id, ok := ast.Unparen(receiver(x)).(*ast.Ident); ok {
				return f.bufferBody(id, x.Pos()).value(e)
			}
		}
	case *ast.Ident:
		if b, ok := f.lookup(x); ok && b.rhs != nil && onlyBenign(f, b.updates) {
			return f.evalBytes(b.rhs, b.v.decl.pos)
		}
	}
	return unknown(f.whyOf(e), e)
}

// buffer is what a bytes.Buffer holds: the one write made to it.
type buffer struct {
	body *val
	raw  str
	ok   bool
}

func (b buffer) value(at ast.Node) *val {
	if !b.ok {
		return unknown(whyEscaped, at)
	}
	return b.body
}

// bufferBody finds the single write to a local bytes.Buffer before pos:
// json.NewEncoder(&buf).Encode(v), enc.Encode(v) through a local encoder,
// buf.WriteString(s) or buf.Write(b). Anything else leaves it unknown.
func (f *fn) bufferBody(e ast.Expr, pos token.Pos) buffer {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return buffer{}
	}
	b, ok := f.lookup(id)
	if !ok {
		return buffer{}
	}
	if b.rhs != nil && !freshBuffer(f, b.rhs) {
		return buffer{}
	}
	var writes []buffer
	for _, ev := range b.v.events {
		if ev == b.v.decl || !f.locals.relevant(ev, pos) {
			continue
		}
		switch ev.kind {
		case evCall:
			if len(ev.path) > 0 {
				return buffer{}
			}
			switch ev.name {
			case "WriteString":
				s := f.evalStr(ev.call.Args[0])
				writes = append(writes, buffer{body: jsonFromStr(s, ev.call.Args[0]), raw: s, ok: true})
			case "Write":
				writes = append(writes, buffer{body: f.evalBytes(ev.call.Args[0], ev.pos), ok: true})
			case "String", "Bytes", "Len", "Cap":
			default:
				return buffer{}
			}
		case evAddr, evArg:
			w, ok := f.encoderWrite(ev)
			if !ok {
				return buffer{}
			}
			if w != nil {
				writes = append(writes, buffer{body: w, ok: true})
			}
		case evDef:
			return buffer{}
		default:
			return buffer{}
		}
	}
	if len(writes) != 1 {
		return buffer{}
	}
	return writes[0]
}

// freshBuffer reports whether a buffer starts empty.
func freshBuffer(f *fn, rhs ast.Expr) bool {
	rhs = ast.Unparen(rhs)
	switch x := rhs.(type) {
	case *ast.UnaryExpr:
		lit, ok := ast.Unparen(x.X).(*ast.CompositeLit)
		return ok && x.Op == token.AND && len(lit.Elts) == 0
	case *ast.CompositeLit:
		return len(x.Elts) == 0
	case *ast.CallExpr:
		if isBuiltin(f.info, x, "new") {
			return true
		}
		if fnObj := f.callee(x); fnObj != nil && fullName(fnObj) == "bytes.NewBuffer" {
			return isNilIdent(f.info, ast.Unparen(x.Args[0]))
		}
	}
	return false
}

// encoderWrite follows a buffer passed to json.NewEncoder to the value
// encoded into it. ok is false for any other use of the buffer.
func (f *fn) encoderWrite(ev *event) (*val, bool) {
	call := ev.call
	if call == nil {
		return nil, false
	}
	fnObj := f.callee(call)
	if fnObj == nil || fullName(fnObj) != "encoding/json.NewEncoder" {
		return nil, false
	}
	// json.NewEncoder(&buf).Encode(v)
	for _, c := range f.locals.calls {
		if sel, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr); ok && ast.Unparen(sel.X) == call && sel.Sel.Name == "Encode" && len(c.Args) == 1 {
			return f.evalJSON(c.Args[0]), true
		}
	}
	// enc := json.NewEncoder(&buf); enc.Encode(v)
	for _, v := range f.locals.vars {
		if v.decl == nil || v.decl.rhs == nil || ast.Unparen(v.decl.rhs) != call {
			continue
		}
		var out *val
		n := 0
		for _, e := range v.events {
			switch {
			case e == v.decl:
			case e.kind == evCall && e.name == "Encode" && len(e.call.Args) == 1:
				out, n = f.evalJSON(e.call.Args[0]), n+1
			case e.kind == evCall && (e.name == "SetIndent" || e.name == "SetEscapeHTML"):
			default:
				return nil, false
			}
		}
		if n != 1 {
			return nil, false
		}
		return out, true
	}
	return nil, false
}

// jsonFromStr parses JSON text. Unknown stretches (a %s in a Sprintf
// template) are parsed as placeholders and come out as unknown values with
// the stretch's reason; an unknown key makes its whole object unknown.
// Text that is not JSON is an unknown body: the analyzer cannot tell it was
// meant to be JSON.
func jsonFromStr(s str, at ast.Node) *val {
	var text []byte
	var pos, end []token.Pos
	var holes []textHole
	inString, escaped := false, false
	add := func(b string, p, e token.Pos) {
		for i := 0; i < len(b); i++ {
			text = append(text, b[i])
			pos, end = append(pos, p), append(end, e)
		}
	}
	for _, c := range s {
		if c.hole == nil {
			add(string([]byte{c.b}), c.pos, c.end) // the byte, not a rune
			switch {
			case escaped:
				escaped = false
			case inString && c.b == '\\':
				escaped = true
			case c.b == '"':
				inString = !inString
			}
			continue
		}
		h := textHole{from: len(text), why: firstHole(str{c})}
		if inString {
			add("_", c.pos, c.end)
		} else {
			add(`"_"`, c.pos, c.end)
		}
		h.to = len(text)
		holes = append(holes, h)
	}
	v, ok := parseJSON(text, pos, end, holes)
	if !ok {
		return unknown(whyNotJSON, at)
	}
	return v
}

// textHole is an unknown stretch of JSON text, [from, to) in its bytes.
type textHole struct {
	from, to int
	why      reason
}
