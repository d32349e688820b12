package srctext

import (
	"fmt"

	"github.com/atslint/atslint/request"
)

// Verify reports the first position of doc that is not a position in data:
// an offset outside the file, an end before its start, or a line and
// column that do not match the offset. The fuzz targets of the readers
// call it on every document.
func Verify(data []byte, doc *request.Document) error {
	f := NewFile(data)
	check := func(what string, s request.Span) error {
		if s.IsZero() {
			return nil
		}
		for _, p := range []request.Pos{s.Start, s.End} {
			if p.Offset < 0 || p.Offset > len(data) {
				return fmt.Errorf("%s: offset %d outside the file (%d bytes)", what, p.Offset, len(data))
			}
			if want := f.Pos(p.Offset); want != p {
				return fmt.Errorf("%s: position %+v, the offset is at %+v", what, p, want)
			}
		}
		if s.End.Offset < s.Start.Offset {
			return fmt.Errorf("%s: ends (%d) before it starts (%d)", what, s.End.Offset, s.Start.Offset)
		}
		return nil
	}
	var value func(string, *request.Value, int) error
	value = func(what string, v *request.Value, depth int) error {
		if v == nil || depth > 2000 {
			return nil
		}
		if err := check(what, v.Span); err != nil {
			return err
		}
		for _, m := range v.Members {
			if err := check(what+" key", m.KeySpan); err != nil {
				return err
			}
			if err := value(what, m.Value, depth+1); err != nil {
				return err
			}
		}
		for _, e := range v.Elems {
			if err := value(what, e, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	for _, p := range doc.Problems {
		if err := check("problem "+p.Rule, p.Span); err != nil {
			return err
		}
	}
	for _, r := range doc.Requests {
		for i, s := range []request.Span{r.Span, r.MethodSpan, r.PathSpan, r.BodyKeySpan} {
			if err := check([]string{"request", "method", "url", "body key"}[i], s); err != nil {
				return err
			}
		}
		for _, s := range r.PathSegmentSpans {
			if err := check("segment", s); err != nil {
				return err
			}
		}
		for _, q := range r.Query {
			if err := check("query key", q.KeySpan); err != nil {
				return err
			}
			if err := value("query value", q.Value, 0); err != nil {
				return err
			}
		}
		for _, h := range r.Headers {
			if err := check("header name", h.NameSpan); err != nil {
				return err
			}
			if err := value("header value", h.Value, 0); err != nil {
				return err
			}
		}
		if err := value("body", r.Body, 0); err != nil {
			return err
		}
	}
	return nil
}
