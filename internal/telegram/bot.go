// Package telegram is the Telegram edge of the bot and the only importer of go-telegram/bot:
// it takes updates (long polling, or a webhook on the HTTP server), answers them from the
// knowledge base with inline keyboards, and delivers the replies reliably.
//
// Reliability is built here because the library has none of it: updates go through a
// sched.Dispatcher (bounded worker pool, one job per chat at a time, in order, chats served
// in turn), a per-chat limit with one notice per window, panics recovered into a polite reply,
// and every Bot API call runs under a sched.Policy (retried on 429 after retry_after and on
// transient network errors with backoff). On shutdown it stops taking updates, finishes what it has, then returns.
//
// Logs hold ids, kinds, scores, reasons and durations; never the token, the API URL or what
// anyone wrote.
package telegram

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/vneidbot/vneidbot/internal/answer"
	"github.com/vneidbot/vneidbot/internal/logthrottle"
	"github.com/vneidbot/vneidbot/internal/metrics"
	"github.com/vneidbot/vneidbot/internal/ratelimit"
	"github.com/vneidbot/vneidbot/internal/sched"
)

// Answerer is what the bot needs from the knowledge base.
type Answerer interface {
	Answer(ctx context.Context, text string) answer.Reply
	Entry(id string) (answer.Reply, bool)
	Topics() []answer.Topic
	Message(key string) string
	Suggested() []answer.Option
}

// Options configure a Bot. Zero values take the defaults shown.
type Options struct {
	Token         string // required
	APIURL        string // Bot API base URL; default https://api.telegram.org
	WebhookURL    string // when set, webhook mode: setWebhook on start, updates via WebhookHandler
	WebhookSecret string // required in webhook mode; checked on every webhook request

	Workers      int           // replies computed and sent at once; default 8
	ChatLimit    int           // answers per chat per ChatWindow; default 20, negative for none
	ChatWindow   time.Duration // default 1 minute
	MaxQueued    int           // jobs waiting or running before intake waits; default 10000
	DrainTimeout time.Duration // how long shutdown waits for queued replies; default 6 s
	PollTimeout  time.Duration // long-poll duration; default 50 s
	MaxTextRunes int           // longer messages are cut before answering; default 2000
	Now          func() time.Time

	// Seen de-duplicates updates: Telegram redelivers an update whose webhook call failed or
	// timed out, and a retry may reach another replica. A repeat is acknowledged, not answered.
	// Default: in memory, for SeenTTL (Telegram gives up redelivering within minutes), at most
	// SeenMax ids (bounds memory under a flood). A shared store makes it hold across replicas.
	Seen UpdateSeen
	// Recorder keeps every reply and its 👍/👎 for staff; nil keeps nothing.
	Recorder Recorder
	SeenTTL  time.Duration // default 10 minutes
	SeenMax  int           // default 100000 (a few MB)
}

// UpdateSeen records an update id and reports whether it was recorded before.
// sched.Seen is the in-memory one; the shared store implements it for replicas.
type UpdateSeen interface {
	SeenUpdate(ctx context.Context, updateID int64) (bool, error)
}

