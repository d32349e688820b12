package clientcheck

import (
	"reflect"
	"testing"
)

// The comparison itself must catch a reader that drifts from its client.
func TestCompareDetectsDrift(t *testing.T) {
	reqs := read(t, "postman")
	sent := entry{
		Method: "GET", Path: "/unified/ats/candidates", Query: "page_size=500&raw=true&filter%5Bupdated_after%5D=2024-01-01T00:00:00Z",
		Headers: map[string][]string{"X-Account-Id": {"acc_123"}, "Authorization": {"Basic eA=="}, "X-Debug": {"1"}, "Postman-Token": {"t"}},
	}
	got := compare("postman", reqs[0], sent)
	want := []string{
		`query: read 2 parameters, sent "page_size=500&raw=true&filter%5Bupdated_after%5D=2024-01-01T00:00:00Z"`,
		"header x-debug sent but not read",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("compare = %q\nwant %q", got, want)
	}

	note := entry{Method: "PUT", Path: "/unified/ats/candidates/c_2/notes",
		Headers: map[string][]string{"X-Account-Id": {"acc_9"}, "Content-Type": {"application/json"}, "Authorization": {"Basic eA=="}},
		Body:    `{"content": [{"body": "Weak round"}], "visibility": "private"}`}
	got = compare("postman", reqs[2], note)
	want = []string{
		"method: read POST, sent PUT",
		`path segment 3: read "c_1", sent "c_2"`,
		`header x-account-id: read "acc_123", sent "acc_9"`,
		`body differs at "/content/0/body"`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("compare = %q\nwant %q", got, want)
	}
}
