package staff

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vneidbot/vneidbot/internal/answer"
	"github.com/vneidbot/vneidbot/internal/store"
)

const token = "s3cret-staff-token-0123456789"

type fakeStore struct{ xs []store.Exchange }

func (f fakeStore) List(ctx context.Context, q store.Query) ([]store.Exchange, error) {
	var out []store.Exchange
	for _, x := range f.xs {
		if q.Down && x.Vote != store.VoteDown {
			continue
		}
		out = append(out, x)
	}
	return out, nil
}

type fakeKB struct{}

func (fakeKB) Answer(_ context.Context, text string) answer.Reply {
	return answer.Reply{Query: text, Kind: answer.KindClarify, Text: "Bạn muốn hỏi **mục nào**?", Score: 0.37, Margin: 0.01,
		Options: []answer.Option{{ID: "vneid-quen-mat-khau", Title: "Quên mật khẩu VNeID"}},
		Ranked:  []answer.Option{{ID: "vneid-quen-mat-khau", Title: "Quên mật khẩu VNeID"}, {ID: "vneid-khoa", Title: "Tài khoản bị khóa"}}}
}

func (fakeKB) Entry(id string) (answer.Reply, bool) {
	if id == "vneid-khoa" {
		return answer.Reply{ID: id, Title: "Tài khoản bị khóa", Text: "Mở khóa tài khoản <b>VNeID</b>"}, true
	}
	return answer.Reply{}, false
}

var now = time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)

func newConsole(t *testing.T, logs *bytes.Buffer) *Console {
	t.Helper()
	faqDir := t.TempDir()
	os.WriteFile(filepath.Join(faqDir, "bot.yaml"), []byte(""), 0o644)
	xs := []store.Exchange{
		{ID: fmt.Sprintf("%032x", 1), Time: now.Add(-time.Hour), Channel: "http", Text: "đổi bằng lái xe <script>", Norm: "doi bang lai xe script", Kind: "fallback"},
		{ID: fmt.Sprintf("%032x", 2), Time: now.Add(-2 * time.Hour), Channel: "http", Text: "vneid bị khóa thì sao", Norm: "vneid bi khoa thi sao",
			Kind: "answer", Entry: "vneid-khoa", Confidence: 0.8, Vote: store.VoteDown, Reason: "không đúng", RunnersUp: []string{"vneid-quen-mat-khau"}},
	}
	c := New(slog.New(slog.NewTextHandler(logs, nil)), fakeStore{xs}, Options{Token: token, FAQDir: "../faq/testdata/faq-good", Now: func() time.Time { return now }})
	c.SetAnswerer(fakeKB{})
	return c
}

func req(c http.Handler, method, path string, form url.Values, cookie *http.Cookie) *httptest.ResponseRecorder {
	var body *strings.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	} else {
		body = strings.NewReader("")
	}
	r := httptest.NewRequest(method, "http://bot.example"+path, body)
	r.RemoteAddr = "192.0.2.7:5555"
	if form != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.Header.Set("Origin", "http://bot.example")
	}
	if cookie != nil {
		r.AddCookie(cookie)
	}
	w := httptest.NewRecorder()
	c.ServeHTTP(w, r)
	return w
}

func login(t *testing.T, c http.Handler) *http.Cookie {
	t.Helper()
	w := req(c, "POST", "/staff/login", url.Values{"token": {token}}, nil)
	if w.Code != http.StatusSeeOther {
		t.Fatalf("login: %d %s", w.Code, w.Body)
	}
	for _, ck := range w.Result().Cookies() {
		if ck.Name == cookieName {
			if !ck.HttpOnly || ck.SameSite != http.SameSiteStrictMode || strings.Contains(ck.Value, token) {
				t.Errorf("cookie %+v", ck)
			}
			return ck
		}
	}
	t.Fatal("no session cookie")
	return nil
}

