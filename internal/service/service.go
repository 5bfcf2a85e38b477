// Package service owns the lifecycle of `vneidbot serve`: configuration → knowledge base →
// HTTP server → Telegram → reload → graceful shutdown, under one Run. It is the one package
// that knows every part; cmd/vneidbot only turns flags and the environment into a Config.
//
// It also holds the other subcommands' work (ask, index, eval, lint) for the same reason:
// they wire the knowledge base, the engine and the reports, and cmd stays a trampoline.
//
// Budgets: listening comes first, so a busy port fails before the index is built. On the
// signal Telegram stops taking updates and delivers what it has (telegramDrain), then HTTP
// finishes its requests (httpShutdown), then the index and the store are closed — within the
// 10 s a supervisor gives after SIGTERM.
package service

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/vneidbot/vneidbot/internal/httpapi"
	"github.com/vneidbot/vneidbot/internal/kb"
	"github.com/vneidbot/vneidbot/internal/logthrottle"
	"github.com/vneidbot/vneidbot/internal/metrics"
	"github.com/vneidbot/vneidbot/internal/telegram"
)

const (
	telegramDrain  = 6 * time.Second
	httpShutdown   = 3 * time.Second
	webhookMetrics = "telegram_webhook" // the webhook's route label: its path stays out of /metrics
)

// Store is what the service needs from the shared store (internal/store). It is the seam
// for several replicas: with PostgreSQL behind it, every replica sees the same updates.
//
// SeenUpdate records a Telegram update id and reports whether it had been recorded before,
// by any replica; it must be atomic (INSERT … ON CONFLICT DO NOTHING) and may forget ids older
// than a few minutes. An error makes the update be handled (better twice than never).
// Close flushes and releases the store; Run calls it last.
//
// A store that records exchanges and feedback plugs into the edges the same way (their
// Options), and a staff console mounts through Config.Routes.
type Store interface {
	SeenUpdate(ctx context.Context, updateID int64) (bool, error)
	Close() error
}

// ListenError is returned when the HTTP address cannot be listened on.
type ListenError struct {
	Addr string
	Err  error
}

func (e *ListenError) Error() string { return fmt.Sprintf("cannot listen on %s: %v", e.Addr, e.Err) }
func (e *ListenError) Unwrap() error { return e.Err }

// TelegramError is returned when the Telegram edge cannot start or stops on its own.
type TelegramError struct{ Err error }

func (e *TelegramError) Error() string { return e.Err.Error() }
func (e *TelegramError) Unwrap() error { return e.Err }

// Run runs the service until ctx is cancelled (SIGINT/SIGTERM), then stops Telegram intake
// and delivers its queued replies, shuts HTTP down, closes the index and the store, and
// returns nil. It returns an error when the service cannot start or a part cannot go on.
func Run(ctx context.Context, cfg Config) error {
	if err := cfg.Validate(); err != nil {
		return err
	}
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	logger.Info("serve.config", "config", cfg)
	if cfg.Store != nil {
		defer func() {
			if err := cfg.Store.Close(); err != nil {
				logger.Warn("serve.store_close", "err", err)
			}
		}()
	}

	// Listen first: a busy port fails now, not after the index is built.
	ln, err := net.Listen("tcp", cfg.HTTPAddr)
	if err != nil {
		return &ListenError{cfg.HTTPAddr, err}
	}
	serverWarn := logthrottle.New(logger, slog.LevelWarn, time.Minute)
	defer serverWarn.Flush()
	m := metrics.New()
	if cfg.MetricsAddr != "" {
		stopMetrics, err := serveMetrics(cfg.MetricsAddr, m, logger)
		if err != nil {
			ln.Close()
			return err
		}
		defer stopMetrics()
	}
	ex, err := openExchanges(ctx, &cfg, logger, m)
	if err != nil {
		ln.Close()
		return err
	}
	defer ex.close(logger) // after HTTP and Telegram, before cfg.Store.Close
	api := httpapi.New(logger, m, httpapi.Options{ClientLimit: cfg.APILimit, Recorder: ex.recorder(), NoMetrics: cfg.MetricsAddr != ""})
	defer api.FlushLogs() // runs after HTTP has stopped: every path below stops it first
	ex.mount(api)
	hook := &lateHandler{}
	if p := cfg.webhookPath(); p != "" {
		pattern := "POST " + p
		if strings.HasSuffix(p, "/") {
			pattern += "{$}"
		}
		api.Handle(pattern, webhookMetrics, hook)
	}
	for _, r := range cfg.Routes {
		api.Handle(r.Pattern, r.Name, r.Handler)
	}
	srv := &http.Server{
		Handler:           api,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       90 * time.Second,
		MaxHeaderBytes:    64 << 10,
		// net/http's own complaints (TLS handshakes, malformed requests) are the client's
		// to trigger at will: one line a minute, then a count.
		ErrorLog: log.New(serverErrors{serverWarn}, "", 0),
	}
	httpDone := make(chan error, 1)
	go func() { httpDone <- srv.Serve(ln) }()
	logger.Info("serve.listening", "addr", ln.Addr().String(), "url", "http://"+ln.Addr().String()+"/")
	stopHTTP := func() {
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), httpShutdown)
		defer cancel()
		if err := srv.Shutdown(sctx); err != nil {
			logger.Warn("serve.http_shutdown", "outcome", "deadline", "err", err)
			srv.Close()
		}
	}

	// The index may take a while to build; /healthz answers meanwhile, /readyz says 503.
	live, err := kb.Open(ctx, logger, kb.Config{FAQDir: cfg.FAQDir, IndexDir: cfg.IndexDir})
	if err != nil {
		stopHTTP()
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	m.SetIndexSource(func() metrics.IndexStats {
		s := live.Stats()
		return metrics.IndexStats{Entries: s.Entries, Reloads: s.Reloads, ReloadErrors: s.ReloadErrors, SearchErrors: s.SearchErrors}
	})

	// Everything below stops with runCtx: the signal, or a part that cannot go on.
	runCtx, stopAll := context.WithCancel(ctx)
	defer stopAll()
	var bg sync.WaitGroup
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	bg.Add(1)
	go func() {
		defer bg.Done()
		for {
			select {
			case <-runCtx.Done():
				return
			case <-hup:
				live.ReloadNow(runCtx, "sighup")
			}
		}
	}()
	if cfg.ReloadEvery > 0 {
		bg.Add(1)
		go func() { defer bg.Done(); live.Watch(runCtx, cfg.ReloadEvery) }()
	}
	api.SetAnswerer(live)
	ex.ready(live)
	logger.Info("serve.ready", "entries", live.Stats().Entries)

	var exit error
	var tgDone chan error
	// Telegram stops only after serve.stopping is logged, so the log reads in order.
	tgCtx, stopTG := context.WithCancel(context.WithoutCancel(runCtx))
	defer stopTG()
	if cfg.Telegram.Token != "" {
		tg, err := telegram.New(runCtx, logger, live, m, telegramOptions(cfg, ex.telegramRecorder()))
		switch {
		case err != nil && ctx.Err() == nil:
			exit = &TelegramError{fmt.Errorf("%w (check TELEGRAM_BOT_TOKEN and TELEGRAM_API_URL)", err)}
			stopAll()
		case err == nil:
			hook.set(tg.WebhookHandler())
			tgDone = make(chan error, 1)
			go func() { tgDone <- tg.Run(tgCtx) }()
		}
	} else {
		logger.Info("serve.telegram", "mode", "off", "hint", "set TELEGRAM_BOT_TOKEN to answer on Telegram")
	}

	select {
	case <-runCtx.Done():
	case err := <-httpDone:
		logger.Error("serve.http", "err", err)
		exit = fmt.Errorf("http server: %w", err)
	case err := <-tgDone: // nil channel when Telegram is off: never ready
		tgDone = nil
		if err != nil {
			exit = &TelegramError{err}
		}
	}
	start := time.Now()
	logger.Info("serve.stopping")
	stopAll()
	stopTG()
	if tgDone != nil {
		if err := <-tgDone; err != nil { // Run returns within its drain timeout
			logger.Warn("serve.telegram", "err", err)
		}
	}
	stopHTTP()
	bg.Wait()
	if err := live.Close(); err != nil {
		logger.Warn("serve.index_close", "err", err)
	}
	logger.Info("serve.stopped", "took", time.Since(start).Round(time.Millisecond), "exit", ExitCode(exit))
	return exit
}

