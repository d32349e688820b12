package benchdata

import (
	"encoding/json"
	"testing"
)

func TestLiveRequests(t *testing.T) {
	for _, r := range LiveRequests() {
		if r.Body != "" && !json.Valid([]byte(r.Body)) {
			t.Errorf("%s: body is not JSON", r.Name)
		}
	}
	if n := len(LiveRequests()[2].Body); n < 4500 || n > 5500 {
		t.Errorf("application body is %d bytes, want about 5 KB", n)
	}
}
