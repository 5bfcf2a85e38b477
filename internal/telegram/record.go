package telegram

import (
	"strconv"

	"github.com/vneidbot/vneidbot/internal/answer"
	"github.com/vneidbot/vneidbot/internal/store"
)

// Recorder keeps exchanges and feedback for staff (internal/store's Writer). It must not
// block: the reply goes out whatever happens to the record.
type Recorder interface {
	Record(r store.Reply) string // returns the exchange id; the 👍/👎 buttons carry it
	Vote(id, vote, reason string) bool
}

// exchangeMark starts the target of a 👍/👎 button that names a stored exchange rather than an
// entry: entry ids never contain it. "f:-:=" + 32 hex digits fits Telegram's 64 bytes.
const exchangeMark = "="

// record stores the exchange of one reply when a Recorder is set and returns its id ("" when
// nothing is recorded). text is what the citizen sent or chose; the chat id is only kept as a
// keyed hash by the store.
func (b *Bot) record(chat int64, text string, r answer.Reply) string {
	if b.opt.Recorder == nil {
		return ""
	}
	return b.opt.Recorder.Record(store.Reply{
		Channel: "telegram", Subject: strconv.FormatInt(chat, 10), Text: text,
		Kind: string(r.Kind), Entry: r.ID, Confidence: r.Score, RunnersUp: r.RunnersUp(), Flags: r.Flags,
	})
}

// vote records a 👍/👎 whose button named a stored exchange; it reports whether it did.
func (b *Bot) vote(target, vote string) bool {
	if b.opt.Recorder == nil || len(target) <= len(exchangeMark) || target[:len(exchangeMark)] != exchangeMark {
		return false
	}
	return b.opt.Recorder.Vote(target[len(exchangeMark):], vote, "")
}
