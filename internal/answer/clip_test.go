package answer

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestClip: a message is cut to MaxInput characters (runes, not bytes), and a shorter one is
// kept whole; just below, at and just above the limit.
func TestClip(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want int // runes kept
	}{
		{"empty", "", 0},
		{"short", "mất thẻ căn cước", utf8.RuneCountInString("mất thẻ căn cước")},
		{"just below", strings.Repeat("ệ", MaxInput-1), MaxInput - 1},
		{"at the limit", strings.Repeat("ệ", MaxInput), MaxInput},
		{"just above", strings.Repeat("ệ", MaxInput+1), MaxInput},
		{"ascii far above", strings.Repeat("a", 5*MaxInput), MaxInput},
	}
	for _, tt := range tests {
		got := clip(tt.in)
		if n := utf8.RuneCountInString(got); n != tt.want || !strings.HasPrefix(tt.in, got) {
			t.Errorf("%s: clip kept %d runes (prefix %v), want %d", tt.name, n, strings.HasPrefix(tt.in, got), tt.want)
		}
	}
}

func TestFirstSentence(t *testing.T) {
	tests := []struct{ line, want string }{
		{"Chỉ vì sáp nhập thì không bắt buộc đổi. Thẻ ghi địa danh cũ vẫn còn giá trị.", "Chỉ vì sáp nhập thì không bắt buộc đổi."},
		{"Được (NĐ 69/2024, Điều 14. Khoản 2) nếu có mức 2. Còn lại thì không.", "Được (NĐ 69/2024, Điều 14. Khoản 2) nếu có mức 2."},
		{"Có ngay? Thường 7 ngày.", "Có ngay?"},
		{"Lệ phí 25.000 đồng, nộp online", "Lệ phí 25.000 đồng, nộp online"},
		{"Thẻ hết hạn.", "Thẻ hết hạn."},
		{"", ""},
	}
	for _, tt := range tests {
		if got := firstSentence(tt.line); got != tt.want {
			t.Errorf("firstSentence(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}
