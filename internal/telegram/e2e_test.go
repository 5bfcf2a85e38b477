package telegram_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/vneidbot/vneidbot/internal/answer"
	"github.com/vneidbot/vneidbot/internal/metrics"
	"github.com/vneidbot/vneidbot/internal/telegram"
	"github.com/vneidbot/vneidbot/internal/telegram/telegramtest"
)

const token = "123456:TEST-secret-token-do-not-log"

// fakeKB is an in-memory knowledge base with a few scripted behaviours.
type fakeKB struct {
	entries map[string]answer.Reply
	topics  []answer.Topic
}

var messages = map[string]string{
	"welcome":         "Xin chào! Mình trả lời về **thẻ căn cước** và VNeID.",
	"help":            "Gõ câu hỏi của bạn, hoặc bấm /topics.",
	"fallback":        "Mình chưa có câu trả lời cho câu này.",
	"rate_limited":    "Bạn gửi nhanh quá, đợi một phút nhé.",
	"feedback_thanks": "Cảm ơn góp ý của bạn!",
	"error":           "Xin lỗi, có lỗi xảy ra. Bạn thử lại nhé.",
	"empty":           "Bạn hãy gõ câu hỏi bằng chữ nhé.",
	"attachment":      "Trợ lý chỉ đọc được tin nhắn chữ.",
}

func newFakeKB() *fakeKB {
	k := &fakeKB{entries: map[string]answer.Reply{}}
	add := func(id, title, text string) answer.Option {
		k.entries[id] = answer.Reply{Kind: answer.KindAnswer, ID: id, Title: title, Text: text, Score: 1,
			Options: []answer.Option{{ID: "vneid-quen-mat-khau", Title: "Quên mật khẩu VNeID"}},
			Links:   []answer.Link{{Title: "Cổng VNeID", URL: "https://vneid.gov.vn"}}}
		return answer.Option{ID: id, Title: title}
	}
	a := add("vneid-quen-passcode", "Quên passcode VNeID", "Chọn **Quên passcode** rồi nhập mã OTP <6 số> & đặt lại.")
	b := add("vneid-quen-mat-khau", "Quên mật khẩu VNeID", "Chọn **Quên mật khẩu** trên màn hình đăng nhập.")
	var many []answer.Option
	for i := range 11 {
		many = append(many, add(fmt.Sprintf("cccd-muc-%02d", i), fmt.Sprintf("Câu hỏi thẻ số %d", i), fmt.Sprintf("Trả lời số %d.", i)))
	}
	k.topics = []answer.Topic{{Name: "Tài khoản VNeID", Entries: []answer.Option{a, b}}, {Name: "Thẻ căn cước", Entries: many}}
	return k
}

func (k *fakeKB) Answer(_ context.Context, text string) answer.Reply {
	switch {
	case strings.Contains(text, "panic"):
		panic("engine exploded")
	case strings.Contains(text, "mơ hồ"):
		return answer.Reply{Query: text, Kind: answer.KindClarify, Text: "Bạn muốn hỏi điều nào?",
			Options: []answer.Option{{ID: "vneid-quen-passcode", Title: "Quên passcode VNeID"}, {ID: "vneid-quen-mat-khau", Title: "Quên mật khẩu VNeID"}}}
	case strings.Contains(text, "dài"):
		var paras []string
		for i := range 30 {
			paras = append(paras, fmt.Sprintf("Đoạn %d: %s", i, strings.Repeat("chữ **đậm** và <thẻ> ", 10)))
		}
		return answer.Reply{Query: text, Kind: answer.KindAnswer, ID: "dai", Text: strings.Join(paras, "\n\n")}
	case strings.Contains(text, "passcode"):
		r := k.entries["vneid-quen-passcode"]
		r.Query = text
		return r
	}
	// Echo, so tests can check order; the text is the test's own.
	return answer.Reply{Query: text, Kind: answer.KindFallback, Text: "Trả lời: " + text}
}

func (k *fakeKB) Entry(id string) (answer.Reply, bool) { r, ok := k.entries[id]; return r, ok }
func (k *fakeKB) Topics() []answer.Topic               { return k.topics }
func (k *fakeKB) Message(key string) string            { return messages[key] }
func (k *fakeKB) Suggested() []answer.Option {
	return []answer.Option{{ID: "vneid-quen-passcode", Title: "Quên passcode VNeID"}}
}

