package service

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vneidbot/vneidbot/internal/store"
	"github.com/vneidbot/vneidbot/internal/store/postgres"
	"github.com/vneidbot/vneidbot/internal/store/postgres/pgtest"
	"github.com/vneidbot/vneidbot/internal/store/sqlite"
)

const staffToken = "staff-token-for-tests-0123456789"

// askExchange posts a question and returns the reply's exchange id.
func (r *serveRun) askExchange(text string) (kind, entry, exchange string) {
	r.t.Helper()
	body, _ := json.Marshal(map[string]string{"text": text})
	resp, err := client.Post(r.base+"/api/v1/ask", "application/json", bytes.NewReader(body))
	if err != nil {
		r.t.Fatal(err)
	}
	defer resp.Body.Close()
	var rep struct{ Kind, ID, Exchange string }
	if err := json.NewDecoder(resp.Body).Decode(&rep); err != nil || resp.StatusCode != 200 {
		r.t.Fatalf("ask %q: %d %v", text, resp.StatusCode, err)
	}
	return rep.Kind, rep.ID, rep.Exchange
}

func freeAddr(t testing.TB) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func TestStoreConsoleOffWithoutToken(t *testing.T) {
	cfg := testConfig(t, serveFAQ)
	data := t.TempDir()
	cfg.Exchanges = ExchangeConfig{DataDir: data}
	r := startServe(t, cfg)
	if got := r.get("/staff/"); got != 404 {
		t.Errorf("/staff/ without a token: %d, want 404", got)
	}
	kind, _, ex := r.askExchange("thời tiết hôm nay thế nào")
	if kind != "fallback" || !store.ValidID(ex) {
		t.Fatalf("ask: kind %s exchange %q", kind, ex)
	}
	if code := r.stop(); code != 0 {
		t.Fatalf("exit %d", code)
	}
	// Stopping flushed the writer: the exchange is in the file.
	db, err := sqlite.Open(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	xs, err := db.List(context.Background(), store.Query{})
	if err != nil || len(xs) != 1 || xs[0].ID != ex || xs[0].Kind != "fallback" {
		t.Errorf("stored %+v, %v", xs, err)
	}
}

func TestStoreConsoleAndMetricsAddr(t *testing.T) {
	cfg := testConfig(t, serveFAQ)
	cfg.Exchanges = ExchangeConfig{DataDir: t.TempDir(), StaffToken: staffToken, Key: "k"}
	cfg.MetricsAddr = freeAddr(t)
	r := startServe(t, cfg)
	if got := r.get("/metrics"); got != 404 {
		t.Errorf("public /metrics with VNEIDBOT_METRICS_ADDR set: %d, want 404", got)
	}
	r.askExchange("thời tiết hôm nay thế nào")
	var body string
	r.waitFor("the store counter on the metrics address", func() bool {
		resp, err := client.Get("http://" + cfg.MetricsAddr + "/metrics")
		if err != nil {
			return false
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		body = string(b)
		return strings.Contains(body, "vneidbot_store_written_total 1")
	})
	if !strings.Contains(body, "vneidbot_store_lost_total 0") {
		t.Errorf("metrics lack vneidbot_store_lost_total 0")
	}
	// The console is on, behind its login.
	resp, err := client.Get(r.base + "/staff/")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), `name="token"`) {
		t.Errorf("/staff/: %d, no login form", resp.StatusCode)
	}
	// Anyone can post to the login form: wrong tokens write one line a minute (then a count),
	// and the right one is still logged.
	for i := range 8 {
		req, _ := http.NewRequest("POST", r.base+"/staff/login", strings.NewReader(url.Values{"token": {fmt.Sprintf("guess-%d", i)}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", r.base)
		if resp, err := client.Do(req); err != nil || resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("wrong token %d: %v %v, want 401", i, resp, err)
		} else {
			resp.Body.Close()
		}
	}
	if n := strings.Count(r.stderr.String(), "msg=staff.login outcome=refused"); n != 1 {
		t.Errorf("8 wrong tokens wrote %d lines, want 1 (then a count)", n)
	}
	jar := &cookieJar{}
	c := &http.Client{Jar: jar, Timeout: 10 * time.Second}
	req, _ := http.NewRequest("POST", r.base+"/staff/login", strings.NewReader(url.Values{"token": {staffToken}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", r.base)
	resp, err = c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), "Đăng xuất") {
		t.Fatalf("login did not reach the console: %d", resp.StatusCode)
	}
	r.waitFor("the gap in the console", func() bool {
		resp, err := c.Get(r.base + "/staff/gaps")
		if err != nil {
			return false
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return strings.Contains(string(b), "thời tiết hôm nay thế nào")
	})
	if strings.Contains(r.stderr.String(), staffToken) {
		t.Errorf("the logs hold the staff token")
	}
	if !strings.Contains(r.stderr.String(), "msg=staff.login outcome=ok") {
		t.Errorf("the successful login is not logged")
	}
}

type cookieJar struct {
	mu sync.Mutex
	c  []*http.Cookie
}

func (j *cookieJar) SetCookies(u *url.URL, cookies []*http.Cookie) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.c = append(j.c, cookies...)
}

func (j *cookieJar) Cookies(u *url.URL) []*http.Cookie {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.c
}

func TestStoreConfigErrors(t *testing.T) {
	cfg := testConfig(t, serveFAQ)
	cfg.Exchanges = ExchangeConfig{DB: "mysql://x", RetentionDays: -1, StaffToken: "short"}
	cfg.MetricsAddr = "nope"
	err := cfg.Validate()
	for _, want := range []string{"VNEIDBOT_DB must be a postgres://", "--retention-days -1", "VNEIDBOT_STAFF_TOKEN is too short", "VNEIDBOT_METRICS_ADDR"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate: %v; want %q", err, want)
		}
	}
	if err != nil && strings.Contains(err.Error(), "short\"") {
		t.Errorf("the error echoes the token")
	}
}

// TestStoreLoad sends 10,000 questions through the HTTP API from 8 clients and counts the
// stored exchanges after a clean stop: none may be lost, in SQLite nor in PostgreSQL.
func TestStoreLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 requests per store; run without -short")
	}
	t.Run("sqlite", func(t *testing.T) {
		data := t.TempDir()
		storeLoad(t, ExchangeConfig{DataDir: data}, func() store.DB {
			db, err := sqlite.Open(context.Background(), data)
			if err != nil {
				t.Fatal(err)
			}
			return db
		})
	})
	t.Run("postgres", func(t *testing.T) {
		url := pgtest.Start(t).NewDB(t)
		storeLoad(t, ExchangeConfig{DB: url}, func() store.DB {
			db, err := postgres.Open(context.Background(), url)
			if err != nil {
				t.Fatal(err)
			}
			return db
		})
	})
}

