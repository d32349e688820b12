package source_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/atslint/atslint/rules"
	"github.com/atslint/atslint/source"
)

func TestDetectKeptFormats(t *testing.T) {
	for _, tc := range []struct {
		name, head string
		want       *source.Format
	}{
		{"c.postman_collection.json", `{"info": {"_postman_id": "x", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}}`, source.Postman},
		{"-", `{"_type": "export", "__export_format": 4, "resources": []}`, source.Insomnia},
		{"-", "type: collection.insomnia.rest/5.0\nname: x\n", source.Insomnia},
		{"Insomnia_2025-01-02.yaml", "", source.Insomnia},
		{"api/jobs.bru", "", source.Bruno},
		{"api/bruno.json", `{"version": "1"}`, source.Bruno},
		{"api/x.http", "", source.HTTPFile},
		{"api/x.REST", "", source.HTTPFile},
		{"run", "#!/usr/bin/env bash\ncurl", source.Shell},
		{"run.sh", "", source.Shell},
		{"README.md", "# x", source.Markdown},
		{"package.json", `{"name": "x"}`, source.Document},
	} {
		assert.Same(t, tc.want, source.Detect(tc.name, []byte(tc.head)), "%s %q", tc.name, tc.head)
	}
	for name, want := range map[string]bool{
		"c/list.bru": true, "c/bruno.json": true, // a collection's settings are read, found Foreign
		"a.http": true, "deploy.sh": true, "docs/README.md": true, "k8s.yaml": false, "Insomnia_1.yaml": true,
	} {
		assert.Equal(t, want, source.IsCandidate(name), name)
	}
}

// TestKeptForeign: a walked file with no StackOne request is Foreign (the
// walk skips it silently); one with a broken StackOne call is not.
func TestKeptForeign(t *testing.T) {
	e := rules.New(rules.Options{})
	for _, tc := range []struct {
		name, data string
		foreign    bool
	}{
		{"deploy.sh", "#!/bin/sh\nset -e\ncurl -fsS https://example.com/health\n", true},
		{"notes.md", "# Notes\n\n```sh\nmake test\n```\n", true},
		{"users.http", "GET https://example.com/users\n", true},
		{"broken.sh", "curl 'https://api.stackone.com/unified/ats/jobs\n", false},
		{"jobs.http", "GET https://api.stackone.com/unified/ats/jobs\n", false},
		{"bruno.json", `{"version": "1", "name": "x", "type": "collection"}`, true},
		{"c/environments/prod.bru", "vars {\n  a: b\n}\n", true},
		{"c/collection.bru", "auth {\n  mode: none\n}\n", true},
	} {
		res := source.CheckBytes(e, tc.name, []byte(tc.data), source.Limits{})
		assert.Equal(t, tc.foreign, res.Foreign, tc.name)
		if tc.foreign {
			assert.Equal(t, "input/not-a-request", res.Diagnostics[0].Rule, tc.name)
		}
	}
}

// TestKeptSideFiles: with Env.Files a reader reads the files a request
// names, relative to the file's name; without it, they are unknown.
func TestKeptSideFiles(t *testing.T) {
	data := []byte("POST https://api.stackone.com/unified/ats/candidates/c_1/notes\nx-account-id: a\nContent-Type: application/json\n\n< ./note.json\n")
	dir := t.TempDir()
	writeTestFile(t, dir+"/note.json", `{"content": []}`)
	doc := source.ReadBytes(dir+"/notes.http", data, source.Limits{Env: source.Env{Files: true}})
	if assert.Len(t, doc.Requests, 1) {
		assert.True(t, doc.Requests[0].Body.IsKnown())
	}
	doc = source.ReadBytes(dir+"/notes.http", data, source.Limits{})
	if assert.Len(t, doc.Requests, 1) {
		assert.False(t, doc.Requests[0].Body.IsKnown())
	}
}
func writeTestFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
