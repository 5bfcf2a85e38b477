package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	"github.com/vneidbot/vneidbot/internal/answer"
	"github.com/vneidbot/vneidbot/internal/kb"
	"github.com/vneidbot/vneidbot/internal/metrics"
)

// TestAskNeverEchoesPersonalData runs the real engine over the project's FAQ behind the API:
// personal data typed into a message is flagged, and appears neither in the reply's query or
// text nor in the server's log, whatever the numbers are glued to.
func TestAskNeverEchoesPersonalData(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	live, err := kb.Open(context.Background(), logger, kb.Config{FAQDir: "../../faq"})
	if err != nil {
		t.Fatalf("open the FAQ: %v", err)
	}
	defer live.Close()
	s := New(logger, metrics.New(), Options{})
	s.SetAnswerer(live)

	tests := []struct {
		text    string
		flag    string
		secrets []string // what must never come back
	}{
		{"cccd 001203004567 0912345678 kiểm tra giúp em", answer.FlagPersonalData, []string{"001203004567", "0912345678", "4567"}},
		{"so cccd 001 203 004 567, sdt 0912.345.678 bi khoa vneid", answer.FlagPersonalData, []string{"203 004", "004 567", "345.678", "0912"}},
		{"mật khẩu vneid của tôi là Abc@12345 mà không vào được", "password", []string{"Abc@", "12345"}},
		{"mk vneid Hoa#2001 sai hoài", "password", []string{"Hoa#", "#2001"}},
		{"vneid gửi mã 4 8 2 9 1 3, em đọc cho bạn nhé", "otp_code", []string{"4 8 2 9", "482913"}},
		{"đăng ký tạm trú giúp tôi, tôi tên Nguyễn Văn An sinh 1980", answer.FlagPersonalData, []string{"Nguyễn Văn", "Văn An"}},
		{"chị Nguyễn Thị Hoà hàng xóm nhờ hỏi thẻ hết hạn đổi ở đâu", answer.FlagPersonalData, []string{"Nguyễn Thị", "Thị Hoà"}},
		{"Ngày sinh 12/03/1975, tôi quên mật khẩu vneid, lấy lại giúp tôi", answer.FlagPersonalData, []string{"12/03/1975", "03/1975"}},
	}
	for _, tt := range tests {
		body, _ := json.Marshal(map[string]string{"text": tt.text})
		rec := do(s, "POST", "/api/v1/ask", "application/json", string(body))
		if rec.Code != 200 {
			t.Fatalf("POST %q: status %d %s", tt.text, rec.Code, rec.Body)
		}
		var r answer.Reply
		if err := json.Unmarshal(rec.Body.Bytes(), &r); err != nil {
			t.Fatalf("POST %q: %v", tt.text, err)
		}
		if r.Kind != answer.KindSafety || !strings.Contains(strings.Join(r.Flags, ","), tt.flag) {
			t.Errorf("POST %q: kind %s flags %v, want safety with %s", tt.text, r.Kind, r.Flags, tt.flag)
		}
		for what, out := range map[string]string{"query": r.Query, "text": r.Text, "log": logs.String()} {
			for _, sec := range tt.secrets {
				if strings.Contains(out, sec) {
					t.Errorf("POST %q: the %s echoes %q", tt.text, what, sec)
				}
			}
		}
	}
}
