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
	fine := phrases([]string{"phạt tiền", "bị phạt", "tiền phạt"})
	openers := phrases([]string{"hoặc", "việc này", "nếu", "không bắt buộc"})
	const steps = "Làm online được.\n\n1. Mở VNeID.\n2. Gửi, nộp lệ phí (15.000 đồng nếu nộp trực tiếp, 7.000 đồng nếu nộp trực tuyến); giải quyết trong 3 ngày làm việc.\n\nLưu ý: mang thẻ."
	tests := []struct {
		name, text string
		gives      phraseList
		most       int
		want       string
	}{
		{"wait: the clause after the semicolon", steps, wait, 160, "Giải quyết trong 3 ngày làm việc."},
		{"fee: the whole clause, parentheses whole", steps, fee, 160, "Gửi, nộp lệ phí (15.000 đồng nếu nộp trực tiếp, 7.000 đồng nếu nộp trực tuyến)."},
		{"fee: a clause too long leads with its comma-part", steps, fee, 76, "Nộp lệ phí (15.000 đồng nếu nộp trực tiếp, 7.000 đồng nếu nộp trực tuyến)."},
		{"just long enough", steps, wait, len([]rune("giải quyết trong 3 ngày làm việc")), "Giải quyết trong 3 ngày làm việc."},
		{"one character too long", steps, wait, len([]rune("giải quyết trong 3 ngày làm việc")) - 1, ""},
		{"off", steps, wait, 0, ""},
		{"a step, sentence by sentence", "Cần biết:\n1) Miễn phí lần đầu. Sau đó 50.000 đồng.", fee, 160, "Miễn phí lần đầu."},
		{"a bullet leans on its heading", "Phạt:\n- Cá nhân: miễn phí lần đầu.", fee, 160, ""},
		{"a paragraph of its own is not a list's item", "Lệ phí 15.000 đồng.\n\n1. Mở VNeID.", fee, 160, ""},
		{"a label leading into more", "1. Lệ phí:\n- 15.000 đồng", fee, 160, ""},
		{"not given", steps, fine, 160, ""},
		// review r51: a part that leans on what came before, or on a condition, stays where it is
		{"opens with a connective", "1. Mở VNeID.\n2. Hoặc nộp trực tiếp: 3 ngày làm việc, miễn phí.", fee, 160, ""},
		{"a pointer back", "1. Liên kết tài khoản; việc này miễn phí.", fee, 160, ""},
		{"a step under a condition", "1. Nếu bạn ở trọ từ 30 ngày, phải đăng ký tạm trú; không đăng ký có thể bị phạt tiền.", fine, 160, ""},
		{"a step under a label", "1. Tiện nhất: liên thông; tối đa 3 ngày làm việc.\n2. Gửi.", wait, 160, ""},
		{"a decimal comma is not cut", "1. Quá hạn nộp 1,5 triệu đồng tiền phạt.", fine, 160, "Quá hạn nộp 1,5 triệu đồng tiền phạt."},
		{"quotes are not cut", "1. Chọn lý do \"Do sắp xếp, miễn lệ phí\" rồi gửi đi cho cơ quan.", fee, 30, ""},
		{"no second full stop", "1. Xong trong 3 ngày làm việc…", wait, 160, "Xong trong 3 ngày làm việc…"},
	}
	for _, tt := range tests {
		if got := askedPiece(tt.text, tt.gives, openers, tt.most); got != tt.want {
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
		{"a, b (c, d), e", []string{", "}, []string{"a", "b (c, d)", "e"}},
		{"một; hai. ba", []string{";", ". "}, []string{"một", " hai", "ba"}},
		{"(a; b)", []string{";"}, []string{"(a; b)"}},
		{"a) b, c", []string{", "}, []string{"a) b", "c"}}, // a closing parenthesis alone opens nothing
		{"", []string{","}, []string{""}},
		{`chọn "a, b", rồi **c, d**, xong`, []string{", "}, []string{`chọn "a, b"`, "rồi **c, d**", "xong"}},
		{"1,5 triệu, 2 ngày", []string{", "}, []string{"1,5 triệu", "2 ngày"}},
		{"“a, b”, c", []string{", "}, []string{"“a, b”", "c"}},
	}
	for _, tt := range tests {
		if got := splitOutside(tt.s, tt.seps...); !slices.Equal(got, tt.want) {
			t.Errorf("splitOutside(%q, %q) = %q, want %q", tt.s, tt.seps, got, tt.want)
		}
	}
}
