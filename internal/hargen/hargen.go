// Package hargen writes synthetic HAR 1.2 recordings of any size, for the
// HAR reader's memory test and benchmarks: a browser-style recording of an
// app that syncs candidates through StackOne, with large response bodies
// and entries for other hosts in between.
package hargen

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
)

// Stats counts what Write wrote.
type Stats struct {
	Bytes    int64
	Entries  int
	StackOne int // entries with a StackOne API request
	Skipped  int // entries for other hosts
}

// Options say how large a recording Write makes.
type Options struct {
	// Size is the least number of bytes to write, unless Entries is set.
	Size int64
	// Entries, when set, is the number of entries to write.
	Entries int
	// BodySize is the size of a list response body and (roughly) of a
	// static asset, in bytes.
	BodySize int
	// Small makes every entry a small StackOne request (a sync job's
	// recording rather than a browser's): few headers, a short response,
	// no other hosts; BodySize is not used.
	Small bool
}

// Write writes a recording to w. Entries are 0.2 s apart and cycle
// through four accounts; every fifth entry is a static asset from another
// host with a base64 body, every tenth StackOne request is a note with a
// JSON body. Response bodies of list requests are about BodySize bytes of
// candidate JSON, escaped into content.text.
func Write(w io.Writer, o Options) (Stats, error) {
	size, bodySize := o.Size, o.BodySize
	more := func(i int, written int64) bool {
		if o.Entries > 0 {
			return i < o.Entries
		}
		return written < size || i == 0
	}
	cw := &countWriter{w: w}
	bw := bufio.NewWriterSize(cw, 1<<20)
	var st Stats
	body := listBody(bodySize)
	asset := base64.StdEncoding.EncodeToString([]byte(strings.Repeat("function f(){return 42};\n", bodySize/40+1)))
	start := time.Date(2024, 5, 14, 9, 0, 0, 0, time.UTC)
	bw.WriteString(`{
  "log": {
    "version": "1.2",
    "creator": {"name": "WebInspector", "version": "537.36"},
    "pages": [{"startedDateTime": "2024-05-14T09:00:00.000Z", "id": "page_1", "title": "https://app.example.com/", "pageTimings": {"onContentLoad": 412.3, "onLoad": 980.1}}],
    "entries": [
`)
	for i := 0; more(i, st.Bytes+int64(bw.Buffered())); i++ {
		if i > 0 {
			bw.WriteString(",\n")
		}
		at := start.Add(time.Duration(i) * 200 * time.Millisecond).Format("2006-01-02T15:04:05.000Z")
		switch {
		case o.Small:
			st.StackOne++
			fmt.Fprintf(bw, `      {"startedDateTime": %q, "time": 120.5, "request": {"method": "GET", "url": "https://api.stackone.com/unified/ats/candidates?page_size=100&next=c%d", "httpVersion": "http/1.1", "headers": [{"name": "accept", "value": "application/json"}, {"name": "authorization", "value": "Basic ${STACKONE_API_KEY_B64}"}, {"name": "x-account-id", "value": "acc_%d"}], "queryString": [], "cookies": [], "headersSize": -1, "bodySize": 0}, "response": {"status": 200, "statusText": "OK", "httpVersion": "http/1.1", "headers": [], "cookies": [], "content": {"size": 2, "mimeType": "application/json", "text": "{}"}, "redirectURL": "", "headersSize": -1, "bodySize": 2}, "cache": {}, "timings": {"send": 0.1, "wait": 118.2, "receive": 2.2}}`,
				at, i, i%4)
		case i%5 == 4:
			st.Skipped++
			fmt.Fprintf(bw, `      {
        "_initiator": {"type": "parser", "url": "https://app.example.com/"},
        "_priority": "Low",
        "_resourceType": "script",
        "cache": {},
        "connection": "443",
        "pageref": "page_1",
        "request": {"method": "GET", "url": "https://cdn.example.com/static/js/chunk.%d.js", "httpVersion": "http/2.0", "headers": [{"name": ":authority", "value": "cdn.example.com"}, {"name": "accept", "value": "*/*"}, {"name": "user-agent", "value": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"}], "queryString": [], "cookies": [], "headersSize": -1, "bodySize": 0},
        "response": {"status": 200, "statusText": "", "httpVersion": "http/2.0", "headers": [{"name": "content-type", "value": "application/javascript"}], "cookies": [], "content": {"size": %d, "mimeType": "application/javascript", "text": %q, "encoding": "base64"}, "redirectURL": "", "headersSize": -1, "bodySize": -1, "_transferSize": %d},
        "serverIPAddress": "151.101.1.57",
        "startedDateTime": %q,
        "time": 35.2,
        "timings": {"blocked": 0.8, "dns": -1, "ssl": -1, "connect": -1, "send": 0.1, "wait": 30.1, "receive": 4.2}
      }`, i, len(asset), asset, len(asset), at)
		default:
			st.StackOne++
			account := fmt.Sprintf("acc_%d", i%4)
			method, url, post, resp := "GET", fmt.Sprintf("https://api.stackone.com/unified/ats/candidates?page_size=25&next=c%d&filter%%5Bupdated_after%%5D=2024-05-01T00:00:00Z", i), "", body
			if i%10 == 3 {
				method = "POST"
				url = fmt.Sprintf("https://api.stackone.com/unified/ats/candidates/c_%d/notes", i)
				post = fmt.Sprintf(`, "postData": {"mimeType": "application/json", "text": %q}`,
					fmt.Sprintf(`{"content": [{"body": "Interview feedback %d: \"strong\" systems design"}], "author_id": "usr_%d", "visibility": {"value": "private"}}`, i, i%7))
				resp = `{"statusCode": 201, "message": "Record created successfully.", "timestamp": "2024-05-14T09:00:00.000Z", "data": {"id": "n_1", "remote_id": "n_1"}}`
			}
			fmt.Fprintf(bw, `      {
        "_initiator": {"type": "script", "stack": {"callFrames": [{"functionName": "sync", "scriptId": "17", "url": "https://app.example.com/static/js/main.js", "lineNumber": 1201, "columnNumber": 18}]}},
        "_priority": "High",
        "_resourceType": "fetch",
        "cache": {},
        "connection": "443",
        "pageref": "page_1",
        "request": {
          "method": %q,
          "url": %q,
          "httpVersion": "http/2.0",
          "headers": [
            {"name": ":authority", "value": "api.stackone.com"},
            {"name": ":method", "value": %q},
            {"name": ":scheme", "value": "https"},
            {"name": "accept", "value": "application/json"},
            {"name": "accept-encoding", "value": "gzip, deflate, br, zstd"},
            {"name": "accept-language", "value": "en-GB,en;q=0.9"},
            {"name": "content-type", "value": "application/json"},
            {"name": "origin", "value": "https://app.example.com"},
            {"name": "referer", "value": "https://app.example.com/"},
            {"name": "sec-ch-ua", "value": "\"Chromium\";v=\"124\", \"Google Chrome\";v=\"124\""},
            {"name": "sec-fetch-mode", "value": "cors"},
            {"name": "user-agent", "value": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"},
            {"name": "x-account-id", "value": %q}
          ],
          "queryString": [],
          "cookies": [],
          "headersSize": -1,
          "bodySize": 0%s
        },
        "response": {"status": 200, "statusText": "", "httpVersion": "http/2.0", "headers": [{"name": "content-type", "value": "application/json"}], "cookies": [], "content": {"size": %d, "mimeType": "application/json", "text": %s}, "redirectURL": "", "headersSize": -1, "bodySize": -1, "_transferSize": %d},
        "serverIPAddress": "104.18.30.2",
        "startedDateTime": %q,
        "time": 182.4,
        "timings": {"blocked": 1.1, "dns": -1, "ssl": -1, "connect": -1, "send": 0.2, "wait": 178.9, "receive": 2.2}
      }`, method, url, method, account, post, len(resp), jsonString(resp), len(resp), at)
		}
		st.Entries++
		if bw.Buffered() > 1<<19 {
			if err := bw.Flush(); err != nil {
				return st, err
			}
			st.Bytes = cw.n
		}
	}
	bw.WriteString("\n    ]\n  }\n}\n")
	err := bw.Flush()
	st.Bytes = cw.n
	return st, err
}

// listBody is a StackOne candidate list response of about size bytes.
func listBody(size int) string {
	var b strings.Builder
	b.WriteString(`{"next": "c_next", "data": [`)
	for i := 0; b.Len() < size; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"id": "c_%d", "remote_id": "%d", "first_name": "Ada", "last_name": "Lovelace", "name": "Ada Lovelace", "title": "Staff Engineer", "emails": [{"type": "personal", "value": "ada.%d@example.com"}], "phone_numbers": [{"phone": "+44 20 7946 0%03d"}], "application_ids": ["a_%d"], "tags": ["backend", "go"], "created_at": "2024-01-02T03:04:05.000Z", "updated_at": "2024-05-01T10:00:00.000Z"}`, i, 1000+i, i, i%1000, i)
	}
	b.WriteString(`]}`)
	return b.String()
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
