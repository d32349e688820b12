package curl

import (
	"bytes"
	"strings"

	"github.com/atslint/atslint/request"
	"github.com/atslint/atslint/source/httpfile"
	"github.com/atslint/atslint/source/internal/srctext"
)

// IsMarkdownPath reports whether a file name is a Markdown file.
func IsMarkdownPath(name string) bool {
	n := strings.ToLower(name)
	return strings.HasSuffix(n, ".md") || strings.HasSuffix(n, ".markdown")
}

// ReadMarkdown reads the fenced code blocks of a Markdown file: sh, bash,
// shell, zsh and console blocks as shell (their curl calls), http blocks
// as a .http file. Requests are numbered across the file.
func ReadMarkdown(data []byte, opts Options) *request.Document {
	f := srctext.NewFile(data)
	doc := &request.Document{}
	for _, b := range fences(data) {
		switch b.lang {
		case "sh", "bash", "shell", "zsh", "console", "shell-session", "shellsession":
			Region(f, b.from, b.to, b.lang == "console" || strings.HasPrefix(b.lang, "shell-s") || b.lang == "shellsession", opts, doc)
		case "http", "rest":
			httpfile.Region(f, b.from, b.to, opts, doc)
		}
	}
	return doc
}

type fence struct {
	lang     string
	from, to int // the block's content
}

// fences finds the fenced code blocks (``` or ~~~, CommonMark): an
// unclosed one runs to the end of the file, as CommonMark reads it.
func fences(data []byte) []fence {
	var out []fence
	var open *fence
	var marker []byte
	for off := 0; off < len(data); {
		end := bytes.IndexByte(data[off:], '\n')
		next := len(data)
		if end < 0 {
			end = len(data)
		} else {
			end += off
			next = end + 1
		}
		line := data[off:end]
		trim := bytes.TrimLeft(line, " ")
		indent := len(line) - len(trim)
		if open == nil {
			if indent < 4 && (bytes.HasPrefix(trim, []byte("```")) || bytes.HasPrefix(trim, []byte("~~~"))) {
				n := 0
				for n < len(trim) && trim[n] == trim[0] {
					n++
				}
				info := strings.TrimSpace(string(trim[n:]))
				lang, _, _ := strings.Cut(info, " ")
				lang, _, _ = strings.Cut(lang, "{")
				open = &fence{lang: strings.ToLower(lang), from: next}
				marker = trim[:n]
			}
		} else if indent < 4 && bytes.HasPrefix(bytes.TrimRight(trim, " \r"), marker) && len(bytes.Trim(bytes.TrimRight(trim, " \r"), string(marker[:1]))) == 0 {
			open.to = off
			out = append(out, *open)
			open = nil
		}
		off = next
	}
	if open != nil {
		open.to = len(data)
		if open.from > open.to {
			open.from = open.to
		}
		out = append(out, *open)
	}
	return out
}
