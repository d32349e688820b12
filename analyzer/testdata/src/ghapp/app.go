// Package ghapp is application code that only calls the ghclient client:
// the defects are in its literals, the net/http call two packages away.
package ghapp

import (
	"context"

	"ghclient"
)

type Syncer struct {
	ats *ghclient.Client
}

// AddNote forgets the note's content.
func (s *Syncer) AddNote(ctx context.Context, candidateID string) error { // want AddNote:`atslint: sends POST https://api\.stackone\.com/unified/ats/candidates/\{p1\}/notes`
	_, err := s.ats.Notes.Create(ctx, candidateID, &ghclient.NoteRequest{AuthorID: "u1"}) // want `error: note content is null; send "content": \[\{"body": …\}\] \[stackone/empty-note\]`
	return err
}

// AddPrivateNote sends visibility in a shape the schema refuses; the
// literal sits in a variable above the call.
func (s *Syncer) AddPrivateNote(ctx context.Context, candidateID, text string) error { // want AddPrivateNote:`atslint: sends POST https://api\.stackone\.com/unified/ats/candidates/\{p1\}/notes`
	note := &ghclient.NoteRequest{
		Content:    []ghclient.NoteContent{{Body: text}},
		Visibility: &ghclient.Visibility{Value: "secret"}, // want `error: visibility/value: .* \[stackone/body-schema\]`
	}
	_, err := s.ats.Notes.Create(ctx, candidateID, note)
	return err
}

// AddNoteOK is correct: silent.
func (s *Syncer) AddNoteOK(ctx context.Context, candidateID, text, author string) error { // want AddNoteOK:`atslint: sends POST https://api\.stackone\.com/unified/ats/candidates/\{p1\}/notes`
	_, err := s.ats.Notes.Create(ctx, candidateID, &ghclient.NoteRequest{
		Content:  []ghclient.NoteContent{{Body: text}},
		AuthorID: author,
	})
	return err
}

// AddApplicationNote: the misspelt tag is the client's bug, reported at
// the tag once, not here.
func (s *Syncer) AddApplicationNote(ctx context.Context, applicationID, text string) error { // want AddApplicationNote:`atslint: sends POST https://api\.stackone\.com/unified/ats/applications/\{p1\}/notes`
	return s.ats.Notes.CreateForApplication(ctx, applicationID, &ghclient.ApplicationNoteRequest{
		Content:  []ghclient.NoteContent{{Body: text}},
		AutherID: "u1",
	})
}

// ListRecent asks for more than a page holds.
func (s *Syncer) ListRecent(ctx context.Context) error {
	_, err := s.ats.Jobs.List(ctx, &ghclient.JobListOptions{PageSize: 500, UpdatedAfter: "2024-01-01T00:00:00Z"}) // want `error: page_size must be an integer from 1 to 100.* \[stackone/page-size\]`
	return err
}

// ListRecentOK is correct: silent.
func (s *Syncer) ListRecentOK(ctx context.Context, next string) error { // want ListRecentOK:`atslint: sends GET https://api\.stackone\.com/unified/ats/jobs\?\{query\}`
	_, err := s.ats.Jobs.List(ctx, &ghclient.JobListOptions{PageSize: 50, Next: next})
	return err
}

// ListBadDate filters on a date that is not a date-time.
func (s *Syncer) ListBadDate(ctx context.Context) error {
	_, err := s.ats.Jobs.List(ctx, &ghclient.JobListOptions{UpdatedAfter: "yesterday"}) // want `\[stackone/invalid-filter-value\]`
	return err
}

// GetJob passes an id: silent; an empty id is a placeholder-id.
func (s *Syncer) GetJob(ctx context.Context, id string) error {
	if _, err := s.ats.Jobs.Get(ctx, id); err != nil {
		return err
	}
	_, err := s.ats.Jobs.Get(ctx, "{id}") // want `error: path parameter id is the unresolved placeholder \{id\}; substitute the real id \[stackone/placeholder-id\]`
	return err
}

// Placeholders: the client's own bug is not repeated here.
func (s *Syncer) Notes(ctx context.Context, id string) error {
	return s.ats.Notes.ListForCandidate(ctx, id)
}

// BullhornNote: a note type with no author_id can never carry one.
//
//atslint:provider bullhorn
func (s *Syncer) BullhornNote(ctx context.Context, candidateID, text string) error { // want BullhornNote:`atslint: sends POST https://api\.stackone\.com/unified/ats/candidates/\{p1\}/notes`
	return s.ats.Notes.CreatePlain(ctx, candidateID, &ghclient.PlainNote{Content: []ghclient.NoteContent{{Body: text}}}) // want `\[bullhorn/note-missing-author\]`
}

// SearchBig pages through a hand-written query builder with too large a page.
func (s *Syncer) SearchBig(ctx context.Context) error {
	return s.ats.Candidates.Search(ctx, 500, "2024-01-01T00:00:00Z") // want `error: page_size must be an integer from 1 to 100.* \[stackone/page-size\]`
}

// SearchOK is correct: silent.
func (s *Syncer) SearchOK(ctx context.Context) error {
	return s.ats.Candidates.Search(ctx, 25, "")
}
