package answer

import "testing"

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
