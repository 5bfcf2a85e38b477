package service

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/vneidbot/vneidbot/internal/store/postgres/pgtest"
	"github.com/vneidbot/vneidbot/internal/telegram/telegramtest"
)

// replica is one `vneidbot serve` process.
type replica struct {
	cmd    *exec.Cmd
	logs   *telegramtest.Logs
	base   string
	exited chan error
}

// buildBinary builds vneidbot once for the test.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "vneidbot")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/vneidbot/vneidbot/cmd/vneidbot").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// startReplica runs `vneidbot serve` with env on a free port and waits until it is ready.
func startReplica(t *testing.T, bin, faqDir string, env []string) *replica {
	t.Helper()
	r := &replica{logs: &telegramtest.Logs{}, exited: make(chan error, 1)}
	r.cmd = exec.Command(bin, "serve", "--http", "127.0.0.1:0", "--faq", faqDir, "--index", t.TempDir(),
		"--data", t.TempDir(), "--api-limit", "0", "--chat-limit", "0", "--reload-every", "0")
	r.cmd.Env = append(os.Environ(), env...)
	stderr, err := r.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := r.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			r.logs.Write([]byte(line + "\n"))
			if m := listenRE.FindStringSubmatch(line); m != nil {
				select {
				case addr <- m[1]:
				default:
				}
			}
		}
	}()
	go func() { r.exited <- r.cmd.Wait() }()
	t.Cleanup(func() {
		r.cmd.Process.Kill()
		if t.Failed() {
			t.Logf("replica %s logs:\n%s", r.base, r.logs.String())
		}
	})
	select {
	case a := <-addr:
		r.base = "http://" + a
	case err := <-r.exited:
		t.Fatalf("replica exited before listening (%v):\n%s", err, r.logs.String())
	case <-time.After(60 * time.Second):
		t.Fatalf("replica did not listen:\n%s", r.logs.String())
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		if resp, err := client.Get(r.base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return r
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("replica not ready:\n%s", r.logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// stop sends SIGTERM and waits for a clean exit.
func (r *replica) stop(t *testing.T) {
	t.Helper()
	r.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-r.exited:
		if err != nil {
			t.Errorf("replica %s exited with %v after SIGTERM", r.base, err)
		}
	case <-time.After(20 * time.Second):
		t.Errorf("replica %s did not stop after SIGTERM", r.base)
	}
}

func (r *replica) metric(series string) float64 { return scrapeMetric(r.base, series, 0) }

// TestReplicas runs two `serve` processes in webhook mode sharing one PostgreSQL store behind a
// round-robin proxy, against the fake Bot API: 300 updates from 100 chats, 10% redelivered to
// the other replica. None is lost, none answered twice, and 👎 given through either replica
// shows in one gaps report.
func TestReplicas(t *testing.T) {
	if testing.Short() {
		t.Skip("replicas: skipped in -short mode")
	}
	pg := pgtest.Start(t) // skips outside CI without PostgreSQL, saying how to run it
	dbURL := pg.NewDB(t)
	bin := buildBinary(t)
	api := telegramtest.New(t)
	faqDir, err := filepath.Abs(filepath.Join("..", "..", "faq"))
	if err != nil {
		t.Fatal(err)
	}
	const secret = "replica_test-secret"
	env := []string{
		"TELEGRAM_BOT_TOKEN=" + testToken, "TELEGRAM_API_URL=" + api.URL,
		"TELEGRAM_WEBHOOK_URL=https://bot.example.vn/tg/hook", "TELEGRAM_WEBHOOK_SECRET=" + secret,
		"VNEIDBOT_DB=" + dbURL, "VNEIDBOT_STORE_KEY=replica-test-key-0123456789", "VNEIDBOT_LOG_LEVEL=info",
	}
	replicas := []*replica{startReplica(t, bin, faqDir, env), startReplica(t, bin, faqDir, env)}
	api.WaitFor(t, "both webhooks set", func(s *telegramtest.Server) bool { return len(s.Calls("setWebhook")) == 2 })

	// The load balancer: round robin, saying which replica took each request.
	var turn atomic.Int64
	targets := make([]*url.URL, len(replicas))
	for i, r := range replicas {
		targets[i], _ = url.Parse(r.base)
	}
	proxy := httptest.NewServer(&httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			i := int(turn.Add(1)-1) % len(targets)
			pr.SetURL(targets[i])
			pr.Out.Header.Set("X-Test-Replica", strconv.Itoa(i))
		},
		ModifyResponse: func(resp *http.Response) error {
			resp.Header.Set("X-Test-Replica", resp.Request.Header.Get("X-Test-Replica"))
			return nil
		},
	})
	defer proxy.Close()
	post := func(base string, update map[string]any) (int, int) {
		body, _ := json.Marshal(update)
		req, _ := http.NewRequest("POST", base+"/tg/hook", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		resp, err := client.Do(req)
		if err != nil {
			t.Errorf("post update: %v", err)
			return 0, -1
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		who, _ := strconv.Atoi(resp.Header.Get("X-Test-Replica"))
		return resp.StatusCode, who
	}

	questions := []string{"quên passcode vneid", "làm lại thẻ căn cước bị mất", "không nhận được mã otp"}
	const chats, firstChat = 100, 5000
	var redelivered atomic.Int64
	updateID := int64(0)
	for round, q := range questions { // each chat's messages in order, chats concurrently
		var wg sync.WaitGroup
		work := make(chan int64)
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for id := range work {
					chat := firstChat + (id-1)%chats
					u := telegramtest.TextUpdate(id, chat, 10+round, q)
					code, who := post(proxy.URL, u)
					if code != 200 {
						t.Errorf("update %d via the proxy: %d", id, code)
					}
					if id%10 == 0 { // Telegram retries: the same update reaches the other replica
						if code, _ := post(replicas[1-who].base, u); code != 200 {
							t.Errorf("redelivery of update %d: %d", id, code)
						}
						redelivered.Add(1)
					}
				}
			}()
		}
		for range chats {
			updateID++
			work <- updateID
		}
		close(work)
		wg.Wait()
	}
	for c := int64(firstChat); c < firstChat+chats; c++ {
		api.WaitSent(t, c, len(questions))
	}
	for _, r := range replicas { // nothing still queued that could answer again
		deadline := time.Now().Add(20 * time.Second)
		for r.metric("vneidbot_telegram_queued_jobs") != 0 && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
	}
	lost, twice, total := 0, 0, 0
	for c := int64(firstChat); c < firstChat+chats; c++ {
		total += len(api.Sent(c))
		switch n := len(api.Sent(c)); {
		case n < len(questions):
			lost++
		case n > len(questions):
			twice++
		}
	}
	dups := replicas[0].metric(`vneidbot_telegram_dropped_total{reason="duplicate"}`) + replicas[1].metric(`vneidbot_telegram_dropped_total{reason="duplicate"}`)
	t.Logf("%d updates, %d redelivered to the other replica, %v acknowledged as duplicates", updateID, redelivered.Load(), dups)
	if lost > 0 || twice > 0 || total != int(updateID) {
		t.Errorf("%d chats lost a reply, %d got one twice, %d replies to %d updates; want 0, 0 and one each", lost, twice, total, updateID)
	}
	if int64(dups) != redelivered.Load() {
		t.Errorf("duplicates acknowledged = %v, want %d", dups, redelivered.Load())
	}

	// 👎 on the first reply of 10 chats, through the proxy: both replicas take some.
	const downs = 10
	for i := range downs {
		chat := int64(firstChat + i)
		reply := api.Sent(chat)[0]
		data := ""
		for _, b := range reply.Buttons() {
			if strings.HasPrefix(b.CallbackData, "f:-:") {
				data = b.CallbackData
			}
		}
		if data == "" {
			t.Fatalf("reply to chat %d has no 👎 button: %+v", chat, reply.Buttons())
		}
		updateID++
		if code, _ := post(proxy.URL, telegramtest.CallbackUpdate(updateID, chat, reply.Result, fmt.Sprintf("cb%d", i), data)); code != 200 {
			t.Errorf("👎 from chat %d: %d", chat, code)
		}
	}
	api.WaitFor(t, "the votes handled", func(s *telegramtest.Server) bool { return len(s.Calls("answerCallbackQuery")) == downs })
	for _, r := range replicas { // SIGTERM: each writes what it has queued to the store
		r.stop(t)
	}

	// One gaps report over the shared store sees the exchanges and votes of both replicas.
	var out, errb bytes.Buffer
	gaps := exec.Command(bin, "gaps", "--json", "--days", "1", "--faq", faqDir)
	gaps.Env = append(os.Environ(), "VNEIDBOT_DB="+dbURL)
	gaps.Stdout, gaps.Stderr = &out, &errb
	if err := gaps.Run(); err != nil {
		t.Fatalf("vneidbot gaps: %v\n%s", err, errb.String())
	}
	var report struct {
		Exchanges int
		Clusters  []struct{ Kinds map[string]int }
	}
	if err := json.Unmarshal(out.Bytes(), &report); err != nil {
		t.Fatalf("gaps --json: %v\n%s", err, out.String())
	}
	down := 0
	for _, c := range report.Clusters {
		down += c.Kinds["down"]
	}
	if report.Exchanges != int(updateID)-downs || down != downs {
		t.Errorf("gaps report: %d exchanges and %d 👎, want %d and %d", report.Exchanges, down, int(updateID)-downs, downs)
	}
}
