package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/vneidbot/vneidbot/internal/faq"
	"github.com/vneidbot/vneidbot/internal/httpapi"
	"github.com/vneidbot/vneidbot/internal/kb"
	"github.com/vneidbot/vneidbot/internal/metrics"
	"github.com/vneidbot/vneidbot/internal/telegram"
)

// Shutdown budget, inside the 10 s a supervisor gives after SIGTERM: Telegram delivers what
// it has (drain), then HTTP finishes its requests, then the index is closed.
const (
	telegramDrain  = 6 * time.Second
	httpShutdown   = 3 * time.Second
	defaultAPIURL  = "https://api.telegram.org"
	defaultHTTP    = "127.0.0.1:8080"
	webhookMetrics = "telegram_webhook" // the webhook's route label: its path stays out of /metrics
)

// serveConfig is the configuration of `vneidbot serve`: flag over environment over default.
// Its LogValue masks the secrets, so it can be logged whole.
type serveConfig struct {
	http        string
	faq, index  string
	reloadEvery time.Duration
	logLevel    slog.Level
	workers     int
	chatLimit   int
	apiLimit    int

	token         string // TELEGRAM_BOT_TOKEN; secret
	webhookURL    string // TELEGRAM_WEBHOOK_URL
	webhookSecret string // TELEGRAM_WEBHOOK_SECRET; secret
	apiURL        string // TELEGRAM_API_URL
	webhookPath   string // the path of webhookURL, mounted on our server
}

func (c serveConfig) telegramMode() string {
	switch {
	case c.token == "":
		return "off"
	case c.webhookURL != "":
		return "webhook"
	}
	return "polling"
}

// LogValue shows the configuration with secrets masked and URLs reduced to their host.
func (c serveConfig) LogValue() slog.Value {
	attrs := []slog.Attr{
		slog.String("http", c.http), slog.String("faq", c.faq), slog.String("index", c.index),
		slog.Duration("reload_every", c.reloadEvery), slog.String("log_level", c.logLevel.String()),
		slog.Int("workers", c.workers), slog.Int("chat_limit", c.chatLimit), slog.Int("api_limit", c.apiLimit),
		slog.String("telegram", c.telegramMode()), slog.String("token", maskToken(c.token)),
	}
	if c.webhookURL != "" {
		u, _ := url.Parse(c.webhookURL)
		attrs = append(attrs, slog.String("webhook_host", u.Host), slog.String("webhook_secret", "***"))
	}
	if c.apiURL != defaultAPIURL {
		u, _ := url.Parse(c.apiURL)
		attrs = append(attrs, slog.String("api_host", u.Host))
	}
	return slog.GroupValue(attrs...)
}

// maskToken keeps only the bot's numeric id, which is public.
func maskToken(t string) string {
	if t == "" {
		return "unset"
	}
	id, _, _ := strings.Cut(t, ":")
	return id + ":***"
}

// configError lists every problem of the configuration at once.
type configError struct{ problems []string }

func (e *configError) Error() string {
	return "invalid configuration:\n  - " + strings.Join(e.problems, "\n  - ")
}

var (
	tokenPattern  = regexp.MustCompile(`^[0-9]{1,20}:[A-Za-z0-9_-]{10,}$`)
	secretPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)
	pathPattern   = regexp.MustCompile(`^/[A-Za-z0-9._~/-]*$`)
)

const serveUsage = `usage: vneidbot serve [flags]

Serves the web chat and the HTTP API, and the Telegram bot when TELEGRAM_BOT_TOKEN is set
(long polling, or a webhook on the same server when TELEGRAM_WEBHOOK_URL is set).
SIGHUP reloads faq/ at once; SIGINT/SIGTERM stop it gracefully.

Environment (flags win over it):
  VNEIDBOT_HTTP, VNEIDBOT_FAQ, VNEIDBOT_INDEX, VNEIDBOT_LOG_LEVEL   as --http, --faq, --index, --log-level
  TELEGRAM_BOT_TOKEN        the bot's token from @BotFather (secret; Telegram is off without it)
  TELEGRAM_WEBHOOK_URL      public https URL Telegram posts updates to; its path is served here
  TELEGRAM_WEBHOOK_SECRET   required with a webhook: 1-256 of A-Z a-z 0-9 _ - (secret)
  TELEGRAM_API_URL          Bot API base URL (default https://api.telegram.org)

Flags:
`