func storeLoad(t *testing.T, ec ExchangeConfig, reopen func() store.DB) {
	const total, clients = 10_000, 8
	cfg := testConfig(t, serveFAQ)
	cfg.APILimit = 0
	cfg.Exchanges = ec
	r := startServe(t, cfg)
	questions := []string{"quên passcode vneid", "làm căn cước ở đâu", "thời tiết hôm nay", "mất thẻ căn cước", "đăng ký tài khoản định danh mức 2"}
	var next atomic.Int64
	var failed atomic.Int64
	ids := make([][]string, clients)
	var wg sync.WaitGroup
	tr := &http.Transport{MaxIdleConnsPerHost: clients}
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= total {
					return
				}
				body := fmt.Sprintf(`{"text": %q}`, fmt.Sprintf("%s %d", questions[i%int64(len(questions))], i))
				resp, err := hc.Post(r.base+"/api/v1/ask", "application/json", strings.NewReader(body))
				if err != nil {
					failed.Add(1)
					continue
				}
				var rep struct{ Exchange string }
				json.NewDecoder(resp.Body).Decode(&rep)
				resp.Body.Close()
				if resp.StatusCode != 200 || rep.Exchange == "" {
					failed.Add(1)
					continue
				}
				ids[c] = append(ids[c], rep.Exchange)
			}
		}()
	}
	wg.Wait()
	if failed.Load() > 0 {
		t.Fatalf("%d requests failed", failed.Load())
	}
	lost := r.metric("vneidbot_store_lost_total")
	if code := r.stop(); code != 0 {
		t.Fatalf("exit %d", code)
	}
	db := reopen()
	defer db.Close()
	n, err := db.Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	all := slices.Concat(ids...)
	slices.Sort(all)
	if len(slices.Compact(all)) != total {
		t.Errorf("%d distinct exchange ids for %d replies", len(slices.Compact(all)), total)
	}
	t.Logf("%d replies, %d stored, %v lost (metric)", total, n, lost)
	if n != total || lost != 0 {
		t.Errorf("stored %d of %d exchanges; lost metric %v", n, total, lost)
	}
}

type withExplain struct{}

func (withExplain) Explain(ctx context.Context, text string) struct{ Rule string } {
	return struct{ Rule string }{"rule for " + text}
}

type noExplain struct{}

func TestExplainer(t *testing.T) {
	if explainer(noExplain{}) != nil {
		t.Errorf("explainer of a type without Explain is not nil")
	}
	f := explainer(withExplain{})
	if f == nil {
		t.Fatal("explainer found no Explain method")
	}
	if got := fmt.Sprint(f(context.Background(), "q")); got != "{rule for q}" {
		t.Errorf("explain = %s", got)
	}
}
