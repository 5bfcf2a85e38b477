package service

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/vneidbot/vneidbot/internal/answer"
	"github.com/vneidbot/vneidbot/internal/telegram/telegramtest"
)

const (
	serveFAQ  = "../faq/testdata/faq-good"
	testToken = "123456:SERVE-test-token-secret"
)

// copyFAQ copies the small valid FAQ to a temporary directory the test may edit.
func copyFAQ(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files, err := os.ReadDir(serveFAQ)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(serveFAQ, f.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// writeAtomic replaces a file the way careful editors do, so the watcher never sees half of it.
func writeAtomic(t *testing.T, path, content string) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(path), ".tmp-"+filepath.Base(path))
	if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

type serveRun struct {
	t      testing.TB
	stderr *telegramtest.Logs
	base   string // http://127.0.0.1:port
	cancel context.CancelFunc
	done   chan int
	code   int
	exited bool
}

var listenRE = regexp.MustCompile(`msg=serve.listening addr=(\S+)`)

// testConfig is the configuration `vneidbot serve` gets by default, on a free loopback port
// with a temporary index.
func testConfig(t testing.TB, faqDir string) Config {
	return Config{
		HTTPAddr: "127.0.0.1:0", FAQDir: faqDir, IndexDir: t.TempDir(), ReloadEvery: 2 * time.Second,
		LogLevel: "info", Workers: 8, ChatLimit: 20, APILimit: 60,
	}
}

// startServe runs the service with cfg until the test ends; set(cfg) adjusts it.
func startServe(t testing.TB, cfg Config) *serveRun {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r := &serveRun{t: t, stderr: &telegramtest.Logs{}, cancel: cancel, done: make(chan int, 1)}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(r.stderr, &slog.HandlerOptions{Level: cfg.Level()}))
	}
	go func() {
		err := Run(ctx, cfg)
		if err != nil {
			WriteError(r.stderr, "serve", err)
		}
		r.done <- ExitCode(err)
	}()
	t.Cleanup(func() {
		r.stop()
		if t.Failed() || os.Getenv("VNEIDBOT_TEST_LOGS") != "" {
			t.Logf("serve logs:\n%s", r.stderr.String())
		}
	})
	deadline := time.Now().Add(20 * time.Second)
	for {
		if m := listenRE.FindStringSubmatch(r.stderr.String()); m != nil {
			r.base = "http://" + m[1]
			break
		}
		select {
		case code := <-r.done:
			r.code, r.exited = code, true
			t.Fatalf("serve exited with %d before listening:\n%s", code, r.stderr.String())
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start listening:\n%s", r.stderr.String())
		}
	}
	r.waitFor("readiness", func() bool { return r.get("/readyz") == 200 })
	return r
}

// stop cancels the context (SIGTERM) and returns the exit code.
func (r *serveRun) stop() int {
	r.t.Helper()
	if r.exited {
		return r.code
	}
	r.cancel()
	select {
	case r.code = <-r.done:
		r.exited = true
	case <-time.After(15 * time.Second):
		r.t.Fatalf("serve did not stop after the signal:\n%s", r.stderr.String())
	}
	return r.code
}