func telegramOptions(cfg Config, rec telegram.Recorder) telegram.Options {
	chatLimit := cfg.ChatLimit
	if chatLimit == 0 {
		chatLimit = -1 // telegram.Options: negative is "no limit", zero the default
	}
	opt := telegram.Options{
		Token: cfg.Telegram.Token, APIURL: cfg.apiURL(),
		WebhookURL: cfg.Telegram.WebhookURL, WebhookSecret: cfg.Telegram.WebhookSecret,
		Workers: cfg.Workers, ChatLimit: chatLimit, DrainTimeout: telegramDrain,
	}
	if cfg.Store != nil {
		opt.Seen = cfg.Store
	}
	if rec != nil {
		opt.Recorder = rec
	}
	return opt
}

// ExitCode is the process exit status for an error of Run or of a subcommand: 0 for nil,
// 2 for a configuration error, 1 otherwise.
func ExitCode(err error) int {
	var ce *ConfigError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ce):
		return 2
	}
	return 1
}

// WriteError tells a person at a terminal why prog could not run, FAQ problems one per line,
// and what to do about it.
func WriteError(w io.Writer, prog string, err error) {
	var le *kb.LintError
	var lnErr *ListenError
	switch {
	case errors.As(err, &le):
		fmt.Fprintf(w, "%s: the FAQ has errors; fix them (vneidbot lint) and try again:\n", prog)
		le.WriteTo(w)
	case errors.As(err, &lnErr):
		fmt.Fprintf(w, "%s: %v\n(another program may be using the port; choose another with --http or VNEIDBOT_HTTP)\n", prog, err)
	default:
		fmt.Fprintf(w, "%s: %s\n", prog, strings.TrimSpace(err.Error()))
	}
}

// serverErrors turns net/http's error log into throttled log lines.
type serverErrors struct{ t *logthrottle.Logger }

func (w serverErrors) Write(p []byte) (int, error) {
	w.t.Log(context.Background(), "http.server_error", "err", strings.TrimSpace(string(p)))
	return len(p), nil
}

// lateHandler is the webhook route, mounted before serving; it answers 503 (Telegram retries)
// until the bot is connected.
type lateHandler struct{ h atomic.Pointer[http.Handler] }

func (l *lateHandler) set(h http.Handler) { l.h.Store(&h) }

func (l *lateHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h := l.h.Load(); h != nil {
		(*h).ServeHTTP(w, r)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Retry-After", "1")
	w.WriteHeader(http.StatusServiceUnavailable)
	fmt.Fprintln(w, `{"error":"not ready"}`)
}
