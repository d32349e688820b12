// Package govet holds requests full of personal data and secrets for
// TestRedaction: atslint vet must print none of them.
package govet

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
)

func Send() {
	body, _ := json.Marshal(map[string]any{"first_name": []string{"Oswin Marchbanks"}, "email": "Zephyrine Quibbleworth <zq@example.com>", "titel": "grace.hopper@example.org", "phone_number": "+44 20 7946 0958"})
	req, _ := http.NewRequest("POST", "https://api.stackone.com/unified/ats/candidates?page_size=442079460958&filter[email]=ada.lovelace@example.com", bytes.NewReader(body))
	req.Header.Set("Authorization", "Basic c2tfbGl2ZV85ZjhlN2Q2YzViNGEzOTI4MTcwNjo=")
	http.DefaultClient.Do(req)
	r2, _ := http.NewRequest("Oswin Marchbanks", "http://api.stackone.com/unified/ats/candidatez/jdoe+ats@example.net", strings.NewReader(`{"x": "078-05-1120"}`))
	http.DefaultClient.Do(r2)
}
