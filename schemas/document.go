package schemas

import (
	_ "embed"
	"slices"
)

//go:embed request-document.schema.json
var requestDocumentSchema []byte

// RequestDocumentSchema returns the JSON Schema (draft 2020-12) of a request
// document: one request object, or an array of them (DESIGN.md §2). The
// result is a copy.
func RequestDocumentSchema() []byte {
	return slices.Clone(requestDocumentSchema)
}
