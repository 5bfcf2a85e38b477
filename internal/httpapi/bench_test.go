package httpapi

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/vneidbot/vneidbot/internal/answer"
	"github.com/vneidbot/vneidbot/internal/metrics"
)

// sizedKB answers every question with a reply the size of a real one (about 2.7 kB of JSON:
// a 1,100-character Vietnamese text, options, a link, six ranked entries), instantly, so the
// benchmark below measures the HTTP layer alone.
type sizedKB struct{ fakeKB }

func (sizedKB) Answer(_ context.Context, text string) answer.Reply {
	var ranked []answer.Option
	for _, t := range []string{"Quên passcode VNeID thì lấy lại thế nào?", "Quên mật khẩu VNeID", "Không nhận được mã OTP",
		"Đổi số điện thoại VNeID", "Khóa tài khoản định danh", "Đăng nhập VNeID trên máy mới"} {
		ranked = append(ranked, answer.Option{ID: "vneid-" + strings.ToLower(strings.ReplaceAll(t[:6], " ", "-")), Title: t})
	}
	return answer.Reply{Query: text, Kind: answer.KindAnswer, ID: "vneid-quen-passcode", Title: ranked[0].Title,
		Text:  strings.Repeat("Bạn có thể tự đặt lại passcode ngay trong ứng dụng **VNeID**, chỉ cần nhận được mã OTP.\n", 12),
		Score: 0.805, Margin: 0.199, Options: ranked[1:5], Links: []answer.Link{{Title: "Cổng VNeID", URL: "https://vneid.gov.vn"}},
		Ranked: ranked}
}

// BenchmarkAskHandler is POST /api/v1/ask without the answer: routing, the per-client limit,
// decoding, metrics, the log line (info, as served) and the JSON reply. Compare its ns/op with
// the answer benchmarks to see what the HTTP layer adds.
func BenchmarkAskHandler(b *testing.B) {
	s := New(slog.New(slog.NewTextHandler(io.Discard, nil)), metrics.New(), Options{ClientLimit: 1 << 30})
	s.SetAnswerer(sizedKB{})
	body := `{"text": "quên passcode vneid thì làm sao"}`
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest("POST", "/api/v1/ask", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.RemoteAddr = "192.0.2.1:1234"
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
	s.FlushLogs()
}
