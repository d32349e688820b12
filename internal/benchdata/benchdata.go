// Package benchdata generates the request documents that atslint's
// benchmarks and performance measurements run on: a small note, a large
// create-application request, and folders of many varied documents. The
// output depends only on the arguments, so every run measures the same
// input.
package benchdata

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// SmallNote is one typical request document: a Bullhorn candidate note
// that passes every rule.
const SmallNote = `{
  "provider": "bullhorn",
  "method": "POST",
  "url": "https://api.stackone.com/unified/ats/candidates/cand_7/notes",
  "headers": {
    "x-account-id": "acc_9f2",
    "Content-Type": "application/json",
    "Authorization": "Basic ${STACKONE_API_KEY_B64}"
  },
  "body": {
    "content": [
      {
        "body": "Strong systems design round"
      }
    ],
    "author_id": "user_12",
    "visibility": {
      "value": "private"
    }
  }
}
`

// LargeApplication returns a create-application request with a new
// candidate (custom fields, phone numbers, social links), questionnaires
// with answers, and documents: about 25 KiB, exercising every part of the
// largest body schema of the catalogue. It is valid except for three
// deliberate mistakes (an unknown field, a deprecated field, a value
// outside an enum) so that the reporting paths run too.
func LargeApplication() []byte {
	var b strings.Builder
	b.WriteString(`{
  "provider": "greenhouse",
  "method": "POST",
  "url": "https://api.stackone.com/unified/ats/applications",
  "headers": {"x-account-id": "acc_9f2", "Content-Type": "application/json", "Authorization": "Basic ${STACKONE_API_KEY_B64}"},
  "body": {
    "job_id": "job_42",
    "job_posting_id": "post_42",
    "location_id": "loc_1",
    "application_status": {"value": "lead", "source_value": "Lead"},
    "source": {"id": "src_1", "name": "Referral"},
    "passthrough": {"greenhouse": {"prospect": false, "tags": ["a", "b"]}},
    "candidate": {
      "first_name": "Grace",
      "last_name": "Hopper",
      "name": "Grace Hopper",
      "email": "grace.hopper@example.com",
      "company": "Navy",
      "title": "Rear Admiral",
      "country": "US",
      "hired_at": "2024-01-15T09:30:00Z",
      "phone_number": "+1 555 0100",
      "phone_numbers": [`)
	for i := range 5 {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, `{"phone": "+1 555 01%02d", "type": "%s"}`, i, []string{"personal", "work", "mobile", "home", "other"}[i])
	}
	b.WriteString(`],
      "social_links": [`)
	for i := range 5 {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, `{"type": "site%d", "url": "https://example.com/u/%d"}`, i, i)
	}
	b.WriteString(`],
      "custom_fields": [`)
	for i := range 40 {
		if i > 0 {
			b.WriteString(",\n        ")
		}
		var value string
		switch i % 5 {
		case 0:
			value = fmt.Sprintf(`"text %d"`, i)
		case 1:
			value = fmt.Sprint(i * 7)
		case 2:
			value = "true"
		case 3:
			value = `"2024-02-01T00:00:00Z"`
		default:
			value = `["x", "y"]`
		}
		fmt.Fprintf(&b, `{"id": "cf_%d", "name": "Field %d", "remote_id": "r%d", "value": %s, "value_id": "v%d"}`, i, i, i, value, i)
	}
	b.WriteString(`],
      "unified_custom_fields": {"my_field": "x"}
    },
    "questionnaires": [`)
	types := []string{"short_text", "long_text", "multi_select", "single_select", "boolean", "number", "date", "url"}
	for q := range 20 {
		if q > 0 {
			b.WriteString(",\n      ")
		}
		fmt.Fprintf(&b, `{"id": "q_%d", "answers": [`, q)
		for a := range 10 {
			if a > 0 {
				b.WriteString(", ")
			}
			typ := types[(q+a)%len(types)]
			if q == 7 && a == 3 {
				typ = "essay" // not in the enum
			}
			fmt.Fprintf(&b, `{"id": "a_%d_%d", "type": {"value": "%s"}, "values": ["answer %d", "more"]}`, q, a, typ, a)
		}
		b.WriteString("]}")
	}
	b.WriteString(`],
    "documents": [`)
	for d := range 10 {
		if d > 0 {
			b.WriteString(",\n      ")
		}
		fmt.Fprintf(&b, `{"name": "doc%d.pdf", "category": {"value": "resume"}, "category_id": "c%d", "confidential": {"value": "false"}, `+
			`"file_format": {"value": "pdf"}, "path": "/docs/%d", "content": "JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFI+PgpzdHJlYW0K"}`, d, d, d)
	}
	b.WriteString(`],
    "refferal": "unknown field"
  }
}
`)
	return []byte(b.String())
}

