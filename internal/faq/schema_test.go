package faq

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestSchemasNameLoaderFields: the JSON Schemas editors check the YAML with (faq/schema)
// list exactly the fields the loader reads, so a field added to one is added to the other (round
// 45: words.schema.json had lacked question_forms and do_for_me_not).
func TestSchemasNameLoaderFields(t *testing.T) {
	props := func(file string, path ...string) []string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join("..", "..", "faq", "schema", file))
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for _, k := range path {
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("%s: no %v", file, path)
			}
			v = m[k]
		}
		m, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("%s: no object at %v", file, path)
		}
		var out []string
		for k := range m {
			out = append(out, k)
		}
		slices.Sort(out)
		return out
	}
	tests := []struct {
		file   string
		path   []string
		fields []string
	}{
		{"words.schema.json", []string{"properties"}, wordsFields},
		{"faq.schema.json", []string{"$defs", "case", "properties"}, caseFields},
		{"faq.schema.json", []string{"$defs", "entry", "properties"}, entryFields},
		{"cases.schema.json", []string{"properties", "cases", "items", "properties"}, sharedCaseFields},
	}
	for _, tt := range tests {
		want := slices.Sorted(slices.Values(tt.fields))
		if got := props(tt.file, tt.path...); !slices.Equal(got, want) {
			t.Errorf("%s %v = %q, the loader reads %q", tt.file, tt.path, got, want)
		}
	}
}
