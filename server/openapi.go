package server

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/recruitsearch/recruitsearch/index"
)

// openapiJSON is the served OpenAPI document: openapi.json with the
// search's facet parameters and the facets of its result listed from
// the index's facet registry, so a new facet needs no edit here.
var openapiJSON = mustOpenAPI(openapiTemplate)

func mustOpenAPI(template []byte) []byte {
	b, err := withFacets(template, index.Facets())
	if err != nil {
		panic(fmt.Sprintf("server: openapi.json: %v", err)) // the template ships in the binary
	}
	return b
}

// withFacets adds one repeatable query parameter per facet to the
// search operation, after q, and names the counted facets in the Facets
// schema.
func withFacets(template []byte, facets []index.FacetSpec) ([]byte, error) {
	var doc map[string]any
	if err := json.Unmarshal(template, &doc); err != nil {
		return nil, err
	}
	op, ok := dig(doc, "paths", "/api/search", "get").(map[string]any)
	if !ok {
		return nil, fmt.Errorf("no GET /api/search")
	}
	params, _ := op["parameters"].([]any)
	var facetParams []any
	facetProps := map[string]any{}
	for _, f := range facets {
		facetParams = append(facetParams, facetParameter(f))
		if f.Counted() {
			facetProps[f.Name] = map[string]any{
				"type": "array", "nullable": true, "description": f.Label,
				"items": map[string]any{"$ref": "#/components/schemas/FacetValue"},
			}
		}
	}
	op["parameters"] = slices.Insert(params, min(1, len(params)), facetParams...)
	if schema, ok := dig(doc, "components", "schemas", "Facets").(map[string]any); ok {
		schema["properties"] = facetProps
	}
	return json.MarshalIndent(doc, "", "  ")
}

func facetParameter(f index.FacetSpec) map[string]any {
	return map[string]any{
		"name": f.Name, "in": "query", "style": "form", "explode": true,
		"description": f.Help + " (e.g. " + f.Example + "). Repeatable: values OR within a facet, AND across facets.",
		"schema":      map[string]any{"type": "array", "items": map[string]any{"type": "string"}},
	}
}

// dig walks nested JSON objects by key.
func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}
