package httpapi

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/vneidbot/vneidbot/internal/answer"
	"github.com/vneidbot/vneidbot/internal/metrics"
)

type fakeKB struct{}

func (fakeKB) Answer(_ context.Context, text string) answer.Reply {
	if text == "panic" {
		panic("engine exploded")
	}
	return answer.Reply{Query: text, Kind: answer.KindAnswer, ID: "vneid-quen-passcode", Title: "Quên passcode",
		Text: "Chọn **Quên passcode**.", Score: 0.9, Margin: 0.4,
		Options: []answer.Option{{ID: "vneid-quen-mat-khau", Title: "Quên mật khẩu"}},
		Links:   []answer.Link{{Title: "VNeID", URL: "https://vneid.gov.vn"}}}
}

func (fakeKB) Entry(id string) (answer.Reply, bool) {
	if id != "vneid-quen-passcode" {
		return answer.Reply{}, false
	}
	return answer.Reply{Kind: answer.KindAnswer, ID: id, Text: "Chọn **Quên passcode**."}, true
}

func (fakeKB) Topics() []answer.Topic {
	return []answer.Topic{{Name: "Tài khoản VNeID", Entries: []answer.Option{{ID: "vneid-quen-passcode", Title: "Quên passcode"}}}}
}
func (fakeKB) Message(key string) string { return "msg:" + key }
func (fakeKB) Suggested() []answer.Option {
	return []answer.Option{{ID: "vneid-quen-passcode", Title: "Quên passcode"}}
}

func newServer(t *testing.T, opt Options) (*Server, *metrics.Metrics) {
	t.Helper()
	m := metrics.New()
	s := New(slog.New(slog.NewTextHandler(io.Discard, nil)), m, opt)
	s.SetAnswerer(fakeKB{})
	return s, m
}

func do(h http.Handler, method, path, ctype, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	req.RemoteAddr = "192.0.2.1:1234"
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestAsk(t *testing.T) {
	s, m := newServer(t, Options{})
	rec := do(s, "POST", "/api/v1/ask", "application/json; charset=utf-8", `{"text": "  quên passcode  "}`)
	if rec.Code != 200 {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type = %q", ct)
	}
	var got answer.Reply
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	want := fakeKB{}.Answer(context.Background(), "quên passcode")
	if got.Query != want.Query || got.Kind != want.Kind || got.ID != want.ID || got.Text != want.Text ||
		len(got.Options) != 1 || len(got.Links) != 1 || got.Score != want.Score {
		t.Errorf("reply = %+v, want %+v", got, want)
	}
	if v := sample(m, `vneidbot_replies_total{channel="http",kind="answer"}`); v != "1" {
		t.Errorf("replies metric = %q, want 1", v)
	}
	if v := sample(m, `vneidbot_http_requests_total{code="200",route="POST /api/v1/ask"}`); v != "1" {
		t.Errorf("requests metric = %q, want 1", v)
	}
}

func TestAskBadRequests(t *testing.T) {
	s, _ := newServer(t, Options{})
	long := strings.Repeat("ệ", 2001)
	tests := []struct {
		name, method, ctype, body string
		code                      int
		msg                       string
	}{
		{"no content type", "POST", "", `{"text":"a"}`, 415, "Content-Type"},
		{"form content type", "POST", "application/x-www-form-urlencoded", `text=a`, 415, "Content-Type"},
		{"empty body", "POST", "application/json", ``, 400, "empty"},
		{"not JSON", "POST", "application/json", `quên passcode`, 400, "not valid JSON"},
		{"cut JSON", "POST", "application/json", `{"text": "a`, 400, "not valid JSON"},
		{"array", "POST", "application/json", `["a"]`, 400, "JSON object"},
		{"text not a string", "POST", "application/json", `{"text": 42}`, 400, `"text" has the wrong type`},
		{"unknown field", "POST", "application/json", `{"txt": "a"}`, 400, `unknown field "txt"`},
		{"missing text", "POST", "application/json", `{}`, 400, `"text" is required`},
		{"null text", "POST", "application/json", `{"text": null}`, 400, `"text" is required`},
		{"blank text", "POST", "application/json", `{"text": "  \n "}`, 400, `"text" is empty`},
		{"two objects", "POST", "application/json", `{"text":"a"}{"text":"b"}`, 400, "exactly one"},
		{"text too long", "POST", "application/json", `{"text":"` + long + `"}`, 400, "longer than 2000"},
		{"body too large", "POST", "application/json", `{"text":"` + strings.Repeat("a", 30000) + `"}`, 413, "larger than 25024"},
		{"2001 emoji escaped", "POST", "application/json", `{"text":"` + strings.Repeat(`\ud83d\ude00`, 2001) + `"}`, 400, "longer than 2000"},
		{"GET", "GET", "", ``, 405, "use POST"},
		{"unknown endpoint", "GET", "", ``, 404, "no such"},
	}
	for _, tt := range tests {
		path := "/api/v1/ask"
		if tt.name == "unknown endpoint" {
			path = "/api/v2/ask"
		}
		rec := do(s, tt.method, path, tt.ctype, tt.body)
		var body struct{ Error string }
		json.Unmarshal(rec.Body.Bytes(), &body)
		if rec.Code != tt.code || !strings.Contains(body.Error, tt.msg) {
			t.Errorf("%s: %d %q, want %d with %q", tt.name, rec.Code, body.Error, tt.code, tt.msg)
		}
		if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("%s: Content-Type %q, want JSON", tt.name, ct)
		}
	}
}

