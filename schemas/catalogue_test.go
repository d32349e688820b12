package schemas

import (
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func findParam(params []Param, name string) (Param, bool) {
	i := slices.IndexFunc(params, func(p Param) bool { return p.Name == name })
	if i < 0 {
		return Param{}, false
	}
	return params[i], true
}

func findFilter(filters []Filter, name string) (Filter, bool) {
	i := slices.IndexFunc(filters, func(f Filter) bool { return f.Name == name })
	if i < 0 {
		return Filter{}, false
	}
	return filters[i], true
}

func mustOp(t *testing.T, id string) *Operation {
	t.Helper()
	op, ok := Default().Operation(id)
	require.True(t, ok, "operation %s", id)
	return op
}

func TestCatalogueSize(t *testing.T) {
	s := Default()
	assert.Equal(t, 76, s.SourceOperations())
	ops := s.Operations()
	assert.Len(t, ops, s.SourceOperations()+1)

	seen := map[string]bool{}
	for _, op := range ops {
		assert.False(t, seen[op.ID], "duplicate operationId %s", op.ID)
		seen[op.ID] = true
		assert.Equal(t, strings.ToUpper(op.Method), op.Method)
	}
	sorted := slices.IsSortedFunc(ops, func(a, b Operation) int {
		if c := strings.Compare(a.Path, b.Path); c != 0 {
			return c
		}
		return strings.Compare(a.Method, b.Method)
	})
	assert.True(t, sorted, "operations sorted by path, then method")

	_, ok := s.Operation("no_such_operation")
	assert.False(t, ok)
}

func TestCatalogueAccountHeader(t *testing.T) {
	for _, op := range Default().Operations() {
		h, ok := findParam(op.Headers, "x-account-id")
		if assert.True(t, ok, "%s has x-account-id", op.ID) {
			assert.True(t, h.Required, "%s: x-account-id required", op.ID)
			assert.Equal(t, "string", h.Type)
		}
		if strings.HasPrefix(op.Path, "/unified/ats/") {
			assert.True(t, strings.HasPrefix(op.ID, "ats_"), op.ID)
		}
	}
}

func TestCatalogueProxy(t *testing.T) {
	op := mustOp(t, ProxyOperationID)
	assert.Equal(t, "POST", op.Method)
	assert.Equal(t, ProxyPath, op.Path)
	assert.Equal(t, ProxyBody, op.Body)
	assert.True(t, op.BodyRequired)

	sh := Default().Shape(ProxyBody)
	require.NotNil(t, sh)
	assert.Equal(t, []string{"body", "headers", "method", "path", "url"}, sh.PropertyNames())
	assert.True(t, sh.Properties["headers"].Open)
	assert.Nil(t, sh.Properties["body"].Types, "body is any JSON value")

	vs, err := Default().Validate(ProxyBody, decode(t, `{"url":"https://api.example.com/x","method":"get","body":[1]}`))
	require.NoError(t, err)
	assert.Empty(t, vs)
	vs, err = Default().Validate(ProxyBody, decode(t, `{"method":"FETCH"}`))
	require.NoError(t, err)
	require.Len(t, vs, 1)
	assert.Equal(t, Violation{Pointer: "/method", Keyword: "enum",
		Message: "value is not one of the allowed values: get, post, put, delete, patch, GET, POST, PUT, DELETE, PATCH"}, vs[0])
}

func TestCatalogueListCandidates(t *testing.T) {
	op := mustOp(t, "ats_list_candidates")
	assert.Equal(t, "GET", op.Method)
	assert.Equal(t, "/unified/ats/candidates", op.Path)
	assert.Empty(t, op.Body)

	f, ok := findFilter(op.Filters, "updated_after")
	require.True(t, ok)
	assert.Equal(t, Filter{Name: "updated_after", Type: "string", Format: "date-time"}, f)
	f, ok = findFilter(op.Filters, "email")
	require.True(t, ok)
	assert.Equal(t, "string", f.Type)
	assert.Empty(t, f.Format, "the spec gives the email filter no format")
	_, ok = findFilter(op.Filters, "updated_at")
	assert.False(t, ok, "updated_at is no filter key")
	var names []string
	for _, f := range op.Filters {
		names = append(names, f.Name)
	}
	assert.Equal(t, []string{"created_after", "email", "updated_after"}, names)

	filter, ok := findParam(op.Query, "filter")
	require.True(t, ok)
	assert.True(t, filter.DeepObject)
	assert.Equal(t, "object", filter.Type)
}

func TestCatalogueDeprecatedQuery(t *testing.T) {
	lists := 0
	for _, op := range Default().Operations() {
		if _, ok := findParam(op.Query, "next"); !ok || op.ID == "ats_list_application_changes" {
			continue // not a list with the legacy paging parameters
		}
		lists++
		for _, name := range []string{"page", "updated_after"} {
			p, ok := findParam(op.Query, name)
			if assert.True(t, ok, "%s declares %s", op.ID, name) {
				assert.True(t, p.Deprecated, "%s: %s deprecated", op.ID, name)
			}
		}
		if p, ok := findParam(op.Query, "sync_token"); ok {
			assert.True(t, p.Deprecated, "%s: sync_token deprecated", op.ID)
		}
		for _, name := range []string{"next", "page_size", "filter", "fields", "raw", "proxy"} {
			p, ok := findParam(op.Query, name)
			if assert.True(t, ok, "%s declares %s", op.ID, name) {
				assert.False(t, p.Deprecated, "%s: %s current", op.ID, name)
			}
		}
	}
	assert.Equal(t, 29, lists, "ops with page/updated_after (facts §4.1)")

	op := mustOp(t, "ats_list_candidates")
	p, _ := findParam(op.Query, "updated_after")
	assert.Equal(t, "date-time", p.Format)
	p, ok := findParam(op.Query, "sync_token")
	assert.True(t, ok && p.Deprecated)
	p, _ = findParam(op.Query, "page_size")
	assert.Equal(t, Param{Name: "page_size", Type: "string"}, p, "the spec types page_size as a string with no bounds")

	jobID, ok := findParam(mustOp(t, "ats_list_applications").Query, "job_id")
	require.True(t, ok)
	assert.True(t, jobID.Deprecated)
	f, ok := findFilter(mustOp(t, "ats_list_applications").Filters, "job_id")
	require.True(t, ok)
	assert.False(t, f.Deprecated, "filter[job_id] replaces job_id")
}

func TestCatalogueJobsFilter(t *testing.T) {
	op := mustOp(t, "ats_list_jobs")
	status, ok := findFilter(op.Filters, "status")
	require.True(t, ok)
	assert.True(t, status.Deprecated)
	assert.Equal(t, []string{"open", "draft"}, status.Enum, "null is left out")
	jobStatus, ok := findFilter(op.Filters, "job_status")
	require.True(t, ok)
	assert.False(t, jobStatus.Deprecated)
	assert.Equal(t, []string{"open", "draft"}, jobStatus.Enum)

	changes := mustOp(t, "ats_list_application_changes")
	ct, ok := findFilter(changes.Filters, "change_type")
	require.True(t, ok)
	assert.Equal(t, []string{"application_status", "interview_stage", "rejected_reasons", "unmapped_value"}, ct.Enum)
	_, ok = findFilter(changes.Filters, "updated_after")
	assert.False(t, ok)
}

func TestCatalogueBodies(t *testing.T) {
	cases := []struct {
		id, method, path, body string
	}{
		{"ats_create_candidate_note", "POST", "/unified/ats/candidates/{id}/notes", "AtsCreateNotesRequestDto"},
		{"ats_create_application_note", "POST", "/unified/ats/applications/{id}/notes", "AtsCreateNotesRequestDto"},
		{"ats_update_interview_note", "PATCH", "/unified/ats/interviews/{id}/notes/{subResourceId}", "AtsUpdateNotesRequestDto"},
		{"ats_create_candidate", "POST", "/unified/ats/candidates", "AtsCreateCandidateRequestDto"},
		{"ats_update_candidate", "PATCH", "/unified/ats/candidates/{id}", "AtsUpdateCandidateRequestDto"},
		{"ats_upload_application_document", "POST", "/unified/ats/applications/{id}/documents/upload", "AtsDocumentsUploadRequestDto"},
		{"ats_delete_background_check_package", "DELETE", "/unified/ats/background_checks/packages/{id}", ""},
		{"ats_list_applications", "GET", "/unified/ats/applications", ""},
	}
	for _, c := range cases {
		op := mustOp(t, c.id)
		assert.Equal(t, c.method, op.Method, c.id)
		assert.Equal(t, c.path, op.Path, c.id)
		assert.Equal(t, c.body, op.Body, c.id)
		assert.Equal(t, c.body != "", op.BodyRequired, c.id)
	}

	writes := 0
	for _, op := range Default().Operations() {
		if op.Method == "GET" {
			assert.Empty(t, op.Body, op.ID)
			continue
		}
		if op.ID != ProxyOperationID {
			writes++
			assert.Empty(t, op.Query, "%s: write ops take no query parameters", op.ID)
		}
		if op.Method != "DELETE" {
			assert.NotEmpty(t, op.Body, op.ID)
		}
	}
	assert.Equal(t, 22, writes, "13 POST, 8 PATCH, 1 DELETE (facts §3)")
	assert.Len(t, Default().BodySchemas(), 19, "18 DTOs and the proxy body")
}

func TestCatalogueProxyParamStyle(t *testing.T) {
	// Four package ops declare proxy without style: deepObject in the spec;
	// the catalogue keeps that fact rather than guessing.
	for _, op := range Default().Operations() {
		p, ok := findParam(op.Query, "proxy")
		if !ok {
			continue
		}
		want := !strings.Contains(op.ID, "assessments_package") && !strings.Contains(op.ID, "background_check_package")
		assert.Equal(t, want, p.DeepObject, op.ID)
	}
}

// TestCatalogueDataUpToDate: the catalogue compiled in as Go data is
// generated/catalogue.json.
func TestCatalogueDataUpToDate(t *testing.T) {
	data, err := generated.ReadFile("generated/" + catalogueFile)
	require.NoError(t, err)
	var doc catalogueDoc
	require.NoError(t, json.Unmarshal(data, &doc))
	assert.Equal(t, doc.SourceOperations, catalogueData.SourceOperations, "run: cd schemas && go run -tags tools ./gencat")
	assert.Equal(t, doc.Operations, catalogueData.Operations, "run: cd schemas && go run -tags tools ./gencat")
	fromJSON, err := Load(mustSub(t))
	require.NoError(t, err)
	assert.Equal(t, fromJSON.Operations(), Default().Operations())
	assert.Equal(t, fromJSON.BodySchemas(), Default().BodySchemas())
	assert.Equal(t, fromJSON.SourceOperations(), Default().SourceOperations())
}
