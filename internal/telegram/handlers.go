package telegram

import (
	"context"
	"errors"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/vneidbot/vneidbot/internal/answer"
)

// handle answers one update. It runs on a dispatcher worker, after the chat's earlier updates.
func (b *Bot) handle(ctx context.Context, chat int64, u *models.Update, received time.Time) {
	defer func() {
		if v := recover(); v != nil {
			b.m.Panics.WithLabelValues("telegram").Inc()
			b.alarm.Log(ctx, "telegram.panic", "chat", chat, "update", u.ID, "panic", v, "stack", string(debug.Stack()))
			b.sendText(ctx, chat, b.kb.Message("error"), nil)
		}
	}()
	switch {
	case u.Message != nil:
		b.onMessage(ctx, chat, u.Message)
	case u.CallbackQuery != nil:
		b.onCallback(ctx, chat, u.CallbackQuery)
	}
	b.m.TelegramDelivery.Observe(time.Since(received).Seconds())
}

// command returns the command of a message ("start" for "/start@this_bot arg"), if it is
// one addressed to this bot.
func (b *Bot) command(text string) (string, bool) {
	if !strings.HasPrefix(text, "/") {
		return "", false
	}
	word, _, _ := strings.Cut(strings.TrimPrefix(text, "/"), " ")
	word, _, _ = strings.Cut(word, "\n")
	name, target, addressed := strings.Cut(word, "@")
	if addressed && !strings.EqualFold(target, b.username) {
		return "", false
	}
	return strings.ToLower(name), name != ""
}

func (b *Bot) onMessage(ctx context.Context, chat int64, msg *models.Message) {
	text := strings.TrimSpace(msg.Text)
	if cmd, ok := b.command(text); ok {
		b.note.Log(ctx, "telegram.command", "chat", chat, "command", knownCommand(cmd))
		switch cmd {
		case "start":
			b.retireClarify(ctx, chat)
			b.sendText(ctx, chat, b.kb.Message("welcome"), welcomeKeyboard(b.kb.Suggested()))
		case "topics":
			b.retireClarify(ctx, chat)
			text, kb := topicsView(b.kb.Topics(), 0)
			b.sendHTML(ctx, chat, text, kb)
		default: // help, and commands we do not know
			b.sendText(ctx, chat, b.kb.Message("help"), &models.InlineKeyboardMarkup{
				InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: labelTopics, CallbackData: cbTopicList + "0"}}},
			})
		}
		return
	}
	if text == "" { // a sticker, a photo, a voice message: say only text is read
		b.sendText(ctx, chat, b.kb.Message("attachment"), nil)
		return
	}
	b.retireClarify(ctx, chat)
	if utf8.RuneCountInString(text) > b.opt.MaxTextRunes {
		text = string([]rune(text)[:b.opt.MaxTextRunes])
	}
	start := time.Now()
	r := b.kb.Answer(ctx, text)
	took := time.Since(start)
	b.m.AnswerDuration.WithLabelValues("telegram").Observe(took.Seconds())
	b.m.Replies.WithLabelValues("telegram", string(r.Kind)).Inc()
	id := b.sendReply(ctx, chat, r, b.record(chat, text, r))
	if r.Kind == answer.KindClarify && id != 0 {
		b.chats.setPending(chat, id)
	}
	b.note.Log(ctx, "telegram.reply", "chat", chat, "message", msg.ID, "kind", r.Kind, "entry", r.ID,
		"score", r.Score, "margin", r.Margin, "options", len(r.Options), "answer_time", took, "sent", id != 0)
}

func knownCommand(c string) string {
	switch c {
	case "start", "help", "topics":
		return c
	}
	return "other"
}

// retireClarify removes the buttons of a clarification nobody chose: a new message moved on.
func (b *Bot) retireClarify(ctx context.Context, chat int64) {
	if msg := b.chats.retire(chat); msg != 0 {
		b.editMarkup(ctx, chat, msg, emptyKeyboard())
	}
}

