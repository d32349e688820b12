// Package provcfg is configured by the .atslint.yaml beside it.
package provcfg

import (
	"bytes"
	"encoding/json"
	"net/http"
)

type Content struct {
	Body string `json:"body"`
}

type Note struct {
	Content  []Content `json:"content"`
	AutherID string    `json:"auther_id,omitempty"`
}

// The config's providers list applies to a request that names none.
func Note1(author string) {
	data, _ := json.Marshal(Note{Content: []Content{{Body: "x"}}, AutherID: author}) // want `\[bullhorn/note-missing-author\]` `\[stackone/unknown-field\]`
	req, _ := http.NewRequest("POST", "https://api.stackone.com/unified/ats/candidates/c1/notes", bytes.NewReader(data))
	req.Header.Set("x-account-id", "acc_bh")
	http.DefaultClient.Do(req)
}

// The config's accounts map names the provider from x-account-id; page is
// deprecated but the config turns that rule off.
func Applications() {
	req, _ := http.NewRequest("GET", "https://api.stackone.com/unified/ats/applications?page=2", nil) // want `\[smartrecruiters/list-applications\]`
	req.Header.Set("x-account-id", "acc_sr")
	http.DefaultClient.Do(req)
}
