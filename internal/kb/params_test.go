package kb

import (
	"reflect"
	"testing"

	"github.com/vneidbot/vneidbot/internal/answer"
)

// TestSearchParamsCopiesEverySetting: each search parameter named like a ranking setting takes
// that setting's value, so a new setting cannot be silently left at its zero value in the search.
func TestSearchParamsCopiesEverySetting(t *testing.T) {
	var s answer.Settings
	sv := reflect.ValueOf(&s).Elem()
	for i := range sv.NumField() {
		f := sv.Field(i)
		switch f.Kind() {
		case reflect.Bool:
			f.SetBool(true)
		case reflect.Int:
			f.SetInt(int64(i + 7))
		case reflect.Float64:
			f.SetFloat(float64(i) + 0.25)
		}
	}
	p := reflect.ValueOf(SearchParams(s))
	copied := 0
	for i := range p.NumField() {
		name := p.Type().Field(i).Name
		want := sv.FieldByName(name)
		if !want.IsValid() {
			continue
		}
		copied++
		if got := p.Field(i); !reflect.DeepEqual(got.Interface(), want.Interface()) {
			t.Errorf("SearchParams: %s = %v, want the setting's %v", name, got.Interface(), want.Interface())
		}
	}
	if copied < 10 {
		t.Errorf("only %d search parameters share a setting's name: the test no longer reads them", copied)
	}
}
