package provcfg

import (
	"bytes"
	"encoding/json"
	"net/http"
)

// An override turns stackone/unknown-field off in this file.
func Legacy(author string) {
	data, _ := json.Marshal(Note{Content: []Content{{Body: "x"}}, AutherID: author}) // want `\[bullhorn/note-missing-author\]`
	req, _ := http.NewRequest("POST", "https://api.stackone.com/unified/ats/candidates/c1/notes", bytes.NewReader(data))
	req.Header.Set("x-account-id", "acc_bh")
	http.DefaultClient.Do(req)
}
