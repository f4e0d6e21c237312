package api_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

type openAPIDoc struct {
	OpenAPI    string                    `json:"openapi"`
	Paths      map[string]map[string]any `json:"paths"`
	Components struct {
		Schemas         map[string]any `json:"schemas"`
		SecuritySchemes map[string]any `json:"securitySchemes"`
	} `json:"components"`
}

var httpMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// TestOpenAPIMatchesRoutes keeps openapi.yaml in step with the route
// table: every route is documented and every documented operation is a
// route. Go patterns and OpenAPI paths both write parameters as {id}.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	e := newEnv(t)
	var doc openAPIDoc
	w := e.call(req{method: "GET", path: "/api/v1/openapi.json"}, http.StatusOK, &doc)
	if strings.Contains(w.Body.String(), `"<<"`) {
		t.Error("a YAML merge key leaked into the JSON")
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.1") {
		t.Errorf("openapi %q, want 3.1.x", doc.OpenAPI)
	}
	for _, s := range []string{"Error", "Person", "Department", "Position", "Store"} {
		if doc.Components.Schemas[s] == nil {
			t.Errorf("schema %s missing", s)
		}
	}
	if doc.Components.SecuritySchemes["bearerAuth"] == nil {
		t.Error("bearerAuth security scheme missing")
	}
	routes := map[string]bool{}
	for _, rt := range e.api.Router.Routes {
		method, path, ok := strings.Cut(rt.Pattern, " ")
		if !ok {
			t.Errorf("route %q has no method", rt.Pattern)
			continue
		}
		op := strings.ToLower(method) + " " + path
		routes[op] = true
		if doc.Paths[path][strings.ToLower(method)] == nil {
			t.Errorf("route %s is not in openapi.yaml", rt.Pattern)
		}
	}
	for path, item := range doc.Paths {
		for m, v := range item {
			if !slices.Contains(httpMethods, m) {
				continue // parameters, summary …
			}
			op, _ := v.(map[string]any)
			if !routes[m+" "+path] {
				t.Errorf("openapi.yaml documents %s %s, which is not a route", strings.ToUpper(m), path)
			}
			if op["responses"] == nil || op["operationId"] == nil {
				t.Errorf("%s %s lacks responses or operationId", strings.ToUpper(m), path)
			}
		}
	}
}
