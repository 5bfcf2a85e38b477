package faq

import (
	"slices"
	"testing"

	"github.com/vneidbot/vneidbot/internal/textnorm"
)

// TestAgeReader: stated ages and birth years (synonyms.yaml born_before, read in 2026); with
// year 0 a birth year states nothing.
func TestAgeReader(t *testing.T) {
	r := NewAgeReader(Synonyms{
		AgeAfter:       []string{"bé", "con", "mẹ"},
		AgeBounds:      []string{"dưới", "chưa đủ", "từ đủ", "tới"},
		AgeBoundsAfter: []string{"trở xuống"},
		BornBefore:     []string{"sinh", "sn", "năm sinh"},
	}, 2026)
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
		// a birth year: both ages it may be this year (before and after the birthday)
		{"con sinh năm 2019", []int{6, 7}},
		{"cháu sinh 03/02/2019", []int{6, 7}},              // a date: day and month between
		{"bé sinh ngày 5 tháng 8 năm 2013", []int{12, 13}}, // date words between
		{"con sn 2k10", []int{15, 16}},
		{"con sinh năm 2026", []int{0}},
		{"mẹ 60 tuổi, năm sinh 1966", []int{60, 59}},
		{"con sinh năm 2027", nil},    // a year to come
		{"khám năm 2019", nil},        // no born_before word
		{"sinh con năm 2019", nil},    // "con" is no date word
		{"con sinh năm 19", nil},      // two digits: no year
		{"đăng ký xe sinh 1850", nil}, // more than MaxAge ago
	}
	for _, tt := range tests {
		if got := r.Stated(textnorm.Tokens(textnorm.Normalize(tt.in))); !slices.Equal(got, tt.want) {
			t.Errorf("Stated(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestAgeReaderNoYear: a reader made without this year (a Set not resolved) reads no birth year.
func TestAgeReaderNoYear(t *testing.T) {
	r := NewAgeReader(Synonyms{BornBefore: []string{"sinh"}}, 0)
	if got := r.Stated(textnorm.Tokens(textnorm.Normalize("con sinh năm 2019"))); got != nil {
		t.Errorf("Stated = %v, want none without a year", got)
	}
}
