// Package urls builds request URLs in every form the analyzer follows.
package urls

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"path"
)

const (
	base        = "https://api.stackone.com"
	ats         = base + "/unified/ats"
	candidates  = ats + "/candidates"
	insecure    = "http://api.stackone.com/unified/ats/jobs"
	accountID   = "acc_123"
	typoedJobs  = ats + "/jobz"
	updatedAt   = "filter[updated_at]"            // want `warning: filter key "updated_at" is not declared by ats_list_candidates; did you mean filter\[updated_after\]\? \[stackone/unknown-filter\]`
	placeholder = "/unified/ats/applications/:id" // want `error: path parameter id is the unresolved placeholder :id; substitute the real id \[stackone/placeholder-id\]`
)

// Constant folding: the path segment points into the constant's literal.
func folded(ctx context.Context) {
	req, _ := http.NewRequestWithContext(ctx, "GET", typoedJobs, nil) // want `error: GET on this path matches no StackOne ATS operation; nearest: .* \[stackone/unknown-operation\]`
	req.Header.Set("x-account-id", accountID)
	http.DefaultClient.Do(req)
}

func plainHTTP(ctx context.Context) {
	req, _ := http.NewRequestWithContext(ctx, "GET", insecure, nil) // want `error: url uses http://; credentials and candidate data would travel unencrypted \[security/insecure-url\]`
	req.Header.Set("x-account-id", accountID)
	http.DefaultClient.Do(req)
}

// Concatenation with a parameter in a segment: an id, no diagnostic.
func concat(ctx context.Context, id string) {
	req, _ := http.NewRequestWithContext(ctx, "GET", candidates+"/"+id+"/notes", nil)
	req.Header.Set("x-account-id", accountID)
	http.DefaultClient.Do(req)
}

// A constant query string and a filter the operation does not have: the
// diagnostic points at the constant's literal.
func filterTypo(ctx context.Context) {
	req, _ := http.NewRequestWithContext(ctx, "GET", candidates+"?"+updatedAt+"=2024-01-01T00:00:00Z", nil)
	req.Header.Set("x-account-id", accountID)
	http.DefaultClient.Do(req)
}

// fmt.Sprintf: %d and %s in segments are ids; a bad filter value is not.
func sprintf(ctx context.Context, id int, since string) {
	u := fmt.Sprintf("%s/candidates/%d/notes?filter[updated_after]=%s", ats, id, since)
	req, _ := http.NewRequestWithContext(ctx, "GET", u, nil)
	req.Header.Set("x-account-id", accountID)
	http.DefaultClient.Do(req)

	bad := fmt.Sprintf("%s/candidates?filter[updated_after]=%s", ats, "yesterday") // want `error: filter\[updated_after\] .* \[stackone/invalid-filter-value\]`
	req2, _ := http.NewRequestWithContext(ctx, "GET", bad, nil)
	req2.Header.Set("x-account-id", accountID)
	http.DefaultClient.Do(req2)
}

// url.URL literal, its String and a url.Values query.
func urlLiteral(ctx context.Context) {
	q := url.Values{"page_size": {"20"}}
	q.Add("proxy[per_page]", "200") // want `warning: .*proxy\[per_page\].* \[stackone/proxy-pagination\]`
	u := url.URL{Scheme: "https", Host: "api.stackone.com", Path: "/unified/ats/jobs", RawQuery: q.Encode()}
	req, _ := http.NewRequestWithContext(ctx, "GET", u.String(), nil)
	req.Header.Set("x-account-id", accountID)
	http.DefaultClient.Do(req)
}

// url.JoinPath with a placeholder element.
func joinPath(ctx context.Context) {
	u, _ := url.JoinPath(base, "unified", "ats", "candidates", "{candidate_id}", "notes") // want `error: path parameter id is the unresolved placeholder \{candidate_id\}; substitute the real id \[stackone/placeholder-id\]`
	req, _ := http.NewRequestWithContext(ctx, "GET", u, nil)
	req.Header.Set("x-account-id", accountID)
	http.DefaultClient.Do(req)
}

