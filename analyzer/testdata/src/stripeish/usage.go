package stripeish

import "context"

// Sync uses the resources as application code does.
func Sync(ctx context.Context, b *Backend) error {
	jobs := JobClient{B: b}
	if _, err := jobs.Update(ctx, "j1", &JobParams{Title: "Engineer", Confidential: "maybe"}); err != nil { // want `error: confidential: .*\[stackone/body-schema\]`
		return err
	}
	if _, err := jobs.Get(ctx, "${jobId}"); err != nil { // want `\[stackone/placeholder-id\]`
		return err
	}
	cands := CandidateClient{B: b}
	if err := cands.New(ctx, &CandidateParams{FirstName: "Ada", Email: "ada@example.com"}); err != nil {
		return err
	}
	// Clean look-alikes: silent.
	if _, err := jobs.Update(ctx, "j2", &JobParams{Title: "Engineer"}); err != nil {
		return err
	}
	return cands.New(ctx, &CandidateParams{FirstName: "Ada", LastName: "Lovelace"})
}

// Apply sends both candidate_id and candidate once, and one of them once.
func Apply(ctx context.Context, b *Backend) error {
	apps := ApplicationClient{B: b}
	if err := apps.New(ctx, &ApplicationParams{JobID: "j1", CandidateID: "c1", Candidate: &CandidateParams{FirstName: "Ada"}}); err != nil { // want `error: application has both candidate_id and candidate; send one of them \[stackone/application-candidate\]`
		return err
	}
	return apps.New(ctx, &ApplicationParams{JobID: "j1", CandidateID: "c1"})
}
