package answer

import (
	"slices"
	"testing"
)

func TestOwnParagraph(t *testing.T) {
	tests := []struct {
		p    string
		want bool
	}{
		{"Lệ phí: cấp mới 100.000 đồng.", true},
		{"Lệ phí cấp lại 35.000 đồng.\nNộp khi gửi hồ sơ.", true},
		{"1. Vào VNeID, nộp lệ phí.", false},
		{"12) Nộp lệ phí.", false},
		{"- Cấp lại: 35.000 đồng.", false},
		{"Lưu ý:\n- miễn lệ phí cho trẻ em", false},
		{"2026 là năm đổi thẻ: lệ phí 25.000 đồng.", true},
	}
	for _, tt := range tests {
		if got := ownParagraph(tt.p); got != tt.want {
			t.Errorf("ownParagraph(%q) = %v, want %v", tt.p, got, tt.want)
		}
	}
}

func TestAskedPiece(t *testing.T) {
	wait := phrases([]string{"ngày làm việc", "giải quyết trong"})
	fee := phrases([]string{"lệ phí", "miễn phí"})
	const steps = "Làm online được.\n\n1. Mở VNeID.\n2. Gửi, nộp lệ phí (15.000 đồng nếu nộp trực tiếp, 7.000 đồng nếu nộp trực tuyến); giải quyết trong 3 ngày làm việc.\n\nLưu ý: mang thẻ."
	tests := []struct {
		name, text string
		gives      phraseList
		most       int
		want       string
	}{
		{"wait: the clause after the semicolon", steps, wait, 160, "Giải quyết trong 3 ngày làm việc."},
		{"fee: from the comma-part that gives it, parentheses whole", steps, fee, 160, "Nộp lệ phí (15.000 đồng nếu nộp trực tiếp, 7.000 đồng nếu nộp trực tuyến)."},
		{"just long enough", steps, wait, len([]rune("giải quyết trong 3 ngày làm việc")), "Giải quyết trong 3 ngày làm việc."},
		{"one character too long", steps, wait, len([]rune("giải quyết trong 3 ngày làm việc")) - 1, ""},
		{"off", steps, wait, 0, ""},
		{"a step, sentence by sentence", "Cần biết:\n1) Miễn phí lần đầu. Sau đó 50.000 đồng.", fee, 160, "Miễn phí lần đầu."},
		{"a bullet leans on its heading", "Phạt:\n- Cá nhân: miễn phí lần đầu.", fee, 160, ""},
		{"a paragraph of its own is not a list's item", "Lệ phí 15.000 đồng.\n\n1. Mở VNeID.", fee, 160, ""},
		{"a label leading into more", "1. Lệ phí:\n- 15.000 đồng", fee, 160, ""},
		{"not given", steps, phrases([]string{"phạt tiền"}), 160, ""},
	}
	for _, tt := range tests {
		if got := askedPiece(tt.text, tt.gives, tt.most); got != tt.want {
			t.Errorf("%s: askedPiece = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestSplitOutside(t *testing.T) {
	tests := []struct {
		s    string
		seps []string
		want []string
	}{
		{"a, b (c, d), e", []string{","}, []string{"a", " b (c, d)", " e"}},
		{"một; hai. ba", []string{";", ". "}, []string{"một", " hai", "ba"}},
		{"(a; b)", []string{";"}, []string{"(a; b)"}},
		{"a) b, c", []string{","}, []string{"a) b", " c"}}, // a closing parenthesis alone opens nothing
		{"", []string{","}, []string{""}},
	}
	for _, tt := range tests {
		if got := splitOutside(tt.s, tt.seps...); !slices.Equal(got, tt.want) {
			t.Errorf("splitOutside(%q, %q) = %q, want %q", tt.s, tt.seps, got, tt.want)
		}
	}
}