// (*url.URL).JoinPath from a parsed base, and a query set on req.URL.
func urlJoinPath(ctx context.Context, id string) {
	b, _ := url.Parse(base)
	u := b.JoinPath("unified", "ats", "applications", id, "offers")
	req, _ := http.NewRequestWithContext(ctx, "GET", u.String(), nil)
	req.Header.Set("x-account-id", accountID)
	q := req.URL.Query()
	q.Set("page_size", "0") // want `error: page_size must be an integer from 1 to 100.* \[stackone/page-size\]`
	req.URL.RawQuery = q.Encode()
	http.DefaultClient.Do(req)
}

// A query set again under a condition: both may be sent, both are seen
// (the first is not replaced by the conditional one, nor the other way).
func conditionalRawQuery(ctx context.Context, all bool) {
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/unified/ats/jobs?pagesize=5", nil) // want `\[stackone/unknown-query-param\]`
	req.Header.Set("x-account-id", accountID)
	if all {
		req.URL.RawQuery = "page_size=500" // want `\[stackone/page-size\]`
	}
	http.DefaultClient.Do(req)
}

// path.Join of a placeholder written the Express way (reported at the
// constant).
func pathJoin(ctx context.Context) {
	p := path.Join(placeholder, "notes")
	req, _ := http.NewRequestWithContext(ctx, "GET", base+p, nil)
	req.Header.Set("x-account-id", accountID)
	http.DefaultClient.Do(req)
}

// http.Get sends no headers: nothing can add x-account-id.
func get() {
	http.Get(base + "/unified/ats/users") // want `error: missing x-account-id header; StackOne cannot tell which linked account to call \[stackone/missing-account-id\]`
}

// (*http.Client).Post with a JSON body for an operation that takes none.
func post(c *http.Client) {
	c.Post(ats+"/jobs/j1", "application/json", nil) // want `error: no POST operation on /unified/ats/jobs/\{id\}; the path allows .* \[stackone/unknown-operation\]` `error: missing x-account-id header.* \[stackone/missing-account-id\]`
}

// An http.Request literal with a url.URL and a header literal.
func literal(ctx context.Context) {
	u := &url.URL{Scheme: "https", Host: "api.stackone.com", Path: "/unified/ats/interviews", RawQuery: "pagesize=5"} // want `warning: query parameter "pagesize" .* \[stackone/unknown-query-param\]`
	req := &http.Request{Method: "GET", URL: u, Header: http.Header{"X-Account-Id": {accountID}}}
	http.DefaultClient.Do(req.WithContext(ctx))
}

// http.Head and (*http.Client).Head.
func head(c *http.Client) {
	http.Head(ats + "/job") // want `\[stackone/unknown-operation\]` `\[stackone/missing-account-id\]`
	c.Head(ats + "/job")    // want `\[stackone/unknown-operation\]` `\[stackone/missing-account-id\]`
}

// PostForm sends form data, not JSON: the body is not judged (no
// missing-body), the URL is.
func postForm(v url.Values) {
	http.PostForm(ats+"/candidates?pagesize=5", v) // want `\[stackone/unknown-query-param\]` `\[stackone/missing-account-id\]`
}

// A query appended only in some cases is still checked.
func conditionalQuery(ctx context.Context, all bool) {
	u := candidates
	if !all {
		u += "?filter[created_after]=last-week" // want `error: filter\[created_after\] .* \[stackone/invalid-filter-value\]`
	}
	req, _ := http.NewRequestWithContext(ctx, "GET", u, nil)
	req.Header.Set("x-account-id", accountID)
	http.DefaultClient.Do(req)
}

// Anything else appended in some cases leaves the rest of the URL unknown:
// it might be a whole path.
func conditionalPath(ctx context.Context, sub bool) {
	u := ats
	if sub {
		u += "/jobs"
	}
	req, _ := http.NewRequestWithContext(ctx, "GET", u, nil)
	req.Header.Set("x-account-id", accountID)
	http.DefaultClient.Do(req)
}

// req.URL.Path replaced before sending.
func urlPath(ctx context.Context) {
	req, _ := http.NewRequestWithContext(ctx, "GET", base, nil)
	req.URL.Path = "/unified/ats/candidate" // want `\[stackone/unknown-operation\]`
	req.Header.Set("x-account-id", accountID)
	http.DefaultClient.Do(req)
}
