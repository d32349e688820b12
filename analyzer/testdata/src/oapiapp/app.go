// Package oapiapp calls the client oapi-codegen generated: auth and the
// account header come from a request editor, the body from the caller.
package oapiapp

import (
	"context"
	"net/http"
	"os"

	"oapiats"
)

func ptr[T any](v T) *T { return &v }

func NewClient() (*oapiats.Client, error) {
	return oapiats.NewClient("https://api.stackone.com", oapiats.WithRequestEditorFn(func(ctx context.Context, req *http.Request) error {
		req.SetBasicAuth(os.Getenv("STACKONE_API_KEY"), "")
		return nil
	}))
}

// AddNote leaves the content out.
func AddNote(ctx context.Context, c *oapiats.Client, id string) error { // want AddNote:`atslint: sends POST \{\?\}/unified/ats/candidates/\{p2\}/notes`
	params := oapiats.AtsCreateCandidateNoteParams{XAccountId: os.Getenv("STACKONE_ACCOUNT_ID")}
	body := oapiats.AtsCreateCandidateNoteJSONRequestBody{AuthorId: ptr("u1")} // want `error: note has no content; send "content": \[\{"body": …\}\] \[stackone/empty-note\]`
	resp, err := c.AtsCreateCandidateNote(ctx, id, &params, body)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// AddNoteVisibility sends a visibility the enum does not have.
func AddNoteVisibility(ctx context.Context, c *oapiats.Client, id, text string) error { // want AddNoteVisibility:`atslint: sends POST \{\?\}/unified/ats/candidates/\{p2\}/notes`
	_, err := c.AtsCreateCandidateNote(ctx, id, &oapiats.AtsCreateCandidateNoteParams{}, oapiats.AtsCreateNotesRequestDto{
		Content:    &[]oapiats.NoteContentApiModel{{Body: &text}},
		Visibility: &oapiats.NotesVisibilityEnum{Value: ptr(oapiats.NotesVisibilityEnumValue("secret"))}, // want `\[stackone/body-schema\]`
	})
	return err
}

// AddNoteOK is correct: silent.
func AddNoteOK(ctx context.Context, c *oapiats.Client, id, text string) error { // want AddNoteOK:`atslint: sends POST \{\?\}/unified/ats/candidates/\{p2\}/notes`
	_, err := c.AtsCreateCandidateNote(ctx, id, &oapiats.AtsCreateCandidateNoteParams{}, oapiats.AtsCreateNotesRequestDto{
		Content:    &[]oapiats.NoteContentApiModel{{Body: &text}},
		Visibility: &oapiats.NotesVisibilityEnum{Value: ptr(oapiats.NotesVisibilityEnumValuePrivate)},
	})
	return err
}

// AddNoteTemplateID left the placeholder of an example in the id.
func AddNoteTemplateID(ctx context.Context, c *oapiats.Client, text string) error {
	_, err := c.AtsCreateCandidateNote(ctx, ":id", nil, oapiats.AtsCreateNotesRequestDto{ // want `\[stackone/placeholder-id\]`
		Content: &[]oapiats.NoteContentApiModel{{Body: &text}},
	})
	return err
}