func TestLoginAndPages(t *testing.T) {
	var logs bytes.Buffer
	c := newConsole(t, &logs)
	// Not logged in: the login form, and other pages redirect to it.
	if w := req(c, "GET", "/staff/", nil, nil); w.Code != 200 || !strings.Contains(w.Body.String(), `name="token"`) {
		t.Errorf("GET /staff/ logged out: %d", w.Code)
	}
	for _, p := range []string{"/staff/gaps", "/staff/feedback", "/staff/playground", "/staff/entries"} {
		if w := req(c, "GET", p, nil, nil); w.Code != http.StatusSeeOther {
			t.Errorf("GET %s logged out: %d, want 303", p, w.Code)
		}
	}
	if w := req(c, "POST", "/staff/login", url.Values{"token": {"wrong"}}, nil); w.Code != http.StatusUnauthorized {
		t.Errorf("wrong token: %d", w.Code)
	}
	ck := login(t, c)
	tests := []struct {
		method, path string
		form         url.Values
		want         []string
		not          []string
	}{
		{"GET", "/staff/", nil, []string{`<b id="gap-count">2</b>`, "Đăng xuất"}, nil},
		{"GET", "/staff/gaps?days=30", nil, []string{"Nhóm 1", "đổi bằng lái xe &lt;script&gt;", "Cần mục mới"}, []string{"<script>"}},
		{"GET", "/staff/feedback", nil, []string{"vneid bị khóa thì sao", "vneid-khoa", "Tài khoản bị khóa", "Lý do: không đúng", "Mở khóa tài khoản &lt;b&gt;VNeID"}, nil},
		{"POST", "/staff/playground", url.Values{"q": {"quen mk"}}, []string{"hỏi lại", "Độ tin cậy 37%", "<ol><li><code>vneid-quen-mat-khau</code>", "Bạn muốn hỏi mục nào?"}, nil},
		{"GET", "/staff/entries", nil, []string{"ngày trước", "<code>", "Dữ kiện sắp hết hiệu lực"}, nil},
	}
	for _, tt := range tests {
		w := req(c, tt.method, tt.path, tt.form, ck)
		body := w.Body.String()
		if w.Code != 200 {
			t.Errorf("%s %s: %d %s", tt.method, tt.path, w.Code, body)
			continue
		}
		for _, s := range tt.want {
			if !strings.Contains(body, s) {
				t.Errorf("%s %s lacks %q", tt.method, tt.path, s)
			}
		}
		for _, s := range tt.not {
			if strings.Contains(body, s) {
				t.Errorf("%s %s has %q", tt.method, tt.path, s)
			}
		}
		if strings.Contains(body, token) {
			t.Errorf("%s %s shows the token", tt.method, tt.path)
		}
	}
	if strings.Contains(logs.String(), token) || strings.Contains(logs.String(), "quen mk") {
		t.Errorf("logs hold the token or a playground question:\n%s", logs.String())
	}
	// Logout clears the cookie.
	w := req(c, "POST", "/staff/logout", url.Values{}, ck)
	if cks := w.Result().Cookies(); len(cks) != 1 || cks[0].MaxAge >= 0 {
		t.Errorf("logout cookies %+v", cks)
	}
}

func TestSession(t *testing.T) {
	c := newConsole(t, &bytes.Buffer{})
	ck := login(t, c)
	other := New(slog.New(slog.DiscardHandler), fakeStore{}, Options{Token: "another-token", Now: func() time.Time { return now }})
	later := New(slog.New(slog.DiscardHandler), fakeStore{}, Options{Token: token, Now: func() time.Time { return now.Add(13 * time.Hour) }})
	forged := *ck
	forged.Value = strings.Replace(ck.Value, ck.Value[:3], "999", 1)
	tests := []struct {
		name string
		c    http.Handler
		ck   *http.Cookie
		want int
	}{
		{"valid", c, ck, 200},
		{"other token", other, ck, http.StatusSeeOther},
		{"expired", later, ck, http.StatusSeeOther},
		{"forged expiry", c, &forged, http.StatusSeeOther},
		{"garbage", c, &http.Cookie{Name: cookieName, Value: "x"}, http.StatusSeeOther},
	}
	for _, tt := range tests {
		if w := req(tt.c, "GET", "/staff/gaps", nil, tt.ck); w.Code != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, w.Code, tt.want)
		}
	}
}

func TestCrossOriginAndLimit(t *testing.T) {
	c := newConsole(t, &bytes.Buffer{})
	r := httptest.NewRequest("POST", "http://bot.example/staff/login", strings.NewReader("token="+token))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("Origin", "https://evil.example")
	w := httptest.NewRecorder()
	c.ServeHTTP(w, r)
	if w.Code != http.StatusForbidden {
		t.Errorf("cross-origin login: %d", w.Code)
	}
	codes := map[int]int{}
	for i := 0; i < 12; i++ {
		codes[req(c, "POST", "/staff/login", url.Values{"token": {"guess"}}, nil).Code]++
	}
	if codes[http.StatusTooManyRequests] != 2 || codes[http.StatusUnauthorized] != 10 {
		t.Errorf("12 guesses: %v, want 10 refused then 2 limited", codes)
	}
}

