package metrics

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestHandlerExposesMetrics(t *testing.T) {
	m := New()
	m.SetIndexSource(func() IndexStats { return IndexStats{Entries: 42, Reloads: 3, ReloadErrors: 1, SearchErrors: 2} })
	m.HTTPRequests.WithLabelValues("POST /api/v1/ask", "200").Inc()
	m.Replies.WithLabelValues("web", "answer").Inc()
	m.TelegramSendErrors.WithLabelValues("sendMessage", "too_many_requests").Inc()
	m.RateLimited.WithLabelValues("telegram").Inc()
	m.HTTPDuration.WithLabelValues("POST /api/v1/ask").Observe(0.01)

	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	for _, want := range []string{
		`vneidbot_index_entries 42`,
		`vneidbot_index_reloads_total 3`,
		`vneidbot_index_reload_errors_total 1`,
		`vneidbot_search_errors_total 2`,
		`vneidbot_http_requests_total{code="200",route="POST /api/v1/ask"} 1`,
		`vneidbot_replies_total{channel="web",kind="answer"} 1`,
		`vneidbot_telegram_send_errors_total{method="sendMessage",reason="too_many_requests"} 1`,
		`vneidbot_rate_limited_total{channel="telegram"} 1`,
		`vneidbot_http_request_duration_seconds_bucket{route="POST /api/v1/ask",le="0.01"} 1`,
		`go_goroutines`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics output lacks %q", want)
		}
	}
}

func TestTwoInstancesDoNotClash(t *testing.T) {
	New()
	New() // a global registry would panic on duplicate registration
}
