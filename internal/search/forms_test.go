package search

import (
	"slices"
	"testing"
)

func TestFormSetMask(t *testing.T) {
	fs := newFormSet([]string{"bao lâu", "mất bao lâu", "khi nào"})
	tests := []struct {
		words []string
		want  []bool
	}{
		{[]string{"ket", "hon", "mat", "bao", "lau"}, []bool{false, false, true, true, true}},
		{[]string{"bao", "lau", "thi", "co"}, []bool{true, true, false, false}},
		{[]string{"mat", "the", "bao", "gio"}, []bool{false, false, false, false}}, // "mất" alone is losing
		{[]string{"khi", "nao", "doi", "the"}, []bool{true, true, false, false}},
		{[]string{"lau"}, []bool{false}},
		{nil, []bool{}},
	}
	var dst []bool
	for _, tt := range tests {
		dst = fs.mask(tt.words, dst)
		if !slices.Equal(dst, tt.want) {
			t.Errorf("mask(%v) = %v, want %v", tt.words, dst, tt.want)
		}
	}
	if got := formSet(nil).mask([]string{"bao", "lau"}, nil); slices.Contains(got, true) {
		t.Errorf("no forms: mask = %v, want none", got)
	}
}