func (o *Options) defaults() {
	if o.APIURL == "" {
		o.APIURL = "https://api.telegram.org"
	}
	o.APIURL = strings.TrimRight(o.APIURL, "/")
	if o.Workers <= 0 {
		o.Workers = 8
	}
	if o.ChatLimit == 0 {
		o.ChatLimit = 20
	}
	if o.ChatWindow <= 0 {
		o.ChatWindow = time.Minute
	}
	if o.MaxQueued <= 0 {
		o.MaxQueued = 10000
	}
	if o.DrainTimeout <= 0 {
		o.DrainTimeout = 6 * time.Second
	}
	if o.PollTimeout <= 0 {
		o.PollTimeout = 50 * time.Second
	}
	if o.MaxTextRunes <= 0 {
		o.MaxTextRunes = 2000
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.SeenTTL <= 0 {
		o.SeenTTL = 10 * time.Minute
	}
	if o.SeenMax <= 0 {
		o.SeenMax = 100000
	}
	if o.Seen == nil {
		o.Seen = sched.NewSeen(o.SeenTTL, o.SeenMax, o.Now)
	}
}

// Bot is a running Telegram bot. Build it with New, then Run it.
type Bot struct {
	log   *slog.Logger
	kb    Answerer
	m     *metrics.Metrics
	opt   Options
	retry sched.Policy

	api      *bot.Bot
	username string
	disp     *sched.Dispatcher
	limit    *ratelimit.Limiter[int64]
	chats    *chatStates
	open     atomic.Bool // taking updates

	// Log lines anyone on Telegram or the internet can cause at will go through throttles:
	// the first of a minute is written, then a count.
	warn  *logthrottle.Logger // warnings (bad webhook secrets, undelivered replies)
	note  *logthrottle.Logger // a reply, a command, a button
	alarm *logthrottle.Logger // panics (the panics metric counts every one)
}

// New connects to the Bot API (getMe) and prepares the bot. It fails when the token is
// refused or the API cannot be reached after a few tries.
func New(ctx context.Context, logger *slog.Logger, kb Answerer, m *metrics.Metrics, opt Options) (*Bot, error) {
	opt.defaults()
	if opt.Token == "" {
		return nil, errors.New("telegram: no token")
	}
	if opt.WebhookURL != "" && opt.WebhookSecret == "" {
		return nil, errors.New("telegram: webhook mode needs a secret")
	}
	b := &Bot{
		log: logger, kb: kb, m: m, opt: opt, retry: sched.DefaultPolicy,
		limit: ratelimit.New[int64](opt.ChatLimit, opt.ChatWindow, opt.Now),
		chats: newChatStates(opt.Now),
		warn:  logthrottle.New(logger, slog.LevelWarn, time.Minute),
		note:  logthrottle.New(logger, slog.LevelInfo, time.Minute),
		alarm: logthrottle.New(logger, slog.LevelError, time.Minute),
	}
	b.disp = sched.NewDispatcher(opt.Workers, opt.MaxQueued, sched.Hooks{
		Queued: func(n int) { m.TelegramQueued.Add(float64(n)) },
		Dropped: func(chat int64) {
			m.TelegramDropped.WithLabelValues("shutdown").Inc()
			b.warn.Log(context.Background(), "telegram.dropped", "chat", chat, "reason", "shutdown")
		},
		Panic: func(chat int64, v any, stack []byte) {
			m.Panics.WithLabelValues("telegram").Inc()
			b.alarm.Log(context.Background(), "telegram.panic", "chat", chat, "panic", v, "stack", string(stack))
		},
	})
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxIdleConnsPerHost = opt.Workers + 4
	client := &http.Client{Transport: transport, Timeout: opt.PollTimeout + 15*time.Second}
	api, err := bot.New(opt.Token,
		bot.WithServerURL(opt.APIURL),
		bot.WithSkipGetMe(),
		bot.WithHTTPClient(opt.PollTimeout, client),
		bot.WithDefaultHandler(b.onPolledUpdate),
		bot.WithNotAsyncHandlers(), // the dispatcher decides what runs when
		bot.WithWorkers(1),         // keep Telegram's order into the dispatcher
		// Hand each polled update straight to the dispatcher: the library confirms a batch
		// (with the next poll) only once all of it is queued with us, and on shutdown an
		// update is either queued (and answered) or unconfirmed (and redelivered later).
		bot.WithUpdatesChannelCap(0),
		bot.WithAllowedUpdates(bot.AllowedUpdates{"message", "callback_query"}),
		bot.WithErrorsHandler(b.onLibraryError),
		bot.WithDebugHandler(func(string, ...any) {}),
	)
	if err != nil {
		return nil, fmt.Errorf("telegram: %w", err)
	}
	b.api = api
	var me *models.User
	err = b.call(ctx, "getMe", func(ctx context.Context) error {
		var err error
		me, err = api.GetMe(ctx)
		return err
	})
	if err != nil {
		return nil, err
	}
	b.username = me.Username
	return b, nil
}

// Webhook reports whether the bot takes updates through WebhookHandler.
func (b *Bot) Webhook() bool { return b.opt.WebhookURL != "" }

// Run registers the commands (and the webhook, in webhook mode), takes updates until ctx is
// done, then stops taking them, delivers what is queued (within DrainTimeout) and returns.
// It returns an error only when the bot cannot start.
func (b *Bot) Run(ctx context.Context) error {
	// Replies outlive ctx: they are finished after the signal, until the drain deadline.
	workCtx, cancelWork := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelWork()
	// Take updates before setWebhook: Telegram posts the first one as soon as it is set.
	b.disp.Start(workCtx)
	b.open.Store(true)
	if err := b.setup(ctx); err != nil {
		b.open.Store(false)
		b.disp.Close()
		b.disp.Wait()
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	mode := "polling"
	if b.Webhook() {
		mode = "webhook"
	}
	b.log.Info("telegram.started", "mode", mode, "bot", b.username, "workers", b.opt.Workers)

	if b.Webhook() {
		<-ctx.Done()
	} else {
		b.api.Start(ctx) // returns once ctx is done and the poll is cancelled
	}
	b.open.Store(false)
	b.disp.Close()

	start := time.Now()
	left := b.disp.Waiting()
	done := make(chan struct{})
	go func() { b.disp.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(b.opt.DrainTimeout):
		b.log.Warn("telegram.drain", "outcome", "deadline", "jobs", b.disp.Waiting())
		cancelWork()
		<-done
	}
	b.warn.Flush()
	b.note.Flush()
	b.alarm.Flush()
	b.log.Info("telegram.stopped", "jobs_drained", left, "took", time.Since(start))
	return nil
}

var commands = []models.BotCommand{
	{Command: "start", Description: "Bắt đầu"},
	{Command: "topics", Description: "Xem các chủ đề"},
	{Command: "help", Description: "Hướng dẫn sử dụng"},
}

func (b *Bot) setup(ctx context.Context) error {
	err := b.call(ctx, "setMyCommands", func(ctx context.Context) error {
		_, err := b.api.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: commands})
		return err
	})
	if err != nil {
		b.log.Warn("telegram.setup", "method", "setMyCommands", "reason", reasonOf(err))
	}
	if b.Webhook() {
		return b.call(ctx, "setWebhook", func(ctx context.Context) error {
			_, err := b.api.SetWebhook(ctx, &bot.SetWebhookParams{
				URL:            b.opt.WebhookURL,
				SecretToken:    b.opt.WebhookSecret,
				AllowedUpdates: []string{"message", "callback_query"},
			})
			return err
		})
	}
	// getUpdates is refused while a webhook is set; keep the updates Telegram holds.
	return b.call(ctx, "deleteWebhook", func(ctx context.Context) error {
		_, err := b.api.DeleteWebhook(ctx, &bot.DeleteWebhookParams{DropPendingUpdates: false})
		return err
	})
}