func TestReadiness(t *testing.T) {
	m := metrics.New()
	s := New(slog.New(slog.NewTextHandler(io.Discard, nil)), m, Options{})
	for _, tt := range []struct{ path, method, ctype, body string }{
		{"/readyz", "GET", "", ""},
		{"/api/v1/ask", "POST", "application/json", `{"text":"a"}`},
	} {
		if rec := do(s, tt.method, tt.path, tt.ctype, tt.body); rec.Code != 503 || rec.Header().Get("Retry-After") == "" {
			t.Errorf("%s before loading: %d, want 503 with Retry-After", tt.path, rec.Code)
		}
	}
	if rec := do(s, "GET", "/healthz", "", ""); rec.Code != 200 {
		t.Errorf("/healthz before loading: %d, want 200", rec.Code)
	}
	s.SetAnswerer(fakeKB{})
	if rec := do(s, "GET", "/readyz", "", ""); rec.Code != 200 {
		t.Errorf("/readyz after loading: %d, want 200", rec.Code)
	}
}

func TestEntriesTopicsWelcome(t *testing.T) {
	s, _ := newServer(t, Options{})
	tests := []struct {
		path string
		code int
		has  string
	}{
		{"/api/v1/entries/vneid-quen-passcode", 200, `"id":"vneid-quen-passcode"`},
		{"/api/v1/entries/khong-co", 404, `"error"`},
		{"/api/v1/entries/..%2f..%2fetc", 404, `"error"`},
		{"/api/v1/entries/a/b", 404, `"no such API endpoint"`},
		{"/api/v1/entries/", 404, `"no such API endpoint"`},
		{"/api/v1/entries/%2e%2e/topics", 404, `"error"`},
		{"/api/v1/entries/%2e%2e/%2e%2e/x", 404, `"error"`},
		{"/api/v1/topics", 200, `"topics":[{"name":"Tài khoản VNeID"`},
		{"/api/v1/welcome", 200, `"text":"msg:welcome"`},
	}
	for _, tt := range tests {
		rec := do(s, "GET", tt.path, "", "")
		if rec.Code != tt.code || !strings.Contains(rec.Body.String(), tt.has) {
			t.Errorf("GET %s: %d %s, want %d with %s", tt.path, rec.Code, rec.Body, tt.code, tt.has)
		}
	}
}

