package schemas

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSpecMatchesCatalogue(t *testing.T) {
	data, err := generated.ReadFile("generated/" + catalogueFile)
	require.NoError(t, err)
	var doc catalogueDoc
	require.NoError(t, json.Unmarshal(data, &doc))
	assert.Equal(t, SpecSHA256, doc.Source.SHA256, "the catalogue was regenerated: update SpecDate, SpecVersion and SpecSHA256 in spec.go")
	assert.Equal(t, SpecVersion, doc.Source.Version)
}