type harness struct {
	api    *telegramtest.Server
	bot    *telegram.Bot
	m      *metrics.Metrics
	logs   *telegramtest.Logs
	cancel context.CancelFunc
	done   chan error
}

// start runs a bot against a fresh fake Bot API. The logs are checked at the end for
// anything that must never be logged.
func start(t testing.TB, opt telegram.Options, secrets ...string) *harness {
	t.Helper()
	return startAt(t, slog.LevelDebug, opt, secrets...)
}

// startAt is start with the log at level (start logs everything: debug writes every line).
func startAt(t testing.TB, level slog.Level, opt telegram.Options, secrets ...string) *harness {
	t.Helper()
	h := &harness{api: telegramtest.New(t), m: metrics.New(), logs: &telegramtest.Logs{}, done: make(chan error, 1)}
	logger := slog.New(slog.NewTextHandler(h.logs, &slog.HandlerOptions{Level: level}))
	opt.Token = token
	opt.APIURL = h.api.URL
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	b, err := telegram.New(ctx, logger, newFakeKB(), h.m, opt)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	h.bot = b
	go func() { h.done <- b.Run(ctx) }()
	t.Cleanup(func() {
		h.stop(t)
		logs := h.logs.String()
		if t.Failed() || os.Getenv("VNEIDBOT_TEST_LOGS") != "" {
			t.Logf("logs:\n%s", logs)
		}
		for _, s := range append([]string{token, "TEST-secret", h.api.URL, "passcode quên", "mơ hồ"}, secrets...) {
			if strings.Contains(logs, s) {
				t.Errorf("logs contain %q, which must never be logged", s)
			}
		}
	})
	return h
}

