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
	buf bytes.Buffer
	enc *json.Encoder
}

func newElementEncoder(prefix string) *elementEncoder {
	e := &elementEncoder{}
	e.enc = json.NewEncoder(&e.buf)
	e.enc.SetIndent(prefix, "  ")
	e.enc.SetEscapeHTML(false)
	return e
}

// encode returns the encoding of v, valid until the next call.
func (e *elementEncoder) encode(v any) ([]byte, error) {
	e.buf.Reset()
	if err := e.enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(e.buf.Bytes(), []byte("\n")), nil
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
