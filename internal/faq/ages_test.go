package faq

import (
	"slices"
	"testing"

	"github.com/vneidbot/vneidbot/internal/textnorm"
)

func TestAgeReader(t *testing.T) {
	r := NewAgeReader(Synonyms{
		AgeAfter:       []string{"bé", "con", "mẹ"},
		AgeBounds:      []string{"dưới", "chưa đủ", "từ đủ", "tới"},
		AgeBoundsAfter: []string{"trở xuống"},
	})
	tests := []struct {
		in   string
		want []int
	}{
		{"bé 7 tuổi, mẹ 35 tuổi", []int{7, 35}},
		{"be 7 tuoi", []int{7}},
		{"con 4t", []int{4}},                 // short, after a person
		{"bị lừa 4t", nil},                   // short after anything else: money
		{"trẻ dưới 6 tuổi", nil},             // a bound
		{"tre duoi 6 tuoi", nil},             // a bound typed without marks
		{"trẻ chưa đủ 14 tuổi", nil},         // a bound of two words
		{"trẻ 14 tuổi trở xuống", nil},       // a bound after the age
		{"trẻ 6-14 tuổi", nil},               // a range: its end is no age
		{"con 13,5 tuổi", nil},               // a decimal
		{"con tôi 15 tuổi", []int{15}},       // "tôi" is not "tới"
		{"con toi 15 tuoi", nil},             // unmarked "toi" may be "tới": a bound
		{"bé 7 tuổi và bé 7 tuổi", []int{7}}, // each once
		{"", nil},
	}
	for _, tt := range tests {
		if got := r.Stated(textnorm.Tokens(textnorm.Normalize(tt.in))); !slices.Equal(got, tt.want) {
			t.Errorf("Stated(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
