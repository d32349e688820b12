// Package oapiats is a few operations of the client oapi-codegen v2.8.2
// generates from StackOne's ATS OpenAPI document (-generate types,client),
// trimmed to the create-candidate-note operation and kept as generated
// apart from the NotesVisibilityEnum source value, left out.
package oapiats

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/oapi-codegen/runtime"
)

// AtsCreateNotesRequestDto defines model for AtsCreateNotesRequestDto.
type AtsCreateNotesRequestDto struct {
	// AuthorId Unique identifier of the author
	AuthorId *string                `json:"author_id,omitempty"`
	Content  *[]NoteContentApiModel `json:"content,omitempty"`

	// Passthrough Value to pass through to the provider
	Passthrough *map[string]interface{} `json:"passthrough,omitempty"`

	// Visibility Visibility of the note
	Visibility *NotesVisibilityEnum `json:"visibility,omitempty"`
}

// NoteContentApiModel defines model for NoteContentApiModel.
type NoteContentApiModel struct {
	// Body Body of the note
	Body *string `json:"body,omitempty"`
}

// NotesVisibilityEnum defines model for NotesVisibilityEnum.
type NotesVisibilityEnum struct {

	// Value The visibility of the notes.
	Value *NotesVisibilityEnumValue `json:"value,omitempty"`
}

// Defines values for NotesVisibilityEnumValue.
const (
	NotesVisibilityEnumValueLessThannil   NotesVisibilityEnumValue = "<nil>"
	NotesVisibilityEnumValuePrivate       NotesVisibilityEnumValue = "private"
	NotesVisibilityEnumValuePublic        NotesVisibilityEnumValue = "public"
	NotesVisibilityEnumValueUnmappedValue NotesVisibilityEnumValue = "unmapped_value"
)

// NotesVisibilityEnumValue The visibility of the notes.
type NotesVisibilityEnumValue string

// AtsCreateCandidateNoteParams defines parameters for AtsCreateCandidateNote.
type AtsCreateCandidateNoteParams struct {
	// XAccountId The account identifier
	XAccountId string `json:"x-account-id"`
}

// AtsCreateCandidateNoteJSONRequestBody defines body for AtsCreateCandidateNote for application/json ContentType.
type AtsCreateCandidateNoteJSONRequestBody = AtsCreateNotesRequestDto

// RequestEditorFn is the function signature for the RequestEditor callback function
type RequestEditorFn func(ctx context.Context, req *http.Request) error

// Doer performs HTTP requests.
//
// The standard http.Client implements this interface.
type HttpRequestDoer interface {
	Do(req *http.Request) (*http.Response, error)
}

// Client which conforms to the OpenAPI3 specification for this service.
type Client struct {
	// The endpoint of the server conforming to this interface, with scheme,
	// https://api.deepmap.com for example. This can contain a path relative
	// to the server, such as https://api.deepmap.com/dev-test, and all the
	// paths in the swagger spec will be appended to the server.
	Server string

	// Doer for performing requests, typically a *http.Client with any
	// customized settings, such as certificate chains.
	Client HttpRequestDoer

	// A list of callbacks for modifying requests which are generated before sending over
	// the network.
	RequestEditors []RequestEditorFn
}

// ClientOption allows setting custom parameters during construction
type ClientOption func(*Client) error

// Creates a new Client, with reasonable defaults
func NewClient(server string, opts ...ClientOption) (*Client, error) {
	// create a client with sane default values
	client := Client{
		Server: server,
	}
	// mutate client and add all optional params
	for _, o := range opts {
		if err := o(&client); err != nil {
			return nil, err
		}
	}
	// ensure the server URL always has a trailing slash
	if !strings.HasSuffix(client.Server, "/") {
		client.Server += "/"
	}
	// create httpClient, if not already present
	if client.Client == nil {
		client.Client = &http.Client{}
	}
	return &client, nil
}

// WithHTTPClient allows overriding the default Doer, which is
// automatically created using http.Client. This is useful for tests.
func WithHTTPClient(doer HttpRequestDoer) ClientOption {
	return func(c *Client) error {
		c.Client = doer
		return nil
	}
}