// onLibraryError logs what the library reports (mostly failed polls) without its text.
func (b *Bot) onLibraryError(err error) {
	reason := classify(err)
	if reason == reasonCanceled {
		return
	}
	b.m.TelegramSendErrors.WithLabelValues("getUpdates", reason).Inc()
	level := slog.LevelWarn
	if reason == reasonConflict || reason == reasonUnauthorized {
		level = slog.LevelError // another instance polls, or a webhook is set, or the token is revoked
	}
	b.log.Log(context.Background(), level, "telegram.poll", "reason", reason)
}

// onPolledUpdate is the library's handler in polling mode: hand the update to the
// dispatcher, waiting for room when it is full (which pauses polling).
func (b *Bot) onPolledUpdate(ctx context.Context, _ *bot.Bot, u *models.Update) {
	err := b.intake(ctx, u)
	if err != nil && ctx.Err() != nil {
		// Shutting down while the queue is full: this update may already be confirmed to
		// Telegram, so wait a little for room (the workers are still answering) rather than lose it.
		grace, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
		err = b.intake(grace, u)
		cancel()
	}
	if err != nil {
		b.m.TelegramDropped.WithLabelValues("intake").Inc()
		b.warn.Log(ctx, "telegram.intake", "update", u.ID, "err", err)
	}
}

// intake accounts an update, applies the per-chat limit and queues its job.
func (b *Bot) intake(ctx context.Context, u *models.Update) error {
	received := time.Now()
	chat, typ, ok := b.route(u)
	b.m.TelegramUpdates.WithLabelValues(typ).Inc()
	if !ok {
		return nil
	}
	if !b.open.Load() {
		return sched.ErrClosed
	}
	if b.duplicate(ctx, u.ID) {
		return nil
	}
	d := b.limit.Allow(chat)
	if !d.Allow {
		b.m.RateLimited.WithLabelValues("telegram").Inc()
		if !d.Notify {
			b.log.Debug("telegram.limited", "chat", chat, "update", u.ID)
			return nil
		}
		b.note.Log(ctx, "telegram.limited", "chat", chat, "update", u.ID, "retry_after", d.RetryAfter)
		return b.disp.Enqueue(ctx, sched.Job{Key: chat, Run: func(ctx context.Context) {
			b.sendText(ctx, chat, b.kb.Message("rate_limited"), nil)
		}})
	}
	err := b.disp.Enqueue(ctx, sched.Job{Key: chat, Run: func(ctx context.Context) {
		b.handle(ctx, chat, u, received)
	}})
	if err != nil {
		b.forget(u.ID) // not taken: its redelivery must not count as a repeat
	}
	return err
}

