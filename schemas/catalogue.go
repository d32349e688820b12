// Package schemas holds the catalogue of StackOne ATS operations and the JSON
// Schemas of their request bodies, generated from the StackOne ATS OpenAPI
// document and embedded, and the converter that generates them.
//
// The generator (schemas/gen; the same converter serves --openapi) writes
// generated/catalogue.json and generated/bodies/*.json, all embedded. The
// built-in Set takes its operations from catalogue_data.go instead, which
// gencat writes from catalogue.json, so that nothing is decoded at
// start-up. catalogue.json stays because it is what the generator writes
// and reviewers diff, what gencat reads, and what Set.WriteFiles writes
// back for the built-in Set (it keeps the source document's name and
// hash, which the Go data leaves out); Load reads the same layout.
package schemas

// Operation is one API operation of the catalogue.
type Operation struct {
	ID     string `json:"id"`     // operationId, e.g. "ats_create_candidate_note"
	Method string `json:"method"` // upper case
	Path   string `json:"path"`   // template, e.g. "/unified/ats/candidates/{id}/notes"
	// Query lists the declared query parameters (not path parameters or headers).
	Query []Param `json:"query,omitempty"`
	// Filters lists the keys allowed inside filter[...], when the operation
	// declares a filter parameter.
	Filters []Filter `json:"filters,omitempty"`
	// Headers lists declared header parameters (x-account-id).
	Headers []Param `json:"headers,omitempty"`
	// Body names the request-body schema ("" when the operation takes none).
	Body         string `json:"body,omitempty"`
	BodyRequired bool   `json:"body_required,omitempty"`
}

// Param is a declared parameter.
type Param struct {
	Name       string   `json:"name"`
	Type       string   `json:"type,omitempty"`   // string, integer, boolean, number, object
	Format     string   `json:"format,omitempty"` // "date-time"
	Required   bool     `json:"required,omitempty"`
	Deprecated bool     `json:"deprecated,omitempty"`
	Enum       []string `json:"enum,omitempty"`
	Minimum    *float64 `json:"minimum,omitempty"`
	Maximum    *float64 `json:"maximum,omitempty"`
	// DeepObject is true for style=deepObject parameters (filter, proxy).
	DeepObject bool `json:"deep_object,omitempty"`
}

// Filter is one key allowed inside filter[...].
type Filter struct {
	Name       string   `json:"name"`
	Type       string   `json:"type,omitempty"`
	Format     string   `json:"format,omitempty"` // "date-time"
	Enum       []string `json:"enum,omitempty"`
	Deprecated bool     `json:"deprecated,omitempty"`
}
