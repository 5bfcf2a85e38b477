package telegram_test

import (
	"strings"
	"sync"
	"testing"

	"github.com/vneidbot/vneidbot/internal/store"
	"github.com/vneidbot/vneidbot/internal/telegram"
	"github.com/vneidbot/vneidbot/internal/telegram/telegramtest"
)

// fakeRecorder is an in-memory Recorder.
type fakeRecorder struct {
	mu      sync.Mutex
	replies []store.Reply
	votes   map[string]string
}

func (f *fakeRecorder) Record(r store.Reply) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.replies = append(f.replies, r)
	return strings.Repeat("ab", 15) + string(rune('a'+len(f.replies)%26)) + "0"
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

// Every reply is recorded with the chat id (the store keeps only its keyed hash); its 👍/👎
// buttons name the stored exchange, and a press records the vote on it.
func TestRepliesAndVotesRecorded(t *testing.T) {
	rec := &fakeRecorder{}
	h := start(t, telegram.Options{Recorder: rec})
	h.api.SendText(6, "passcode quên")
	ans := h.api.WaitSent(t, 6, 1)[0]
	rec.mu.Lock()
	if len(rec.replies) != 1 || rec.replies[0].Channel != "telegram" || rec.replies[0].Subject != "6" ||
		rec.replies[0].Entry != "vneid-quen-passcode" || rec.replies[0].Text != "passcode quên" {
		t.Errorf("recorded %+v, want the one reply to chat 6", rec.replies)
	}
	rec.mu.Unlock()
	exchange := strings.Repeat("ab", 15) + "b0"
	down := "f:-:=" + exchange
	if !hasButton(ans, down) {
		t.Fatalf("buttons %+v do not name the exchange (%s)", ans.Buttons(), down)
	}
	h.api.Press(6, ans.Result, down)
	h.api.WaitFor(t, "feedback handled", func(s *telegramtest.Server) bool { return len(s.Calls("editMessageReplyMarkup")) == 1 })
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if rec.votes[exchange] != "down" {
		t.Errorf("votes = %v, want down on %s", rec.votes, exchange)
	}
}