func TestEmptyTokenNeverLogsIn(t *testing.T) {
	c := New(slog.New(slog.DiscardHandler), fakeStore{}, Options{Now: func() time.Time { return now }})
	if w := req(c, "POST", "/staff/login", url.Values{"token": {""}}, nil); w.Code != http.StatusUnauthorized {
		t.Errorf("empty token logged in: %d", w.Code)
	}
}

func TestSameOrigin(t *testing.T) {
	tests := []struct {
		h    map[string]string
		want bool
	}{
		{map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": "null"}, true},
		{map[string]string{"Sec-Fetch-Site": "cross-site"}, false},
		{map[string]string{"Sec-Fetch-Site": "same-site", "Origin": "http://bot.example"}, false},
		{map[string]string{"Origin": "http://bot.example"}, true},
		{map[string]string{"Origin": "null"}, false},
		{map[string]string{"Referer": "http://evil.example/x"}, false},
		{map[string]string{}, true},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("POST", "http://bot.example/staff/login", nil)
		for k, v := range tt.h {
			r.Header.Set(k, v)
		}
		if got := sameOrigin(r); got != tt.want {
			t.Errorf("%v: %v, want %v", tt.h, got, tt.want)
		}
	}
}

func TestPlaygroundExplain(t *testing.T) {
	c := New(slog.New(slog.DiscardHandler), fakeStore{}, Options{Token: token, Now: func() time.Time { return now },
		Explain: func(_ context.Context, text string) any {
			return map[string]any{"decision": map[string]string{"rule": "clarify: two entries close"}, "text_len": len(text)}
		}})
	c.SetAnswerer(fakeKB{})
	ck := login(t, c)
	w := req(c, "POST", "/staff/playground", url.Values{"q": {"quen mk"}}, ck)
	if body := w.Body.String(); !strings.Contains(body, `id="explain"`) || !strings.Contains(body, "clarify: two entries close") {
		t.Errorf("playground without the explanation:\n%s", body)
	}
}

// The entries page lists a fee cut that ends soon with the value the bot switches to, and
// whether the sources must be checked (facts.yaml checked:, the lint's rule); a hand-over
// already made is not listed.
func TestEntriesFactHandOver(t *testing.T) {
	for _, tc := range []struct {
		day       time.Time
		want, not []string
	}{
		{
			day: time.Date(2026, 12, 20, 9, 0, 0, 0, time.UTC),
			want: []string{
				"<code>fee.cap_doi</code>: «25.000 đồng» có hiệu lực đến 2026-12-31, sau đó bot tự chuyển sang «50.000 đồng»",
				"(còn 11 ngày)",
				"cần kiểm tra nguồn: có quy định mới gia hạn hay thay đổi không",
				"<code>fee.cap_lai</code>: «35.000 đồng»",
				"đã kiểm tra nguồn ngày 2026-12-10", // 10 days old: quiet
			},
		},
		{
			day:  time.Date(2026, 12, 30, 9, 0, 0, 0, time.UTC),
			want: []string{"cần kiểm tra nguồn lại (lần cuối 2026-12-10)"}, // 20 days old: asked again
			not:  []string{"đã kiểm tra nguồn ngày"},
		},
		{
			day: time.Date(2027, 1, 2, 9, 0, 0, 0, time.UTC),
			not: []string{"fee.cap_doi", "fee.cap_lai"},
		},
	} {
		c := New(slog.New(slog.NewTextHandler(io.Discard, nil)), fakeStore{}, Options{Token: token, FAQDir: "../faq/testdata/faq-facts", Now: func() time.Time { return tc.day }})
		w := req(c, "GET", "/staff/entries", nil, login(t, c))
		body := w.Body.String()
		if w.Code != 200 {
			t.Fatalf("%s: GET /staff/entries: %d %s", tc.day, w.Code, body)
		}
		for _, want := range tc.want {
			if !strings.Contains(body, want) {
				t.Errorf("%s: entries page lacks %q", tc.day.Format(time.DateOnly), want)
			}
		}
		for _, not := range tc.not {
			if strings.Contains(body, not) {
				t.Errorf("%s: entries page has %q", tc.day.Format(time.DateOnly), not)
			}
		}
	}
}