// templates are the request documents a corpus is made of: common
// operations, about half of them with a mistake. %[1]d is the document's
// number, which varies ids and values between documents.
var templates = []string{
	// A good Bullhorn note.
	`{
  "provider": "bullhorn",
  "method": "POST",
  "url": "https://api.stackone.com/unified/ats/candidates/cand_%[1]d/notes",
  "headers": {"x-account-id": "acc_%[1]d", "Content-Type": "application/json", "Authorization": "Basic ${STACKONE_API_KEY_B64}"},
  "body": {"content": [{"body": "Interview %[1]d went well"}], "author_id": "user_%[1]d", "visibility": {"value": "private"}}
}
`,
	// A note with a misspelt field and a bare enum string.
	`{
  "method": "POST",
  "url": "https://api.stackone.com/unified/ats/candidates/cand_%[1]d/notes",
  "headers": {"x-account-id": "acc_%[1]d", "Content-Type": "application/json"},
  "body": {"content": [{"body": "Call %[1]d"}], "auther_id": "user_%[1]d", "visibility": "public"}
}
`,
	// A candidate with a bad e-mail and a deprecated field.
	`{
  "provider": "workable",
  "method": "POST",
  "url": "https://api.stackone.com/unified/ats/candidates",
  "headers": {"x-account-id": "acc_%[1]d", "Content-Type": "application/json"},
  "body": {
    "first_name": "Ada", "last_name": "Lovelace %[1]d",
    "email": "ada%[1]d-at-example.com",
    "phone_number": "+44 20 7946 %[1]04d",
    "phone_numbers": [{"phone": "+44 20 7946 %[1]04d", "type": "work"}],
    "hired_at": "2024-03-01T10:00:00Z",
    "social_links": [{"type": "linkedin", "url": "https://example.com/in/%[1]d"}]
  }
}
`,
	// A list with filters, paging and a deprecated parameter.
	`{
  "provider": "lever",
  "method": "GET",
  "url": "https://api.stackone.com/unified/ats/candidates?page_size=%[2]d&filter[updated_after]=2024-01-01T00:00:00Z&filter[email]=a%[1]d@example.com",
  "headers": {"x-account-id": "acc_%[1]d"},
  "query": {"sync_token": "tok_%[1]d", "proxy": {"per_page": 500}}
}
`,
	// An application for an existing candidate.
	`{
  "method": "POST",
  "url": "https://api.stackone.com/unified/ats/applications",
  "headers": {"x-account-id": "acc_%[1]d", "Content-Type": "application/json"},
  "body": {
    "job_id": "job_%[1]d", "candidate_id": "cand_%[1]d",
    "application_status": {"value": "interview"},
    "questionnaires": [{"id": "q1", "answers": [{"id": "a1", "type": {"value": "short_text"}, "values": ["yes"]}, {"id": "a2", "type": {"value": "boolean"}, "values": ["true"]}]}]
  }
}
`,
	// A job update with the deprecated status field.
	`{
  "method": "PATCH",
  "url": "https://api.stackone.com/unified/ats/jobs/job_%[1]d",
  "headers": {"x-account-id": "acc_%[1]d", "Content-Type": "application/json"},
  "body": {"title": "Engineer %[1]d", "status": "open", "job_status": {"value": "published"}}
}
`,
	// A get with an unresolved placeholder.
	`{
  "method": "GET",
  "url": "https://api.stackone.com/unified/ats/candidates/{id}/notes?page_size=%[2]d",
  "headers": {"x-account-id": "acc_%[1]d"}
}
`,
	// A passthrough request.
	`{
  "method": "POST",
  "url": "https://api.stackone.com/unified/proxy",
  "headers": {"x-account-id": "acc_%[1]d", "Content-Type": "application/json"},
  "body": {"url": "https://harvest.greenhouse.io/v1/candidates/%[1]d", "method": "get", "headers": {"On-Behalf-Of": "u%[1]d"}}
}
`,
	// An offer with a bad date and a string salary.
	`{
  "method": "POST",
  "url": "https://api.stackone.com/unified/ats/offers",
  "headers": {"x-account-id": "acc_%[1]d", "Content-Type": "application/json"},
  "body": {"application_id": "app_%[1]d", "start_date": "next monday", "salary": "%[1]d", "currency": "GBP"}
}
`,
	// An operation that does not exist.
	`{
  "method": "PATCH",
  "url": "https://api.stackone.com/unified/ats/candidates/cand_%[1]d/notes/note_%[1]d",
  "headers": {"x-account-id": "acc_%[1]d", "Content-Type": "application/json"},
  "body": {"content": [{"body": "Updated"}]}
}
`,
}

// Document returns the i-th document of a corpus.
func Document(i int) []byte {
	return fmt.Appendf(nil, templates[i%len(templates)], i, i%150+1)
}

// PerDir is how many documents a corpus puts in one directory.
const PerDir = 100

// WriteCorpus writes n documents into dir as dNNN/rNNNNN.json, PerDir to a
// directory, creating dir if needed.
func WriteCorpus(dir string, n int) error {
	for i := range n {
		sub := filepath.Join(dir, fmt.Sprintf("d%03d", i/PerDir))
		if i%PerDir == 0 {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				return err
			}
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("r%05d.json", i)), Document(i), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// WriteArray writes the first n documents of a corpus as one array
// document (one request file holding n requests) to w: about half of them
// have a mistake, 1.27 diagnostics per request.
func WriteArray(w io.Writer, n int) error { return writeArray(w, n, Document) }

// WriteCleanArray writes an array document of n good Bullhorn notes (the
// corpus' first template), as a sync job's requests would be: no
// diagnostics, so that what is measured is reading and checking.
func WriteCleanArray(w io.Writer, n int) error {
	return writeArray(w, n, func(i int) []byte { return fmt.Appendf(nil, templates[0], i) })
}

func writeArray(w io.Writer, n int, doc func(int) []byte) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString("[\n")
	for i := range n {
		if i > 0 {
			bw.WriteString(",\n")
		}
		bw.Write(bytes.TrimRight(doc(i), "\n"))
	}
	bw.WriteString("\n]\n")
	return bw.Flush()
}

// Array returns WriteArray's document of n requests.
func Array(n int) []byte {
	var b bytes.Buffer
	WriteArray(&b, n)
	return b.Bytes()
}