func (h *harness) stop(t testing.TB) {
	t.Helper()
	h.cancel()
	select {
	case err, ok := <-h.done:
		if !ok {
			return // stopped already
		}
		if err != nil {
			t.Errorf("Run: %v", err)
		}
		close(h.done)
	case <-time.After(15 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
}

func hasButton(c telegramtest.Call, data string) bool {
	for _, b := range c.Buttons() {
		if b.CallbackData == data {
			return true
		}
	}
	return false
}

func TestStartRegistersCommandsAndGreets(t *testing.T) {
	h := start(t, telegram.Options{})
	h.api.WaitFor(t, "setup", func(s *telegramtest.Server) bool { return len(s.Calls("deleteWebhook")) == 1 })
	cmds := h.api.Calls("setMyCommands")
	if len(cmds) != 1 || !strings.Contains(cmds[0].Params["commands"], `"topics"`) {
		t.Fatalf("setMyCommands calls = %+v, want one listing /topics", cmds)
	}
	if got := h.api.Calls("setWebhook"); len(got) != 0 {
		t.Errorf("polling mode called setWebhook")
	}

	h.api.SendText(1, "/start")
	got := h.api.WaitSent(t, 1, 1)[0]
	if !strings.Contains(got.Text(), "<b>thẻ căn cước</b>") || got.Params["parse_mode"] != "HTML" {
		t.Errorf("welcome = %q (parse_mode %q), want the welcome message in HTML", got.Text(), got.Params["parse_mode"])
	}
	for _, data := range []string{"e:vneid-quen-passcode", "tl:0"} {
		if !hasButton(got, data) {
			t.Errorf("welcome lacks button %q: %+v", data, got.Keyboard())
		}
	}

	h.api.SendText(1, "/help@"+telegramtest.BotUsername)
	if got := h.api.WaitSent(t, 1, 2)[1]; got.Text() != messages["help"] {
		t.Errorf("/help = %q, want %q", got.Text(), messages["help"])
	}
}

func TestTopicsBrowsing(t *testing.T) {
	h := start(t, telegram.Options{})
	h.api.SendText(2, "/topics")
	list := h.api.WaitSent(t, 2, 1)[0]
	var cardTopic string
	for _, b := range list.Buttons() {
		if strings.Contains(b.Text, "Thẻ căn cước (11)") {
			cardTopic = b.CallbackData
		}
	}
	if cardTopic == "" || len(cardTopic) > 64 {
		t.Fatalf("topic list buttons = %+v, want one for Thẻ căn cước", list.Buttons())
	}

	h.api.Press(2, list.Result, cardTopic)
	h.api.WaitFor(t, "topic page", func(s *telegramtest.Server) bool { return len(s.Calls("editMessageText")) == 1 })
	page := h.api.Calls("editMessageText")[0]
	if n := len(page.Buttons()); n != 8+2 { // 8 entries, back, next
		t.Errorf("first page has %d buttons, want 10: %+v", n, page.Buttons())
	}
	var next string
	for _, b := range page.Buttons() {
		if b.Text == "Sau »" {
			next = b.CallbackData
		}
	}
	h.api.Press(2, list.Result, next)
	h.api.WaitFor(t, "second page", func(s *telegramtest.Server) bool { return len(s.Calls("editMessageText")) == 2 })
	page2 := h.api.Calls("editMessageText")[1]
	if !hasButton(page2, "e:cccd-muc-10") || !strings.Contains(page2.Text(), "trang 2/2") {
		t.Errorf("second page = %q %+v, want the last entries", page2.Text(), page2.Buttons())
	}

	h.api.Press(2, list.Result, "e:cccd-muc-10")
	if got := h.api.WaitSent(t, 2, 2)[1]; got.Text() != "Trả lời số 10." {
		t.Errorf("chosen entry = %q", got.Text())
	}
	if n := len(h.api.Calls("answerCallbackQuery")); n != 3 {
		t.Errorf("answerCallbackQuery calls = %d, want one per press (3)", n)
	}
}

func TestQuestionGetsRenderedAnswer(t *testing.T) {
	h := start(t, telegram.Options{})
	h.api.SendText(3, "passcode quên rồi")
	got := h.api.WaitSent(t, 3, 1)[0]
	want := "Chọn <b>Quên passcode</b> rồi nhập mã OTP &lt;6 số&gt; &amp; đặt lại."
	if got.Text() != want || got.Params["parse_mode"] != "HTML" {
		t.Errorf("answer = %q (%s), want %q (HTML)", got.Text(), got.Params["parse_mode"], want)
	}
	var url, related, up, down bool
	for _, b := range got.Buttons() {
		url = url || b.URL == "https://vneid.gov.vn"
		related = related || b.CallbackData == "e:vneid-quen-mat-khau"
		up = up || b.CallbackData == "f:+:vneid-quen-passcode"
		down = down || b.CallbackData == "f:-:vneid-quen-passcode"
	}
	if !url || !related || !up || !down {
		t.Errorf("keyboard = %+v, want a link, a related entry and 👍/👎", got.Keyboard())
	}
}

// TestStickerGetsTextOnly: a message without text (a sticker, a photo) is told that only text
// is read.
func TestStickerGetsTextOnly(t *testing.T) {
	h := start(t, telegram.Options{})
	u := telegramtest.TextUpdate(0, 5, 1, "")
	msg := u["message"].(map[string]any)
	delete(msg, "text")
	msg["sticker"] = map[string]any{"file_id": "s1", "file_unique_id": "u1", "type": "regular", "width": 512, "height": 512, "is_animated": false, "is_video": false}
	h.api.SendUpdate(u)
	if got := h.api.WaitSent(t, 5, 1)[0].Text(); got != messages["attachment"] {
		t.Errorf("reply to a sticker = %q, want %q", got, messages["attachment"])
	}
}

func TestLongReplyIsSplit(t *testing.T) {
	h := start(t, telegram.Options{})
	h.api.SendText(4, "câu trả lời dài")
	h.api.WaitFor(t, "the feedback keyboard", func(s *telegramtest.Server) bool {
		for _, c := range s.Sent(4) {
			if hasButton(c, "f:+:dai") {
				return true
			}
		}
		return false
	})
	sent := h.api.Sent(4)
	if len(sent) < 2 {
		t.Fatalf("got %d messages, want the long reply split", len(sent))
	}
	for i, c := range sent {
		if n := len([]rune(c.Text())); n > 4096 {
			t.Errorf("piece %d has %d characters", i, n)
		}
		if strings.Count(c.Text(), "<b>") != strings.Count(c.Text(), "</b>") {
			t.Errorf("piece %d has unbalanced tags", i)
		}
		if !strings.HasPrefix(c.Text(), "Đoạn ") {
			t.Errorf("piece %d does not start at a paragraph: %.30q", i, c.Text())
		}
		if hasKB := len(c.Buttons()) > 0; hasKB != (i == len(sent)-1) {
			t.Errorf("piece %d keyboard = %v, want it only under the last piece", i, hasKB)
		}
	}
}

func TestClarificationChoiceAndRetirement(t *testing.T) {
	h := start(t, telegram.Options{})
	h.api.SendText(5, "câu hỏi mơ hồ")
	clar := h.api.WaitSent(t, 5, 1)[0]
	if !hasButton(clar, "c:vneid-quen-passcode") || !hasButton(clar, "c:vneid-quen-mat-khau") {
		t.Fatalf("clarification buttons = %+v", clar.Keyboard())
	}

	// The choice: acknowledged, the buttons removed, the entry sent.
	h.api.Press(5, clar.Result, "c:vneid-quen-mat-khau")
	got := h.api.WaitSent(t, 5, 2)[1]
	if !strings.Contains(got.Text(), "<b>Quên mật khẩu</b>") {
		t.Errorf("chosen entry = %q", got.Text())
	}
	edits := h.api.Calls("editMessageReplyMarkup")
	if len(edits) != 1 || edits[0].Params["message_id"] != fmt.Sprint(clar.Result) || len(edits[0].Buttons()) != 0 {
		t.Errorf("edits = %+v, want the clarification's buttons removed", edits)
	}

	// A second clarification, then a new question: its buttons go, a late press is refused.
	h.api.SendText(5, "lại mơ hồ")
	clar2 := h.api.WaitSent(t, 5, 3)[2]
	h.api.SendText(5, "một câu khác hẳn")
	h.api.WaitSent(t, 5, 4)
	h.api.WaitFor(t, "the retired clarification's buttons removed", func(s *telegramtest.Server) bool {
		for _, e := range s.Calls("editMessageReplyMarkup") {
			if e.Params["message_id"] == fmt.Sprint(clar2.Result) {
				return true
			}
		}
		return false
	})
	cb := h.api.Press(5, clar2.Result, "c:vneid-quen-passcode")
	h.api.WaitFor(t, "the stale press answered", func(s *telegramtest.Server) bool {
		for _, c := range s.Calls("answerCallbackQuery") {
			if c.Params["callback_query_id"] == cb {
				return true
			}
		}
		return false
	})
	for _, c := range h.api.Calls("answerCallbackQuery") {
		if c.Params["callback_query_id"] == cb && !strings.Contains(c.Text(), "đã cũ") {
			t.Errorf("stale press answered with %q, want the notice", c.Text())
		}
	}
	h.api.SendText(5, "kết thúc")
	sent := h.api.WaitSent(t, 5, 5)
	if len(sent) != 5 || sent[4].Text() != "Trả lời: kết thúc" {
		t.Errorf("after the stale press got %d messages, last %q; want no entry sent for it", len(sent), sent[len(sent)-1].Text())
	}
}

func TestFeedbackButtons(t *testing.T) {
	h := start(t, telegram.Options{})
	h.api.SendText(6, "passcode quên")
	ans := h.api.WaitSent(t, 6, 1)[0]
	cb := h.api.Press(6, ans.Result, "f:+:vneid-quen-passcode")
	h.api.WaitFor(t, "feedback handled", func(s *telegramtest.Server) bool { return len(s.Calls("editMessageReplyMarkup")) == 1 })
	acks := h.api.Calls("answerCallbackQuery")
	if len(acks) != 1 || acks[0].Params["callback_query_id"] != cb || acks[0].Text() != messages["feedback_thanks"] {
		t.Errorf("acks = %+v, want the thanks", acks)
	}
	edit := h.api.Calls("editMessageReplyMarkup")[0]
	if hasButton(edit, "f:+:vneid-quen-passcode") || !hasButton(edit, "e:vneid-quen-mat-khau") {
		t.Errorf("keyboard after the vote = %+v, want the related entry without 👍/👎", edit.Keyboard())
	}
	if got := gather(t, h.m, `vneidbot_feedback_total{channel="telegram",vote="up"}`); got != "1" {
		t.Errorf("feedback metric = %q, want 1", got)
	}
}

func TestTooManyRequestsThenDelivered(t *testing.T) {
	h := start(t, telegram.Options{})
	h.api.Fail("sendMessage", telegramtest.Fault{Code: 429, RetryAfter: 1, Description: "Too Many Requests: retry after 1"})
	h.api.SendText(7, "passcode quên")
	h.api.WaitSent(t, 7, 1)
	calls := h.api.Calls("sendMessage")
	if len(calls) != 2 || calls[0].Status != 429 || calls[1].Status != 200 {
		t.Fatalf("sendMessage calls = %+v, want a 429 then a success", calls)
	}
	if gap := calls[1].At.Sub(calls[0].At); gap < 950*time.Millisecond {
		t.Errorf("retried after %v, want retry_after (1s) honoured", gap)
	}
	if got := gather(t, h.m, `vneidbot_telegram_send_errors_total{method="sendMessage",reason="too_many_requests"}`); got != "1" {
		t.Errorf("send error metric = %q, want 1", got)
	}
}

func TestTransientErrorsAreRetried(t *testing.T) {
	h := start(t, telegram.Options{})
	h.api.Fail("sendMessage",
		telegramtest.Fault{Drop: true},
		telegramtest.Fault{Code: 502, Description: "Bad Gateway"})
	h.api.SendText(8, "passcode quên")
	h.api.WaitSent(t, 8, 1)
	if n := len(h.api.Calls("sendMessage")); n != 3 {
		t.Errorf("sendMessage attempts = %d, want 3 (dropped, 502, success)", n)
	}
}

func TestOneChatInOrder(t *testing.T) {
	h := start(t, telegram.Options{Workers: 4})
	h.api.SlowChat(9, 20*time.Millisecond)
	var want []string
	for i := range 8 {
		q := fmt.Sprintf("câu %d", i)
		want = append(want, "Trả lời: "+q)
		h.api.SendText(9, q)
	}
	sent := h.api.WaitSent(t, 9, 8)
	for i, c := range sent {
		if c.Text() != want[i] {
			t.Errorf("reply %d = %q, want %q", i, c.Text(), want[i])
		}
	}
}

func TestFloodingChatBesideNormalOne(t *testing.T) {
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	h := start(t, telegram.Options{Workers: 4, Now: func() time.Time { return now }}) // time stands still: one window
	const flood, calm = 10, 11
	h.api.SlowChat(flood, 30*time.Millisecond) // the flood's replies take a while
	for i := range 40 {
		h.api.SendText(flood, fmt.Sprintf("spam %d", i))
	}
	for i := range 3 {
		h.api.SendText(calm, fmt.Sprintf("bình thường %d", i))
	}
	calmSent := h.api.WaitSent(t, calm, 3)
	floodSent := h.api.WaitSent(t, flood, 21)
	// Let anything extra arrive, then count.
	h.api.SendText(calm, "chốt")
	h.api.WaitSent(t, calm, 4)
	floodSent = h.api.Sent(flood)

	notices := 0
	for _, c := range floodSent {
		if c.Text() == messages["rate_limited"] {
			notices++
		}
	}
	if len(floodSent) != 21 || notices != 1 {
		t.Errorf("flooding chat got %d messages with %d notices, want 20 answers and 1 notice", len(floodSent), notices)
	}
	if last := floodSent[len(floodSent)-1]; !calmSent[2].At.Before(last.At) {
		t.Errorf("the calm chat's last reply came after the flood was done: it waited behind it")
	}
	if got := gather(t, h.m, `vneidbot_rate_limited_total{channel="telegram"}`); got != "20" {
		t.Errorf("rate limited metric = %q, want 20", got)
	}
}

func TestPanicBecomesPoliteError(t *testing.T) {
	h := start(t, telegram.Options{})
	h.api.SendText(12, "make it panic")
	h.api.SendText(12, "passcode quên")
	sent := h.api.WaitSent(t, 12, 2)
	if sent[0].Text() != messages["error"] {
		t.Errorf("after a panic got %q, want the error message", sent[0].Text())
	}
	if !strings.Contains(sent[1].Text(), "Quên passcode") {
		t.Errorf("the next message got %q, want an answer", sent[1].Text())
	}
	if got := gather(t, h.m, `vneidbot_panics_total{where="telegram"}`); got != "1" {
		t.Errorf("panics metric = %q, want 1", got)
	}
}

// Anyone can message the bot as often as they like: the lines of replies, commands, buttons
// and panics are written once a minute, then counted (issue 11), at info level.
func TestPerMessageLogsAreThrottled(t *testing.T) {
	h := startAt(t, slog.LevelInfo, telegram.Options{Workers: 4, ChatLimit: -1}, "câu số")
	const chats, each = 20, 5
	for chat := range int64(chats) {
		h.api.SendText(100+chat, "/start")
		for i := range each {
			h.api.SendText(100+chat, fmt.Sprintf("câu số %d", i))
		}
		h.api.SendText(100+chat, "panic please")
	}
	for chat := range int64(chats) {
		h.api.WaitSent(t, 100+chat, each+2)
	}
	h.stop(t) // Run flushes the counts
	logs := h.logs.String()
	for msg, want := range map[string]int{"telegram.reply": chats * each, "telegram.command": chats, "telegram.panic": chats} {
		if got := strings.Count(logs, "msg="+msg+" "); got != 2 {
			t.Errorf("%d %s events wrote %d lines, want 2 (the first and a count)", want, msg, got)
		}
		if count := fmt.Sprintf("msg=%s suppressed=%d ", msg, want-1); !strings.Contains(logs, count) {
			t.Errorf("the log lacks %q", count)
		}
	}
	if got, most := strings.Count(logs, "\n"), 12; got > most {
		t.Errorf("%d messages wrote %d log lines, want at most %d:\n%s", chats*(each+2), got, most, logs)
	}
}

func TestGroupChatsOnlyCommands(t *testing.T) {
	h := start(t, telegram.Options{})
	group := func(text string) map[string]any {
		u := telegramtest.TextUpdate(0, -100, 77, text)
		u["message"].(map[string]any)["chat"] = map[string]any{"id": -100, "type": "supergroup", "title": "Nhóm"}
		return u
	}
	h.api.SendUpdate(group("mọi người ơi"))
	h.api.SendUpdate(group("/start@someone_else_bot"))
	h.api.SendUpdate(group("/help@" + telegramtest.BotUsername))
	sent := h.api.WaitSent(t, -100, 1)
	h.api.SendText(13, "chốt") // everything before it has been handled once this is answered
	h.api.WaitSent(t, 13, 1)
	if sent = h.api.Sent(-100); len(sent) != 1 || sent[0].Text() != messages["help"] {
		t.Errorf("group got %d messages, want only the /help addressed to the bot", len(sent))
	}
}

func TestGracefulStopDeliversInFlight(t *testing.T) {
	h := start(t, telegram.Options{})
	hold := make(chan struct{})
	h.api.Fail("sendMessage", telegramtest.Fault{Hold: hold})
	h.api.SendText(14, "passcode quên")
	h.api.WaitFor(t, "the reply in flight", func(s *telegramtest.Server) bool { return len(s.Calls("sendMessage")) == 1 })

	h.cancel() // SIGTERM
	time.Sleep(100 * time.Millisecond)
	select {
	case <-h.done:
		t.Fatal("Run returned with a reply still in flight")
	default:
	}
	close(hold)
	select {
	case err := <-h.done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
		h.done <- nil // for the cleanup's stop
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return within 10s of the signal")
	}
	if c := h.api.Calls("sendMessage")[0]; c.Status != http.StatusOK {
		t.Errorf("in-flight reply status = %d, want delivered", c.Status)
	}
}

func TestGracefulStopGivesUpAtDeadline(t *testing.T) {
	h := start(t, telegram.Options{DrainTimeout: 300 * time.Millisecond})
	hold := make(chan struct{}) // never released: Telegram is stuck
	h.api.Fail("sendMessage", telegramtest.Fault{Hold: hold})
	h.api.SendText(15, "passcode quên")
	h.api.WaitFor(t, "the reply in flight", func(s *telegramtest.Server) bool { return len(s.Calls("sendMessage")) == 1 })
	h.cancel()
	select {
	case <-h.done:
		h.done <- nil
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not give up at the drain deadline")
	}
}

func TestWebhook(t *testing.T) {
	const secret = "webhook-secret_123"
	h := start(t, telegram.Options{WebhookURL: "https://bot.example.vn/tg/hook", WebhookSecret: secret}, secret)
	h.api.WaitFor(t, "setWebhook", func(s *telegramtest.Server) bool { return len(s.Calls("setWebhook")) == 1 })
	sw := h.api.Calls("setWebhook")[0]
	if sw.Params["url"] != "https://bot.example.vn/tg/hook" || sw.Params["secret_token"] != secret {
		t.Errorf("setWebhook params = %v", sw.Params)
	}
	srv := httptest.NewServer(h.bot.WebhookHandler())
	defer srv.Close()

	body, _ := json.Marshal(telegramtest.TextUpdate(1, 16, 1, "passcode quên"))
	tests := []struct {
		name   string
		method string
		secret string
		body   string
		want   int
	}{
		{"no secret", "POST", "", string(body), http.StatusUnauthorized},
		{"wrong secret", "POST", "webhook-secret_124", string(body), http.StatusForbidden},
		{"secret prefix", "POST", "webhook", string(body), http.StatusForbidden},
		{"GET", "GET", secret, "", http.StatusMethodNotAllowed},
		{"not JSON", "POST", secret, "{nope", http.StatusBadRequest},
		{"good", "POST", secret, string(body), http.StatusOK},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(tt.method, srv.URL, strings.NewReader(tt.body))
		if tt.secret != "" {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", tt.secret)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.want {
			t.Errorf("%s: status %d, want %d", tt.name, resp.StatusCode, tt.want)
		}
	}
	if sent := h.api.WaitSent(t, 16, 1); len(sent) != 1 {
		t.Errorf("webhook update answered %d times, want once (only the good request)", len(sent))
	}
	if n := len(h.api.Calls("deleteWebhook")); n != 0 {
		t.Errorf("webhook mode called deleteWebhook %d times", n)
	}
}

func TestNewRejectsBadToken(t *testing.T) {
	api := telegramtest.New(t)
	api.Fail("getMe", telegramtest.Fault{Code: 401, Description: "Unauthorized"})
	var logs telegramtest.Logs
	_, err := telegram.New(context.Background(), slog.New(slog.NewTextHandler(&logs, nil)), newFakeKB(), metrics.New(),
		telegram.Options{Token: token, APIURL: api.URL})
	if err == nil || !strings.Contains(err.Error(), "unauthorized") {
		t.Fatalf("New with a refused token: err = %v, want unauthorized", err)
	}
	if strings.Contains(err.Error(), token) || strings.Contains(err.Error(), api.URL) {
		t.Errorf("error %q leaks the token or the API URL", err)
	}
}

// gather reads one sample from the metrics endpoint ("" when absent).
func gather(t testing.TB, m *metrics.Metrics, series string) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	for _, line := range strings.Split(rec.Body.String(), "\n") {
		if v, ok := strings.CutPrefix(line, series+" "); ok {
			return v
		}
	}
	return ""
}

func TestStopLosesNoUpdate(t *testing.T) {
	// A small queue: intake is blocked (back-pressure) when the signal comes.
	h := start(t, telegram.Options{ChatLimit: -1, Workers: 2, MaxQueued: 4})
	hold := make(chan struct{})
	h.api.Fail("sendMessage", telegramtest.Fault{Hold: hold})
	const n = 60
	for i := range n {
		h.api.SendText(int64(200+i%6), fmt.Sprintf("câu %d", i))
	}
	h.api.WaitFor(t, "a reply in flight", func(s *telegramtest.Server) bool { return len(s.Calls("sendMessage")) > 0 })
	h.cancel()
	time.Sleep(50 * time.Millisecond)
	close(hold)
	select {
	case <-h.done:
		h.done <- nil
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return")
	}
	answered := 0
	for c := range int64(6) {
		answered += len(h.api.Sent(200 + c))
	}
	// Every update is either answered or still unconfirmed (Telegram delivers it again).
	if pending := h.api.Pending(); answered+pending < n {
		t.Errorf("%d answered + %d unconfirmed < %d sent: updates were lost", answered, pending, n)
	}
}
