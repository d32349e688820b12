package srctext

import (
	"strings"

	"github.com/atslint/atslint/request"
)

// unknownMark stands for an unknown stretch inside the JSON text handed to
// the parser: a noncharacter no real body holds.
const unknownMark = "\uFFFF"

// JSONBody parses t, a request body as sent, as JSON with positions in f
// and pointers under ptr. An unknown stretch (an unresolved variable) makes
// the string it stands in, or the value it stands for, Unknown; one in an
// object key makes that object Unknown. A body that is not JSON is an
// Unknown value, with an input/syntax problem when strict (the client says
// it is JSON).
func JSONBody(f *File, t Text, ptr string, strict bool, index int) (*request.Value, *request.Problem) {
	whole := t.Whole(f)
	if t.TrimSpace().Len() == 0 {
		return nil, nil
	}
	// Rebuild the text with every unknown byte replaced by the mark, quoted
	// when it stands outside a string.
	var src Text
	inStr, esc := false, false
	for i := 0; i < t.Len(); i++ {
		c, known := t.Byte(i)
		if !known {
			from, to := t.Source(i, i+1)
			if inStr {
				src.Var(unknownMark, from, to)
			} else {
				src.Var(`"`+unknownMark+`"`, from, to)
			}
			continue
		}
		src.Append(t.Slice(i, i+1))
		switch {
		case esc:
			esc = false
		case inStr && c == '\\':
			esc = true
		case c == '"':
			inStr = !inStr
		}
	}
	root, err := request.Parse(src.b, request.Options{})
	if err != nil {
		unknown := &request.Value{Kind: request.Unknown, Span: whole, Pointer: ptr}
		if !strict {
			return unknown, nil
		}
		p := request.ParseErrorProblem(src.b, err)
		p.Message = "request body: " + p.Message
		p.Span = src.Span(f, p.Span.Start.Offset, p.Span.End.Offset)
		p.Pointer, p.Request = ptr, index
		return unknown, &p
	}
	remap(f, src, root, ptr)
	return root, nil
}

// remap moves the spans of a tree parsed from src into f, adds ptr to its
// pointers and turns marked values Unknown.
func remap(f *File, src Text, root *request.Value, ptr string) {
	stack := []*request.Value{root}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		v.Span = src.Span(f, v.Span.Start.Offset, v.Span.End.Offset)
		v.Pointer = ptr + v.Pointer
		if v.Kind == request.String && strings.Contains(v.Str, unknownMark) {
			v.Kind, v.Str = request.Unknown, ""
		}
		for _, m := range v.Members {
			if strings.Contains(m.Key, unknownMark) {
				v.Kind, v.Members = request.Unknown, nil
				break
			}
			m.KeySpan = src.Span(f, m.KeySpan.Start.Offset, m.KeySpan.End.Offset)
		}
		stack = append(stack, v.Elems...)
		for _, m := range v.Members {
			stack = append(stack, m.Value)
		}
	}
}
