package ghclient

import (
	"context"
	"fmt"
)

type NoteContent struct {
	Body string `json:"body"`
}

type Visibility struct {
	Value string `json:"value"`
}

// NoteRequest is the body of a candidate note.
type NoteRequest struct {
	Content    []NoteContent `json:"content"`
	AuthorID   string        `json:"author_id,omitempty"`
	Visibility *Visibility   `json:"visibility,omitempty"`
}

// ApplicationNoteRequest misspells author_id in its tag: whatever the
// caller puts in it, StackOne drops it. Reported once, at the tag.
type ApplicationNoteRequest struct {
	Content  []NoteContent `json:"content"`
	AutherID string        `json:"auther_id,omitempty"` // want `warning: unknown field "auther_id"; StackOne drops it silently; did you mean "author_id"\? \[stackone/unknown-field\]`
}

// PlainNote has no author_id field at all.
type PlainNote struct {
	Content []NoteContent `json:"content"`
}

type Note struct {
	ID string `json:"id"`
}

// Create adds a note to a candidate.
func (s *NotesService) Create(ctx context.Context, candidateID string, note *NoteRequest) (*Note, error) { // want Create:`atslint: sends POST https://api\.stackone\.com/unified/ats/candidates/\{p1\}/notes; body from parameter 2`
	u := fmt.Sprintf("unified/ats/candidates/%v/notes", candidateID)
	req, err := s.client.NewRequest(ctx, "POST", u, note)
	if err != nil {
		return nil, err
	}
	n := new(Note)
	_, err = s.client.Do(ctx, req, n)
	return n, err
}

// CreatePlain sends a note type without author_id.
func (s *NotesService) CreatePlain(ctx context.Context, candidateID string, note *PlainNote) error { // want CreatePlain:`atslint: sends POST https://api\.stackone\.com/unified/ats/candidates/\{p1\}/notes; body from parameter 2`
	u := fmt.Sprintf("unified/ats/candidates/%v/notes", candidateID)
	req, err := s.client.NewRequest(ctx, "POST", u, note)
	if err != nil {
		return err
	}
	_, err = s.client.Do(ctx, req, nil)
	return err
}

// CreateForApplication adds a note to an application.
func (s *NotesService) CreateForApplication(ctx context.Context, applicationID string, note *ApplicationNoteRequest) error { // want CreateForApplication:`atslint: sends POST https://api\.stackone\.com/unified/ats/applications/\{p1\}/notes; body from parameter 2`
	u := fmt.Sprintf("unified/ats/applications/%v/notes", applicationID)
	req, err := s.client.NewRequest(ctx, "POST", u, note)
	if err != nil {
		return err
	}
	_, err = s.client.Do(ctx, req, nil)
	return err
}

// ListForCandidate has a bug of its own: the template's placeholder left
// in the path. Reported here, once, not at every caller.
func (s *NotesService) ListForCandidate(ctx context.Context, candidateID string) error {
	req, err := s.client.NewRequest(ctx, "GET", "unified/ats/candidates/{id}/notes", nil) // want `error: path parameter id is the unresolved placeholder \{id\}; substitute the real id \[stackone/placeholder-id\]`
	if err != nil {
		return err
	}
	_, err = s.client.Do(ctx, req, nil)
	return err
}
