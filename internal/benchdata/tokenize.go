package benchdata

import (
	"bytes"
	"io"
	"testing"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// Tokenize is the floor of any JSON reader, for benchmarks to set a
// reader's cost beside: it reads every token of data with jsontext and
// builds nothing.
func Tokenize(b *testing.B, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	dec := jsontext.NewDecoder(bytes.NewReader(data))
	for b.Loop() {
		dec.Reset(bytes.NewReader(data))
		for {
			if _, err := dec.ReadToken(); err != nil {
				if err != io.EOF {
					b.Fatal(err)
				}
				break
			}
		}
	}
}

// UnmarshalAny is the floor of any reader that builds a tree: the same
// library's Unmarshal of data into an untyped value (maps, slices and
// strings), with no positions, pointers or checks.
func UnmarshalAny(b *testing.B, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			b.Fatal(err)
		}
	}
}