// The longest allowed text, written the longest way JSON allows (an emoji as two \uXXXX
// escapes, as clients that escape everything non-ASCII send it), is accepted.
func TestWorstCaseEncodingAccepted(t *testing.T) {
	s, _ := newServer(t, Options{})
	for _, n := range []int{1000, 2000} {
		body := `{ "text" : "` + strings.Repeat(`\ud83d\ude00`, n) + `" }`
		if rec := do(s, "POST", "/api/v1/ask", "application/json", body); rec.Code != 200 {
			t.Errorf("%d emoji as escapes (%d bytes): %d %s, want 200", n, len(body), rec.Code, rec.Body)
		}
	}
}

// A known path asked with the wrong method says which one to use; anything else is a 404.
func TestMethodNotAllowedOnlyForKnownPaths(t *testing.T) {
	s, _ := newServer(t, Options{})
	for _, tt := range []struct {
		method, path string
		code         int
		allow        string
	}{
		{"POST", "/api/v1/entries/vneid-quen-passcode", 405, "GET"},
		{"DELETE", "/api/v1/topics", 405, "GET"},
		{"GET", "/api/v1/feedback", 405, "POST"},
		{"POST", "/api/v1/entries/a/b", 404, ""},
		{"POST", "/api/v1/entries/", 404, ""},
		{"GET", "/api/v1/nothing", 404, ""},
	} {
		rec := do(s, tt.method, tt.path, "application/json", "{}")
		if rec.Code != tt.code || rec.Header().Get("Allow") != tt.allow {
			t.Errorf("%s %s: %d Allow %q, want %d Allow %q", tt.method, tt.path, rec.Code, rec.Header().Get("Allow"), tt.code, tt.allow)
		}
	}
}

func TestFeedback(t *testing.T) {
	s, m := newServer(t, Options{})
	tests := []struct {
		body string
		code int
	}{
		{`{"id":"vneid-quen-passcode","vote":"up"}`, 204},
		{`{"id":"vneid-quen-passcode","vote":"meh"}`, 400},
		{`{"id":"khong-co","vote":"down"}`, 400},
		{`{"id":"vneid-quen-passcode"`, 400},
	}
	for _, tt := range tests {
		if rec := do(s, "POST", "/api/v1/feedback", "application/json", tt.body); rec.Code != tt.code {
			t.Errorf("feedback %s: %d, want %d", tt.body, rec.Code, tt.code)
		}
	}
	if v := sample(m, `vneidbot_feedback_total{channel="http",vote="up"}`); v != "1" {
		t.Errorf("feedback metric = %q, want 1", v)
	}
}

func TestPanicIsA500(t *testing.T) {
	s, m := newServer(t, Options{})
	rec := do(s, "POST", "/api/v1/ask", "application/json", `{"text":"panic"}`)
	if rec.Code != 500 || !strings.Contains(rec.Body.String(), `"error"`) {
		t.Errorf("panicking handler: %d %s, want a JSON 500", rec.Code, rec.Body)
	}
	if v := sample(m, `vneidbot_panics_total{where="http"}`); v != "1" {
		t.Errorf("panics metric = %q", v)
	}
	if rec := do(s, "POST", "/api/v1/ask", "application/json", `{"text":"ok"}`); rec.Code != 200 {
		t.Errorf("after a panic: %d, want 200", rec.Code)
	}
}

func TestClientLimit(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s, m := newServer(t, Options{ClientLimit: 3, Now: func() time.Time { return now }})
	codes := []int{}
	for range 5 {
		codes = append(codes, do(s, "GET", "/api/v1/topics", "", "").Code)
	}
	if want := []int{200, 200, 200, 429, 429}; !equal(codes, want) {
		t.Errorf("codes %v, want %v", codes, want)
	}
	rec := do(s, "GET", "/api/v1/topics", "", "")
	if rec.Header().Get("Retry-After") != "60" {
		t.Errorf("Retry-After = %q, want 60", rec.Header().Get("Retry-After"))
	}
	if do(s, "GET", "/healthz", "", "").Code != 200 {
		t.Errorf("the limit applies to /healthz")
	}
	now = now.Add(time.Minute)
	if c := do(s, "GET", "/api/v1/topics", "", "").Code; c != 200 {
		t.Errorf("after the window: %d, want 200", c)
	}
	if v := sample(m, `vneidbot_rate_limited_total{channel="http"}`); v != "3" {
		t.Errorf("rate limited metric = %q, want 3", v)
	}
}

