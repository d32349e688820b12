// Package runtime is a stub of github.com/oapi-codegen/runtime for the
// analyzer's tests: the API surface generated clients call.
package runtime

type ParamLocation int

const (
	ParamLocationUndefined ParamLocation = iota
	ParamLocationQuery
	ParamLocationPath
	ParamLocationHeader
	ParamLocationCookie
)

type StyleParamOptions struct {
	ParamLocation ParamLocation
	Type          string
	Format        string
}

// StyleParamWithOptions styles a parameter value for its location.
func StyleParamWithOptions(style string, explode bool, paramName string, value interface{}, opts StyleParamOptions) (string, error) {
	return "", nil
}

// StyleParamWithLocation is the older form of StyleParamWithOptions.
func StyleParamWithLocation(style string, explode bool, paramName string, paramLocation ParamLocation, value interface{}) (string, error) {
	return "", nil
}