// parseServeConfig binds flags and environment and validates the result once, reporting
// every bad field together. flag.ErrHelp is returned for -h.
func parseServeConfig(args []string, e env) (serveConfig, error) {
	var c serveConfig
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringVar(&c.http, "http", envOr(e, "VNEIDBOT_HTTP", defaultHTTP), "listen `address` host:port (env VNEIDBOT_HTTP)")
	faqDir, indexDir := contentFlags(fs, e)
	fs.DurationVar(&c.reloadEvery, "reload-every", 2*time.Second, "how often to check faq/ for changes; 0 reloads on SIGHUP only")
	level := fs.String("log-level", envOr(e, "VNEIDBOT_LOG_LEVEL", "info"), "debug, info, warn or error (env VNEIDBOT_LOG_LEVEL)")
	fs.IntVar(&c.workers, "workers", 8, "Telegram updates handled at once")
	fs.IntVar(&c.chatLimit, "chat-limit", 20, "answers per Telegram chat per minute; 0 for no limit")
	fs.IntVar(&c.apiLimit, "api-limit", 60, "API requests per client address per minute; 0 for no limit (behind a proxy, limit there)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), serveUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	c.faq, c.index = *faqDir, *indexDir
	c.token = strings.TrimSpace(e.getenv("TELEGRAM_BOT_TOKEN"))
	c.webhookURL = strings.TrimSpace(e.getenv("TELEGRAM_WEBHOOK_URL"))
	c.webhookSecret = e.getenv("TELEGRAM_WEBHOOK_SECRET")
	c.apiURL = strings.TrimRight(envOr(e, "TELEGRAM_API_URL", defaultAPIURL), "/")

	var p []string
	bad := func(format string, args ...any) { p = append(p, fmt.Sprintf(format, args...)) }
	if fs.NArg() > 0 {
		bad("unexpected arguments %q", fs.Args())
	}
	if host, port, err := net.SplitHostPort(c.http); err != nil {
		bad("--http %q: want host:port, such as 127.0.0.1:8080", c.http)
	} else if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 || strings.ContainsAny(host, "/ ") {
		bad("--http %q: want host:port with a port from 0 to 65535", c.http)
	}
	if st, err := os.Stat(c.faq); err != nil || !st.IsDir() {
		bad("--faq %q: no such directory", c.faq)
	}
	if c.index == "" {
		bad("--index: must not be empty")
	}
	if c.reloadEvery < 0 || (c.reloadEvery > 0 && c.reloadEvery < 100*time.Millisecond) {
		bad("--reload-every %v: want 0 or at least 100ms", c.reloadEvery)
	}
	if err := c.logLevel.UnmarshalText([]byte(*level)); err != nil {
		bad("--log-level/VNEIDBOT_LOG_LEVEL %q: want debug, info, warn or error", *level)
	}
	if c.workers < 1 || c.workers > 256 {
		bad("--workers %d: want 1 to 256", c.workers)
	}
	if c.chatLimit < 0 {
		bad("--chat-limit %d: want 0 or more", c.chatLimit)
	}
	if c.apiLimit < 0 {
		bad("--api-limit %d: want 0 or more", c.apiLimit)
	}
	// Secrets are never echoed, and neither are URLs that might carry credentials.
	if c.token != "" && !tokenPattern.MatchString(c.token) {
		bad("TELEGRAM_BOT_TOKEN does not look like a bot token (<digits>:<letters, digits, _ or ->)")
	}
	if u, err := url.Parse(c.apiURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		bad("TELEGRAM_API_URL is not an http(s) URL such as https://api.telegram.org")
	}
	if c.webhookURL != "" {
		if c.token == "" {
			bad("TELEGRAM_WEBHOOK_URL is set but TELEGRAM_BOT_TOKEN is not")
		}
		u, err := url.Parse(c.webhookURL)
		switch {
		case err != nil || u.Scheme != "https" || u.Host == "" || u.RawQuery != "" || u.Fragment != "":
			bad("TELEGRAM_WEBHOOK_URL must be a public https URL without query, such as https://bot.example.vn/telegram/<random>")
		case !pathPattern.MatchString(u.Path) || reservedPath(u.Path):
			bad("TELEGRAM_WEBHOOK_URL needs its own path (letters, digits, . _ ~ - /), not / nor one under /api/, /static/, /healthz, /readyz or /metrics")
		default:
			c.webhookPath = u.Path
		}
		if c.webhookSecret == "" {
			bad("TELEGRAM_WEBHOOK_SECRET is required in webhook mode (Telegram sends it with every update)")
		} else if !secretPattern.MatchString(c.webhookSecret) {
			bad("TELEGRAM_WEBHOOK_SECRET must be 1 to 256 characters of A-Z, a-z, 0-9, _ and -")
		}
	}
	if len(p) > 0 {
		return c, &configError{p}
	}
	if c.chatLimit == 0 {
		c.chatLimit = -1 // telegram.Options: negative is "no limit", zero the default
	}
	return c, nil
}

func reservedPath(p string) bool {
	switch strings.TrimRight(p, "/") {
	case "", "/healthz", "/readyz", "/metrics", "/api", "/static":
		return true
	}
	return strings.HasPrefix(p, "/api/") || strings.HasPrefix(p, "/static/")
}

// runServe runs the service until ctx is cancelled (SIGINT/SIGTERM), then stops Telegram
// intake and delivers its queued replies, shuts HTTP down and closes the index, and returns 0.
func runServe(ctx context.Context, args []string, e env) int {
	cfg, err := parseServeConfig(args, e)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	var ce *configError
	if errors.As(err, &ce) {
		fmt.Fprintf(e.stderr, "vneidbot serve: %v\n", err)
		return 2
	}
	if err != nil {
		return 2 // the flag package has said what was wrong
	}
	logger := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: cfg.logLevel}))
	logger.Info("serve.config", "config", cfg)

	// Listen first: a busy port fails now, not after the index is built.
	ln, err := net.Listen("tcp", cfg.http)
	if err != nil {
		fmt.Fprintf(e.stderr, "vneidbot serve: cannot listen on %s: %v\n(another program may be using the port; choose another with --http or VNEIDBOT_HTTP)\n", cfg.http, err)
		return 1
	}
	m := metrics.New()
	api := httpapi.New(logger, m, httpapi.Options{ClientLimit: cfg.apiLimit})
	hook := &lateHandler{}
	if cfg.webhookPath != "" {
		pattern := "POST " + cfg.webhookPath
		if strings.HasSuffix(cfg.webhookPath, "/") {
			pattern += "{$}"
		}
		api.Handle(pattern, webhookMetrics, hook)
	}
	srv := &http.Server{
		Handler:           api,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       90 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
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
	live, err := openKB(ctx, logger, cfg.faq, cfg.index)
	if err != nil {
		stopHTTP()
		if ctx.Err() != nil {
			return 0
		}
		reportOpenError(e.stderr, err)
		return 1
	}
	m.SetIndexSource(func() metrics.IndexStats {
		s := live.Stats()
		return metrics.IndexStats{Entries: s.Entries, Reloads: s.Reloads, ReloadErrors: s.ReloadErrors}
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
				reloadNow(runCtx, logger, live)
			}
		}
	}()
	if cfg.reloadEvery > 0 {
		bg.Add(1)
		go func() { defer bg.Done(); live.Watch(runCtx, cfg.reloadEvery) }()
	}
	api.SetAnswerer(live)
	logger.Info("serve.ready", "entries", live.Stats().Entries)

	exit := 0
	var tgDone chan error
	if cfg.token != "" {
		tg, err := telegram.New(runCtx, logger, live, m, telegram.Options{
			Token: cfg.token, APIURL: cfg.apiURL,
			WebhookURL: cfg.webhookURL, WebhookSecret: cfg.webhookSecret,
			Workers: cfg.workers, ChatLimit: cfg.chatLimit, DrainTimeout: telegramDrain,
		})
		switch {
		case err != nil && ctx.Err() == nil:
			fmt.Fprintf(e.stderr, "vneidbot serve: %v (check TELEGRAM_BOT_TOKEN and TELEGRAM_API_URL)\n", err)
			exit = 1
			stopAll()
		case err == nil:
			hook.set(tg.WebhookHandler())
			tgDone = make(chan error, 1)
			go func() { tgDone <- tg.Run(runCtx) }()
		}
	} else {
		logger.Info("serve.telegram", "mode", "off", "hint", "set TELEGRAM_BOT_TOKEN to answer on Telegram")
	}

	select {
	case <-runCtx.Done():
	case err := <-httpDone:
		logger.Error("serve.http", "err", err)
		exit = 1
	case err := <-tgDone: // nil channel when Telegram is off: never ready
		tgDone = nil
		if err != nil {
			fmt.Fprintf(e.stderr, "vneidbot serve: %v\n", err)
			exit = 1
		}
	}
	start := time.Now()
	logger.Info("serve.stopping")
	stopAll()
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
	logger.Info("serve.stopped", "took", time.Since(start).Round(time.Millisecond), "exit", exit)
	return exit
}

// reloadNow reloads the FAQ on SIGHUP; a FAQ with errors is logged and the old one kept.
func reloadNow(ctx context.Context, logger *slog.Logger, live *kb.Live) {
	start := time.Now()
	before := live.Stats()
	err := live.Reload(ctx)
	var le *kb.LintError
	switch {
	case errors.As(err, &le):
		for _, p := range le.Problems {
			if p.Severity == faq.Error {
				logger.Error("serve.reload", "trigger", "sighup", "outcome", "kept_previous", "file", p.File, "line", p.Line, "problem", p.Message)
			}
		}
	case err != nil:
		logger.Error("serve.reload", "trigger", "sighup", "outcome", "kept_previous", "err", err)
	default:
		after := live.Stats()
		logger.Info("serve.reload", "trigger", "sighup", "changed", after.Hash != before.Hash, "entries", after.Entries,
			"took", time.Since(start).Round(time.Millisecond))
	}
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