func TestWebChat(t *testing.T) {
	s, _ := newServer(t, Options{})
	rec := do(s, "GET", "/", "", "")
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `lang="vi"`) || !strings.Contains(rec.Body.String(), "viewport") {
		t.Fatalf("GET /: %d, want the Vietnamese, phone-friendly page", rec.Code)
	}
	if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
		t.Errorf("CSP = %q", csp)
	}
	for _, p := range []string{"/static/app.js", "/static/style.css"} {
		if rec := do(s, "GET", p, "", ""); rec.Code != 200 || rec.Body.Len() < 100 {
			t.Errorf("GET %s: %d", p, rec.Code)
		}
	}
	js := do(s, "GET", "/static/app.js", "", "").Body.String()
	for _, want := range []string{"/api/v1/ask", "escapeHTML", "<strong>$1</strong>", "/api/v1/feedback"} {
		if !strings.Contains(js, want) {
			t.Errorf("app.js lacks %q", want)
		}
	}
	for _, p := range []string{"/static/", "/static/nope.js", "/nope"} {
		if rec := do(s, "GET", p, "", ""); rec.Code != 404 {
			t.Errorf("GET %s: %d, want 404", p, rec.Code)
		}
	}
}

func TestHandleNamesRoute(t *testing.T) {
	s, m := newServer(t, Options{})
	s.Handle("POST /hook/s3cr3t-path", "telegram_webhook", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusForbidden)
	}))
	do(s, "POST", "/hook/s3cr3t-path", "", "")
	if v := sample(m, `vneidbot_http_requests_total{code="403",route="telegram_webhook"}`); v != "1" {
		t.Errorf("webhook metric = %q, want 1", v)
	}
	if out := metricsText(m); strings.Contains(out, "s3cr3t") {
		t.Errorf("metrics show the webhook path")
	}
}

func TestMetricsEndpoint(t *testing.T) {
	s, m := newServer(t, Options{})
	m.SetIndexSource(func() metrics.IndexStats { return metrics.IndexStats{Entries: 7} })
	rec := do(s, "GET", "/metrics", "", "")
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), "vneidbot_index_entries 7") {
		t.Errorf("GET /metrics: %d, want the index gauge", rec.Code)
	}
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func metricsText(m *metrics.Metrics) string {
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	return rec.Body.String()
}

func sample(m *metrics.Metrics, series string) string {
	for _, line := range strings.Split(metricsText(m), "\n") {
		if v, ok := strings.CutPrefix(line, series+" "); ok {
			return v
		}
	}
	return ""
}

// A reply goes out in one piece with its length (not chunked), over a real connection too.
func TestReplyHasContentLength(t *testing.T) {
	s, _ := newServer(t, Options{})
	s.SetAnswerer(sizedKB{})
	srv := httptest.NewServer(s)
	defer srv.Close()
	resp, err := http.Post(srv.URL+"/api/v1/ask", "application/json", strings.NewReader(`{"text":"quên passcode"}`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || resp.ContentLength != int64(len(body)) || len(resp.TransferEncoding) > 0 {
		t.Errorf("status %d, Content-Length %d, Transfer-Encoding %v for a %d-byte body; want 200 and the length",
			resp.StatusCode, resp.ContentLength, resp.TransferEncoding, len(body))
	}
	if len(body) < 2048 {
		t.Errorf("the reply is %d bytes: too small to show chunking", len(body))
	}
}