// UpdateForgetter is optionally implemented by an UpdateSeen: an update marked seen but then
// not taken (the queue stayed full, shutdown began) is forgotten, so Telegram's redelivery
// is answered. Without it such an update is lost; the window is narrow.
type UpdateForgetter interface {
	ForgetUpdate(ctx context.Context, updateID int64) error
}

func (b *Bot) forget(id int64) {
	if f, ok := b.opt.Seen.(UpdateForgetter); ok {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if err := f.ForgetUpdate(ctx, id); err != nil {
			b.warn.Log(ctx, "telegram.forget_error", "update", id, "err", err)
		}
	}
}

// duplicate reports whether the update was seen before (here or, with a shared store, by
// another replica); a repeat is counted and acknowledged without an answer. When the check
// fails the update is handled: better answered twice than never.
func (b *Bot) duplicate(ctx context.Context, id int64) bool {
	seen, err := b.opt.Seen.SeenUpdate(ctx, id)
	if err != nil {
		b.m.TelegramDropped.WithLabelValues("dedupe_error").Inc()
		b.warn.Log(ctx, "telegram.dedupe_error", "update", id, "err", err)
		return false
	}
	if seen {
		b.m.TelegramDropped.WithLabelValues("duplicate").Inc()
		b.log.Debug("telegram.duplicate", "update", id)
	}
	return seen
}

// route says which chat an update belongs to, its type for metrics, and whether to handle it:
// messages in private chats, commands anywhere, and button presses.
func (b *Bot) route(u *models.Update) (chat int64, typ string, ok bool) {
	switch {
	case u.Message != nil:
		m := u.Message
		if m.Chat.Type == models.ChatTypePrivate {
			return m.Chat.ID, "message", true
		}
		_, isCmd := b.command(m.Text)
		return m.Chat.ID, "message", isCmd
	case u.CallbackQuery != nil:
		q := u.CallbackQuery
		switch {
		case q.Message.Message != nil:
			return q.Message.Message.Chat.ID, "callback_query", true
		case q.Message.InaccessibleMessage != nil:
			return q.Message.InaccessibleMessage.Chat.ID, "callback_query", true
		}
		return q.From.ID, "callback_query", q.From.ID != 0
	}
	return 0, "other", false
}

// WebhookHandler receives updates from Telegram in webhook mode. It answers 401 without the
// secret header, 403 with a wrong one (compared in constant time), 400 for a body that is not
// an update, and 503 while the bot is not taking updates (Telegram retries later).
func (b *Bot) WebhookHandler() http.Handler {
	want := sha256.Sum256([]byte(b.opt.WebhookSecret))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			webhookError(w, http.StatusMethodNotAllowed, "method not allowed")
			return
		}
		got := r.Header.Get("X-Telegram-Bot-Api-Secret-Token")
		if got == "" {
			b.warn.Log(r.Context(), "telegram.webhook_no_secret", "outcome", "no_secret")
			webhookError(w, http.StatusUnauthorized, "missing secret token")
			return
		}
		sum := sha256.Sum256([]byte(got))
		if b.opt.WebhookSecret == "" || subtle.ConstantTimeCompare(sum[:], want[:]) != 1 {
			b.warn.Log(r.Context(), "telegram.webhook_bad_secret", "outcome", "bad_secret")
			webhookError(w, http.StatusForbidden, "wrong secret token")
			return
		}
		var u models.Update
		dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20))
		if err := dec.Decode(&u); err != nil {
			b.warn.Log(r.Context(), "telegram.webhook_bad_body", "outcome", "bad_body")
			webhookError(w, http.StatusBadRequest, "body is not an update")
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
		defer cancel()
		if err := b.intake(ctx, &u); err != nil {
			w.Header().Set("Retry-After", "1")
			webhookError(w, http.StatusServiceUnavailable, "not accepting updates")
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}

func webhookError(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}
