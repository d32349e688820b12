package ghclient

import (
	"context"
	"net/url"
	"strconv"
)

// JobListOptions become the query string through go-querystring.
type JobListOptions struct {
	PageSize     int    `url:"page_size,omitempty"`
	Next         string `url:"next,omitempty"`
	UpdatedAfter string `url:"filter[updated_after],omitempty"`
}

type Job struct {
	ID string `json:"id"`
}

// List lists jobs.
func (s *JobsService) List(ctx context.Context, opts *JobListOptions) ([]*Job, error) { // want List:`atslint: sends GET https://api\.stackone\.com/unified/ats/jobs\?\{query\}`
	u, err := addOptions("unified/ats/jobs", opts)
	if err != nil {
		return nil, err
	}
	req, err := s.client.NewRequest(ctx, "GET", u, nil)
	if err != nil {
		return nil, err
	}
	var jobs []*Job
	_, err = s.client.Do(ctx, req, &jobs)
	return jobs, err
}

// Get fetches one job.
func (s *JobsService) Get(ctx context.Context, id string) (*Job, error) { // want Get:`atslint: sends GET https://api\.stackone\.com/unified/ats/jobs/\{p1\}`
	req, err := s.client.NewRequest(ctx, "GET", "unified/ats/jobs/"+url.PathEscape(id), nil)
	if err != nil {
		return nil, err
	}
	j := new(Job)
	_, err = s.client.Do(ctx, req, j)
	return j, err
}

// ListCandidates pages with a hand-written url.Values: the misspelt key
// is the helper's own bug.
func (s *CandidatesService) List(ctx context.Context, pageSize int) error { // want List:`atslint: sends GET https://api\.stackone\.com/unified/ats/candidates\?\{query\}`
	q := url.Values{}
	q.Set("pagesize", strconv.Itoa(pageSize)) // want `warning: query parameter "pagesize" is not declared by ats_list_candidates; StackOne ignores it; did you mean "page_size"\? \[stackone/unknown-query-param\]`
	req, err := s.client.NewRequest(ctx, "GET", "unified/ats/candidates?"+q.Encode(), nil)
	if err != nil {
		return err
	}
	_, err = s.client.Do(ctx, req, nil)
	return err
}

// candidateQuery is a hand-written url.Values builder.
func candidateQuery(pageSize int, updatedAfter string) url.Values {
	v := url.Values{}
	v.Set("page_size", strconv.Itoa(pageSize))
	if updatedAfter != "" {
		v.Set("filter[updated_after]", updatedAfter)
	}
	return v
}

// Search lists candidates with the builder's query.
func (s *CandidatesService) Search(ctx context.Context, pageSize int, updatedAfter string) error { // want Search:`atslint: sends GET https://api\.stackone\.com/unified/ats/candidates\?\{query\}`
	q := candidateQuery(pageSize, updatedAfter)
	req, err := s.client.NewRequest(ctx, "GET", "unified/ats/candidates?"+q.Encode(), nil)
	if err != nil {
		return err
	}
	_, err = s.client.Do(ctx, req, nil)
	return err
}
