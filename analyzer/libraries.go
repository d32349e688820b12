package analyzer

import (
	"go/ast"
	"go/types"
)

const (
	querystringValues      = "github.com/google/go-querystring/query.Values"
	oapiStyleParam         = "github.com/oapi-codegen/runtime.StyleParamWithOptions"
	oapiStyleParamLocation = "github.com/oapi-codegen/runtime.StyleParamWithLocation"
)

// libraryCall reports whether a function belongs to a modelled HTTP
// library.
func libraryCall(fo *types.Func) bool { return false }

// librarySite reads a request built with a modelled library.
func (f *fn) librarySite(call *ast.CallExpr, fo *types.Func) *site { return nil }
