package rules

import (
	"bytes"

	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/source/har"
)

// checkBytes reads a request document, or a HAR recording, and checks it
// as source.CheckBytes does (source imports rules, so rules' own tests
// call the two readers directly).
func checkBytes(e *Engine, data []byte) []Diagnostic {
	var doc *request.Document
	if har.Sniff(data) {
		rec, _ := har.Read(bytes.NewReader(data), har.Options{})
		doc = &rec.Document
	} else {
		doc, _ = request.ReadDocument(data, request.Options{})
	}
	ds := append(e.Check(doc.Requests), e.InputDiagnostics(doc.Problems)...)
	SortDiagnostics(ds)
	return ds
}
