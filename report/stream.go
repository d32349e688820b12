package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// The JSON and SARIF reports are written as a stream: the document around
// the long array (diagnostics, results) is encoded once with that array
// empty, and the array's elements are encoded one at a time where it
// opens. The bytes are those of encoding/json's Encoder with two-space
// indentation and no HTML escaping over the whole document.

// elementEncoder encodes one array element at a depth of the document.
type elementEncoder struct {
	compact bytes.Buffer
	enc     *json.Encoder
	out     []byte
	prefix  string
}

func newElementEncoder(prefix string) *elementEncoder {
	e := &elementEncoder{prefix: prefix}
	e.enc = json.NewEncoder(&e.compact)
	e.enc.SetEscapeHTML(false)
	return e
}

// encode returns the encoding of v, valid until the next call: what an
// Encoder with SetIndent(prefix, "  ") writes, made by encoding compactly
// and indenting with appendIndented, since encoding/json's own indenting
// runs its validating scanner over every byte (two thirds of writing a
// large report).
func (e *elementEncoder) encode(v any) ([]byte, error) {
	e.compact.Reset()
	if err := e.enc.Encode(v); err != nil {
		return nil, err
	}
	e.out = appendIndented(e.out[:0], bytes.TrimSuffix(e.compact.Bytes(), []byte("\n")), e.prefix, "  ")
	return e.out, nil
}

// appendIndented appends src, compact JSON as encoding/json writes it (no
// space outside strings), indented as json.Indent(dst, src, prefix,
// indent) indents it: each element of an object or array on a line of its
// own, "{}" and "[]" left as they are, ": " after a key.
func appendIndented(dst, src []byte, prefix, indent string) []byte {
	newline := func(depth int) {
		dst = append(dst, '\n')
		dst = append(dst, prefix...)
		for range depth {
			dst = append(dst, indent...)
		}
	}
	depth := 0
	opened := false // after { or [: the first element's line is not yet begun
	for i := 0; i < len(src); i++ {
		c := src[i]
		if opened && c != '}' && c != ']' {
			opened = false
			depth++
			newline(depth)
		}
		switch c {
		case '"':
			// Copy the string whole: nothing inside it is structure.
			j := i + 1
			for j < len(src) && src[j] != '"' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			end := min(j+1, len(src))
			dst = append(dst, src[i:end]...)
			i = end - 1
		case '{', '[':
			dst = append(dst, c)
			opened = true
		case '}', ']':
			if opened {
				opened = false // empty: {} or []
			} else {
				depth--
				newline(depth)
			}
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			newline(depth)
		case ':':
			dst = append(dst, c, ' ')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// streamArray writes doc, whose encoding holds the member key (`"results"`)
// once, with an empty array as its value, and fills that array with the
// elements that each hands to emit: depth is how deep the array's
// elements are (2 for a member of the top object, 4 for a member of an
// object in the top object's array).
func streamArray(w io.Writer, doc any, key string, depth int, each func(emit func(any) error) error) error {
	var head bytes.Buffer
	enc := json.NewEncoder(&head)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return err
	}
	open := []byte(key + ": []")
	at := bytes.Index(head.Bytes(), open)
	if at < 0 {
		return fmt.Errorf("report: %s not in the document", key)
	}
	at += len(open) - 1 // at the closing bracket
	if _, err := w.Write(head.Bytes()[:at]); err != nil {
		return err
	}
	prefix := string(bytes.Repeat([]byte(" "), depth*2))
	el := newElementEncoder(prefix)
	n := 0
	err := each(func(v any) error {
		b, err := el.encode(v)
		if err != nil {
			return err
		}
		sep := ",\n"
		if n == 0 {
			sep = "\n"
		}
		n++
		if _, err := io.WriteString(w, sep+prefix); err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	})
	if err != nil {
		return err
	}
	if n > 0 {
		if _, err := io.WriteString(w, "\n"+prefix[:len(prefix)-2]); err != nil {
			return err
		}
	}
	_, err = w.Write(head.Bytes()[at:])
	return err
}