func (b *Bot) onCallback(ctx context.Context, chat int64, q *models.CallbackQuery) {
	msgID := 0
	var markup *models.InlineKeyboardMarkup
	switch {
	case q.Message.Message != nil:
		msgID, markup = q.Message.Message.ID, q.Message.Message.ReplyMarkup
	case q.Message.InaccessibleMessage != nil:
		msgID = q.Message.InaccessibleMessage.MessageID
	}
	data := q.Data
	kind, _, _ := strings.Cut(data, ":")
	b.note.Log(ctx, "telegram.button", "chat", chat, "message", msgID, "button", kind)
	switch {
	case strings.HasPrefix(data, cbEntry):
		b.ack(ctx, q.ID, "")
		b.sendEntry(ctx, chat, strings.TrimPrefix(data, cbEntry))

	case strings.HasPrefix(data, cbClarify):
		if !b.chats.choose(chat, msgID) {
			b.ack(ctx, q.ID, textStale)
			return
		}
		b.ack(ctx, q.ID, "")
		if msgID != 0 { // the question is settled: its choices go
			b.editMarkup(ctx, chat, msgID, emptyKeyboard())
		}
		b.sendEntry(ctx, chat, strings.TrimPrefix(data, cbClarify))

	case strings.HasPrefix(data, cbFeedback):
		vote, id, _ := strings.Cut(strings.TrimPrefix(data, cbFeedback), ":")
		label := "up"
		if vote == voteDown {
			label = "down"
		}
		b.m.Feedback.WithLabelValues("telegram", label).Inc()
		b.note.Log(ctx, "telegram.feedback", "chat", chat, "entry", id, "vote", label, "recorded", b.vote(id, label))
		b.ack(ctx, q.ID, b.kb.Message("feedback_thanks"))
		if msgID != 0 {
			b.editMarkup(ctx, chat, msgID, withoutFeedback(markup))
		}

	case strings.HasPrefix(data, cbTopicList):
		b.ack(ctx, q.ID, "")
		page, _ := strconv.Atoi(strings.TrimPrefix(data, cbTopicList))
		text, kb := topicsView(b.kb.Topics(), page)
		b.show(ctx, chat, msgID, text, kb)

	case strings.HasPrefix(data, cbTopic):
		b.ack(ctx, q.ID, "")
		key, p, _ := strings.Cut(strings.TrimPrefix(data, cbTopic), ":")
		page, _ := strconv.Atoi(p)
		topics := b.kb.Topics()
		text, kb, ok := topicView(topics, key, page)
		if !ok { // the area is gone after a reload: show the list again
			text, kb = topicsView(topics, 0)
		}
		b.show(ctx, chat, msgID, text, kb)

	default:
		b.ack(ctx, q.ID, "")
	}
}

// sendEntry sends the entry a button chose, or the fallback when it no longer exists.
func (b *Bot) sendEntry(ctx context.Context, chat int64, id string) {
	r, ok := b.kb.Entry(id)
	if !ok {
		r = answer.Reply{Kind: answer.KindFallback, Text: b.kb.Message("fallback")}
	}
	b.m.Replies.WithLabelValues("telegram", string(r.Kind)).Inc()
	b.sendReply(ctx, chat, r, b.record(chat, r.Title, r))
	b.note.Log(ctx, "telegram.reply", "chat", chat, "kind", r.Kind, "entry", r.ID, "chosen", true, "found", ok)
}

// sendReply sends a reply, split when long, with its keyboard under the last piece.
// It returns the id of the last message sent, 0 when it could not be delivered. exchange is
// the id of its stored exchange, named by the 👍/👎 buttons ("" when nothing was stored).
func (b *Bot) sendReply(ctx context.Context, chat int64, r answer.Reply, exchange string) int {
	text := r.Text
	if strings.TrimSpace(text) == "" {
		text = b.kb.Message("error")
	}
	return b.sendText(ctx, chat, text, keyboardFor(r, b.kb.Suggested(), exchange))
}

// sendText sends answer-style plain text (with **bold**), split at paragraph boundaries.
func (b *Bot) sendText(ctx context.Context, chat int64, text string, kb *models.InlineKeyboardMarkup) int {
	pieces := splitMessage(text, maxMessageLen)
	last := 0
	for i, p := range pieces {
		var k *models.InlineKeyboardMarkup
		if i == len(pieces)-1 {
			k = kb
		}
		id, err := b.send(ctx, chat, p, k)
		if err != nil {
			return 0
		}
		last = id
	}
	return last
}

