package benchdata

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
)

// Live is one request as a Go program builds it, for the run-time
// benchmarks (preflight, and kin-openapi's request validation in
// bench/peers): every value known, headers as sent.
type Live struct {
	Name    string
	Method  string
	Path    string // with the query string
	Account string // x-account-id
	Body    string // "" for none
}

// LiveRequests are the three requests the run-time benchmarks measure: a
// small Bullhorn note, a candidate list with filters, and a 5 KB
// application with a new candidate. None has a mistake, so that what is
// measured is the check of a good request, which is what nearly every
// request of a working integration is.
func LiveRequests() []Live {
	return []Live{
		{Name: "note", Method: "POST", Path: "/unified/ats/candidates/cand_7/notes", Account: "acc_bullhorn",
			Body: `{"content":[{"body":"Strong systems design round"}],"author_id":"user_12","visibility":{"value":"private"}}`},
		{Name: "list", Method: "GET", Account: "acc_greenhouse",
			Path: "/unified/ats/candidates?page_size=50&filter%5Bupdated_after%5D=2024-01-01T00%3A00%3A00.000Z&filter%5Bemail%5D=grace%40example.com&fields=id%2Cfirst_name%2Clast_name%2Cemails&include=custom_fields"},
		{Name: "application", Method: "POST", Path: "/unified/ats/applications", Account: "acc_greenhouse", Body: liveApplication()},
	}
}

// LiveAccounts maps the accounts of LiveRequests to their providers.
var LiveAccounts = map[string]string{"acc_bullhorn": "bullhorn", "acc_greenhouse": "greenhouse"}

// liveApplication is a create-application body of about 5 KB: a new
// candidate with phone numbers, social links and custom fields, and a
// questionnaire.
func liveApplication() string {
	var b strings.Builder
	b.WriteString(`{"job_id":"job_42","job_posting_id":"post_42","location_id":"loc_1",` +
		`"application_status":{"value":"lead","source_value":"Lead"},"source":{"id":"src_1","name":"Referral"},` +
		`"candidate":{"first_name":"Grace","last_name":"Hopper","name":"Grace Hopper","email":"grace.hopper@example.com",` +
		`"company":"Navy","title":"Rear Admiral","country":"US","phone_numbers":[`)
	for i, typ := range []string{"personal", "work", "mobile"} {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"phone":"+1 555 01%02d","type":"%s"}`, i, typ)
	}
	b.WriteString(`],"social_links":[{"type":"linkedin","url":"https://example.com/in/grace"},{"type":"github","url":"https://example.com/grace"}],"custom_fields":[`)
	for i := range 34 {
		if i > 0 {
			b.WriteByte(',')
		}
		var value string
		switch i % 3 {
		case 0:
			value = fmt.Sprintf(`"text %d"`, i)
		case 1:
			value = fmt.Sprint(i * 7)
		default:
			value = "true"
		}
		fmt.Fprintf(&b, `{"id":"cf_%d","name":"Field %d","remote_id":"r%d","value":%s,"value_id":"v%d"}`, i, i, i, value, i)
	}
	b.WriteString(`]},"questionnaires":[`)
	types := []string{"short_text", "long_text", "multi_select", "single_select", "boolean", "number", "date", "url"}
	for q := range 4 {
		if q > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":"q_%d","answers":[`, q)
		for a := range 6 {
			if a > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"id":"a_%d_%d","type":{"value":"%s"},"values":["answer %d"]}`, q, a, types[(q+a)%len(types)], a)
		}
		b.WriteString("]}")
	}
	b.WriteString(`]}`)
	return b.String()
}

// HTTPRequest builds r as a Go program would, for a server at base, with
// a fixed fake API key.
func (r Live) HTTPRequest(tb testing.TB, base string) *http.Request {
	var body io.Reader
	if r.Body != "" {
		body = strings.NewReader(r.Body)
	}
	req, err := http.NewRequest(r.Method, base+r.Path, body)
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("x-account-id", r.Account)
	req.Header.Set("Authorization", "Basic c2tfbGl2ZV9iZW5jaG1hcms6")
	if r.Body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	return req
}
