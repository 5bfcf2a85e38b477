package telegram_test

import (
	"strings"
	"sync"
	"testing"

	"github.com/vneidbot/vneidbot/internal/store"
	"github.com/vneidbot/vneidbot/internal/telegram"
	"github.com/vneidbot/vneidbot/internal/telegram/telegramtest"
)

// fakeRecorder keeps what it is given, in memory.
type fakeRecorder struct {
	mu    sync.Mutex
	xs    []store.Reply
	votes map[string]string
}

func (f *fakeRecorder) Record(r store.Reply) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.xs = append(f.xs, r)
	return strings.Repeat("ab", 16)
}

func (f *fakeRecorder) Vote(id, vote, reason string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.votes == nil {
		f.votes = map[string]string{}
	}
	f.votes[id] = vote
	return true
}

func TestRepliesRecordedAndVotesReachTheStore(t *testing.T) {
	rec := &fakeRecorder{}
	h := start(t, telegram.Options{Recorder: rec})
	h.api.SendText(6, "passcode quên")
	ans := h.api.WaitSent(t, 6, 1)[0]
	data := "f:-:#" + strings.Repeat("ab", 16)
	if !hasButton(ans, data) {
		t.Fatalf("answer keyboard %+v lacks the 👎 naming the exchange", ans.Keyboard())
	}
	h.api.Press(6, ans.Result, data)
	h.api.WaitFor(t, "feedback handled", func(s *telegramtest.Server) bool { return len(s.Calls("editMessageReplyMarkup")) == 1 })
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if len(rec.xs) != 1 {
		t.Fatalf("recorded %d exchanges, want 1", len(rec.xs))
	}
	x := rec.xs[0]
	if x.Channel != "telegram" || x.Subject != "6" || x.Text != "passcode quên" || x.Entry != "vneid-quen-passcode" || x.Kind != "answer" {
		t.Errorf("recorded %+v", x)
	}
	if rec.votes[strings.Repeat("ab", 16)] != store.VoteDown {
		t.Errorf("votes %v", rec.votes)
	}
}