// send delivers one piece as HTML, falling back to plain text if Telegram refuses the markup.
func (b *Bot) send(ctx context.Context, chat int64, piece string, kb *models.InlineKeyboardMarkup) (int, error) {
	id, err := b.sendMessage(ctx, chat, renderHTML(piece), models.ParseModeHTML, kb)
	if err != nil && reasonOf(err) == reasonBadRequest {
		id, err = b.sendMessage(ctx, chat, plainText(piece), "", kb)
	}
	if err != nil {
		reason := reasonOf(err)
		b.m.TelegramDropped.WithLabelValues(reason).Inc()
		b.warn.Log(ctx, "telegram.undelivered", "chat", chat, "reason", reason)
	}
	return id, err
}

// sendHTML sends text already in Telegram HTML (the bot's own views).
func (b *Bot) sendHTML(ctx context.Context, chat int64, html string, kb *models.InlineKeyboardMarkup) int {
	id, err := b.sendMessage(ctx, chat, html, models.ParseModeHTML, kb)
	if err != nil {
		reason := reasonOf(err)
		b.m.TelegramDropped.WithLabelValues(reason).Inc()
		b.warn.Log(ctx, "telegram.undelivered", "chat", chat, "reason", reason)
	}
	return id
}

func (b *Bot) sendMessage(ctx context.Context, chat int64, text string, mode models.ParseMode, kb *models.InlineKeyboardMarkup) (int, error) {
	p := &bot.SendMessageParams{
		ChatID:             chat,
		Text:               text,
		ParseMode:          mode,
		LinkPreviewOptions: &models.LinkPreviewOptions{IsDisabled: bot.True()},
	}
	if kb != nil {
		p.ReplyMarkup = kb
	}
	var msg *models.Message
	err := b.call(ctx, "sendMessage", func(ctx context.Context) error {
		var err error
		msg, err = b.api.SendMessage(ctx, p)
		return err
	})
	if err != nil {
		return 0, err
	}
	return msg.ID, nil
}

// show replaces a browsing message in place, or sends a new one if it cannot.
func (b *Bot) show(ctx context.Context, chat int64, msgID int, html string, kb *models.InlineKeyboardMarkup) {
	if msgID != 0 {
		err := b.call(ctx, "editMessageText", func(ctx context.Context) error {
			_, err := b.api.EditMessageText(ctx, &bot.EditMessageTextParams{
				ChatID: chat, MessageID: msgID, Text: html, ParseMode: models.ParseModeHTML, ReplyMarkup: kb,
			})
			return err
		})
		if err == nil || strings.Contains(errorText(err), "not modified") {
			return
		}
	}
	b.sendHTML(ctx, chat, html, kb)
}

// editMarkup replaces a message's keyboard; failures are logged, never shown.
func (b *Bot) editMarkup(ctx context.Context, chat int64, msgID int, kb *models.InlineKeyboardMarkup) {
	err := b.call(ctx, "editMessageReplyMarkup", func(ctx context.Context) error {
		_, err := b.api.EditMessageReplyMarkup(ctx, &bot.EditMessageReplyMarkupParams{
			ChatID: chat, MessageID: msgID, ReplyMarkup: kb,
		})
		return err
	})
	if err != nil && !strings.Contains(errorText(err), "not modified") {
		b.log.Debug("telegram.edit", "chat", chat, "message", msgID, "reason", reasonOf(err))
	}
}

// ack answers a callback query so the button stops spinning, with an optional short notice.
func (b *Bot) ack(ctx context.Context, id, text string) {
	text = truncateRunes(text, maxCallbackTextLen)
	err := b.call(ctx, "answerCallbackQuery", func(ctx context.Context) error {
		_, err := b.api.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: id, Text: text})
		return err
	})
	if err != nil {
		b.log.Debug("telegram.ack", "reason", reasonOf(err))
	}
}

// errorText is the text of a Bot API error, for matching Telegram's descriptions (never logged).
func errorText(err error) string {
	var ae *apiError
	if errors.As(err, &ae) && ae.err != nil {
		return ae.err.Error()
	}
	if err != nil {
		return err.Error()
	}
	return ""
}