// WithRequestEditorFn allows setting up a callback function, which will be
// called right before sending the request. This can be used to mutate the request.
func WithRequestEditorFn(fn RequestEditorFn) ClientOption {
	return func(c *Client) error {
		c.RequestEditors = append(c.RequestEditors, fn)
		return nil
	}
}

// AtsCreateCandidateNote Create Candidate Note
//
// Takes a body of the `application/json` content type.
//
// Corresponds with POST /unified/ats/candidates/{id}/notes (the `AtsCreateCandidateNote` operationId).
func (c *Client) AtsCreateCandidateNote(ctx context.Context, id string, params *AtsCreateCandidateNoteParams, body AtsCreateCandidateNoteJSONRequestBody, reqEditors ...RequestEditorFn) (*http.Response, error) { // want AtsCreateCandidateNote:`atslint: sends POST \{\?\}/unified/ats/candidates/\{p1\}/notes; body from parameter 3`
	req, err := NewAtsCreateCandidateNoteRequest(c.Server, id, params, body)
	if err != nil {
		return nil, err
	}
	req = req.WithContext(ctx)
	if err := c.applyEditors(ctx, req, reqEditors); err != nil {
		return nil, err
	}
	return c.Client.Do(req)
}

// NewAtsCreateCandidateNoteRequest calls the generic AtsCreateCandidateNote builder with application/json body
func NewAtsCreateCandidateNoteRequest(server string, id string, params *AtsCreateCandidateNoteParams, body AtsCreateCandidateNoteJSONRequestBody) (*http.Request, error) { // want NewAtsCreateCandidateNoteRequest:`atslint: builds POST \{\?\}/unified/ats/candidates/\{p1\}/notes; body from parameter 3`
	var bodyReader io.Reader
	buf, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	bodyReader = bytes.NewReader(buf)
	return NewAtsCreateCandidateNoteRequestWithBody(server, id, params, "application/json", bodyReader)
}

// NewAtsCreateCandidateNoteRequestWithBody constructs an http.Request for the AtsCreateCandidateNote method, with any body, and a specified content type
func NewAtsCreateCandidateNoteRequestWithBody(server string, id string, params *AtsCreateCandidateNoteParams, contentType string, body io.Reader) (*http.Request, error) { // want NewAtsCreateCandidateNoteRequestWithBody:`atslint: builds POST \{\?\}/unified/ats/candidates/\{p1\}/notes; body from parameter 4`
	var err error

	var pathParam0 string

	pathParam0, err = runtime.StyleParamWithOptions("simple", false, "id", id, runtime.StyleParamOptions{ParamLocation: runtime.ParamLocationPath, Type: "string", Format: ""})
	if err != nil {
		return nil, err
	}

	serverURL, err := url.Parse(server)
	if err != nil {
		return nil, err
	}

	operationPath := fmt.Sprintf("/unified/ats/candidates/%s/notes", pathParam0)
	if operationPath[0] == '/' {
		operationPath = "." + operationPath
	}

	queryURL, err := serverURL.Parse(operationPath)
	if err != nil {
		return nil, err
	}

	req, err := http.NewRequest(http.MethodPost, queryURL.String(), body)
	if err != nil {
		return nil, err
	}

	req.Header.Add("Content-Type", contentType)

	if params != nil {

		var headerParam0 string

		headerParam0, err = runtime.StyleParamWithOptions("simple", false, "x-account-id", params.XAccountId, runtime.StyleParamOptions{ParamLocation: runtime.ParamLocationHeader, Type: "string", Format: ""})
		if err != nil {
			return nil, err
		}

		req.Header.Set("x-account-id", headerParam0)

	}

	return req, nil
}

func (c *Client) applyEditors(ctx context.Context, req *http.Request, additionalEditors []RequestEditorFn) error {
	for _, r := range c.RequestEditors {
		if err := r(ctx, req); err != nil {
			return err
		}
	}
	for _, r := range additionalEditors {
		if err := r(ctx, req); err != nil {
			return err
		}
	}
	return nil
}
