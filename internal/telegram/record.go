package telegram

import (
	"strconv"
	"strings"

	"github.com/go-telegram/bot/models"
	"github.com/vneidbot/vneidbot/internal/answer"
	"github.com/vneidbot/vneidbot/internal/store"
)

// Recorder keeps exchanges and feedback for staff (internal/store's Writer); it never blocks.
// The chat id goes to it only to be replaced by a keyed hash.
type Recorder interface {
	Record(r store.Reply) string
	Vote(id, vote, reason string) bool
}

// exchangeMark starts the id part of feedback buttons that name a stored exchange
// ("f:-:#<exchange id>"), a character no entry id has.
const exchangeMark = "#"

// record stores the exchange of a reply sent to chat and points its 👍/👎 at it.
func (b *Bot) record(chat int64, text string, r answer.Reply, kb *models.InlineKeyboardMarkup) {
	if b.opt.Recorder == nil {
		return
	}
	var runners []string
	for _, o := range r.Ranked {
		if o.ID != r.ID {
			runners = append(runners, o.ID)
		}
	}
	if len(runners) == 0 && r.Kind == answer.KindClarify {
		for _, o := range r.Options {
			runners = append(runners, o.ID)
		}
	}
	id := b.opt.Recorder.Record(store.Reply{Channel: "telegram", Subject: strconv.FormatInt(chat, 10), Text: text,
		Kind: string(r.Kind), Entry: r.ID, Confidence: r.Score, RunnersUp: runners})
	if kb == nil {
		return
	}
	for _, row := range kb.InlineKeyboard {
		for i, bt := range row {
			rest, ok := strings.CutPrefix(bt.CallbackData, cbFeedback)
			if !ok {
				continue
			}
			vote, _, _ := strings.Cut(rest, ":")
			row[i].CallbackData = cbFeedback + vote + ":" + exchangeMark + id
		}
	}
}

// vote records a 👍/👎 whose button named a stored exchange.
func (b *Bot) vote(target, label string) {
	if id, ok := strings.CutPrefix(target, exchangeMark); ok && b.opt.Recorder != nil {
		b.opt.Recorder.Vote(id, label, "")
	}
}
