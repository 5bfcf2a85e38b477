package service

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromiumHowTo says how to run the browser test.
const chromiumHowTo = "the console's browser test needs Chromium (Debian: apt-get install chromium); " +
	"it runs when chromium is installed or with CI=true (.ci/run installs it)"

func findChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "" {
		t.Skip(chromiumHowTo)
	}
	t.Fatal("CI=true but no Chromium: " + chromiumHowTo)
	return ""
}

// TestConsoleInBrowser is the console end to end, as staff and a citizen use it, in headless
// Chromium on a phone-sized screen: a citizen asks the web chat something the FAQ does not
// cover and presses 👎 on an answer; staff log in with the token, try the playground, and see
// the gap and the 👎.
func TestConsoleInBrowser(t *testing.T) {
	chromium := findChromium(t)
	cfg := testConfig(t, serveFAQ)
	cfg.Exchanges = ExchangeConfig{DataDir: t.TempDir(), StaffToken: staffToken}
	r := startServe(t, cfg)

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(390, 844),
		chromedp.Flag("disable-dev-shm-usage", true))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancelCtx := chromedp.NewContext(actx)
	defer cancelCtx()
	ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

	const unanswered = "thời tiết hôm nay thế nào"
	const answered = "quên passcode vneid"
	botReplies := `document.querySelectorAll(".msg.bot:not(.typing)").length`
	// The citizen, in the web chat.
	err := chromedp.Do(ctx,
		chromedp.Navigate(r.base+"/"),
		chromedp.WaitVisible(chromedp.CSS("#text")),
		chromedp.Poll[chromedp.Void](botReplies+" >= 1"), // the welcome
		chromedp.SendKeys(chromedp.CSS("#text"), unanswered),
		chromedp.Click(chromedp.CSS("#send")),
		chromedp.Poll[chromedp.Void](botReplies+" >= 2"),
		chromedp.SendKeys(chromedp.CSS("#text"), answered),
		chromedp.Click(chromedp.CSS("#send")),
		chromedp.WaitVisible(chromedp.CSS(".vote button:nth-child(2)")),
		chromedp.Click(chromedp.CSS(".vote button:nth-child(2)")), // 👎
		chromedp.WaitVisible(chromedp.CSS(".vote .thanks")),
	)
	if err != nil {
		t.Fatalf("web chat: %v\n%s", err, r.stderr.String())
	}

	// Staff: the login form, with the token (never in a URL).
	var page string
	err = chromedp.Do(ctx,
		chromedp.Navigate(r.base+"/staff/"),
		chromedp.WaitVisible(chromedp.CSS("#token")),
		chromedp.SendKeys(chromedp.CSS("#token"), staffToken),
		chromedp.Submit(chromedp.CSS("#login")),
		chromedp.WaitVisible(chromedp.CSS("#gap-count")),
	)
	if err != nil {
		t.Fatalf("login: %v", err)
	}
	url, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(url, staffToken) {
		t.Errorf("the token is in the URL %s", url)
	}

	// The playground: the reply and the ranking.
	err = chromedp.Do(ctx,
		chromedp.Navigate(r.base+"/staff/playground"),
		chromedp.WaitVisible(chromedp.CSS("#q")),
		chromedp.SendKeys(chromedp.CSS("#q"), answered),
		chromedp.Submit(chromedp.CSS("#ask")),
		chromedp.WaitVisible(chromedp.CSS("#ranking")),
	)
	if err == nil {
		page, err = chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	}
	if err != nil {
		t.Fatalf("playground: %v", err)
	}
	if !strings.Contains(page, "Xếp hạng các mục") || !strings.Contains(page, "Độ tin cậy") || !strings.Contains(page, "vneid") {
		t.Errorf("playground page:\n%s", page)
	}

	// The gap and the 👎 show up (the store writes within a fraction of a second).
	see := func(path, want string) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for {
			err := chromedp.Do(ctx, chromedp.Navigate(r.base+path))
			if err == nil {
				page, err = chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
			}
			if err == nil && strings.Contains(page, want) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s never showed %q (err %v):\n%s", path, want, err, page)
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
	see("/staff/gaps", unanswered)
	if !strings.Contains(page, "Cần mục mới") && !strings.Contains(page, "Thêm các cách hỏi") {
		t.Errorf("gaps page without a suggestion:\n%s", page)
	}
	see("/staff/feedback", answered)
	see("/staff/", "phản hồi 👎")

	// Logging out ends the session.
	err = chromedp.Do(ctx,
		chromedp.Navigate(r.base+"/staff/"),
		chromedp.Click(chromedp.CSS(`header form button`)),
		chromedp.WaitVisible(chromedp.CSS("#token")),
	)
	if err != nil {
		t.Errorf("logout: %v", err)
	}
	if strings.Contains(r.stderr.String(), staffToken) || strings.Contains(r.stderr.String(), unanswered) {
		t.Errorf("the logs hold the token or a citizen's text")
	}
}
