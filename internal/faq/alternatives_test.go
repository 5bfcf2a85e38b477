package faq

import (
	"slices"
	"strings"
	"testing"
)

func TestAlternatives(t *testing.T) {
	tests := []struct {
		in   string
		want []string
		err  string
	}{
		{in: "vay tiền", want: []string{"vay tiền"}},
		{in: "Cảm  ơn", want: []string{"Cảm  ơn"}}, // no braces: as written
		{in: "dùng {căn cước|cccd} của {tôi|mình}", want: []string{"dùng căn cước của tôi", "dùng căn cước của mình", "dùng cccd của tôi", "dùng cccd của mình"}},
		{in: "vay {tiền dưới|dưới} tên em", want: []string{"vay tiền dưới tên em", "vay dưới tên em"}},
		{in: "{để |}vay", want: []string{"để vay", "vay"}},
		{in: "{a|b}", want: []string{"a", "b"}},
		{in: "a {b} c", want: []string{"a b c"}},
		{in: "a {b|c", err: "a { without its }"},
		{in: "a b|c}", err: "a } without its {"},
		{in: "a {b {c}|d}", err: "a { without its }"},
		{in: strings.Repeat("{a|b|c}", 5), err: "stands for more than 200 phrases"},
	}
	for _, tt := range tests {
		got, err := alternatives(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("alternatives(%q) error = %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("alternatives(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

// FuzzAlternatives: whatever is written, alternatives returns an error or at most
// maxAlternatives phrases; an expansion's phrases hold no brace and single spaces.
func FuzzAlternatives(f *testing.F) {
	for _, s := range []string{"dùng {căn cước|cccd} của {tôi|mình}", "{|}", "a}{", "{{a}}", "{a|b} {c|d} {e|f}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := alternatives(s)
		if err != nil {
			return
		}
		if len(got) == 0 || len(got) > maxAlternatives {
			t.Fatalf("alternatives(%q): %d phrases", s, len(got))
		}
		for _, p := range got {
			if strings.ContainsAny(s, "{}") && (strings.ContainsAny(p, "{}") || p != strings.Join(strings.Fields(p), " ")) {
				t.Fatalf("alternatives(%q) holds %q", s, p)
			}
		}
	})
}
