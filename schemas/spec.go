package schemas

// The StackOne ATS OpenAPI document the built-in catalogue was generated
// from: info.version, the date of the upstream commit that published it
// (StackOneHQ/stackone-ai-node, src/openapi/generated/ats.ts, 2025-12-03),
// and the SHA-256 of the JSON that schemas/gen read. `atslint version`
// prints them; TestSpecMatchesCatalogue fails when the catalogue is
// regenerated from another document and these are not updated with it.
const (
	SpecVersion = "1.0.0"
	SpecDate    = "2025-12-03"
	SpecSHA256  = "8db72d37018f80fc5a74c7b2a89eefbc66073e7ef515e50c06797bf2f128b27e"
)
