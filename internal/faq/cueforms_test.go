package faq

import (
	"slices"
	"testing"
)

// TestSpellings: a cue takes the other forms of the one-word synonym groups whose first
// term it holds, and nothing else.
func TestSpellings(t *testing.T) {
	groups := [][]string{
		{"không", "ko", "k"},
		{"được", "dc"},
		{"tải", "cài", "tai"}, // first term with diacritics: "tai nạn" is not it
		{"công an", "ca"},     // several words: a meaning, never expanded
		{"sổ đỏ", "bìa đỏ"},   // likewise
		{"người", "ng"},       // a cue without diacritics is read folded
		{"gì", "j"},
	}
	// A cue of unmarked_readings keeps its one form: its doubt is read from it.
	asIs := func(folded string) bool { return folded == "phim gi hay" }
	for _, tc := range []struct {
		cues []string
		want []string // every phrase, in order
		from []int
	}{
		{[]string{"không trả lương"}, []string{"không trả lương", "ko trả lương", "k trả lương"}, []int{0, 0, 0}},
		{[]string{"không được tạm hoãn", "ko dc tạm hoãn"}, []string{"không được tạm hoãn", "ko dc tạm hoãn",
			"không dc tạm hoãn", "ko được tạm hoãn", "k được tạm hoãn", "k dc tạm hoãn"}, []int{0, 1, 0, 0, 0, 0}},
		{[]string{"tai nạn lao động"}, []string{"tai nạn lao động"}, []int{0}},
		{[]string{"tăng ca", "công an triệu tập", "mất sổ đỏ"}, []string{"tăng ca", "công an triệu tập", "mất sổ đỏ"}, []int{0, 1, 2}},
		{[]string{"nguoi thue"}, []string{"nguoi thue", "ng thue"}, []int{0, 0}},
		{[]string{"phim gì hay", "gì vui"}, []string{"phim gì hay", "gì vui", "j vui"}, []int{0, 1, 1}},
		// Cues alike but for their marks are two cues ("vé số", lottery; "về số", to the number).
		{[]string{"vé số", "về số"}, []string{"vé số", "về số"}, []int{0, 1}},
	} {
		got, from := NewSpellings(groups).Forms(tc.cues, asIs)
		if !slices.Equal(got, tc.want) || !slices.Equal(from, tc.from) {
			t.Errorf("Forms(%q) = %q %v, want %q %v", tc.cues, got, from, tc.want, tc.from)
		}
	}
}

// TestSpellingsCap: however many of its words have spellings, a cue takes at most maxCueForms
// forms, itself first.
func TestSpellingsCap(t *testing.T) {
	sp := NewSpellings([][]string{{"không", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8"}})
	for _, cue := range []string{"không trả lương", "không x không", "không không không", "không không không không"} {
		got, _ := sp.Forms([]string{cue}, nil)
		if len(got) > maxCueForms || got[0] != cue {
			t.Errorf("Forms(%q): %d forms, first %q; want at most %d, first the cue", cue, len(got), got[0], maxCueForms)
		}
	}
}