func (r *serveRun) waitFor(what string, cond func() bool) {
	r.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			r.t.Fatalf("timed out waiting for %s:\n%s", what, r.stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

var client = &http.Client{Timeout: 10 * time.Second}

func (r *serveRun) get(path string) int {
	resp, err := client.Get(r.base + path)
	if err != nil {
		return 0
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

func (r *serveRun) ask(text string) (answer.Reply, int, error) {
	body, _ := json.Marshal(map[string]string{"text": text})
	resp, err := client.Post(r.base+"/api/v1/ask", "application/json", bytes.NewReader(body))
	if err != nil {
		return answer.Reply{}, 0, err
	}
	defer resp.Body.Close()
	var rep answer.Reply
	err = json.NewDecoder(resp.Body).Decode(&rep)
	return rep, resp.StatusCode, err
}

func (r *serveRun) metric(series string) float64 { return scrapeMetric(r.base, series, -1) }

// scrapeMetric reads one series from base's /metrics: its value, missing when the series is
// not there (yet), -1 when /metrics cannot be read.
func scrapeMetric(base, series string, missing float64) float64 {
	resp, err := client.Get(base + "/metrics")
	if err != nil {
		return -1
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, series+" "); ok {
			f, _ := strconv.ParseFloat(v, 64)
			return f
		}
	}
	return missing
}

func TestServeHTTPAndTelegram(t *testing.T) {
	api := telegramtest.New(t)
	r := startServe(t, withTelegram(testConfig(t, serveFAQ), TelegramConfig{Token: testToken, APIURL: api.URL}))

	rep, code, err := r.ask("quên passcode vneid")
	if err != nil || code != 200 || rep.Kind != answer.KindAnswer || rep.ID != "vneid-quen-passcode" {
		t.Errorf("POST /api/v1/ask: %d %v %+v, want the passcode entry", code, err, rep)
	}
	if c := r.get("/"); c != 200 {
		t.Errorf("GET / (web chat): %d", c)
	}
	if c := r.get("/healthz"); c != 200 {
		t.Errorf("GET /healthz: %d", c)
	}

	api.SendText(1, "quên passcode vneid")
	got := api.WaitSent(t, 1, 1)[0]
	if !strings.Contains(got.Text(), "<b>Quên passcode</b>") || got.Params["parse_mode"] != "HTML" {
		t.Errorf("Telegram answer = %.200q", got.Text())
	}
	if n := r.metric(`vneidbot_replies_total{channel="telegram",kind="answer"}`); n != 1 {
		t.Errorf("telegram replies metric = %v, want 1", n)
	}
	if n := r.metric("vneidbot_index_entries"); n != 9 {
		t.Errorf("index entries metric = %v, want 9", n)
	}

	if code := r.stop(); code != 0 {
		t.Errorf("exit code after the signal = %d, want 0", code)
	}
	logs := r.stderr.String()
	for _, s := range []string{"SERVE-test-token", api.URL, "quên passcode"} {
		if strings.Contains(logs, s) {
			t.Errorf("logs contain %q", s)
		}
	}
	if !strings.Contains(logs, "config.token=123456:***") {
		t.Errorf("logs do not show the masked token")
	}
	order := []string{"msg=serve.stopping", "msg=telegram.stopped", "msg=serve.stopped"}
	last := -1
	for _, s := range order {
		i := strings.Index(logs, s)
		if i < 0 {
			t.Errorf("shutdown: %q is not logged (want %v in order)", s, order)
			continue
		}
		if i < last {
			t.Errorf("shutdown out of order: %q comes before the line above it (want %v)", s, order)
		}
		last = i
	}
}

func TestServeGracefulStopDeliversInFlight(t *testing.T) {
	api := telegramtest.New(t)
	r := startServe(t, withTelegram(testConfig(t, serveFAQ), TelegramConfig{Token: testToken, APIURL: api.URL}))
	hold := make(chan struct{})
	api.Fail("sendMessage", telegramtest.Fault{Hold: hold})
	api.SendText(2, "quên passcode vneid")
	api.WaitFor(t, "the reply in flight", func(s *telegramtest.Server) bool { return len(s.Calls("sendMessage")) == 1 })

	start := time.Now()
	r.cancel() // SIGTERM
	time.Sleep(200 * time.Millisecond)
	select {
	case code := <-r.done:
		r.code, r.exited = code, true
		t.Fatalf("serve exited (%d) with a reply in flight", code)
	default:
	}
	close(hold)
	if code := r.stop(); code != 0 {
		t.Errorf("exit code %d, want 0", code)
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("stopping took %v, want under 10s", took)
	}
	if c := api.Calls("sendMessage")[0]; c.Status != 200 {
		t.Errorf("in-flight reply status %d, want delivered", c.Status)
	}
}

func TestServeWebhook(t *testing.T) {
	api := telegramtest.New(t)
	const secret = "serve_webhook-SECRET"
	r := startServe(t, withTelegram(testConfig(t, serveFAQ), TelegramConfig{Token: testToken, APIURL: api.URL,
		WebhookURL: "https://bot.example.vn/tg/hook-7f3a", WebhookSecret: secret}))
	api.WaitFor(t, "setWebhook", func(s *telegramtest.Server) bool { return len(s.Calls("setWebhook")) == 1 })
	if sw := api.Calls("setWebhook")[0]; sw.Params["secret_token"] != secret || sw.Params["url"] != "https://bot.example.vn/tg/hook-7f3a" {
		t.Errorf("setWebhook = %v", sw.Params)
	}
	update, _ := json.Marshal(telegramtest.TextUpdate(1, 3, 1, "quên passcode vneid"))
	post := func(secret string) int {
		req, _ := http.NewRequest("POST", r.base+"/tg/hook-7f3a", bytes.NewReader(update))
		req.Header.Set("Content-Type", "application/json")
		if secret != "" {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for _, tt := range []struct {
		secret string
		want   int
	}{{"", 401}, {"wrong", 403}, {secret, 200}} {
		if got := post(tt.secret); got != tt.want {
			t.Errorf("webhook with secret %q: %d, want %d", tt.secret, got, tt.want)
		}
	}
	if sent := api.WaitSent(t, 3, 1); !strings.Contains(sent[0].Text(), "Quên passcode") {
		t.Errorf("webhook update answered with %.100q", sent[0].Text())
	}
	if n := len(api.Calls("deleteWebhook")); n != 0 {
		t.Errorf("webhook mode deleted the webhook")
	}
	if n := r.metric(`vneidbot_http_requests_total{code="403",route="telegram_webhook"}`); n != 1 {
		t.Errorf("webhook 403 metric = %v, want 1", n)
	}
	if strings.Contains(r.stderr.String(), secret) || strings.Contains(r.stderr.String(), "hook-7f3a") {
		t.Errorf("logs show the webhook secret or path")
	}

	// Telegram redelivers an update whose acknowledgement it missed: acknowledged, not answered again.
	if got := post(secret); got != 200 {
		t.Errorf("redelivered update: %d, want 200", got)
	}
	other, _ := json.Marshal(telegramtest.TextUpdate(2, 3, 2, "không nhận được mã otp"))
	update = other
	if got := post(secret); got != 200 {
		t.Errorf("next update: %d, want 200", got)
	}
	api.WaitSent(t, 3, 2) // the next update is answered, so the redelivery has been handled too
	if n := len(api.Sent(3)); n != 2 {
		t.Errorf("chat got %d replies for 2 distinct updates and 1 redelivery, want 2", n)
	}
	if n := r.metric(`vneidbot_telegram_dropped_total{reason="duplicate"}`); n != 1 {
		t.Errorf("duplicate metric = %v, want 1", n)
	}

	// A flood of bad secrets writes one line, then (when the window closes or at shutdown) a count.
	before := strings.Count(r.stderr.String(), "\n")
	for range 500 {
		post("wrong")
	}
	if n := strings.Count(r.stderr.String(), "\n") - before; n > 0 {
		t.Errorf("500 requests with a wrong secret wrote %d more log lines, want 0 within the minute", n)
	}
	r.stop()
	if !strings.Contains(r.stderr.String(), "msg=telegram.webhook_bad_secret suppressed=500") {
		t.Errorf("the count of bad-secret requests is not logged at shutdown:\n%s", r.stderr.String())
	}
	if n := strings.Count(r.stderr.String(), "webhook_bad_secret"); n != 2 {
		t.Errorf("%d bad-secret log lines for 501 requests, want 2 (the first and the count)", n)
	}
}

// newEntry is a valid entry appended to a topic file to see a reload take effect.
const newEntry = `
  - id: vneid-muc-moi-them
    title: Mục mới thêm khi đang chạy
    questions:
      - mục mới thêm khi đang chạy
      - câu hỏi hoàn toàn mới về con kỳ lân
      - kỳ lân vneid
    answer: |
      Đây là câu trả lời mới.
    sources:
      - https://vneid.gov.vn
    reviewed: 2026-01-15
`

func TestServeReloadUnderLoad(t *testing.T) {
	dir := copyFAQ(t)
	cfg := testConfig(t, dir)
	cfg.ReloadEvery, cfg.APILimit = 100*time.Millisecond, 0
	r := startServe(t, cfg)

	var ok, failed atomic.Int64
	var firstFailure atomic.Value
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 5000; i++ { // bounded, whatever happens
				select {
				case <-stop:
					return
				default:
				}
				var err error
				if (i+w)%2 == 0 {
					var rep answer.Reply
					var code int
					rep, code, err = r.ask("quên passcode vneid")
					if err == nil && (code != 200 || rep.ID != "vneid-quen-passcode") {
						err = fmt.Errorf("ask: %d %q", code, rep.ID)
					}
				} else if code := r.get("/api/v1/entries/vneid-quen-passcode"); code != 200 {
					err = fmt.Errorf("entry: %d", code)
				}
				if err != nil {
					failed.Add(1)
					firstFailure.CompareAndSwap(nil, err.Error())
				} else {
					ok.Add(1)
				}
			}
		}()
	}

	// A clean change is picked up by the watcher and swapped in.
	topic := filepath.Join(dir, "tai-khoan-vneid.yaml")
	orig, err := os.ReadFile(topic)
	if err != nil {
		t.Fatal(err)
	}
	writeAtomic(t, topic, string(orig)+newEntry)
	r.waitFor("the new entry after the reload", func() bool { return r.get("/api/v1/entries/vneid-muc-moi-them") == 200 })

	// A broken file is refused: the service keeps the last good version.
	writeAtomic(t, filepath.Join(dir, "hong.yaml"), "topic: Hỏng\nentries:\n  - id: Không Hợp Lệ\n")
	r.waitFor("the reload error", func() bool { return r.metric("vneidbot_index_reload_errors_total") >= 1 })
	if code := r.get("/api/v1/entries/vneid-muc-moi-them"); code != 200 {
		t.Errorf("after a refused reload the last good version is gone: %d", code)
	}
	close(stop)
	wg.Wait()

	if n := failed.Load(); n > 0 {
		t.Errorf("%d of %d requests failed during reloads; first: %v", n, n+ok.Load(), firstFailure.Load())
	}
	if ok.Load() == 0 {
		t.Errorf("no request was made during the reloads")
	}
	if n := r.metric("vneidbot_index_reloads_total"); n < 1 {
		t.Errorf("reloads metric = %v", n)
	}
	if n := r.metric("vneidbot_index_entries"); n != 10 {
		t.Errorf("entries after the reload = %v, want 10", n)
	}
	t.Logf("%d requests answered during the reloads", ok.Load())
}

func TestServeSIGHUPReloads(t *testing.T) {
	dir := copyFAQ(t)
	cfg := testConfig(t, dir)
	cfg.ReloadEvery = 0
	r := startServe(t, cfg)
	topic := filepath.Join(dir, "tai-khoan-vneid.yaml")
	orig, err := os.ReadFile(topic)
	if err != nil {
		t.Fatal(err)
	}
	writeAtomic(t, topic, string(orig)+newEntry)
	time.Sleep(300 * time.Millisecond)
	if code := r.get("/api/v1/entries/vneid-muc-moi-them"); code != 404 {
		t.Fatalf("with --reload-every 0 the change was picked up without SIGHUP (%d)", code)
	}
	// Run has registered for SIGHUP before it became ready, so this does not kill the test.
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	r.waitFor("the new entry after SIGHUP", func() bool { return r.get("/api/v1/entries/vneid-muc-moi-them") == 200 })
	r.waitFor("the reload log", func() bool { return strings.Contains(r.stderr.String(), "trigger=sighup") })
}

// BenchmarkServeTelegramLoad is BenchmarkTelegramLoad (internal/telegram) with the real
// knowledge base: 100 chats × 3 questions through the fake Bot API, the real engine and index.
func BenchmarkServeTelegramLoad(b *testing.B) {
	api := telegramtest.New(b)
	startServe(b, withTelegram(testConfig(b, serveFAQ), TelegramConfig{Token: testToken, APIURL: api.URL}))
	questions := []string{"quên passcode vneid", "không nhận được mã otp", "đăng ký tài khoản định danh mức 2"}
	const chats = 100
	base := int64(0)
	total := 0
	start := time.Now()
	b.ReportAllocs()
	for b.Loop() {
		base += chats
		for _, q := range questions {
			for c := range int64(chats) {
				api.SendText(base+c, q)
			}
		}
		for c := range int64(chats) {
			api.WaitSent(b, base+c, len(questions))
		}
		total += chats * len(questions)
	}
	b.ReportMetric(float64(total)/time.Since(start).Seconds(), "replies/s")
}

func withTelegram(c Config, t TelegramConfig) Config {
	c.Telegram = t
	return c
}
